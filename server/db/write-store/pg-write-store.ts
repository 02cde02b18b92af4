/**
 * The write store on PostgreSQL (issue 17): a pg Pool, one transaction per batch. Idempotency is the
 * table's UNIQUE (source_id, event_id); the duplicate check reads the batch's ids under a per-source
 * advisory lock, so two nodes sending the same source's overlapping batches decide one after the
 * other. Seqs come from log_head (migration 001: gap-free, in commit order).
 */
import type pg from 'pg';
import { quarantineRule } from '../../domain/quarantine-rule.js';
import { MS_PER_DAY, VN_OFFSET_MS } from '../../domain/time.js';
import { fromStored, type StoredRow } from '../quarantine-repo.js';
import type {
  AppendBatch,
  AppendOutcome,
  DecidedBatch,
  DismissOutcome,
  EventKind,
  LoggedEvent,
  NewEvent,
  QuarantineFilter,
  QuarantineSourceRuleCount,
  RefusedRecord,
  ReplayMark,
  StoredEvent,
  WriteStore,
} from './contract.js';
import { inTransaction, openPgPool } from '../pg/pool.js';
import { assignSeqs, maxAt, planBatch } from './plan-batch.js';

/** First key of the per-source advisory lock (the second is the source id): "srce" in ASCII. */
const SOURCE_LOCK = 0x73726365;

/** Connects to `url`, applies the PostgreSQL migrations, and answers the store. */
export async function openPgWriteStore(url: string, opts: { maxConnections?: number } = {}): Promise<WriteStore> {
  return createPgWriteStore(await openPgPool(url, opts.maxConnections));
}

async function loggedPayloads(c: pg.PoolClient, sourceId: number, ids: string[]): Promise<Map<string, string>> {
  const r = await c.query<{ event_id: string; payload: string }>(
    // One unique-index lookup per id, whatever the statistics: with `event_id = ANY($2)` or a join, the
    // planner (before ANALYZE had run on a growing log) matched the index on source_id alone and read
    // every event of the source, so a batch's cost grew with the log. LIMIT 1 keeps the subquery per id.
    `SELECT u.id AS event_id, e.payload FROM unnest($2::text[]) AS u(id)
     CROSS JOIN LATERAL (SELECT payload FROM events WHERE source_id = $1 AND event_id = u.id LIMIT 1) e`,
    [sourceId, ids],
  );
  return new Map(r.rows.map((row) => [row.event_id, row.payload]));
}

type BatchHead = Pick<AppendBatch, 'sourceId' | 'receivedAt'>;

/** Logs new events under the next seqs; answers them. */
async function insertEvents(c: pg.PoolClient, b: BatchHead, fresh: readonly NewEvent[]): Promise<number[]> {
  const n = fresh.length;
  if (n === 0) return [];
  const head = await c.query<{ seq: number }>('UPDATE log_head SET seq = seq + $1 RETURNING seq', [n]);
  const first = head.rows[0].seq - n + 1;
  const seqs = fresh.map((_, i) => first + i);
  const col = <K extends keyof NewEvent>(k: K) => fresh.map((e) => e[k]);
  await c.query(
    `INSERT INTO events (seq, source_id, event_id, kind, item_id, type, at, received_at, payload)
     SELECT s, $1, e, k, i, t, a, $2, p
     FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::text[]) AS u(s, e, k, i, t, a, p)`,
    [b.sourceId, b.receivedAt, seqs, col('eventId'), col('kind'), col('itemId'), col('type'), col('at'), col('payload')],
  );
  await c.query('UPDATE sources SET last_seen_at = $2, last_event_at = GREATEST(COALESCE(last_event_at, 0), $3) WHERE id = $1', [
    b.sourceId,
    b.receivedAt,
    maxAt(fresh),
  ]);
  return seqs;
}

async function quarantine(c: pg.PoolClient, b: BatchHead & { kind: string }, records: readonly RefusedRecord[]): Promise<void> {
  if (records.length === 0) return;
  await c.query(
    `INSERT INTO quarantine (source_id, kind, received_at, event_id, raw, errors, rule)
     SELECT $1, $2, $3, e, r, x, u FROM unnest($4::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS q(e, r, x, u, n) ORDER BY n`,
    [
      b.sourceId,
      b.kind,
      b.receivedAt,
      records.map((r) => r.eventId),
      records.map((r) => r.raw),
      records.map((r) => JSON.stringify(r.errors)),
      records.map((r) => quarantineRule(r.errors)),
    ],
  );
}

