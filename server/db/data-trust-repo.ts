/**
 * The data-trust tables (migration 016): flags, reviews, completions per official, and each unit's
 * daily figures. The projection writer writes flags, completions and daily figures in the dossier
 * row's transaction; the daily-jump sweep and the reviews write from the main thread.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './connection.js';
import type { EvidenceRef } from '../domain/data-trust.js';
import type { DataTrustRule, DataTrustVerdict } from '../../shared/contract/data-trust.js';

/** A flag as stored. Instants in epoch ms. */
export interface StoredFlag {
  id: string;
  rule: DataTrustRule;
  unit: string;
  dossierId: string | null;
  receivedAt: number;
  official: { id: string; name: string } | null;
  raisedAt: number;
  evidence: StoredEvidence[];
  review: { verdict: DataTrustVerdict; note: string; by: string; at: number } | null;
}

/** Evidence as stored: a daily jump's carries its figure. */
export type StoredEvidence = EvidenceRef & {
  figure?: { name: 'volume' | 'on_time_rate'; value: number; median: number; mad: number; score: number };
};

/** A flag to write (without review). */
export type FlagRow = Omit<StoredFlag, 'review'>;

export interface StoredCompletion {
  dossierId: string;
  handlerId: string;
  handlerName: string;
  unit: string;
  receivedAt: number;
  at: number;
  eventId: string | null;
  arrivedAt: number | null;
}

export interface UnitDayRow {
  unit: string;
  day: number;
  received: number;
  finished: number;
  onTime: number;
}

export const FLAG_COLUMNS = `f.id, f.rule, f.unit, f.dossier_id, f.received_at, f.official_id, f.official_name, f.raised_at, f.evidence,
  r.verdict, r.note, r.by_user, r.at`;
export type FlagTuple = [
  string,
  DataTrustRule,
  string,
  string | null,
  number,
  string | null,
  string | null,
  number,
  string,
  ...(string | number | null)[],
];

export function storedFlag(r: FlagTuple): StoredFlag {
  return {
    id: r[0],
    rule: r[1],
    unit: r[2],
    dossierId: r[3],
    receivedAt: r[4],
    official: r[5] === null ? null : { id: r[5], name: r[6] ?? '' },
    raisedAt: r[7],
    evidence: JSON.parse(r[8]) as StoredEvidence[],
    review: r[9] === null ? null : { verdict: r[9] as DataTrustVerdict, note: r[10] as string, by: r[11] as string, at: r[12] as number },
  };
}

export interface FlagQuery {
  /** A unit or department code; null: the city. */
  unit: string | null;
  /** Window of the dossier's receipt (a daily jump: of its day), [from, to) epoch ms. */
  from: number;
  to: number;
  rule: DataTrustRule | null;
  status: 'open' | DataTrustVerdict | null;
}

export function whereOf(q: FlagQuery, withRule: boolean, withStatus: boolean): string {
  const parts = ['f.received_at >= @from', 'f.received_at < @to'];
  if (q.unit !== null) parts.push('f.unit = @unit');
  if (withRule && q.rule !== null) parts.push('f.rule = @rule');
  if (withStatus && q.status === 'open') parts.push('r.verdict IS NULL');
  else if (withStatus && q.status !== null) parts.push('r.verdict = @status');
  return parts.join(' AND ');
}

