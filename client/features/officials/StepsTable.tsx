/**
 * The period's steps of an official (finished in it, or held beyond the allotted time during it),
 * most hours beyond first, narrowed by the chips: beyond allotted time, finished, within a buck-passing
 * case (each such step names the case's rule and opens its cycle on the dossier's timeline). The
 * chosen chip is in the URL (`?steps=beyond`), so a figure of the list opens the steps behind it.
 */
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OfficialStep } from '../../../shared/contract/officials';
import { useFormat } from '../../i18n';
import { useViewParams } from '../../lib/url-state';
import { DataTable, type Column } from '../unit/DataTable';
import { formatDayTime } from '../unit/datetime';
import { readStepFilter, STEP_FILTERS, type StepFilter } from './url';

const NO_SORT = { key: null, dir: 'asc' } as const;

/** Steps a chip keeps. */
export function stepsOf(rows: readonly OfficialStep[], filter: StepFilter): OfficialStep[] {
  switch (filter) {
    case 'beyond':
      return rows.filter((s) => s.beyondHoursInPeriod > 0);
    case 'done':
      return rows.filter((s) => s.done);
    case 'inCase':
      return rows.filter((s) => s.cases.length > 0);
    default:
      return [...rows];
  }
}

export function StepsTable({ rows, total }: { rows: readonly OfficialStep[]; total: number }) {
  const { t } = useTranslation('officials');
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const filter = readStepFilter(params);
  const shown = stepsOf(rows, filter);

  const columns = useStepColumns();

  const choose = (next: StepFilter) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (next === 'all') p.delete('steps');
        else p.set('steps', next);
        return p;
      },
      { replace: true, preventScrollReset: true },
    );

  return (
    <section className="block" id="steps" aria-labelledby="steps-title" tabIndex={-1}>
      <h2 id="steps-title">{t('steps.title')}</h2>
      <p className="hint">{t('steps.hint')}</p>
      <div className="off-chips" role="group" aria-label={t('steps.title')}>
        {STEP_FILTERS.map((k) => (
          <button key={k} type="button" className="off-chip" aria-pressed={filter === k} onClick={() => choose(k)}>
            {t(`steps.${k}`)}
          </button>
        ))}
      </div>
      <div className="off-table">
        <DataTable
          caption={t('steps.title')}
          hideCaption
          columns={columns}
          rows={shown}
          rowKey={(s) => `${s.dossierId}|${s.from}`}
          sort={NO_SORT}
          onSort={() => {}}
          empty={t('steps.empty')}
          testId="official-steps"
        />
      </div>
      {total > rows.length && <p className="hint">{t('steps.truncated', { shown: f.count(rows.length), total: f.count(total) })}</p>}
    </section>
  );
}

/** The steps' columns: hours beyond allotted time in the period first. */
function useStepColumns(): Column<OfficialStep>[] {
  const { t } = useTranslation('officials');
  const { t: tb } = useTranslation('buckPassing');
  const f = useFormat();
  const { linkTo } = useViewParams();
  return useMemo<Column<OfficialStep>[]>(
    () => [
      {
        key: 'dossierId',
        header: t('steps.dossier'),
        sortable: false,
        cell: (s) => (
          <>
            {s.canOpen ? <Link to={linkTo(`/dossiers/${encodeURIComponent(s.dossierId)}`)}>{s.dossierId}</Link> : s.dossierId}
            {s.cases.map((c) =>
              s.canOpen ? (
                <Link
                  key={c.id}
                  className={`bp-rule bp-rule--${c.rule} off-step-case`}
                  to={linkTo(`/dossiers/${encodeURIComponent(s.dossierId)}`, { case: c.id })}
                  title={t('steps.caseLink')}
                >
                  {tb(`rule.${c.rule}`)}
                </Link>
              ) : (
                <span key={c.id} className={`bp-rule bp-rule--${c.rule} off-step-case`}>
                  {tb(`rule.${c.rule}`)}
                </span>
              ),
            )}
          </>
        ),
      },
      {
        key: 'beyond',
        header: t('steps.beyondInPeriod'),
        sortable: false,
        numeric: true,
        cell: (s) => (s.beyondHoursInPeriod > 0 ? <strong className="text-danger">{f.fixed(s.beyondHoursInPeriod)}</strong> : f.fixed(0)),
      },
      {
        key: 'within',
        header: t('steps.within'),
        sortable: false,
        cell: (s) => (s.within === null ? '—' : s.within ? t('steps.yes') : <span className="text-danger">{t('steps.no')}</span>),
      },
      { key: 'held', header: t('steps.held'), sortable: false, numeric: true, cell: (s) => f.fixed(s.heldHours) },
      { key: 'allotted', header: t('steps.allotted'), sortable: false, numeric: true, cell: (s) => f.fixed(s.allottedHours) },
      { key: 'from', header: t('steps.from'), sortable: false, cell: (s) => formatDayTime(s.from) },
      {
        key: 'to',
        header: t('steps.to'),
        sortable: false,
        cell: (s) => (s.to ? formatDayTime(s.to) : <span className="muted">{t('steps.stillHeld')}</span>),
      },
    ],
    [t, tb, f, linkTo],
  );
}