const EVENT_COLUMNS = 'seq, source_id AS "sourceId", event_id AS "eventId"';
const QUARANTINE_COLUMNS = `q.id, s.name AS source, q.kind, q.received_at AS "receivedAt", q.event_id AS "eventId", q.raw, q.errors,
  q.rule, q.state, q.reviewed_at AS "reviewedAt", q.reviewed_by AS "reviewedBy", q.review_note AS note,
  q.replayed_event_ids AS "replayedEventIds", q.replayed_raw AS "replayedRaw"`;
const QUARANTINE_FROM = 'FROM quarantine q LEFT JOIN sources s ON s.id = q.source_id';
const QUARANTINE_WHERE = `WHERE ($1::text IS NULL OR s.name = $1) AND ($2::text IS NULL OR q.rule = $2)
  AND ($3::text IS NULL OR q.state = $3) AND ($4::bigint IS NULL OR q.received_at >= $4) AND ($5::bigint IS NULL OR q.received_at < $5)`;
const filterParams = (f: QuarantineFilter) => [f.source ?? null, f.rule ?? null, f.state ?? null, f.from ?? null, f.to ?? null];

/** See WriteStore.appendDecided: under the source's lock, nothing is written if one of the ids was logged meanwhile. */
async function appendDecided(c: pg.PoolClient, b: DecidedBatch): Promise<number[] | null> {
  await c.query('SELECT pg_advisory_xact_lock($1, $2)', [SOURCE_LOCK, b.sourceId]);
  if (b.events.length) {
    const logged = await loggedPayloads(c, b.sourceId, [...new Set(b.events.map((e) => e.eventId))]);
    if (logged.size > 0) return null;
  }
  const seqs = await insertEvents(c, b, b.events);
  await quarantine(c, b, b.refused);
  return seqs;
}

async function eventsOfItems(pool: pg.Pool, kind: EventKind, itemIds: readonly string[]): Promise<Map<string, StoredEvent[]>> {
  const found = new Map<string, StoredEvent[]>();
  if (itemIds.length === 0) return found;
  const r = await pool.query<StoredEvent & { itemId: string }>(
    `SELECT ${EVENT_COLUMNS}, item_id AS "itemId", type, at, payload FROM events
     WHERE kind = $1 AND item_id = ANY($2::text[]) ORDER BY item_id, at, seq`,
    [kind, [...new Set(itemIds)]],
  );
  for (const { itemId, ...e } of r.rows) {
    const list = found.get(itemId);
    if (list) list.push(e);
    else found.set(itemId, [e]);
  }
  return found;
}

async function dismiss(pool: pg.Pool, id: number, r: { at: number; by: string; note: string }): Promise<DismissOutcome> {
  // One statement decides: of two admins dismissing at once, on any nodes, one wins.
  const done = await pool.query(
    `UPDATE quarantine SET state = 'dismissed', reviewed_at = $2, reviewed_by = $3, review_note = $4 WHERE id = $1 AND state = 'open'`,
    [id, r.at, r.by, r.note],
  );
  if (done.rowCount) return 'dismissed';
  const row = await pool.query<{ state: 'open' | 'replayed' | 'dismissed' }>('SELECT state FROM quarantine WHERE id = $1', [id]);
  return row.rows[0] ? { alreadyReviewed: row.rows[0].state } : 'not_found';
}

async function markReplayed(pool: pg.Pool, id: number, r: ReplayMark): Promise<boolean> {
  // One statement decides, as dismiss does: a record is marked replayed once, whoever replays it.
  const done = await pool.query(
    `UPDATE quarantine SET state = 'replayed', reviewed_at = $2, reviewed_by = $3, review_note = NULL, replayed_event_ids = $4,
       replayed_raw = $5 WHERE id = $1 AND state = 'open'`,
    [id, r.at, r.by, JSON.stringify(r.eventIds), r.raw],
  );
  return done.rowCount === 1;
}

/** The review's counts, as quarantine-repo.ts has them (SQLite's order: NULL sources first, names bytewise). */
async function quarantineBySourceRule(pool: pg.Pool, f: QuarantineFilter): Promise<QuarantineSourceRuleCount[]> {
  const r = await pool.query<QuarantineSourceRuleCount>(
    `SELECT s.name AS source, q.rule, COUNT(*)::int AS total, (COUNT(*) FILTER (WHERE q.state = 'open'))::int AS open
     ${QUARANTINE_FROM} ${QUARANTINE_WHERE} GROUP BY s.name, q.rule ORDER BY total DESC, s.name COLLATE "C" NULLS FIRST, q.rule COLLATE "C"`,
    filterParams(f),
  );
  return r.rows;
}

async function quarantineByDay(pool: pg.Pool, f: QuarantineFilter): Promise<{ day: number; total: number }[]> {
  // Vietnam days: a constant offset (no daylight saving); BIGINT division truncates as SQLite's integer one does.
  const r = await pool.query<{ day: number; total: number }>(
    `SELECT ((q.received_at + ${VN_OFFSET_MS}) / ${MS_PER_DAY})::int AS day, COUNT(*)::int AS total
     ${QUARANTINE_FROM} ${QUARANTINE_WHERE} GROUP BY 1 ORDER BY 1`,
    filterParams(f),
  );
  return r.rows;
}

