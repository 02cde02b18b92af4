import { describe, expect, it } from 'vitest';
import {
  dayOfWeekOfIndex,
  MS_PER_DAY,
  MS_PER_HOUR,
  parseDueDate,
  vnDayIndex,
  vnDayKey,
  vnStartOfDay,
} from '../../../server/domain/time.js';
import { dossierEventSchema, taskEventSchema } from '../../../server/domain/wire-schemas.js';
import { createCityGenerator } from '../../../server/simulator/generator.js';
import type { CityGeneratorOptions, GeneratedEvents } from '../../../server/simulator/generator.js';
import type { WireDossierEvent } from '../../../server/simulator/wire.js';
import { at, calendar, procedures, tinyCity, vn } from './helpers.js';

/** The tiny city with a town-sized volume (the model spreads the city volume over its units). */
const TINY_VOLUME = { dossiersPerWorkingDay: 800 };
const make = (overrides: Partial<CityGeneratorOptions> = {}) =>
  createCityGenerator({ seed: 7, jurisdiction: tinyCity, procedures, calendar, scale: 1, model: TINY_VOLUME, ...overrides });

const FROM = vn('2026-11-09T00:00'); // a Monday
const TO = FROM + 12 * MS_PER_DAY;

/** Generates [from, to) in pieces of the given sizes (cycled). */
function chunked(gen: ReturnType<typeof make>, from: number, to: number, sizes: number[]): GeneratedEvents {
  const out: GeneratedEvents = { dossiers: [], tasks: [] };
  let t = from;
  for (let i = 0; t < to; i++) {
    const next = Math.min(to, t + sizes[i % sizes.length]!);
    const part = gen.generate(t, next);
    for (const e of part.dossiers) out.dossiers.push(e);
    for (const e of part.tasks) out.tasks.push(e);
    t = next;
  }
  return out;
}

const OFFICE_MINUTES: [number, number][] = [
  [7 * 60 + 30, 11 * 60 + 30],
  [13 * 60, 17 * 60],
];
function inOfficeHours(t: number): boolean {
  if (!calendar.isWorkingDay(vnDayKey(t))) return false;
  const minutes = (t - vnStartOfDay(t)) / 60_000;
  return OFFICE_MINUTES.some(([a, b]) => minutes >= a && minutes < b);
}

const isWard = (code: string) => tinyCity.units.some((u) => u.code === code);

