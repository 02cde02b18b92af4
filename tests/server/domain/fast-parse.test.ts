import { describe, expect, it } from 'vitest';
import { fastParseDossierEvent, fastParseTaskEvent } from '../../../server/domain/fast-parse.js';
import { dossierEventSchema, taskEventSchema } from '../../../server/domain/wire-schemas.js';
import { createCityGenerator } from '../../../server/simulator/generator.js';
import { loadProcedures } from '../../../server/simulator/procedures.js';
import { mulberry32 } from '../../../server/simulator/random.js';
import { MS_PER_DAY } from '../../../server/domain/time.js';
import { calendar, tinyCity } from '../simulator/helpers.js';

type Obj = Record<string, unknown>;
const T0 = Date.parse('2026-11-20T09:00:00+07:00');

/** Valid wire events of every type the simulator sends, plus hand-written ones of the rarer shapes. */
function validEvents(): { dossiers: Obj[]; tasks: Obj[] } {
  const gen = createCityGenerator({
    seed: 11,
    jurisdiction: tinyCity,
    procedures: loadProcedures(),
    calendar,
    scale: 0.05,
    badEventRate: 0,
  });
  const { dossiers, tasks } = gen.generate(T0 - 10 * MS_PER_DAY, T0);
  const at = '2026-11-20T08:00:00+07:00';
  const extraDossiers: Obj[] = [
    { id: 'x1', dossierId: 'D', at, type: 'supplement_received', dueAt: '2026-11-28' },
    { id: 'x2', dossierId: 'D', at, type: 'supplement_received' },
    { id: 'x3', dossierId: 'D', at, type: 'apology_issued', proposedDueAt: '2026-12-02', reason: ' Chờ xác minh ' },
    { id: 'x4', dossierId: 'D', at, type: 'rated', rating: 'unsatisfied', complaint: 'Chậm' },
    { id: 'x5', dossierId: 'D', at, type: 'stopped', reason: '' },
    {
      id: 'x6',
      dossierId: 'D',
      at,
      type: 'assigned',
      handler: { id: 'h', name: 'A', unit: '26740' },
      stepDueAt: '2026-11-21T17:00:00+07:00',
    },
    { id: ' x7 ', dossierId: ' D ', at: '2026-11-20T01:00:00.123456Z', type: 'withdrawn' },
    { id: 'x8', dossierId: 'D', at, type: 'processed', electronicResult: true, fee: 0, complaint: false },
    { id: 'x9', dossierId: 'D', at, type: 'returned', hasFee: true, fee: 15_000, paidOnline: true, reusedData: false },
  ];
  const extraTasks: Obj[] = [
    {
      id: 't1',
      taskId: 'T',
      at,
      type: 'assigned',
      title: 'x',
      document: { number: '1/UBND', date: '2026-11-01' },
      issuer: 'UBND',
      assignee: 'STP',
    },
    { id: 't2', taskId: 'T', at, type: 'progress_reported', note: 'n', percent: 60 },
    { id: 't3', taskId: 'T', at, type: 'progress_reported' },
    { id: 't4', taskId: 'T', at, type: 'completed', note: 'done' },
    { id: 't5', taskId: 'T', at, type: 'cancelled' },
    { id: 't6', taskId: 'T', at, type: 'extended', dueAt: '2026-12-15', reason: 'Chờ số liệu' },
  ];
  return { dossiers: [...(dossiers as unknown as Obj[]), ...extraDossiers], tasks: [...(tasks as unknown as Obj[]), ...extraTasks] };
}

const BAD_VALUES: unknown[] = [
  undefined,
  null,
  0,
  -1,
  1.5,
  366,
  365,
  101,
  true,
  'x',
  '',
  '   ',
  ' padded ',
  'n'.repeat(41),
  'n'.repeat(201),
  'n'.repeat(2001),
  '2026-11-20T08:00:00',
  '2026-11-20',
  '2026-13-01',
  '2026-11-20T08:00:00+07:00',
  'online',
  'postal',
  'satisfied',
  [],
  {},
  { code: 'c', name: 'n', field: 'f', legalDays: 1 },
  { id: 'h', name: 'n', unit: '26740' },
  { number: '1', date: '2026-1-1' },
];

/** Every path of nested keys of an event (a.b for objects inside it). */
function paths(o: Obj, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const k of Object.keys(o)) {
    out.push([...prefix, k]);
    const v = o[k];
    if (v && typeof v === 'object' && !Array.isArray(v)) out.push(...paths(v as Obj, [...prefix, k]));
  }
  return out;
}

function withValue(o: Obj, path: string[], value: unknown): Obj {
  const copy = structuredClone(o);
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Obj;
  if (value === undefined) delete cur[path[path.length - 1]];
  else cur[path[path.length - 1]] = value;
  return copy;
}

/** The fast path agrees with zod: same output (values, keys and key order) or it defers to zod. */
function expectAgreement(
  schema: typeof dossierEventSchema | typeof taskEventSchema,
  fast: (o: Obj) => unknown,
  input: Obj,
): 'fast' | 'zod' {
  const z = schema.safeParse(input);
  const f = fast(input);
  if (f === undefined) return 'zod';
  expect(z.success, `fast path accepted what zod rejects: ${JSON.stringify(input)}`).toBe(true);
  expect(JSON.stringify(f)).toBe(JSON.stringify(z.data));
  expect(f).toEqual(z.data);
  return 'fast';
}

describe('fastParseDossierEvent and fastParseTaskEvent', () => {
  const { dossiers, tasks } = validEvents();

  it('parses every valid event exactly as the zod schema does', () => {
    for (const e of dossiers) expect(expectAgreement(dossierEventSchema, fastParseDossierEvent, e)).toBe('fast');
    for (const e of tasks) expect(expectAgreement(taskEventSchema, fastParseTaskEvent, e)).toBe('fast');
  });

  it('never accepts a mutated event that zod rejects, and agrees with zod on the ones it accepts', () => {
    const next = mulberry32(5);
    let checked = 0;
    let fast = 0;
    for (const [list, schema, parse] of [
      [dossiers, dossierEventSchema, fastParseDossierEvent],
      [tasks, taskEventSchema, fastParseTaskEvent],
    ] as const) {
      // Every type's shape, each field replaced by each odd value or removed, and an unknown field added.
      const byType = new Map<unknown, Obj>();
      for (const e of list) if (!byType.has(e.type)) byType.set(e.type, e);
      for (let i = 0; i < 40; i++) {
        const e = list[Math.floor(next() * list.length)];
        byType.set(`${String(e.type)}#${i}`, e);
      }
      for (const e of byType.values()) {
        for (const p of paths(e)) {
          for (const v of BAD_VALUES) {
            if (expectAgreement(schema, parse as (o: Obj) => unknown, withValue(e, p, v)) === 'fast') fast++;
            checked++;
          }
        }
        expectAgreement(schema, parse as (o: Obj) => unknown, { ...e, unknownField: 1 });
        for (const t of ['received', 'assigned', 'processed', 'extended', 'completed', 'teleported']) {
          expectAgreement(schema, parse as (o: Obj) => unknown, { ...e, type: t });
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
    expect(fast).toBeGreaterThan(100);
  });
});
