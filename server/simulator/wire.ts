/**
 * The ingest wire contract as TypeScript types: what a source (the simulator, a dossier system, a
 * document system) POSTs to /api/v1/ingest/dossiers and /api/v1/ingest/tasks inside `{ events }`.
 *
 * Types only: validation lives in ingest/ (zod). Instants on the wire are ISO 8601 strings WITH an
 * offset ("2026-11-20T08:15:00+07:00"); a due date may also be a bare date ("2026-11-27"), which
 * means the end of that day in Vietnam time.
 */

import type { Channel } from '../domain/types.js';

/** ISO 8601 instant with an explicit offset, e.g. "2026-11-20T08:15:00+07:00". */
export type WireInstant = string;

/** A WireInstant, or a bare "YYYY-MM-DD" meaning the end of that day (Vietnam time). */
export type WireDue = string;

/** A calendar date "YYYY-MM-DD". */
export type WireDate = string;

export interface WireProcedure {
  /** National procedure code, e.g. "1.001193". */
  code: string;
  name: string;
  /** Lĩnh vực, e.g. "Hộ tịch". */
  field: string;
  /** Legal processing time in working days. */
  legalDays: number;
}

export interface WireHandler {
  /** Stable official id, e.g. "79-26734-cb03". */
  id: string;
  name: string;
  /** Unit or department code the official belongs to. */
  unit: string;
}

interface WireDossierBase {
  /** Unique within the source: the idempotency key. */
  id: string;
  dossierId: string;
  at: WireInstant;
}

export interface WireDossierReceived extends WireDossierBase {
  type: 'received';
  /** 5-digit unit code or department code. */
  unit: string;
  procedure: WireProcedure;
  channel: Channel;
  dueAt: WireDue;
  hasFee?: boolean;
  paidOnline?: boolean;
  digitized?: boolean;
  reusedData?: boolean;
  fromPersonalDataStore?: boolean;
  citizenDataConnected?: boolean;
}

export interface WireDossierAssigned extends WireDossierBase {
  type: 'assigned';
  handler: WireHandler;
  /** Allotted end of this step. */
  stepDueAt?: WireInstant;
}

export interface WireDossierSupplementRequested extends WireDossierBase {
  type: 'supplement_requested';
  reason?: string;
}

export interface WireDossierSupplementReceived extends WireDossierBase {
  type: 'supplement_received';
  /** New due date when the source restarts the clock; absent → the due date is extended by the pause. */
  dueAt?: WireDue;
}

export interface WireDossierApologyIssued extends WireDossierBase {
  type: 'apology_issued';
  proposedDueAt: WireDue;
  reason: string;
}

export interface WireDossierProcessed extends WireDossierBase {
  type: 'processed';
  electronicResult?: boolean;
  complaint?: boolean;
}

export interface WireDossierReturned extends WireDossierBase {
  type: 'returned';
}

export interface WireDossierStopped extends WireDossierBase {
  type: 'stopped';
  reason?: string;
}

export interface WireDossierRefused extends WireDossierBase {
  type: 'refused';
  reason?: string;
}

export interface WireDossierWithdrawn extends WireDossierBase {
  type: 'withdrawn';
  reason?: string;
}

export interface WireDossierRated extends WireDossierBase {
  type: 'rated';
  rating: 'satisfied' | 'unsatisfied';
  complaint?: string;
}

/** One dossier event on the wire. */
export type WireDossierEvent =
  | WireDossierReceived
  | WireDossierAssigned
  | WireDossierSupplementRequested
  | WireDossierSupplementReceived
  | WireDossierApologyIssued
  | WireDossierProcessed
  | WireDossierReturned
  | WireDossierStopped
  | WireDossierRefused
  | WireDossierWithdrawn
  | WireDossierRated;

export type WireDossierEventType = WireDossierEvent['type'];

interface WireTaskBase {
  /** Unique within the source: the idempotency key. */
  id: string;
  taskId: string;
  at: WireInstant;
}

export interface WireTaskAssigned extends WireTaskBase {
  type: 'assigned';
  title: string;
  /** The directive document, e.g. { number: "123/UBND-VX", date: "2026-11-18" }. */
  document: { number: string; date: WireDate };
  /** Who assigned it, e.g. "Chủ tịch UBND TP". */
  issuer: string;
  /** Unit or department code. */
  assignee: string;
  /** Absent: a task with no deadline. */
  dueAt?: WireDue;
}

export interface WireTaskExtended extends WireTaskBase {
  type: 'extended';
  dueAt: WireDue;
  reason: string;
}

export interface WireTaskProgressReported extends WireTaskBase {
  type: 'progress_reported';
  note?: string;
  /** 0–100. */
  percent?: number;
}

export interface WireTaskCompleted extends WireTaskBase {
  type: 'completed';
  note?: string;
}

export interface WireTaskCancelled extends WireTaskBase {
  type: 'cancelled';
  reason?: string;
}

/** One directive-task event on the wire. */
export type WireTaskEvent = WireTaskAssigned | WireTaskExtended | WireTaskProgressReported | WireTaskCompleted | WireTaskCancelled;

export type WireTaskEventType = WireTaskEvent['type'];
