/**
 * The overview's map and tiles while comparing two moments: each unit coloured by its change in
 * overdue dossiers from A to B (diverging: red more, blue fewer, neutral none), its tooltip "A → B",
 * its tile the signed change. Null when not comparing (the map shows the metric as usual).
 */
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n';
import type { ReplayAsOf } from '../../../shared/contract/replay';
import type { MapUnitView } from '../overview/GeoMap';
import { changeViews } from './compare';
import { useCompareAnswer, type CompareAnswer } from './useCompareAnswer';

export interface CompareMap {
  views: Record<string, MapUnitView>;
  tileValue: (code: string) => string;
  /** The changes of the units only (the legend's scale is theirs). */
  changes: ReturnType<typeof changeViews>;
  /** A (earlier) and B. */
  from: number;
  to: number;
}

/** The comparison asked in the URL (for the time bar's panel too) and, once here, the map's views of it. */
export function useCompareMap(
  replay: { at: number; asOf: ReplayAsOf } | null,
  base: Record<string, MapUnitView>,
): { answer: CompareAnswer; map: CompareMap | null } {
  const answer = useCompareAnswer(replay?.at ?? null, replay?.asOf ?? 'received');
  return { answer, map: useChangeMap(answer, base) };
}

function useChangeMap(answer: CompareAnswer, base: Record<string, MapUnitView>): CompareMap | null {
  const { t } = useTranslation('replay');
  const f = useFormat();
  const data = answer.moments ? answer.res.data : null;
  const changes = useMemo(() => changeViews(data?.rows ?? []), [data]);
  const views = useMemo(() => {
    const out: Record<string, MapUnitView> = {};
    // Not comparing: nothing to build (this ran on every live update, 168–3,321 translations each).
    if (!data) return out;
    for (const [code, v] of Object.entries(base)) {
      const c = changes.get(code);
      out[code] = c?.row
        ? {
            level: 'good',
            label: v.label,
            valueText: t('compare.mapValue', { from: f.count(c.row.from), to: f.count(c.row.to), n: f.signed(c.row.change, 0) }),
            fill: c.fill,
            ink: c.ink,
          }
        : { level: 'none', label: v.label, valueText: t('compare.mapNoData') };
    }
    return out;
  }, [data, base, changes, t, f]);
  const tileValue = useCallback(
    (code: string) => {
      const r = changes.get(code)?.row;
      return r ? f.signed(r.change, 0) : '—';
    },
    [changes, f],
  );
  const m = answer.moments;
  return data && m ? { views, tileValue, changes, from: m.from, to: m.to } : null;
}
