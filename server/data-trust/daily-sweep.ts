/**
 * The daily jump's clock (time-driven, on the main thread's live step): once a working day's office
 * hours are over, every unit's figures of that day are judged against its own history
 * (data-trust-daily.ts), from the per-unit daily figures the projection writer keeps — one read of
 * those rows, never a scan of the dossiers. The last day judged is kept in `meta`, so a restart
 * judges the days it missed and none twice. It reads and writes through the data-trust store (either
 * engine): the flags and the mark in one transaction, written only if the mark is still the one read
 * (so two nodes' sweeps judge a day once). One sweep at a time; a failed one is tried again at the next check.
 */
import type { DataTrustStore, FlagRow } from '../db/data-trust-store/contract.js';
import type { Logger } from '../logger.js';
import { dailyJumps, type UnitDay } from '../domain/data-trust-daily.js';
import { dayKeyOfIndex, vnDayIndex, vnDayStartOfIndex, MS_PER_MINUTE } from '../domain/time.js';
import type { DomainSettings, WorkCalendar } from '../domain/types.js';

/** How often the step looks whether a working day ended (it costs a few comparisons). */
const CHECK_EVERY_MS = MS_PER_MINUTE;

export interface DailySweepDeps {
  trust: Pick<DataTrustStore, 'unitDays' | 'jumpEvaluatedDay' | 'recordDailyJumps'>;
  calendar: WorkCalendar;
  settings: DomainSettings;
  now: () => number;
  /**
   * Whether the projection writer has every event logged so far (the daily figures are its rows). A
   * day is judged only then — never by forcing the writer through the read barrier from the live step.
   */
  caughtUp?: () => boolean;
  /** Where a failed sweep (the database away) is told; the next check tries again. */
  logger?: Pick<Logger, 'warn'>;
}

/** Minutes after midnight at which the last office session ends ("17:00" → 1020). */
function officeEndMinutes(settings: DomainSettings): number {
  return Math.max(...settings.officeHours.map((h) => Number(h.end.slice(0, 2)) * 60 + Number(h.end.slice(3, 5))));
}

export function createDailyJumpSweep(deps: DailySweepDeps) {
  const { trust: store, calendar, settings } = deps;
  const endMs = officeEndMinutes(settings) * MS_PER_MINUTE;
  const trust = settings.accountability.dataTrust;
  const historyDays = trust.jumpHistoryWeeks * 7;
  const isWorking = (d: number) => calendar.isWorkingDay(dayKeyOfIndex(d));
  let nextCheck = -Infinity;
  let running = false;

  /** The last working day whose office hours are over at `now`. */
  function lastClosedDay(now: number): number {
    let d = vnDayIndex(now);
    if (now < vnDayStartOfIndex(d) + endMs) d--;
    while (!isWorking(d)) d--;
    return d;
  }

  /** Judges the days in (from, to] (working days only); answers the flags written (0: another sweep judged them first). */
  async function judge(stored: number | null, from: number, to: number, now: number): Promise<number> {
    const rows = await store.unitDays(from - historyDays, to);
    const byUnit = new Map<string, Map<number, UnitDay>>();
    for (const r of rows) {
      let m = byUnit.get(r.unit);
      if (!m) byUnit.set(r.unit, (m = new Map()));
      m.set(r.day, r);
    }
    const flags: FlagRow[] = [];
    for (let day = from + 1; day <= to; day++) {
      if (!isWorking(day)) continue;
      for (const [unit, days] of byUnit) {
        // History: the unit's working days since it first sent data (a day with nothing received counts as 0).
        const first = Math.min(...days.keys());
        const history: UnitDay[] = [];
        for (let h = Math.max(day - historyDays, first); h < day; h++) {
          if (isWorking(h)) history.push(days.get(h) ?? { day: h, received: 0, finished: 0, onTime: 0 });
        }
        const today = days.get(day) ?? { day, received: 0, finished: 0, onTime: 0 };
        for (const j of dailyJumps(today, history, trust)) flags.push(jumpFlag(unit, day, j, now));
      }
    }
    return (await store.recordDailyJumps(flags, stored, to)) ? flags.length : 0;
  }

  async function sweepAt(now: number): Promise<number> {
    const to = lastClosedDay(now);
    const stored = await store.jumpEvaluatedDay();
    const from = stored === null ? to - historyDays : stored;
    if (to <= from) return 0;
    // Behind the log (a start's recovery, a history load): look again at the next check.
    if (deps.caughtUp && !deps.caughtUp()) return 0;
    return judge(stored, from, to, now);
  }

  return {
    /** Judges the working days that ended since the last sweep; answers the flags written (0 most steps). Never rejects. */
    async sweep(): Promise<number> {
      const now = deps.now();
      if (!trust.enabled || now < nextCheck || running) return 0;
      nextCheck = now + CHECK_EVERY_MS;
      running = true;
      try {
        return await sweepAt(now);
      } catch (err) {
        deps.logger?.warn({ err }, 'the daily-jump sweep failed; the next check tries again');
        return 0;
      } finally {
        running = false;
      }
    },
  };
}

function jumpFlag(unit: string, day: number, j: ReturnType<typeof dailyJumps>[number], now: number): FlagRow {
  const at = vnDayStartOfIndex(day);
  return {
    id: `${unit}:daily_jump:${dayKeyOfIndex(day)}:${j.figure}`,
    rule: 'daily_jump',
    unit,
    dossierId: null,
    receivedAt: at,
    official: null,
    raisedAt: now,
    evidence: [
      {
        dossierId: null,
        eventId: null,
        type: 'day',
        at,
        arrivedAt: null,
        limitAt: null,
        figure: { name: j.figure, value: j.value, median: j.median, mad: j.mad, score: Math.round(j.score * 100) / 100 },
      },
    ],
  };
}
