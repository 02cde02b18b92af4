/**
 * A backlog's window (a seeded history's arrivals: the whole log) is folded with its payloads read a
 * slice of items at a time (issue 15: ≈ 130,000 payloads were held at once). The state it leaves must
 * be the one the whole window read at once leaves: the same text, its maps in the same order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillLog } from '../../../bench/replay.js';
import { loadWorkCalendar } from '../../../server/config/calendar-loader.js';
import { openDatabase } from '../../../server/db/connection.js';
import { createStore, type Store } from '../../../server/db/store.js';
import { MS_PER_DAY } from '../../../server/domain/time.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../../../server/domain/types.js';
import { checkpointToCompactSliced } from '../../../server/metrics/replay-sliced.js';
import { emptyCheckpoint, type CheckpointState } from '../../../server/metrics/replay-state.js';
import { foldReceived } from '../../../server/replay/log-fold.js';
import { T0 } from '../../helpers/test-server.js';

const settings = DEFAULT_DOMAIN_SETTINGS;
const ctx = { calendar: loadWorkCalendar(undefined, settings.officeHours), settings };
const FROM = T0 - 3 * MS_PER_DAY;
const noYield = () => Promise.resolve();

describe('folding a backlog window', { timeout: 120_000 }, () => {
  let dir: string;
  let store: Store;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'replay-backlog-'));
    store = createStore(openDatabase(join(dir, 'log.db')));
    fillLog(store, FROM, T0, 0.01, 3);
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function folded(heldRows: number, from: number, cut: number): Promise<{ state: CheckpointState; text: string }> {
    const state = emptyCheckpoint(FROM);
    state.seq = from;
    await foldReceived({ repo: store.replay, ctx, slice: 37, yieldNow: noYield, heldRows }, state, cut, T0);
    return { state, text: await checkpointToCompactSliced(state, noYield) };
  }

  it('leaves the same state reading payloads a slice of items at a time as reading the whole window at once', async () => {
    const max = store.replay.maxSeq();
    expect(max).toBeGreaterThan(1_000);
    const whole = await folded(Number.MAX_SAFE_INTEGER, 0, max);
    const sliced = await folded(0, 0, max);
    expect(sliced.state.seq).toBe(max);
    expect(sliced.text).toBe(whole.text);
    expect([...sliced.state.ahead]).toEqual([...whole.state.ahead]);
    expect([...sliced.state.touched.openDossiers]).toEqual([...whole.state.touched.openDossiers]);
  });

  it('agrees on a window that starts inside the log', async () => {
    const max = store.replay.maxSeq();
    const from = Math.floor(max / 3);
    expect((await folded(0, from, max)).text).toBe((await folded(Number.MAX_SAFE_INTEGER, from, max)).text);
  });
});
