/**
 * Reminders and explanation requests (nhắc nhở, yêu cầu giải trình): the wire shapes of the REST API
 * (`/reminders…`) and of the live events `request:created` / `request:updated`. Imports nothing.
 */

/** A reminder is acknowledged (Đã tiếp nhận); an explanation request is also answered (Giải trình). */
export const REQUEST_KINDS = ['reminder', 'explanation'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/**
 * What a request is about: a dossier, a directive task, a buck-passing case (its id, as the
 * buck-passing list names it) or a unit's backlog as a whole (the id is the unit's code).
 */
export const REQUEST_SUBJECT_TYPES = ['dossier', 'task', 'case', 'unit'] as const;
export type RequestSubjectType = (typeof REQUEST_SUBJECT_TYPES)[number];

/**
 * A request's state (shared/request-state.ts derives it):
 * - `sent`: nobody of the unit has opened it yet;
 * - `read`: acknowledged (Đã tiếp nhận), not answered, not past its answer due date;
 * - `overdue`: an explanation not answered past its answer due date (Quá hạn giải trình);
 * - `answered`: answered on or before its due date (Đã giải trình);
 * - `answered_late`: answered, but after its due date (Giải trình quá hạn) — it stays so.
 */
export const REQUEST_STATES = ['sent', 'read', 'overdue', 'answered', 'answered_late'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** The list filters: one state, or `answered` for both answered states, or `open` (not answered). */
export const REQUEST_STATE_FILTERS = ['sent', 'read', 'overdue', 'answered', 'open'] as const;
export type RequestStateFilter = (typeof REQUEST_STATE_FILTERS)[number];

/** Longest message of a request, and longest answer (characters, after Unicode NFC). */
export const REQUEST_MESSAGE_MAX_CHARS = 1_000;
export const REQUEST_ANSWER_MAX_CHARS = 2_000;

/** The official who held the dossier when the request was sent (from the dossier's holds). */
export interface RequestHolder {
  id: string;
  name: string;
  /** The unit or department code the official works for. */
  unit: string;
}

/** A reminder or explanation request as the API and the live events show it. Instants are ISO 8601 +07:00. */
export interface RequestView {
  id: number;
  kind: RequestKind;
  /** The unit or department the request is sent to (its users read and answer it). */
  unit: string;
  unitName: string;
  subject: {
    type: RequestSubjectType;
    id: string;
    /** What the subject is, as it was when sent: the procedure's name, the task's title, the unit's name. */
    title: string | null;
  };
  /** The dossier concerned (a dossier subject, or the dossier of a buck-passing case when given). */
  dossierId: string | null;
  message: string;
  /** The sender's full name and username. */
  sentBy: string;
  sentByUsername: string;
  sentAt: string;
  holder: RequestHolder | null;
  /** When the answer is due (end of that day); null for a reminder. */
  answerDueAt: string | null;
  /** Read = acknowledged (Đã tiếp nhận): by whom, when. */
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  /** When the sender saw the answer (for the sender's unread count); null before. */
  answerSeenAt: string | null;
  /** The state as of `asOf` of the answer or event carrying it; clients re-derive it as time passes. */
  state: RequestState;
}

/** `POST /reminders`: a reminder or an explanation request. */
export interface SendRequestBody {
  kind?: RequestKind;
  subject?: { type: RequestSubjectType; id: string };
  /** The unit it goes to: needed for a buck-passing case; else taken from the subject. */
  unit?: string;
  /** The dossier of a case (optional), or the subject dossier in the older form `{unit, dossierId}`. */
  dossierId?: string;
  message: string;
  /** `YYYY-MM-DD`, a working day from today on: the answer is due by the end of it (explanations only). */
  answerDueOn?: string;
}

/** `GET /units/:code/reminders`, `GET /reminders/mine`, `GET /dossiers/:id/reminders`, `GET /tasks/:id/reminders`. */
export interface RequestListResponse {
  asOf: string;
  items: RequestView[];
  /** Requests of the list (before the state filter) in each state. */
  counts: Record<RequestState, number>;
  /** `GET /reminders/mine` only: requests to the user's unit not yet read, plus answers to the user's requests not yet seen. */
  unread?: number;
}

/** `GET /reminders/default-due`: the answer due date an explanation request sent now gets. */
export interface DefaultDueResponse {
  asOf: string;
  /** `YYYY-MM-DD`: the day reached after `workingDays` working days from now, on the working calendar. */
  answerDueOn: string;
  workingDays: number;
}

/** `request:created`: a request was sent; to the unit's users, to the sender, to city-wide readers. */
export interface RequestCreated {
  asOf: string;
  request: RequestView;
}

/** What changed in a request. */
export type RequestChange = 'read' | 'answered' | 'overdue' | 'answer_seen';

/** `request:updated`: a request was read, answered, turned overdue (the clock), or its answer was seen by the sender. */
export interface RequestUpdated {
  asOf: string;
  change: RequestChange;
  request: RequestView;
}
