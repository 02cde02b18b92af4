/**
 * The drill from an index count to its dossiers, in the URL: the unit page (`/units/<code>`, the
 * city's and departments' too) with `indicator=<id>&side=numerator|denominator` and the index's
 * period as the Index page keeps it (`period` for a current one, `iperiod` for a closed one), and
 * the dossier list API asked the same (shared/contract/index-drill.ts).
 */
import { INDEX_DRILL_SIDES, type IndexDrillSide } from '../../../shared/contract/index-drill';
import { COMPUTABLE_INDICATORS, type IndicatorId } from '../../../shared/contract/service-index';
import { apiUrl } from '../../api';
import { periodPatch, readIndexView } from './url';

export interface IndexDrillView {
  indicator: IndicatorId;
  side: IndexDrillSide;
  /** The API's `period`: `month`, `quarter`, `year` or a named one. */
  period: string;
}

/** The drill the URL asks for, or null (no drill, or an indicator or side the server does not drill). */
export function readIndexDrill(p: URLSearchParams): IndexDrillView | null {
  const indicator = p.get('indicator');
  const side = p.get('side');
  if (!(COMPUTABLE_INDICATORS as readonly (string | null)[]).includes(indicator)) return null;
  if (!(INDEX_DRILL_SIDES as readonly (string | null)[]).includes(side)) return null;
  return { indicator: indicator as IndicatorId, side: side as IndexDrillSide, period: readIndexView(p).period };
}

/** The unit page's path and URL changes that open a drill (pass both to linkTo). */
export function indexDrillLink(code: string, d: IndexDrillView): { path: string; extra: Record<string, string | null> } {
  return {
    path: `/units/${encodeURIComponent(code)}`,
    extra: { ...periodPatch(d.period), indicator: d.indicator, side: d.side },
  };
}

/** URL keys removed to close a drill and go back to the work lists. */
export const CLOSE_INDEX_DRILL_KEYS = ['indicator', 'side', 'iperiod', 'sort', 'dir', 'page'] as const;

/** GET /api/v1/units/:code/dossiers?indicator=&side=&period=&page=&pageSize=&sort=&dir= */
export function indexDrillUrl(
  code: string,
  d: IndexDrillView,
  q: { page: number; pageSize: number; sort?: string | null; dir?: string },
): string {
  return apiUrl(`/units/${encodeURIComponent(code)}/dossiers`, {
    indicator: d.indicator,
    side: d.side,
    period: d.period,
    page: q.page,
    pageSize: q.pageSize,
    sort: q.sort ?? undefined,
    dir: q.sort ? q.dir : undefined,
  });
}
