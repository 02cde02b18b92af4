/**
 * The national portal's published service-index figures (migration 017): written by `npm run
 * index:import` in one transaction per file, read by the API one period at a time. Every write that
 * changes a figure bumps a counter in `meta`, which the server (another process) reads to know when
 * its cached figures are stale.
 */
import type { Db } from './connection.js';
import { INDEX_GROUPS, type IndexGroup } from '../../shared/contract/service-index.js';
import type { PortalRow, RejectedRow } from '../domain/portal-index-file.js';

/** A stored figure of one scope and period. */
export interface StoredPortalFigure {
  code: string;
  period: string;
  total: number;
  groups: Partial<Record<IndexGroup, number>>;
  source: string;
  /** Epoch ms of the import that last changed it. */
  importedAt: number;
}

/** What an import did. */
export interface PortalImportCounts {
  /** Figures of a scope and period not stored before. */
  added: number;
  /** Figures that replaced other figures of the same scope and period. */
  replaced: number;
  /** Figures already stored as they are (a file imported again). */
  unchanged: number;
  /** Rejected rows kept for the first time (a file imported again keeps none twice). */
  rejectedKept: number;
}

/** The file an import reads: its name as given and a hash of its bytes. */
export interface PortalImportFile {
  source: string;
  sha256: string;
}

export const VERSION_KEY = 'portal_index.version';
export const GROUP_COLUMNS = INDEX_GROUPS.join(', ');

export type FigureRow = { period: string; code: string; total: number; source: string; imported_at: number } & Record<
  IndexGroup,
  number | null
>;

export function figureOf(r: FigureRow): StoredPortalFigure {
  const groups: Partial<Record<IndexGroup, number>> = {};
  for (const g of INDEX_GROUPS) if (r[g] !== null) groups[g] = r[g];
  return { code: r.code, period: r.period, total: r.total, groups, source: r.source, importedAt: r.imported_at };
}

export const sameAs = (row: PortalRow, stored: FigureRow) =>
  row.total === stored.total && INDEX_GROUPS.every((g) => (row.groups[g] ?? null) === stored[g]);

export function createPortalIndexRepo(db: Db) {
  // Prepared on first use: a store over a file older than migration 017 (upgrade tests) works until it asks.
  let st: ReturnType<typeof prepare> | null = null;
  const statements = () => (st ??= prepare(db));

  return {
    /**
     * Stores a file's accepted rows (new or changed figures replace the stored ones; equal ones are left
     * as they are) and keeps its rejected rows, all in one transaction; bumps the version when a figure changed.
     */
    importFile(file: PortalImportFile, accepted: readonly PortalRow[], rejected: readonly RejectedRow[], at: number): PortalImportCounts {
      const s = statements();
      const counts: PortalImportCounts = { added: 0, replaced: 0, unchanged: 0, rejectedKept: 0 };
      db.transaction(() => {
        for (const row of accepted) {
          const stored = s.one.get(row.period, row.code) as FigureRow | undefined;
          if (stored !== undefined && sameAs(row, stored)) {
            counts.unchanged++;
            continue;
          }
          if (stored === undefined) counts.added++;
          else counts.replaced++;
          const groups = Object.fromEntries(INDEX_GROUPS.map((g) => [g, row.groups[g] ?? null]));
          s.upsert.run({
            ...groups,
            period: row.period,
            code: row.code,
            total: row.total,
            source: file.source,
            sha: file.sha256,
            line: row.line,
            at,
          });
        }
        for (const r of rejected) {
          counts.rejectedKept += s.reject.run({
            sha: file.sha256,
            line: r.line,
            source: file.source,
            reason: r.reason,
            raw: r.raw,
            at,
          }).changes;
        }
        if (counts.added + counts.replaced > 0) s.setVersion.run(VERSION_KEY, String(Number(s.version.get(VERSION_KEY) ?? 0) + 1));
      }).immediate();
      return counts;
    },

    /** Every stored figure of one period (`2026-10`, `2026-Q3`, `2026`). */
    figuresOf(period: string): StoredPortalFigure[] {
      return (statements().byPeriod.all(period) as FigureRow[]).map(figureOf);
    },

    /** A number that changes whenever an import changes a figure (0 before the first). */
    version(): number {
      return Number(statements().version.get(VERSION_KEY) ?? 0);
    },

    /** Rejected rows kept, oldest import first, then by line. */
    rejected(): (RejectedRow & { source: string; importedAt: number })[] {
      return (statements().rejectedAll.all() as { line: number; reason: string; raw: string; source: string; imported_at: number }[]).map(
        (r) => ({ line: r.line, reason: r.reason, raw: r.raw, source: r.source, importedAt: r.imported_at }),
      );
    },
  };
}

function prepare(db: Db) {
  const cols = `period, code, total, ${GROUP_COLUMNS}, source, imported_at`;
  return {
    one: db.prepare(`SELECT ${cols} FROM portal_index_figures WHERE period = ? AND code = ?`),
    byPeriod: db.prepare(`SELECT ${cols} FROM portal_index_figures WHERE period = ?`),
    upsert: db.prepare(
      `INSERT OR REPLACE INTO portal_index_figures (period, code, total, ${GROUP_COLUMNS}, source, file_sha256, line, imported_at)
       VALUES (@period, @code, @total, ${INDEX_GROUPS.map((g) => `@${g}`).join(', ')}, @source, @sha, @line, @at)`,
    ),
    reject: db.prepare(
      `INSERT OR IGNORE INTO portal_index_rejected (file_sha256, line, source, reason, raw, imported_at)
       VALUES (@sha, @line, @source, @reason, @raw, @at)`,
    ),
    rejectedAll: db.prepare(`SELECT line, reason, raw, source, imported_at FROM portal_index_rejected ORDER BY imported_at, line`),
    version: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
    setVersion: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
  };
}

export type PortalIndexRepo = ReturnType<typeof createPortalIndexRepo>;
