/**
 * Wire types of the administration's sources, walls and audit log tabs (/api/v1/admin/…, /api/v1/audit).
 * Instants are ISO 8601 strings with the +07:00 offset. Imports nothing outside the contract.
 */
import type { SourceHours } from './api.js';
import type { ScopeKey } from './metrics.js';

/** GET /api/v1/admin/sources: one ingest source (revoked ones included). */
export interface AdminSource {
  name: string;
  kind: 'dossier' | 'task';
  /** Unit/department codes it may write; null: any unit of the jurisdiction. */
  units: string[] | null;
  /** Quiet time after which it is silent; null: the server default (SOURCE_SILENT_MS). */
  silentAfterMs: number | null;
  hours: SourceHours;
  createdAt: string | null;
  revokedAt: string | null;
  lastEventAt: string | null;
  /** Median of arrival − `at` of its recent events, when the server measures it (absent otherwise). */
  clockSkewMs?: number | null;
}

export interface AdminSourcesResponse {
  items: AdminSource[];
}

/** POST /api/v1/admin/sources answers the key once; the server keeps only its hash. */
export interface CreatedSource extends AdminSource {
  key: string;
}

/**
 * POST /api/v1/admin/sources (with name and kind) and PATCH /api/v1/admin/sources/:name: fields left out
 * are kept. `units`: codes (a list or comma-separated), [] or '' for no limit. `silentAfterMinutes`:
 * 1–10080 or `default` (SOURCE_SILENT_MS).
 */
export interface SourceSettingsBody {
  units?: string[] | string | null;
  silentAfterMinutes?: number | string | null;
  hours?: SourceHours;
}

/** GET /api/v1/admin/wall/displays: one wall display (revoked ones included). */
export interface AdminDisplay {
  name: string;
  scope: ScopeKey;
  createdAt: string;
  revokedAt: string | null;
  /** When it last connected with its token; null: never. */
  lastSeenAt: string | null;
}

export interface AdminDisplaysResponse {
  items: AdminDisplay[];
}

/** POST /api/v1/admin/wall/displays answers the token once; the server keeps only its hash. */
export interface CreatedDisplay extends AdminDisplay {
  token: string;
}

export type AuditOutcome = 'ok' | 'denied' | 'failed';

/** One row of the audit log. */
export interface AuditItem {
  id: number;
  at: string;
  /** `user:<name>`, `display:<name>`, `cli`, `source:<name>` or `anonymous`. */
  actor: string;
  role: string | null;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  details: Record<string, unknown> | null;
}

/** GET /api/v1/audit?action=&actor=&from=&to=&page=&pageSize= (newest first). */
export interface AuditPage {
  total: number;
  page: number;
  pageSize: number;
  items: AuditItem[];
}

/** GET /api/v1/audit/actions: every action the log holds, for the filter. */
export interface AuditActionsResponse {
  actions: string[];
}
