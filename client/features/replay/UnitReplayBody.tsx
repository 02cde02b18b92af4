/**
 * The unit page at a past moment (issue 16): the heading, the headline figures as they stood then,
 * what a replay does not show and why, and the dossiers overdue then with who held them.
 */
import { useTranslation } from 'react-i18next';
import type { UnitDetailResponse } from '../../../shared/contract/api';
import type { Period } from '../../../shared/contract/metrics';
import type { ReplayInfo } from '../../../shared/contract/replay';
import { KpiStrip } from '../unit/KpiStrip';
import { UnitHeader } from '../unit/UnitHeader';
import { CorrectionNote } from './CorrectionNote';
import { ReplayOverdueList } from './ReplayOverdueList';
import type { ReplayParams } from './replay-time';

export interface UnitReplayBodyProps {
  detail: UnitDetailResponse & { replay?: ReplayInfo };
  code: string;
  period: Period;
  replay: ReplayParams;
  query: { at: string; asOf: 'received' | 'corrected' };
  /** Whether the asker may see this scope's dossier lists (names of officials). */
  lists: boolean;
}

export function UnitReplayBody({ detail, code, period, replay, query, lists }: UnitReplayBodyProps) {
  const { t } = useTranslation('replay');
  return (
    <>
      <UnitHeader detail={detail} asOf={detail.asOf} live={null} replaying />
      <KpiStrip metrics={detail.metrics} period={period} previous={null} previousToDate={null} />
      <CorrectionNote code={code} period={period} at={query.at} asOf={query.asOf} shown={detail.metrics.overdue} />
      <p className="muted replay-omitted" data-testid="replay-omitted">
        {t('unitOmitted')}
      </p>
      {lists && <ReplayOverdueList code={code} query={query} at={replay.at} />}
    </>
  );
}
