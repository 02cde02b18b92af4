/**
 * Per-unit corrections on the overview (issue 16): shown "as corrected", the overview as received at
 * the same moment is read too, and each unit's overdue dossiers are compared (correction.ts, the unit
 * page's definition). Only in that mode: as received, reading the corrected state could be refused
 * (replay_too_far) or cost a long refold; as corrected, the received state folds from a checkpoint.
 */
import { useMemo } from 'react';
import type { OverviewResponse } from '../../../shared/contract/api';
import type { Period } from '../../../shared/contract/metrics';
import type { ReplayInfo } from '../../../shared/contract/replay';
import { fetchOverview, useApi } from '../../api';
import { correctedCount, unitCorrections, type Correction } from './correction';
import { toAtParam, type ReplayParams } from './replay-time';

export interface OverviewCorrections {
  byUnit: ReadonlyMap<string, Correction>;
  /** Each unit's difference alone (the table's column). */
  diffs: ReadonlyMap<string, number>;
  /** Units whose figures were corrected since (the two modes differ). */
  count: number;
}

export function useOverviewCorrections(
  replay: ReplayParams | null,
  period: Period,
  province: string | null,
  shown: (OverviewResponse & { replay?: ReplayInfo }) | null,
): OverviewCorrections | null {
  const at = replay?.asOf === 'corrected' ? toAtParam(replay.at) : null;
  const received = useApi(at === null ? null : (signal) => fetchOverview(period, { signal }, { at, asOf: 'received' }, province), [
    at,
    period,
    province,
  ]);
  const other = at !== null && received.data?.replay?.at === shown?.asOf ? received.data : null;
  return useMemo(() => {
    // The answer on screen may still be the other mode's while the corrected one loads.
    if (!other || shown?.replay?.asOf !== 'corrected') return null;
    const byUnit = unitCorrections('corrected', shown.units, other.units);
    return { byUnit, diffs: new Map([...byUnit].map(([code, c]) => [code, c.diff])), count: correctedCount(byUnit) };
  }, [other, shown]);
}
