/**
 * Who held the dossier, step by step: held vs allotted working days and the delay, with the name of
 * each buck-passing rule whose case includes the hold ("Chuyển qua lại", "Trả về bước trước"…), and
 * the case being shown highlighted. Chronological by default; headers sort it.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HoldView } from '../../../shared/contract/api';
import type { BuckPassingCaseView, BuckPassingRule } from '../../../shared/contract/buck-passing';
import { useFormat } from '../../i18n';
import { DataTable } from '../unit/DataTable';
import type { Column } from '../unit/DataTable';
import { formatDayTime } from '../unit/datetime';
import { nextSort, sortRows } from '../unit/sorting';
import type { SortState, SortValue } from '../unit/sorting';
import { holdCaseMarks } from './timeline-model';

export interface HoldRow extends HoldView {
  step: number;
  /** Rules of the buck-passing cases this hold is part of. */
  rules: BuckPassingRule[];
  /** In the case being shown. */
  inCase: boolean;
}

/** Numbers the holds as steps (1-based) and marks those in buck-passing cases and in the case shown. */
export function holdRows(
  holds: readonly HoldView[],
  cases: readonly BuckPassingCaseView[] = [],
  selected: BuckPassingCaseView | null = null,
): HoldRow[] {
  const marks = holdCaseMarks(holds.length, cases, selected);
  return holds.map((h, i) => ({ ...h, step: i + 1, rules: marks[i].rules, inCase: marks[i].inSelected === true }));
}

const SORT_VALUE: Record<string, (r: HoldRow) => SortValue> = {
  handler: (r) => r.handlerName,
  step: (r) => r.step,
  from: (r) => Date.parse(r.from),
  to: (r) => (r.to ? Date.parse(r.to) : Number.POSITIVE_INFINITY),
  held: (r) => r.heldDays,
  allotted: (r) => r.allottedDays,
  delay: (r) => r.delayDays,
};

export interface HoldsTableProps {
  holds: readonly HoldView[];
  /** The dossier's buck-passing cases, and the one shown (its holds highlighted). */
  cases?: readonly BuckPassingCaseView[];
  selected?: BuckPassingCaseView | null;
}

export function HoldsTable({ holds, cases = [], selected = null }: HoldsTableProps) {
  const { t } = useTranslation('item');
  const { t: tb } = useTranslation('buckPassing');
  const f = useFormat();
  const [sort, setSort] = useState<SortState>({ key: null, dir: 'asc' });
  const rows = useMemo(() => holdRows(holds, cases, selected), [holds, cases, selected]);
  const sorted = useMemo(() => (sort.key && SORT_VALUE[sort.key] ? sortRows(rows, SORT_VALUE[sort.key], sort.dir) : rows), [rows, sort]);

  const columns: Column<HoldRow>[] = [
    {
      key: 'handler',
      header: t('holds.handler'),
      cell: (r) => (
        <>
          {r.handlerName}
          {r.rules.map((rule) => (
            <span key={rule} className="badge badge-case" title={tb(`ruleHint.${rule}`, { transfers: '', holders: '' })}>
              {tb(`rule.${rule}`)}
            </span>
          ))}
        </>
      ),
    },
    { key: 'step', header: t('holds.step'), numeric: true, firstDir: 'asc', cell: (r) => t('holds.stepN', { n: r.step }) },
    { key: 'from', header: t('holds.from'), cell: (r) => formatDayTime(r.from) },
    { key: 'to', header: t('holds.to'), cell: (r) => (r.to ? formatDayTime(r.to) : <em>{t('holds.holding')}</em>) },
    { key: 'held', header: t('holds.held'), numeric: true, cell: (r) => f.fixed(r.heldDays) },
    { key: 'allotted', header: t('holds.allotted'), numeric: true, cell: (r) => f.fixed(r.allottedDays) },
    {
      key: 'delay',
      header: t('holds.delay'),
      numeric: true,
      cell: (r) => (r.delayDays > 0 ? <strong className="text-danger">{f.fixed(r.delayDays)}</strong> : f.fixed(0)),
    },
  ];

  return (
    <DataTable
      caption={t('holds.title')}
      hideCaption
      columns={columns}
      rows={sorted}
      rowKey={(r) => `${r.step}`}
      rowTestId={(r) => `hold-row-${r.step}`}
      rowClassName={(r) => (r.inCase ? 'row-case' : r.delayDays > 0 || r.rules.length > 0 ? 'row-flagged' : undefined)}
      sort={sort}
      onSort={(key, firstDir) => setSort((s) => nextSort(s, key, firstDir))}
      empty={t('holds.empty')}
      testId="dossier-holds"
    />
  );
}
