/** A delta's text written as ASCII from the start is the one the store made of deltaToCompact, character for character. */
import { describe, expect, it } from 'vitest';
import { loadWorkCalendar } from '../../../server/config/calendar-loader.js';
import { foldDossier } from '../../../server/domain/dossier.js';
import { parseLoggedDossierEvent, parseLoggedTaskEvent } from '../../../server/domain/logged-events.js';
import { foldTask } from '../../../server/domain/task.js';
import { DEFAULT_DOMAIN_SETTINGS, type DossierState } from '../../../server/domain/types.js';
import { loadJurisdiction } from '../../../server/geo/jurisdiction-loader.js';
import { asciiJson } from '../../../server/metrics/replay-codec.js';
import { deltaToCompact } from '../../../server/metrics/replay-delta.js';
import {
  emptyCheckpoint,
  noneTouched,
  noteAhead,
  putDossier,
  putTask,
  type CheckpointState,
} from '../../../server/metrics/replay-state.js';
import { createDeltaText } from '../../../server/replay/delta-text.js';
import { createCityGenerator } from '../../../server/simulator/generator.js';
import { loadProcedures } from '../../../server/simulator/procedures.js';
import { T0 } from '../../helpers/test-server.js';

const settings = DEFAULT_DOMAIN_SETTINGS;
const calendar = loadWorkCalendar(undefined, settings.officeHours);
const ctx = { calendar, settings };
const DAY = 86_400_000;

function groupBy<T>(items: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of items) out.set(key(x), [...(out.get(key(x)) ?? []), x]);
  return out;
}

/** The city's items of [from, to) put into `cp` (touched), with `prev` the state it held. */
function putCity(cp: CheckpointState, from: number, to: number, held: Map<string, DossierState>): void {
  const gen = createCityGenerator({
    seed: 7,
    jurisdiction: loadJurisdiction(),
    procedures: loadProcedures(),
    calendar,
    scale: 0.05,
    badEventRate: 0,
  });
  const { dossiers, tasks } = gen.generate(from, to);
  for (const [id, events] of groupBy(dossiers, (e) => e.dossierId)) {
    const state = foldDossier(
      events.map((e) => parseLoggedDossierEvent(JSON.stringify(e))),
      ctx,
      id,
    );
    putDossier(cp, held.get(id) ?? null, state, ctx);
    held.set(id, state);
    noteAhead(cp, `dossier:${id}`, state.lastEventAt, to - DAY);
  }
  for (const [id, events] of groupBy(tasks, (e) => e.taskId))
    putTask(
      cp,
      null,
      foldTask(
        events.map((e) => parseLoggedTaskEvent(JSON.stringify(e))),
        id,
      ),
    );
}

describe("a delta checkpoint's ASCII text", () => {
  it('is asciiJson of deltaToCompact, delta after delta (escapes kept between them), and ASCII only', () => {
    const deltaText = createDeltaText();
    const cp = emptyCheckpoint(T0);
    const held = new Map<string, DossierState>();
    putCity(cp, T0 - 3 * DAY, T0 - DAY, held);
    cp.touched = noneTouched();
    putCity(cp, T0 - DAY, T0, held);
    // A dossier no longer held (gone), and an id and a task title with Vietnamese in them.
    const [someId, some] = [...cp.openDossiers][0];
    cp.openDossiers.delete(someId);
    const odd = { ...some, id: 'hồ-sơ-1' };
    cp.openDossiers.set(odd.id, odd);
    cp.touched.openDossiers.add(odd.id);
    const task = [...cp.tasks.values()][0];
    cp.tasks.set(task.id, { ...task, title: 'Báo cáo tình hình' });
    cp.touched.tasks.add(task.id);
    // Every part of a dossier's tuple is written: pauses, apologies, holds, the two-supplements rule, no procedure.
    const [, other] = [...cp.openDossiers][1];
    const full = { ...other, id: 'd-full', procedure: null, supplementRuleAt: T0 - 5, dueAtSecondRequest: T0 + 7 };
    full.pauses = [{ from: T0 - 9, to: null }];
    full.apologies = [{ at: T0 - 8, proposedDueAt: T0 + 9, reason: 'Thiếu hồ sơ' }];
    full.holds = [{ handlerId: 'cb-1', handlerName: 'Nguyễn Văn A', handlerUnit: 'u', from: T0 - 7, to: null, stepDueAt: null }];
    cp.openDossiers.set(full.id, full);
    cp.touched.openDossiers.add(full.id);
    expect(cp.touched.openDossiers.size).toBeGreaterThan(100);
    const expected = asciiJson(deltaToCompact(cp));
    expect(/[\u0080-\uffff]/.test(deltaToCompact(cp))).toBe(true);
    const first = deltaText(cp);
    expect(first).toBe(expected);
    expect(deltaText(cp)).toBe(expected);
    expect(/[^ -~]/.test(first)).toBe(false);
    expect(JSON.parse(first)).toEqual(JSON.parse(deltaToCompact(cp)));
  });
});