describe('createCityGenerator', () => {
  const gen = make();
  const all = gen.generate(FROM, TO);
  const faults = gen.injectedFaults();

  it('gives identical events for the same seed, and others for another seed', () => {
    const again = make().generate(FROM, TO);
    expect(again).toEqual(all);
    const other = make({ seed: 8 }).generate(FROM, TO);
    expect(other.dossiers.slice(0, 50)).not.toEqual(all.dossiers.slice(0, 50));
  });

  it('does not depend on how the range is chunked', () => {
    // Odd sizes: a second, a few minutes, across slot boundaries, a day and a half.
    const pieces = chunked(make(), FROM, TO, [1_000, 7 * 60_000, 29 * 60_000 + 13_000, 3 * MS_PER_HOUR + 1, 1.5 * MS_PER_DAY]);
    expect(pieces.dossiers.length).toBe(all.dossiers.length);
    expect(pieces).toEqual(all);
  });

  it('emits events in [from, to), sorted, with unique deterministic ids', () => {
    // Problems are collected and asserted once: an expect() per event is slow over 50,000 events.
    const problems: string[] = [];
    const ids = new Set<string>();
    let prev = Number.NEGATIVE_INFINITY;
    for (const e of all.dossiers) {
      if (ids.has(e.id)) problems.push(`duplicate ${e.id}`);
      ids.add(e.id);
      if (!e.id.startsWith(`${e.dossierId}:`)) problems.push(`id ${e.id} not under ${e.dossierId}`);
      if (faults.has(e.id)) continue;
      const t = at(e.at);
      if (t < prev) problems.push(`out of order ${e.id}`);
      if (t < FROM || t >= TO) problems.push(`outside range ${e.id}`);
      prev = t;
    }
    let prevTask = Number.NEGATIVE_INFINITY;
    for (const e of all.tasks) {
      if (ids.has(e.id)) problems.push(`duplicate ${e.id}`);
      ids.add(e.id);
      if (faults.has(e.id)) continue;
      if (at(e.at) < prevTask) problems.push(`task out of order ${e.id}`);
      prevTask = at(e.at);
    }
    expect(problems).toEqual([]);
  });

  it('emits only events the ingest contract accepts, except the deliberately bad ones', () => {
    const problems: string[] = [];
    for (const e of all.dossiers) {
      const ok = dossierEventSchema.safeParse(e).success;
      if (ok !== (faults.get(e.id) !== 'due_without_offset')) problems.push(JSON.stringify(e));
      if (!faults.has(e.id) && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/.test(e.at)) problems.push(`at ${e.at}`);
    }
    for (const e of all.tasks) {
      const ok = taskEventSchema.safeParse(e).success;
      if (ok !== (faults.get(e.id) !== 'task_due_without_offset')) problems.push(JSON.stringify(e));
    }
    expect(problems).toEqual([]);
  });

  it('has every field each type requires', () => {
    const counts = new Map<string, number>();
    for (const e of all.dossiers) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
    for (const type of [
      'received',
      'assigned',
      'processed',
      'returned',
      'rated',
      'supplement_requested',
      'supplement_received',
      'apology_issued',
      'withdrawn',
      'refused',
    ]) {
      expect(counts.get(type) ?? 0, type).toBeGreaterThan(0);
    }
    const known = new Set([...tinyCity.units.map((u) => u.code), ...tinyCity.departments.map((d) => d.code)]);
    const problems: string[] = [];
    const check = (ok: boolean, e: WireDossierEvent, what: string): void => {
      if (!ok) problems.push(`${what}: ${JSON.stringify(e)}`);
    };
    for (const e of all.dossiers) {
      if (faults.has(e.id)) continue;
      switch (e.type) {
        case 'received': {
          check(known.has(e.unit), e, 'unit');
          check(new RegExp(`^H79\\.${e.unit}-\\d{6}-\\d{4}$`).test(e.dossierId), e, 'dossier id');
          const key = vnDayKey(at(e.at));
          check(e.dossierId.split('-')[1] === key.slice(2, 4) + key.slice(5, 7) + key.slice(8, 10), e, 'id date');
          check(/^\d\.\d{6}$/.test(e.procedure.code) && e.procedure.name.length > 0 && e.procedure.legalDays >= 1, e, 'procedure');
          check(['online', 'in_person', 'postal'].includes(e.channel), e, 'channel');
          check((parseDueDate(e.dueAt) ?? 0) > at(e.at), e, 'due');
          check(typeof e.digitized === 'boolean', e, 'digitized');
          break;
        }
        case 'assigned':
          check(/^79-[0-9A-Z]+-cb\d{2}$/.test(e.handler.id) && e.handler.name.split(' ').length === 3, e, 'handler');
          check(e.stepDueAt !== undefined && parseDueDate(e.stepDueAt) !== null, e, 'stepDueAt');
          break;
        case 'apology_issued':
          check(e.reason.length > 0 && parseDueDate(e.proposedDueAt) !== null, e, 'apology');
          break;
        case 'rated':
          check(e.rating === 'satisfied' || e.rating === 'unsatisfied', e, 'rating');
          break;
        default:
          break;
      }
    }
    expect(problems).toEqual([]);
  });

  it('sends the service index fields at their documented rates: a fee as the procedure says, VNeID on nearly every online one', () => {
    const recv = all.dossiers.filter((e): e is Extract<WireDossierEvent, { type: 'received' }> => e.type === 'received');
    const share = (xs: { length: number }, of: { length: number }) => xs.length / of.length;
    const online = recv.filter((e) => e.channel === 'online');
    const offline = recv.filter((e) => e.channel !== 'online');
    expect(recv.every((e) => typeof e.hasFee === 'boolean' && typeof e.reusedData === 'boolean')).toBe(true);
    const feeBearing = new Map(procedures.map((p) => [p.code, p.feeBearing]));
    expect(recv.every((e) => e.hasFee === feeBearing.get(e.procedure.code))).toBe(true);
    expect(
      share(
        online.filter((e) => e.citizenDataConnected),
        online,
      ),
    ).toBeGreaterThan(0.9);
    expect(
      share(
        offline.filter((e) => e.citizenDataConnected),
        offline,
      ),
    ).toBeLessThan(0.5);
    expect(
      share(
        recv.filter((e) => e.reusedData),
        recv,
      ),
    ).toBeCloseTo(0.35, 1);
    // paid online only where there is a fee
    expect(recv.filter((e) => e.paidOnline !== undefined).every((e) => e.hasFee)).toBe(true);
    const processed = all.dossiers.filter((e) => e.type === 'processed');
    expect(processed.every((e) => typeof e.electronicResult === 'boolean' && e.complaint === false)).toBe(true);
  });

  it('tells a coherent story per dossier: receipt first, steps in order, nothing after the end', () => {
    const byDossier = new Map<string, WireDossierEvent[]>();
    for (const e of all.dossiers) {
      if (faults.has(e.id)) continue;
      const list = byDossier.get(e.dossierId) ?? [];
      list.push(e);
      byDossier.set(e.dossierId, list);
    }
    const problems: string[] = [];
    const faultyDossiers = new Set([...faults.keys()].map((k) => k.slice(0, k.lastIndexOf(':'))));
    for (const [id, events] of byDossier) {
      if (events[0]!.type !== 'received') {
        // Only dossiers whose receipt was a quarantined bad event lack one.
        expect(
          [...faults.keys()].some((k) => k.startsWith(`${id}:`)),
          id,
        ).toBe(true);
        continue;
      }
      const types = events.map((e) => e.type);
      const unit = (events[0] as Extract<WireDossierEvent, { type: 'received' }>).unit;
      const bad = (why: string): void => {
        problems.push(`${id} ${why}: ${types.join(',')}`);
      };
      // Officials of the dossier's unit, or of a department taking the inter-level step (liên thông) of a ward's file.
      if (events.some((e) => e.type === 'assigned' && e.handler.unit !== unit && !(isWard(unit) && !isWard(e.handler.unit)))) {
        bad('handler of another unit');
      }
      // Numbered 1, 2, 3… in order (dossiers with a bad event, left out above, have a hole).
      if (!faultyDossiers.has(id)) {
        events.forEach((e, i) => {
          if (e.id !== `${id}:${i + 1}`) bad(`event ${i} is ${e.id}`);
        });
      }
      const stop = types.findIndex((t) => t === 'stopped' || t === 'refused' || t === 'withdrawn');
      if (stop >= 0 && stop !== types.length - 1) bad('events after the end');
      const processed = types.indexOf('processed');
      if (processed >= 0) {
        if (!types.slice(0, processed).includes('assigned')) bad('processed unassigned');
        if (!types.slice(processed + 1).every((t) => t === 'returned' || t === 'rated')) bad('steps after processing');
      }
      const rated = types.indexOf('rated');
      if (rated >= 0 && !types.slice(0, rated).includes('returned')) bad('rated before return');
      let open = 0;
      for (const t of types) {
        if (t === 'supplement_requested') open++;
        if (t === 'supplement_received' && open-- <= 0) bad('supplement back before requested');
      }
    }
    expect(problems).toEqual([]);
  });

  it('receives at the counter and by post only in office hours on working days', () => {
    let counter = 0;
    let offHoursOnline = 0;
    const outside: string[] = [];
    for (const e of all.dossiers) {
      if (e.type !== 'received' || faults.has(e.id)) continue;
      const t = at(e.at);
      if (e.channel === 'online') {
        if (!inOfficeHours(t)) offHoursOnline++;
      } else {
        counter++;
        if (!inOfficeHours(t)) outside.push(e.at);
      }
    }
    expect(outside).toEqual([]);
    expect(counter).toBeGreaterThan(1_000);
    expect(offHoursOnline).toBeGreaterThan(50); // online submissions at night and at weekends
  });

  it('takes no counter dossiers over Tết 2026 and few online ones', () => {
    const tet = make();
    const from = vn('2026-02-09T00:00');
    const out = tet.generate(from, vn('2026-02-27T00:00'));
    const perDay = new Map<string, { counter: number; online: number }>();
    for (const e of out.dossiers) {
      if (e.type !== 'received') continue;
      const key = vnDayKey(at(e.at));
      const c = perDay.get(key) ?? { counter: 0, online: 0 };
      if (e.channel === 'online') c.online++;
      else c.counter++;
      perDay.set(key, c);
    }
    const tetDays = [
      '2026-02-14',
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
    ];
    const workingDay = perDay.get('2026-02-12')!;
    for (const day of tetDays) {
      expect(perDay.get(day)?.counter ?? 0, day).toBe(0);
      expect(perDay.get(day)?.online ?? 0, day).toBeLessThan(workingDay.online * 0.4);
    }
    // The backlog arrives on the first working day after the break.
    expect(perDay.get('2026-02-23')!.counter).toBeGreaterThan(perDay.get('2026-02-12')!.counter);
  });

  it('computes due dates from the next working morning with the legal time', () => {
    const problems: string[] = [];
    for (const e of all.dossiers) {
      if (e.type !== 'received' || faults.has(e.id)) continue;
      const due = parseDueDate(e.dueAt)!;
      const received = at(e.at);
      // At least the legal time in working hours, and never more than a day beyond it.
      const working = calendar.workingMsBetween(received, due);
      const legal = e.procedure.legalDays * calendar.workingMsPerDay;
      if (working < legal || working > legal + calendar.workingMsPerDay) problems.push(`${e.at} ${e.dueAt} ${e.procedure.legalDays}`);
    }
    expect(problems).toEqual([]);
  });

  it('assigns about 30–80 directive tasks a working day at scale 1', () => {
    const perDay = new Map<number, number>();
    for (const e of all.tasks) if (e.type === 'assigned') perDay.set(vnDayIndex(at(e.at)), (perDay.get(vnDayIndex(at(e.at))) ?? 0) + 1);
    const working = [...perDay].filter(([d]) => dayOfWeekOfIndex(d) !== 0 && dayOfWeekOfIndex(d) !== 6);
    const mean = working.reduce((s, [, n]) => s + n, 0) / working.length;
    expect(mean).toBeGreaterThan(30);
    expect(mean).toBeLessThan(80);
    for (const e of all.tasks) {
      if (e.type !== 'assigned' || faults.has(e.id)) continue;
      expect(e.document.number).toMatch(/^\d+\/[A-ZĐ-]+$/);
      expect(e.document.date <= vnDayKey(at(e.at))).toBe(true);
    }
    expect(all.tasks.some((e) => e.type === 'completed')).toBe(true);
    expect(all.tasks.some((e) => e.type === 'progress_reported')).toBe(true);
  });

  it('refuses to go back in time and skips a gap', () => {
    const g = make();
    g.generate(FROM, FROM + MS_PER_DAY);
    expect(() => g.generate(FROM, FROM + 2 * MS_PER_DAY)).toThrow(RangeError);
    const later = g.generate(FROM + 3 * MS_PER_DAY, FROM + 4 * MS_PER_DAY);
    // (A deliberately bad event may carry an `at` before its dossier's receipt: it is emitted when it really happens.)
    const faults = g.injectedFaults();
    for (const e of later.dossiers) if (!faults.has(e.id)) expect(at(e.at)).toBeGreaterThanOrEqual(FROM + 3 * MS_PER_DAY);
    expect(g.cursor).toBe(FROM + 4 * MS_PER_DAY);
  });

  it('follows setScale for arrivals not yet drawn', () => {
    const g = make({ scale: 0.5 });
    const before = g.generate(FROM, FROM + MS_PER_DAY).dossiers.filter((e) => e.type === 'received').length;
    g.setScale(2);
    const after = g.generate(FROM + MS_PER_DAY, FROM + 2 * MS_PER_DAY).dossiers.filter((e) => e.type === 'received').length;
    expect(after).toBeGreaterThan(before * 2.5);
  });
});

