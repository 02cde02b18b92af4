/**
 * Our service index beside the national portal's published figure (imported by `npm run
 * index:import`): the difference of totals, whether it exceeds the setting `portalDifferenceLimit`,
 * and the groups that differ most. Pure: the stored figure and our index in, the wire figure out.
 */
import { INDEX_GROUPS, type IndexGroup, type PortalFigure, type ServiceIndex } from '../../shared/contract/service-index.js';
import { round2 } from './service-index.js';

/** A figure as the portal published it and the import stored it. */
export interface PublishedFigure {
  total: number;
  /** The groups the file gave (an empty cell leaves its group out). */
  groups: Partial<Record<IndexGroup, number>>;
  /** ISO instant of the import that stored it. */
  importedAt: string;
  /** The imported file's name. */
  source: string;
}

/**
 * Our points of each group under the no-data rule, out of the group's maximum, as the portal counts
 * them: `full` adds the maximum of the group's indicators without points (the portal's rule for
 * communes), so the groups add up to our total; `scaled` scales the group's computed points to its
 * maximum, and a group with nothing computed has no figure (null).
 */
export function ourGroupPoints(index: ServiceIndex): Record<IndexGroup, number | null> {
  const out = {} as Record<IndexGroup, number | null>;
  for (const g of index.groups) {
    if (index.rule === 'full') out[g.group] = round2(g.points + (g.max - g.applicableMax));
    else out[g.group] = g.applicableMax === 0 ? null : round2((g.points * g.max) / g.applicableMax);
  }
  return out;
}

/**
 * The portal's figure beside ours. `ourTotal` is null when the period had nothing to judge: then there
 * is no difference, no flag and no differing group. Flagged when |difference| is above `limit` (at
 * exactly the limit it is not).
 */
export function comparePortal(ourTotal: number | null, ours: ServiceIndex, published: PublishedFigure, limit: number): PortalFigure {
  const base = { total: published.total, groups: { ...published.groups }, importedAt: published.importedAt, source: published.source };
  if (ourTotal === null) return { ...base, difference: null, flagged: false, differingGroups: [] };
  const difference = round2(ourTotal - published.total);
  const mine = ourGroupPoints(ours);
  const differingGroups: PortalFigure['differingGroups'] = [];
  for (const group of INDEX_GROUPS) {
    const portal = published.groups[group];
    const own = mine[group];
    if (portal === undefined || own === null) continue;
    const d = round2(own - portal);
    if (d !== 0) differingGroups.push({ group, ours: own, portal, difference: d });
  }
  // Largest first; equal ones keep the portal's group order (stable sort).
  differingGroups.sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference));
  return { ...base, difference, flagged: Math.abs(difference) > limit, differingGroups };
}
