/**
 * One dossier (`/dossiers/:id`): the facts, the timeline of who held it against the due dates, the
 * events, the holds table with delays, and its buck-passing cases; `?case=<id>` highlights one
 * case's cycle on the timeline and in the holds (the evidence a buck-passing list links to).
 */
import { useEffect, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DossierDetailResponse } from '../../../shared/contract/api';
import { fetchDossier, useApi, useJurisdiction } from '../../api';
import { LevelCrumbs } from '../overview/LevelCrumbs';
import { useFormat } from '../../i18n';
import { useViewParams } from '../../lib/url-state';
import { formatDayTime } from '../unit/datetime';
import { LoadError } from '../unit/LoadError';
import { DossierTimeline } from './DossierTimeline';
import { HoldsTable } from './HoldsTable';
import { SummaryList } from './SummaryList';
import type { SummaryItem } from './SummaryList';
import { TimelinessBadge } from './TimelinessBadge';
import { findCase, parseInstant } from './timeline-model';
import { DossierCases, HighlightNote } from './DossierCases';
import { SendRequest } from '../requests/SendRequest';
import { useRequestTimeline } from '../requests/use-request-timeline';
import { DossierStateAt } from '../replay/DossierStateAt';
import { useSignedInReplay } from '../replay/useSignedInReplay';
import type { ReplayParams } from '../replay/replay-time';
import '../unit/drill.css';

function useDossierSummary(d: DossierDetailResponse): SummaryItem[] {
  const { t } = useTranslation('item');
  const f = useFormat();
  const { linkTo } = useViewParams();
  const dueMoved = d.originalDueAt !== null && d.dueAt !== null && d.originalDueAt !== d.dueAt;
  const items: SummaryItem[] = [
    { key: 'id', label: t('dossier.id'), value: d.id },
    {
      key: 'unit',
      label: t('dossier.unit'),
      value: <Link to={linkTo(`/units/${encodeURIComponent(d.unit)}`)}>{d.unitName || d.unit}</Link>,
    },
    {
      key: 'procedure',
      label: t('dossier.procedure'),
      value: d.procedure ? `${d.procedure.name} (${d.procedure.code})` : '—',
    },
    { key: 'field', label: t('dossier.field'), value: d.procedure?.field ?? '—' },
    {
      key: 'legalDays',
      label: t('dossier.legalDays'),
      value: d.procedure ? t('dossier.legalDaysValue', { days: f.number(d.procedure.legalDays, 1) }) : '—',
    },
    { key: 'channel', label: t('dossier.channel'), value: d.channel ? t(`channel.${d.channel}`) : '—' },
    { key: 'receivedAt', label: t('dossier.receivedAt'), value: formatDayTime(d.receivedAt) },
    { key: 'originalDueAt', label: t('dossier.originalDueAt'), value: formatDayTime(d.originalDueAt) },
    {
      key: 'dueAt',
      label: t('dossier.dueAtInForce'),
      value: (
        <>
          {formatDayTime(d.dueAt)}
          {dueMoved && <span className="muted"> {t('dossier.dueMoved')}</span>}
        </>
      ),
    },
    { key: 'endAt', label: t('dossier.endAt'), value: d.endAt ? formatDayTime(d.endAt) : t('dossier.notEnded') },
    { key: 'status', label: t('dossier.status'), value: t(`status.${d.status}`, { defaultValue: d.status }) },
    { key: 'timeliness', label: t('dossier.timeliness'), value: <TimelinessBadge value={d.timeliness} kind="dossier" /> },
  ];
  if (d.overdueReason === 'supplements') {
    items.push({
      key: 'overdueReason',
      label: t('dossier.overdueReason'),
      value: <strong className="text-danger">{t('dossier.overdueBySupplements', { n: f.count(d.supplementRequests) })}</strong>,
    });
  }
  if (d.daysOverdue > 0) {
    items.push({
      key: 'daysOverdue',
      label: t('dossier.daysOverdue'),
      value: <strong className="text-danger">{f.number(d.daysOverdue, 1)}</strong>,
    });
  }
  items.push(
    // An open dossier's figure runs up to now: it says so, or it reads as a finished dossier's time.
    { key: 'processingDays', label: t(`dossier.processingDays${d.endAt ? '' : 'SoFar'}`), value: f.number(d.processingDays, 1) },
    { key: 'supplementRequests', label: t('dossier.supplementRequests'), value: f.count(d.supplementRequests) },
  );
  if (d.returnedAt) items.push({ key: 'returnedAt', label: t('dossier.returnedAt'), value: formatDayTime(d.returnedAt) });
  if (d.apologies.length > 0) {
    items.push({
      key: 'apologies',
      label: t('dossier.apologies'),
      value: (
        <ul className="plain-list">
          {d.apologies.map((a, i) => (
            <li key={i}>
              {t('dossier.apologyItem', { at: formatDayTime(a.at), proposed: formatDayTime(a.proposedDueAt), reason: a.reason })}
            </li>
          ))}
        </ul>
      ),
    });
  }
  if (d.rating) items.push({ key: 'rating', label: t('dossier.rating'), value: t(`rating.${d.rating}`, { defaultValue: d.rating }) });
  return items;
}