// Long by design: one closure over the prepared statements and the short methods that run them.
// eslint-disable-next-line max-lines-per-function -- see the comment above
export function createDataTrustRepo(db: Db) {
  let st: Record<string, Statement<unknown[]>> | null = null;
  // Prepared on first use: a repository over a file older than migration 016 works until it touches these tables.
  const s = () =>
    (st ??= {
      insertFlag: db.prepare(
        `INSERT INTO data_trust_flags (id, rule, unit, dossier_id, received_at, official_id, official_name, raised_at, evidence)
         VALUES (@id, @rule, @unit, @dossierId, @receivedAt, @officialId, @officialName, @raisedAt, @evidence)
         ON CONFLICT (id) DO UPDATE SET rule = excluded.rule, unit = excluded.unit, received_at = excluded.received_at,
           official_id = excluded.official_id, official_name = excluded.official_name, raised_at = excluded.raised_at, evidence = excluded.evidence`,
      ),
      removeDossierFlags: db.prepare(`DELETE FROM data_trust_flags WHERE dossier_id = ? AND rule != 'completion_burst'`),
      setCompletion: db.prepare(
        `INSERT OR REPLACE INTO data_trust_completions (dossier_id, handler_id, handler_name, unit, received_at, at, event_id, arrived_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      removeCompletion: db.prepare('DELETE FROM data_trust_completions WHERE dossier_id = ?'),
      completionsAround: db.prepare(
        `SELECT dossier_id AS dossierId, handler_id AS handlerId, handler_name AS handlerName, unit, received_at AS receivedAt, at,
                event_id AS eventId, arrived_at AS arrivedAt
         FROM data_trust_completions WHERE handler_id = ? AND at > ? AND at < ? ORDER BY at, dossier_id`,
      ),
      countCompletionsAround: db.prepare('SELECT COUNT(*) FROM data_trust_completions WHERE handler_id = ? AND at > ? AND at < ?').pluck(),
      addUnitDay: db.prepare(
        `INSERT INTO data_trust_unit_days (unit, day, received, finished, on_time) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (unit, day) DO UPDATE SET received = received + excluded.received, finished = finished + excluded.finished,
           on_time = on_time + excluded.on_time`,
      ),
      unitDays: db.prepare(
        `SELECT unit, day, received, finished, on_time AS onTime FROM data_trust_unit_days WHERE day >= ? AND day <= ? ORDER BY unit, day`,
      ),
      flagsBetween: db.prepare(
        `SELECT f.unit, f.dossier_id AS dossierId, f.rule, r.verdict FROM data_trust_flags f LEFT JOIN data_trust_reviews r ON r.flag_id = f.id
         WHERE f.received_at >= ? AND f.received_at < ?`,
      ),
      flag: db
        .prepare(`SELECT ${FLAG_COLUMNS} FROM data_trust_flags f LEFT JOIN data_trust_reviews r ON r.flag_id = f.id WHERE f.id = ?`)
        .raw(),
      review: db.prepare(
        `INSERT INTO data_trust_reviews (flag_id, verdict, note, by_user, at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (flag_id) DO UPDATE SET verdict = excluded.verdict, note = excluded.note, by_user = excluded.by_user, at = excluded.at`,
      ),
      allFlags: db
        .prepare(`SELECT ${FLAG_COLUMNS} FROM data_trust_flags f LEFT JOIN data_trust_reviews r ON r.flag_id = f.id ORDER BY f.id`)
        .raw(),
    });

  const writeFlag = (f: FlagRow) =>
    s().insertFlag.run({
      id: f.id,
      rule: f.rule,
      unit: f.unit,
      dossierId: f.dossierId,
      receivedAt: f.receivedAt,
      officialId: f.official?.id ?? null,
      officialName: f.official?.name ?? null,
      raisedAt: f.raisedAt,
      evidence: JSON.stringify(f.evidence),
    });

  return {
    /** Replaces a dossier's flags of its own rules (`had`: it may have some to delete first); burst flags stay. */
    replaceDossierFlags(dossierId: string, had: boolean, flags: readonly FlagRow[]): void {
      if (had) s().removeDossierFlags.run(dossierId);
      for (const f of flags) writeFlag(f);
    },
    /** Writes a flag, or updates its evidence (its review, if any, stays). */
    upsertFlag(f: FlagRow): void {
      writeFlag(f);
    },
    setCompletion(c: StoredCompletion): void {
      s().setCompletion.run(c.dossierId, c.handlerId, c.handlerName, c.unit, c.receivedAt, c.at, c.eventId, c.arrivedAt);
    },
    removeCompletion(dossierId: string): void {
      s().removeCompletion.run(dossierId);
    },
    /** One official's completions in (from, to), by time. */
    completionsAround(handlerId: string, from: number, to: number): StoredCompletion[] {
      return s().completionsAround.all(handlerId, from, to) as StoredCompletion[];
    },
    /** How many completions one official has in (from, to) (the index alone, no row read). */
    countCompletionsAround(handlerId: string, from: number, to: number): number {
      return s().countCompletionsAround.get(handlerId, from, to) as number;
    },
    /** Adds to a unit's figures of a day (negative to take a dossier's share back). */
    addUnitDay(unit: string, day: number, received: number, finished: number, onTime: number): void {
      s().addUnitDay.run(unit, day, received, finished, onTime);
    },
    /** Every unit's daily figures for days in [fromDay, toDay], by unit then day. */
    unitDays(fromDay: number, toDay: number): UnitDayRow[] {
      return s().unitDays.all(fromDay, toDay) as UnitDayRow[];
    },
    /** Flags whose dossier was received (daily jump: whose day began) in [from, to), with their verdict. */
    flagsBetween(
      from: number,
      to: number,
    ): { unit: string; dossierId: string | null; rule: DataTrustRule; verdict: DataTrustVerdict | null }[] {
      return s().flagsBetween.all(from, to) as {
        unit: string;
        dossierId: string | null;
        rule: DataTrustRule;
        verdict: DataTrustVerdict | null;
      }[];
    },
    /** One page of flags, most recently raised first, with the total and the counts per rule. */
    flagsPage(q: FlagQuery & { limit: number; offset: number }): {
      total: number;
      items: StoredFlag[];
      byRule: { rule: DataTrustRule; flags: number; open: number }[];
    } {
      const params = { unit: q.unit, from: q.from, to: q.to, rule: q.rule, status: q.status };
      const byRule = db
        .prepare(
          `SELECT f.rule AS rule, COUNT(*) AS flags, SUM(r.verdict IS NULL) AS open
           FROM data_trust_flags f LEFT JOIN data_trust_reviews r ON r.flag_id = f.id WHERE ${whereOf(q, false, false)} GROUP BY f.rule`,
        )
        .all(params) as { rule: DataTrustRule; flags: number; open: number }[];
      const total = db
        .prepare(
          `SELECT COUNT(*) FROM data_trust_flags f LEFT JOIN data_trust_reviews r ON r.flag_id = f.id WHERE ${whereOf(q, true, true)}`,
        )
        .pluck()
        .get(params) as number;
      const rows = db
        .prepare(
          `SELECT ${FLAG_COLUMNS} FROM data_trust_flags f LEFT JOIN data_trust_reviews r ON r.flag_id = f.id
           WHERE ${whereOf(q, true, true)} ORDER BY f.raised_at DESC, f.id LIMIT @limit OFFSET @offset`,
        )
        .raw()
        .all({ ...params, limit: q.limit, offset: q.offset }) as FlagTuple[];
      return { total, items: rows.map(storedFlag), byRule };
    },
    flag(id: string): StoredFlag | null {
      const r = s().flag.get(id) as FlagTuple | undefined;
      return r ? storedFlag(r) : null;
    },
    review(flagId: string, verdict: DataTrustVerdict, note: string, by: string, at: number): void {
      s().review.run(flagId, verdict, note, by, at);
    },
    /** Every flag with its review, by id (tests compare a restart with this). */
    allFlags(): StoredFlag[] {
      return (s().allFlags.all() as FlagTuple[]).map(storedFlag);
    },
  };
}

export type DataTrustRepo = ReturnType<typeof createDataTrustRepo>;
