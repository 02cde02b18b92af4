/**
 * POST /api/v1/ingest/dvcqg: the answer to a batch in the national sync format (DVCQG), one result
 * per record (README, "National sync format (DVCQG)"). Imports only the contract's error type.
 */
import type { FieldError } from './errors.js';

/** The DVCQG services accepted: dossier snapshots and progress steps. */
export const DVCQG_SERVICES = ['DongBoHoSoMC', 'CapNhatTienDoHoSoMC'] as const;
export type DvcqgService = (typeof DVCQG_SERVICES)[number];

/**
 * - `accepted`: the record added at least one event;
 * - `unchanged`: nothing new (the same snapshot again, an older one, or status 1 "registered");
 * - `rejected`: its errors name the DVCQG field; the raw record is quarantined.
 */
export type DvcqgRecordStatus = 'accepted' | 'unchanged' | 'rejected';

/** One native event a record produced, and what the ingest path did with it. */
export interface DvcqgEventResult {
  id: string;
  type: string;
  status: 'accepted' | 'duplicate' | 'rejected';
}

export interface DvcqgRecordResult {
  index: number;
  /** MaHoSo as sent (null without one). */
  id: string | null;
  status: DvcqgRecordStatus;
  events: DvcqgEventResult[];
  errors?: FieldError[];
}

export interface DvcqgAnswer {
  service: DvcqgService;
  accepted: number;
  unchanged: number;
  rejected: number;
  /** Native events added to the log by this batch. */
  events: number;
  results: DvcqgRecordResult[];
}
