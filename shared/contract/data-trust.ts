/**
 * Data trust (Độ tin cậy dữ liệu, DOMAIN.md "Accountability"): the logic checks run on every accepted
 * event (server/domain/data-trust.ts), one flag as the lists show it with its evidence, the per-unit
 * data-trust figure, and the answers of the data-trust routes. Flags sit beside the service metrics
 * and never change them. Instants are ISO 8601 with +07:00. Imports nothing outside the contract.
 */
import type { Page } from './api.js';
import type { Period, ScopeKey } from './metrics.js';

/**
 * - end_before_receipt: the end of processing is stamped before the receipt;
 * - due_beyond_legal: the due date set at receipt is later than the procedure's legal time allows
 *   (its legal working days counted from the working day after receipt, on the official calendar);
 * - backdated: an event arrived more than the setting's working days (default 2) after the instant it claims;
 * - supplement_before_due: the first supplement request came within the setting's last working hours
 *   before the due date (default 4), or after it — a known way to dodge lateness;
 * - second_supplement: a second (or later) supplement request;
 * - completion_burst: one official finished more dossiers within the setting's minutes than anyone can
 *   (default 10 within 5 minutes); each dossier of the burst is flagged;
 * - synced_after_finish: a dossier received in person whose first event reached us only after it was finished;
 * - identical_bounce: the same source sent the same event twice (same content, new ids);
 * - daily_jump: a unit's daily on-time rate or volume far from its own history (median ± k·MAD over the
 *   last 8 weeks' working days): a flag on the unit and the day, not on a dossier.
 */
export const DATA_TRUST_RULES = [
  'end_before_receipt',
  'due_beyond_legal',
  'backdated',
  'supplement_before_due',
  'second_supplement',
  'completion_burst',
  'synced_after_finish',
  'identical_bounce',
  'daily_jump',
] as const;
export type DataTrustRule = (typeof DATA_TRUST_RULES)[number];

export const DATA_TRUST_SEVERITIES = ['high', 'medium', 'low'] as const;
export type DataTrustSeverity = (typeof DATA_TRUST_SEVERITIES)[number];

/** How serious a flag of each rule is: what it weighs in the data-trust figure. */
export const DATA_TRUST_RULE_SEVERITY: Readonly<Record<DataTrustRule, DataTrustSeverity>> = Object.freeze({
  end_before_receipt: 'high',
  due_beyond_legal: 'high',
  completion_burst: 'high',
  backdated: 'medium',
  supplement_before_due: 'medium',
  synced_after_finish: 'medium',
  second_supplement: 'low',
  identical_bounce: 'low',
  daily_jump: 'medium',
});

/**
 * The weight of a flagged dossier in the data-trust figure, by the most serious of its open or
 * confirmed flags (a flag reviewed as justified weighs nothing): high 1, medium 0.5, low 0.25.
 */
export const DATA_TRUST_SEVERITY_WEIGHT: Readonly<Record<DataTrustSeverity, number>> = Object.freeze({ high: 1, medium: 0.5, low: 0.25 });

/** A flag's review by a supervisor: `justified` (the data is right, the flag stops counting) or `confirmed` (the data is wrong). */
export const DATA_TRUST_VERDICTS = ['justified', 'confirmed'] as const;
export type DataTrustVerdict = (typeof DATA_TRUST_VERDICTS)[number];

/** `open`: not reviewed yet; else the review's verdict. */
export const DATA_TRUST_STATUSES = ['open', ...DATA_TRUST_VERDICTS] as const;
export type DataTrustStatus = (typeof DATA_TRUST_STATUSES)[number];

/** One event a flag rests on, as the source sent it and as we received it. */
export interface DataTrustEvidence {
  /** The dossier the event belongs to (null for a unit's daily figure). */
  dossierId: string | null;
  /** The source's event id; null for a unit's daily figure. */
  eventId: string | null;
  /** The event's type (`received`, `processed`…), or `day` for a unit's daily figure. */
  type: string;
  /** The instant the event claims. */
  at: string;
  /** When it reached us (null when not known, e.g. a daily figure). */
  arrivedAt: string | null;
  /**
   * The instant the rule compared it with: the latest due date the legal time allows (due_beyond_legal),
   * the due date in force (supplement_before_due), the receipt (end_before_receipt), the end
   * (synced_after_finish); null for the rules that compare `at` with `arrivedAt` or with other events.
   */
  limitAt: string | null;
  /** A daily jump's figure: the day's value against the unit's history (null for any other rule). */
  figure: { name: 'volume' | 'on_time_rate'; value: number; median: number; mad: number; score: number } | null;
}