async function meta(pool: pg.Pool, key: string): Promise<string | null> {
  return (await pool.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key])).rows[0]?.value ?? null;
}

function setMeta(pool: pg.Pool, entries: Readonly<Record<string, string>>): Promise<void> {
  return inTransaction(pool, async (c) => {
    for (const [key, value] of Object.entries(entries)) {
      await c.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [key, value]);
    }
  });
}

export function createPgWriteStore(pool: pg.Pool): WriteStore {
  return {
    engine: 'postgres',
    async addSource(name, kind, keyHash, now) {
      const r = await pool.query<{ id: number }>(
        'INSERT INTO sources (name, kind, key_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id',
        [name, kind, keyHash, now],
      );
      return r.rows[0].id;
    },
    appendBatch: (b) =>
      inTransaction(pool, async (c): Promise<AppendOutcome[]> => {
        await c.query('SELECT pg_advisory_xact_lock($1, $2)', [SOURCE_LOCK, b.sourceId]);
        const plan = planBatch(b.events, await loggedPayloads(c, b.sourceId, [...new Set(b.events.map((e) => e.eventId))]));
        const seqs = await insertEvents(c, b, plan.fresh);
        await quarantine(c, b, [...(b.refused ?? []), ...plan.conflicts]);
        return assignSeqs(plan.outcomes, seqs);
      }),
    appendDecided: (b) => inTransaction(pool, (c) => appendDecided(c, b)),
    async loggedPayloads(sourceId, ids) {
      if (ids.length === 0) return new Map();
      const c = await pool.connect();
      try {
        return await loggedPayloads(c, sourceId, [...new Set(ids)]);
      } finally {
        c.release();
      }
    },
    eventsOfItems: (kind, itemIds) => eventsOfItems(pool, kind, itemIds),
    quarantineRecords: (sourceId, kind, receivedAt, records) =>
      inTransaction(pool, (c) => quarantine(c, { sourceId, kind, receivedAt }, records)),
    async eventsOfItem(kind, itemId) {
      const r = await pool.query<StoredEvent>(
        `SELECT ${EVENT_COLUMNS}, type, at, payload FROM events WHERE kind = $1 AND item_id = $2 ORDER BY at, seq`,
        [kind, itemId],
      );
      return r.rows;
    },
    async eventsAfter(seq, limit) {
      const r = await pool.query<LoggedEvent>(
        `SELECT ${EVENT_COLUMNS}, kind, item_id AS "itemId", at, received_at AS "arrivedAt", payload FROM events WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [seq, limit],
      );
      return r.rows;
    },
    async maxSeq() {
      return (await pool.query<{ seq: number }>('SELECT seq FROM log_head')).rows[0].seq;
    },
    async sourceSeen(sourceId) {
      const r = await pool.query<{ lastSeenAt: number | null; lastEventAt: number | null }>(
        'SELECT last_seen_at AS "lastSeenAt", last_event_at AS "lastEventAt" FROM sources WHERE id = $1',
        [sourceId],
      );
      return r.rows[0] ?? { lastSeenAt: null, lastEventAt: null };
    },
    async listQuarantine(f) {
      const p = filterParams(f);
      const [rows, count] = await Promise.all([
        pool.query<StoredRow>(`SELECT ${QUARANTINE_COLUMNS} ${QUARANTINE_FROM} ${QUARANTINE_WHERE} ORDER BY q.id DESC LIMIT $6 OFFSET $7`, [
          ...p,
          f.limit,
          f.offset,
        ]),
        pool.query<{ n: number }>(`SELECT COUNT(*) AS n ${QUARANTINE_FROM} ${QUARANTINE_WHERE}`, p),
      ]);
      return { total: count.rows[0].n, items: rows.rows.map(fromStored) };
    },
    async quarantineRecord(id) {
      const r = await pool.query<StoredRow>(`SELECT ${QUARANTINE_COLUMNS} ${QUARANTINE_FROM} WHERE q.id = $1`, [id]);
      return r.rows[0] ? fromStored(r.rows[0]) : null;
    },
    quarantineBySourceRule: (f) => quarantineBySourceRule(pool, f),
    quarantineByDay: (f) => quarantineByDay(pool, f),
    dismissQuarantine: (id, r) => dismiss(pool, id, r),
    markReplayed: (id, r) => markReplayed(pool, id, r),
    meta: (key) => meta(pool, key),
    setMeta: (entries) => setMeta(pool, entries),
    close: () => pool.end(),
  };
}
