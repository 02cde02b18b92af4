/**
 * The Index page's view in the URL: `?iperiod=2026-Q3` (a closed period; absent: the header's current
 * month, quarter or year, else the month), `order=improvement`, `unit=<code>&kind=department`, and in a
 * national pack `province=<code>` (that province's communes instead of the country's provinces).
 */
import { CITY_CODE } from '../../api';
import { CURRENT_INDEX_PERIODS, isIndexPeriod, type RankingOrder } from './index-model';

export interface IndexView {
  /** The API's `period`: `month`, `quarter`, `year` or a named one. */
  period: string;
  order: RankingOrder;
  /** The unit or department whose breakdown is shown, or null. */
  code: string | null;
  kind: 'unit' | 'department' | 'city';
  /** A national pack's province whose communes are ranked (`?province=01`); null: the country's provinces. */
  province: string | null;
}

export function readIndexView(p: URLSearchParams): IndexView {
  const named = p.get('iperiod');
  const header = p.get('period');
  const period = isIndexPeriod(named)
    ? named
    : (CURRENT_INDEX_PERIODS as readonly (string | null)[]).includes(header)
      ? (header as string)
      : 'month';
  const code = p.get('unit') || null;
  const kind = code === CITY_CODE ? 'city' : p.get('kind') === 'department' ? 'department' : 'unit';
  const province = p.get('province');
  return {
    period,
    order: p.get('order') === 'improvement' ? 'improvement' : 'rank',
    code,
    kind,
    province: province !== null && /^\d{2}$/.test(province) ? province : null,
  };
}

/** The URL changes for a period chosen in the page's selector: a current one is the header's too. */
export function periodPatch(period: string): Record<string, string | null> {
  return (CURRENT_INDEX_PERIODS as readonly string[]).includes(period) ? { period, iperiod: null } : { iperiod: period };
}

/** The URL changes for a province drilled into (null: back to the country), its breakdown closed. */
export function provincePatch(province: string | null): Record<string, string | null> {
  return { province, unit: null, kind: null };
}

/** The URL changes for a unit, department or the city chosen (null: none). */
export function selectionPatch(code: string | null, kind: IndexView['kind']): Record<string, string | null> {
  return { unit: code, kind: code !== null && kind === 'department' ? 'department' : null };
}
