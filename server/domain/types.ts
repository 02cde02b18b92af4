/**
 * Domain types shared by ingest, the store, metrics and the simulator.
 * Instants are epoch milliseconds (UTC); Vietnam time is UTC+7 with no DST.
 * Validated events carry instants as numbers; the wire format (ISO 8601 strings) lives in ingest/.
 */
import { DEFAULT_ACCOUNTABILITY_SETTINGS, type AccountabilitySettings } from './accountability-settings.js';
import type { DepartmentInfo, DossierTimeliness, JurisdictionResponse, OverdueReason, UnitInfo } from '../../shared/contract/api.js';
import type { IndexFields } from './service-index-facts.js';
import { DEFAULT_SERVICE_INDEX_SETTINGS, type ServiceIndexSettings } from './service-index-settings.js';

/** Wire enumerations the domain computes; defined once, in the contract. */
export type { DossierTimeliness, OverdueReason, TaskTimeliness, UnitType } from '../../shared/contract/api.js';

export type Channel = 'online' | 'in_person' | 'postal';

export interface ProcedureRef {
  code: string;
  name: string;
  /** Lĩnh vực (field), e.g. "Hộ tịch". */
  field: string;
  /** Legal processing time in working days. */
  legalDays: number;
}

export interface HandlerRef {
  id: string;
  name: string;
  /** Unit or department code the official belongs to. */
  unit: string;
}

/**
 * The national service index's optional dossier fields (README, ingest: "Index fields"), as sent on
 * `received`, `processed` or `returned`: each one present sets the dossier's value, an absent one
 * leaves it as it was (unknown until sent). `fee` (VND) is another way to say `hasFee` (fee > 0).
 */
export interface IndexFieldsInput {
  fee?: number;
  hasFee?: boolean;
  paidOnline?: boolean;
  electronicResult?: boolean;
  digitized?: boolean;
  reusedData?: boolean;
  fromPersonalDataStore?: boolean;
  citizenDataConnected?: boolean;
  complaint?: boolean;
}

interface DossierEventBase {
  /** Source-unique event id (idempotency key). */
  id: string;
  dossierId: string;
  /** When it happened, epoch ms. */
  at: number;
}

export type DossierEvent =
  | (DossierEventBase & {
      type: 'received';
      unit: string;
      procedure: ProcedureRef;
      channel: Channel;
      dueAt: number;
    } & IndexFieldsInput)
  | (DossierEventBase & { type: 'assigned'; handler: HandlerRef; stepDueAt?: number })
  | (DossierEventBase & { type: 'supplement_requested'; reason?: string })
  | (DossierEventBase & { type: 'supplement_received'; dueAt?: number })
  | (DossierEventBase & { type: 'apology_issued'; proposedDueAt: number; reason: string })
  | (DossierEventBase & { type: 'processed' } & IndexFieldsInput)
  | (DossierEventBase & { type: 'returned' } & IndexFieldsInput)
  | (DossierEventBase & { type: 'stopped'; reason?: string })
  | (DossierEventBase & { type: 'refused'; reason?: string })
  | (DossierEventBase & { type: 'withdrawn'; reason?: string })
  | (DossierEventBase & { type: 'rated'; rating: 'satisfied' | 'unsatisfied'; complaint?: string });

export type DossierEventType = DossierEvent['type'];

interface TaskEventBase {
  id: string;
  taskId: string;
  at: number;
}

export type TaskEvent =
  | (TaskEventBase & {
      type: 'assigned';
      title: string;
      document: { number: string; date: string };
      issuer: string;
      /** Unit or department code. */
      assignee: string;
      dueAt?: number;
    })
  | (TaskEventBase & { type: 'extended'; dueAt: number; reason: string })
  | (TaskEventBase & { type: 'progress_reported'; note?: string; percent?: number })
  | (TaskEventBase & { type: 'completed'; note?: string })
  | (TaskEventBase & { type: 'cancelled'; reason?: string });

export type TaskEventType = TaskEvent['type'];

/** National status buckets (DOMAIN.md). */
export type DossierBucket = 'not_received' | 'in_progress' | 'awaiting_supplement' | 'paused' | 'done' | 'withdrawn';

export type DossierStatus =
  'registered' | 'received' | 'processing' | 'supplement_requested' | 'processed' | 'returned' | 'stopped' | 'refused' | 'withdrawn';

/** Who held a dossier from when to when (one processing step). */
export interface Hold {
  handlerId: string;
  handlerName: string;
  handlerUnit: string;
  from: number;
  /** null while held now. */
  to: number | null;
  /** Allotted end of the step, if the source sent one. */
  stepDueAt: number | null;
}

export interface Pause {
  from: number;
  to: number | null;
}

export interface Apology {
  at: number;
  proposedDueAt: number;
  reason: string;
}