export interface DataTrustReviewView {
  verdict: DataTrustVerdict;
  note: string;
  by: string;
  at: string;
}

/** One flag. */
export interface DataTrustFlagView {
  /** Stable: `<dossierId>:<rule>`, or `<unit>:daily_jump:<day>:<figure>` for a daily figure. */
  id: string;
  rule: DataTrustRule;
  severity: DataTrustSeverity;
  /** The unit the flagged data belongs to (the dossier's). */
  unit: string;
  unitName: string;
  /** The flagged dossier (null for a daily figure). */
  dossierId: string | null;
  /** The official concerned (who finished the burst, who held the dossier); null when none or hidden from the asker. */
  official: { id: string; name: string } | null;
  /** When the flag was raised (the arrival of the event that raised it). */
  raisedAt: string;
  /** The events the flag rests on. */
  evidence: DataTrustEvidence[];
  status: DataTrustStatus;
  review: DataTrustReviewView | null;
  /** The dossier page (`/dossiers/<id>`); null when the asker may not open it or there is no dossier. */
  link: string | null;
}

/** Flags per rule. */
export interface DataTrustRuleCount {
  rule: DataTrustRule;
  flags: number;
  /** Of them, not reviewed yet. */
  open: number;
}

/** A unit's or department's data-trust figure over a window. */
export interface DataTrustFigure {
  code: string;
  name: string;
  kind: 'unit' | 'department';
  /** Dossiers received in the window. */
  dossiers: number;
  /** Of them, with at least one flag that is not reviewed as justified. */
  flaggedDossiers: number;
  /**
   * The data-trust figure, 0–100: 100 × (1 − Σ weight of flagged dossiers ÷ dossiers received), each
   * flagged dossier weighed by its most serious flag (DATA_TRUST_SEVERITY_WEIGHT), rounded down to one decimal
   * (100 only with no flagged dossier). Null with no dossier.
   */
  trust: number | null;
  /** Flags raised on its data, per rule (daily jumps included: they do not enter `trust`). */
  byRule: DataTrustRuleCount[];
}

/**
 * GET /api/v1/data-trust?period=: every unit's and department's figure (those the asker may see) over the
 * period's window, counted in whole Vietnam days (`window.from` is the start of its first day).
 */
export interface DataTrustSummaryResponse {
  asOf: string;
  window: { period: Period; from: string; to: string };
  /** The figure over every unit and department listed in `figures` (the whole city for those who see it). */
  city: { dossiers: number; flaggedDossiers: number; trust: number | null; byRule: DataTrustRuleCount[] };
  figures: DataTrustFigure[];
  weights: Record<DataTrustSeverity, number>;
  severity: Record<DataTrustRule, DataTrustSeverity>;
  /** The checks' settings, for their explanation. */
  settings: {
    backdatedWorkingDays: number;
    supplementLastWorkingHours: number;
    burstCompletions: number;
    burstMinutes: number;
    jumpK: number;
  };
}

/** GET /api/v1/units/:code/data-trust/flags?period=&rule=&status=&page=: the flags on the unit's dossiers received in the window (and its daily figures). */
export interface DataTrustFlagsResponse extends Page<DataTrustFlagView> {
  asOf: string;
  window: { period: Period; from: string; to: string };
  scope: ScopeKey;
  rule: DataTrustRule | null;
  status: DataTrustStatus | null;
  byRule: DataTrustRuleCount[];
  /** Whether the asker may review these flags (a supervisor). */
  canReview: boolean;
}

/** POST /api/v1/units/:code/data-trust/flags/:id/review. */
export interface DataTrustReviewRequest {
  verdict: DataTrustVerdict;
  note: string;
}

export interface DataTrustReviewResponse {
  flag: DataTrustFlagView;
}
