/** The whole checkpoint's text written in slices is the one checkpointToCompact writes, character for character. */
import { describe, expect, it } from 'vitest';
import { loadWorkCalendar } from '../../../server/config/calendar-loader.js';
import { foldDossier } from '../../../server/domain/dossier.js';
import { parseLoggedDossierEvent, parseLoggedTaskEvent } from '../../../server/domain/logged-events.js';
import { foldTask } from '../../../server/domain/task.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../../../server/domain/types.js';
import { loadJurisdiction } from '../../../server/geo/jurisdiction-loader.js';
import { asciiJson } from '../../../server/metrics/replay-codec.js';
import { checkpointToCompact } from '../../../server/metrics/replay-delta.js';
import { checkpointToCompactSliced } from '../../../server/metrics/replay-sliced.js';
import { emptyCheckpoint, noteAhead, putDossier, putTask } from '../../../server/metrics/replay-state.js';
import { createCityGenerator } from '../../../server/simulator/generator.js';
import { loadProcedures } from '../../../server/simulator/procedures.js';
import { T0 } from '../../helpers/test-server.js';

const settings = DEFAULT_DOMAIN_SETTINGS;
const calendar = loadWorkCalendar(undefined, settings.officeHours);
const ctx = { calendar, settings };

function groupBy<T>(items: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of items) {
    const list = out.get(key(x));
    if (list) list.push(x);
    else out.set(key(x), [x]);
  }
  return out;
}

describe('a whole checkpoint written in slices', () => {
  it('is the text checkpointToCompact writes, over more than one slice of dossiers', async () => {
    const gen = createCityGenerator({
      seed: 5,
      jurisdiction: loadJurisdiction(),
      procedures: loadProcedures(),
      calendar,
      scale: 0.08,
      badEventRate: 0,
    });
    const { dossiers, tasks } = gen.generate(T0 - 5 * 86_400_000, T0);
    const cp = emptyCheckpoint(T0);
    for (const [id, events] of groupBy(dossiers, (e) => e.dossierId)) {
      const state = foldDossier(
        events.map((e) => parseLoggedDossierEvent(JSON.stringify(e))),
        ctx,
        id,
      );
      putDossier(cp, null, state, ctx);
      noteAhead(cp, `dossier:${id}`, state.lastEventAt, T0 - 86_400_000);
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
    expect(cp.openDossiers.size).toBeGreaterThan(1_000);
    expect(cp.ahead.size).toBeGreaterThan(0);
    let yields = 0;
    const text = await checkpointToCompactSliced(cp, async () => void yields++);
    // The same text but for its non-ASCII characters, written as escapes (db/replay-text.ts).
    expect(text).toBe(asciiJson(checkpointToCompact(cp)));
    expect(/[^ -~]/.test(text)).toBe(false);
    expect(JSON.parse(text)).toEqual(JSON.parse(checkpointToCompact(cp)));
    expect(yields).toBeGreaterThan(0);
  });
});