/** A dossier as the fold of its events (sorted by `at`, then arrival). */
export interface DossierState {
  id: string;
  unit: string | null;
  procedure: ProcedureRef | null;
  channel: Channel | null;
  receivedAt: number | null;
  /** Due date set at receipt. */
  originalDueAt: number | null;
  /** Due date in force (moved by supplements, never by apologies). */
  dueAt: number | null;
  /**
   * The national service index's fields (service-index-facts.ts), each true, false or null (unknown);
   * absent on states stored before they existed, which means all unknown.
   */
  index?: IndexFields;
  status: DossierStatus;
  bucket: DossierBucket;
  pauses: Pause[];
  supplementRequests: number;
  /** When the second supplement request was made (the two-supplements rule took effect); absent before. */
  supplementRuleAt?: number;
  /** The due date in force when the second supplement request was made; absent before. */
  dueAtSecondRequest?: number;
  apologies: Apology[];
  /** End of processing (DVCQG): processed wins over returned; else stopped/refused/withdrawn. */
  endAt: number | null;
  endKind: 'processed' | 'returned' | 'stopped' | 'refused' | 'withdrawn' | null;
  returnedAt: number | null;
  holds: Hold[];
  rating: 'satisfied' | 'unsatisfied' | null;
  complaint: string | null;
  /** Latest `at` folded in. */
  lastEventAt: number;
  eventCount: number;
}

export interface DossierClassification {
  timeliness: DossierTimeliness;
  /** Open and past due (or counted as overdue by the two-supplements rule). */
  overdue: boolean;
  dueSoon: boolean;
  /** Working days past due, for open overdue dossiers (0 otherwise). */
  daysOverdue: number;
  /**
   * Why an overdue (open) or late (finished) dossier counts so: `past_due`, its due time has passed
   * (while the clock ran); `supplements`, only because the supplement was requested more than once
   * (the national index's rule), its due date may still be ahead. Null for any other timeliness.
   */
  overdueReason: OverdueReason | null;
  /** Working days from receipt to end minus pauses; for open ones, up to `now`. */
  processingDays: number | null;
  /** Next instant at which the classification changes with no event (due soon, then overdue). */
  nextTransitionAt: number | null;
}

export interface TaskState {
  id: string;
  title: string | null;
  document: { number: string; date: string } | null;
  issuer: string | null;
  assignee: string | null;
  assignedAt: number | null;
  originalDueAt: number | null;
  dueAt: number | null;
  extensions: number;
  status: 'open' | 'completed' | 'cancelled';
  completedAt: number | null;
  cancelledAt: number | null;
  progressReports: number;
  lastProgressAt: number | null;
  lastEventAt: number;
  eventCount: number;
}

/** Settings marked "(setting)" in DOMAIN.md. */
export interface DomainSettings {
  /** Working hours before due that count as "due soon" (default 8 = one working day). */
  dueSoonWorkingHours: number;
  /** When a supplement comes back without a new due date, extend the due date by the paused working time. */
  extendDueByPausedTime: boolean;
  /** Office sessions in Vietnam time, "HH:MM". */
  officeHours: { start: string; end: string }[];
  /** Buck-passing, early warning and explanation requests (accountability-settings.ts). */
  accountability: AccountabilitySettings;
  /** The national service index: the no-data rule and the grade cut-offs (service-index-settings.ts). */
  serviceIndex: ServiceIndexSettings;
}

export const DEFAULT_DOMAIN_SETTINGS: DomainSettings = {
  dueSoonWorkingHours: 8,
  extendDueByPausedTime: true,
  officeHours: [
    { start: '07:30', end: '11:30' },
    { start: '13:00', end: '17:00' },
  ],
  accountability: DEFAULT_ACCOUNTABILITY_SETTINGS,
  serviceIndex: DEFAULT_SERVICE_INDEX_SETTINGS,
};

/** One year of the official calendar, as stored in fixtures/calendar/YYYY.json. */
export interface CalendarYear {
  year: number;
  daysOff: { date: string; name: string }[];
  /** `compensates`: the day off (same year) this Saturday is worked in exchange for, when known. */
  workingSaturdays: { date: string; name: string; compensates?: string }[];
}

/** Working-time arithmetic over the official calendar (see calendar.ts). */
export interface WorkCalendar {
  /** YYYY-MM-DD in Vietnam time. */
  isWorkingDay(day: string): boolean;
  /** Working milliseconds in [a, b); negative when b < a. */
  workingMsBetween(a: number, b: number): number;
  /** The instant reached after `ms` working milliseconds from t (ms may be negative). */
  addWorkingMs(t: number, ms: number): number;
  /** The instant after n working days (n × 8 working hours) from t. */
  addWorkingDays(t: number, days: number): number;
  /** Working milliseconds in one full working day (8 h = 28,800,000 by default). */
  readonly workingMsPerDay: number;
}

/** A ward, commune or special zone: the shape the read API sends (one definition, in the contract). */
export type Unit = UnitInfo;
export type Department = DepartmentInfo;
/** The city, its units and departments, as loaded from fixtures/jurisdictions and sent by GET /jurisdiction. */
export type Jurisdiction = JurisdictionResponse;
