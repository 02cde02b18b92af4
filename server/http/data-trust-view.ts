/** Data trust on the wire: a stored flag as the lists show it, and the per-unit figures of a window. */
import type { StoredFlag } from '../db/data-trust-repo.js';
import { toVnIso } from '../domain/time.js';
import {
  DATA_TRUST_RULES,
  DATA_TRUST_RULE_SEVERITY,
  DATA_TRUST_SEVERITY_WEIGHT,
  type DataTrustFlagView,
  type DataTrustRule,
  type DataTrustRuleCount,
  type DataTrustVerdict,
} from '../../shared/contract/data-trust.js';

const iso = (t: number | null) => (t === null ? null : toVnIso(t));

export interface FlagViewOptions {
  /** The asker may see officials' names. */
  names: boolean;
  /** The asker may open the dossiers of this unit. */
  canOpen: (unit: string) => boolean;
  nameOf: (code: string) => string;
}

export function flagView(f: StoredFlag, o: FlagViewOptions): DataTrustFlagView {
  return {
    id: f.id,
    rule: f.rule,
    severity: DATA_TRUST_RULE_SEVERITY[f.rule],
    unit: f.unit,
    unitName: o.nameOf(f.unit),
    dossierId: f.dossierId,
    official: o.names ? f.official : null,
    raisedAt: toVnIso(f.raisedAt),
    evidence: f.evidence.map((e) => ({
      dossierId: e.dossierId,
      eventId: e.eventId,
      type: e.type,
      at: toVnIso(e.at),
      arrivedAt: iso(e.arrivedAt),
      limitAt: iso(e.limitAt),
      figure: e.figure ?? null,
    })),
    status: f.review?.verdict ?? 'open',
    review: f.review && { verdict: f.review.verdict, note: f.review.note, by: f.review.by, at: toVnIso(f.review.at) },
    link: f.dossierId !== null && o.canOpen(f.unit) ? `/dossiers/${encodeURIComponent(f.dossierId)}` : null,
  };
}

/** Flags per rule, every rule listed (0 when none). */
export function ruleCounts(rows: readonly { rule: DataTrustRule; flags: number; open: number }[]): DataTrustRuleCount[] {
  return DATA_TRUST_RULES.map((rule) => {
    const r = rows.find((x) => x.rule === rule);
    return { rule, flags: r?.flags ?? 0, open: r?.open ?? 0 };
  });
}

/** What a unit's figure is made of: dossiers received, and the weight of each flagged dossier. */
export interface TrustTally {
  dossiers: number;
  /** Dossier id → weight of its most serious flag that is not justified. */
  weights: Map<string, number>;
  byRule: Map<DataTrustRule, { flags: number; open: number }>;
}

export function emptyTally(): TrustTally {
  return { dossiers: 0, weights: new Map(), byRule: new Map() };
}

/** Counts one flag into a tally (a justified flag is counted per rule, but weighs nothing). */
export function tallyFlag(t: TrustTally, f: { dossierId: string | null; rule: DataTrustRule; verdict: DataTrustVerdict | null }): void {
  const r = t.byRule.get(f.rule) ?? { flags: 0, open: 0 };
  r.flags++;
  if (f.verdict === null) r.open++;
  t.byRule.set(f.rule, r);
  if (f.dossierId === null || f.verdict === 'justified') return;
  const w = DATA_TRUST_SEVERITY_WEIGHT[DATA_TRUST_RULE_SEVERITY[f.rule]];
  t.weights.set(f.dossierId, Math.max(t.weights.get(f.dossierId) ?? 0, w));
}

/** The figure: 100 × (1 − Σ weights ÷ dossiers received), rounded down to one decimal (100: no flagged dossier); null with no dossier. */
export function trustOf(t: TrustTally): { flaggedDossiers: number; trust: number | null; byRule: DataTrustRuleCount[] } {
  let sum = 0;
  for (const w of t.weights.values()) sum += w;
  // A dossier flagged but received outside the counted days (or not counted) never takes the figure below 0.
  const trust = t.dossiers === 0 ? null : Math.max(0, Math.floor(1000 * (1 - sum / t.dossiers) + 1e-9) / 10);
  return {
    flaggedDossiers: t.weights.size,
    trust,
    byRule: ruleCounts([...t.byRule].map(([rule, c]) => ({ rule, ...c }))),
  };
}
