/**
 * The data-quality review of quarantined events (issue 14, `/admin/quality`): wire types of
 * `/api/v1/admin/quality/*`. Imports nothing but other contract files.
 */
import type { FieldError } from './errors.js';

/**
 * What was wrong with a quarantined event, by its first error (server/domain/quarantine-rule.ts):
 * the groups the data-quality tab counts and filters by.
 */
export const QUARANTINE_RULES = [
  'not_object',
  'outside_units',
  'unknown_code',
  'ambiguous_unit',
  'unknown_status',
  'unknown_dossier',
  'conflict',
  'future',
  'date_order',
  'bad_date',
  'required',
  'wrong_type',
  'invalid_value',
  'unknown_field',
  'too_long',
  'other',
] as const;
export type QuarantineRule = (typeof QUARANTINE_RULES)[number];

export const QUARANTINE_STATES = ['open', 'replayed', 'dismissed'] as const;
/** open: waiting for review; replayed: fixed and accepted (or found already logged); dismissed: set aside with a note. */
export type QuarantineState = (typeof QUARANTINE_STATES)[number];

/** How the record came in: a native event of a dossier or task source, or a DVCQG record. */
export type QuarantineKind = 'dossier' | 'task' | 'dvcqg';

export interface QuarantineRecord {
  id: number;
  /** The source's name (null: the source no longer exists). */
  source: string | null;
  kind: QuarantineKind;
  /** When it arrived (Vietnam time, ISO 8601). */
  receivedAt: string;
  /** The id the event or record claimed (null: none readable). */
  eventId: string | null;
  rule: QuarantineRule;
  /** The payload as sent (text when it was not JSON). */
  raw: unknown;
  errors: FieldError[];
  /** The rule of each error, in order (the record's `rule` is the first's): what each says, in words. */
  errorRules: QuarantineRule[];
  state: QuarantineState;
  reviewedAt: string | null;
  /** `user:<name>` of the admin who replayed or dismissed it. */
  reviewedBy: string | null;
  note: string | null;
  /** Replayed: the ids of the events it became in the log. */
  replayedEventIds: string[] | null;
  /** Replayed: the edited payload that was accepted. */
  replayedRaw: unknown;
}

export interface QuarantineListResponse {
  total: number;
  page: number;
  pageSize: number;
  items: QuarantineRecord[];
}

export interface QuarantineCountsResponse {
  /** The period counted: Vietnam days, both inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  /** Records received in the period, per source and rule, with how many of them are still open. */
  bySourceRule: { source: string | null; rule: QuarantineRule; total: number; open: number }[];
  /** Records received each Vietnam day of the period (every day listed, 0 included). */
  byDay: { day: string; total: number }[];
}

/** The answer to a replay: what the ingest path said of the edited payload. */
export type ReplayOutcome =
  | { outcome: 'accepted'; eventIds: string[]; record: QuarantineRecord }
  | { outcome: 'duplicate'; eventIds: string[]; record: QuarantineRecord }
  | { outcome: 'rejected'; errors: FieldError[]; record: QuarantineRecord };