describe('injected bad data', () => {
  const gen = make({ badEventRate: 0.01 });
  const out = gen.generate(FROM, TO);
  const faults = gen.injectedFaults();
  const byId = new Map([...out.dossiers, ...out.tasks].map((e) => [e.id, e] as const));
  const receivedAt = new Map(out.dossiers.filter((e) => e.type === 'received').map((e) => [e.dossierId, at(e.at)] as const));

  it('injects each kind at about the configured rate, reported by stats and ids only', () => {
    const total = out.dossiers.length + out.tasks.length;
    expect(faults.size / total).toBeGreaterThan(0.006);
    expect(faults.size / total).toBeLessThan(0.014);
    const stats = gen.stats();
    expect(Object.values(stats.injected).reduce((s, n) => s + n, 0)).toBe(faults.size);
    for (const kind of ['unknown_unit', 'due_without_offset', 'future_at', 'end_before_receipt'] as const) {
      expect(stats.injected[kind], kind).toBeGreaterThan(0);
    }
    expect([...byId.values()].filter((e) => 'fault' in e)).toEqual([]);
  });

  it('makes each kind bad in the way it says', () => {
    const known = new Set([...tinyCity.units.map((u) => u.code), ...tinyCity.departments.map((d) => d.code)]);
    for (const [id, kind] of faults) {
      const e = byId.get(id)!;
      switch (kind) {
        case 'unknown_unit':
          expect(e.type === 'received' && !known.has(e.unit)).toBe(true);
          break;
        case 'due_without_offset':
          expect(e.type === 'received' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(e.dueAt)).toBe(true);
          break;
        case 'future_at':
          expect(at(e.at)).toBeGreaterThan(TO + 100 * MS_PER_DAY);
          break;
        case 'end_before_receipt':
          expect(at(e.at)).toBeLessThan(receivedAt.get((e as WireDossierEvent).dossierId)!);
          break;
        case 'unknown_assignee':
          expect(e.type === 'assigned' && 'assignee' in e && !known.has(e.assignee)).toBe(true);
          break;
        case 'task_due_without_offset':
          expect(e.type === 'assigned' && 'assignee' in e && /T\d{2}:\d{2}:\d{2}$/.test(e.dueAt ?? '')).toBe(true);
          break;
      }
    }
  });

  it('injects nothing when the rate is 0', () => {
    const clean = make({ badEventRate: 0 });
    clean.generate(FROM, FROM + 3 * MS_PER_DAY);
    expect(clean.injectedFaults().size).toBe(0);
  });
});