/** A national pack's dossier: Cả nước › its province › its commune › it (nothing in a city pack). */
function DossierCrumbs({ d }: { d: DossierDetailResponse }) {
  const { t } = useTranslation('item');
  const j = useJurisdiction().data;
  const unit = j?.units.find((u) => u.code === d.unit);
  const province = unit?.province === undefined ? undefined : j?.provinces?.find((p) => p.code === unit.province);
  if (!unit || !province) return null;
  return (
    <LevelCrumbs
      province={province}
      commune={{ code: unit.code, name: d.unitName || unit.fullName }}
      here={t('dossier.title', { id: d.id })}
    />
  );
}

/** A past moment shown (`?at=`): its state beside the page, and a way back. */
interface ReplayView {
  replay: ReplayParams;
  onChange: (next: ReplayParams | null, push: boolean) => void;
}

function DossierView({ d, replayView }: { d: DossierDetailResponse; replayView: ReplayView | null }) {
  const { t } = useTranslation('item');
  const { t: tb } = useTranslation('buckPassing');
  const summary = useDossierSummary(d);
  const now = parseInstant(d.asOf) ?? Date.now();
  const requests = useRequestTimeline('dossier', d.id);
  const holder = d.holds.length ? d.holds[d.holds.length - 1] : null;
  const { searchParams } = useViewParams();
  const cases = d.buckPassing ?? [];
  const selected = findCase(cases, searchParams.get('case'));
  const timelineRef = useRef<HTMLElement>(null);
  const selectedId = selected?.id ?? null;
  // Arriving from a list with a case: the evidence is the timeline, bring it into view.
  useEffect(() => {
    if (selectedId) timelineRef.current?.scrollIntoView?.({ block: 'start' });
  }, [selectedId]);
  return (
    <>
      {replayView && <DossierStateAt replay={replayView.replay} block={d.stateAt} onChange={replayView.onChange} />}
      <header className="page-head">
        <DossierCrumbs d={d} />
        <h1>
          {t('dossier.title', { id: d.id })} <TimelinessBadge value={d.timeliness} kind="dossier" />
        </h1>
        <p className="page-meta">{t('asOf', { time: formatDayTime(d.asOf) })}</p>
        <SendRequest
          subject={{ type: 'dossier', id: d.id, title: d.procedure?.name ?? null, holderUnit: holder?.handlerUnit ?? null }}
          onSent={requests.feed.apply}
        />
      </header>
      <section className="block" aria-labelledby="dossier-summary-title">
        <h2 id="dossier-summary-title">{t('dossier.summary')}</h2>
        <SummaryList items={summary} testId="dossier-summary" />
      </section>
      <section className="block" aria-labelledby="dossier-cases-title">
        <h2 id="dossier-cases-title">{tb('dossier.title')}</h2>
        <DossierCases dossierId={d.id} cases={cases} selected={selected} />
      </section>
      <section className="block bp-evidence-target" aria-labelledby="dossier-timeline-title" ref={timelineRef}>
        <h2 id="dossier-timeline-title">{t('timeline.title')}</h2>
        {selected && <HighlightNote c={selected} />}
        <DossierTimeline dossier={d} now={now} extra={requests.extra} selectedCase={selectedId} at={replayView?.replay.at ?? null} />
      </section>
      <section className="block" aria-labelledby="dossier-holds-title">
        <h2 id="dossier-holds-title">{t('holds.title')}</h2>
        <HoldsTable holds={d.holds} cases={cases} selected={selected} />
      </section>
    </>
  );
}

export function DossierPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('item');
  const replaying = useSignedInReplay(useViewParams());
  const { replay, query } = replaying;
  const res = useApi((signal) => fetchDossier(id, { signal }, query), [id, replaying.key]);
  const d = res.data && res.data.id === id ? res.data : null;
  const replayView = replay ? { replay, onChange: replaying.setReplay } : null;

  let body;
  if (res.error && !d) {
    body = res.error.isNotFound ? (
      <div role="alert" className="load-error not-found" data-testid="dossier-not-found">
        <h1>{t('dossier.title', { id })}</h1>
        <p>{t('dossier.notFound', { id })}</p>
      </div>
    ) : (
      <LoadError error={res.error} onRetry={res.reload} message={t('error')} />
    );
  } else if (!d) {
    body = <p role="status">{t('loading')}</p>;
  } else {
    body = <DossierView d={d} replayView={replayView} />;
  }
  return (
    <article
      className={replay ? 'drill-page dossier-page dossier-page--replay phone-ready' : 'drill-page dossier-page phone-ready'}
      data-testid="dossier-page"
      aria-busy={res.loading || undefined}
    >
      {body}
    </article>
  );
}
