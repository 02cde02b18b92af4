import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AtRiskStore } from '../../../server/db/at-risk-store/contract.js';
import { createSqliteAtRiskStore } from '../../../server/db/at-risk-store/sqlite-at-risk-store.js';
import { openDatabase } from '../../../server/db/connection.js';
import { createStore, type Store } from '../../../server/db/store.js';
import type { AtRiskAlert } from '../../../server/metrics/early-warning-index.js';
import { createAtRiskLedger } from '../../../server/realtime/at-risk-ledger.js';

const T = Date.parse('2026-12-02T09:30:00+07:00');
const alert = (id: string, dueAt: number): AtRiskAlert => ({ kind: 'at_risk', id, code: '26740', at: T, dueAt });
const DUE = Date.parse('2026-12-02T17:00:00+07:00');
const ids = (alerts: AtRiskAlert[]) => alerts.map((a) => a.id);

describe('the at-risk ledger (pushed once per dossier and due date, across restarts)', () => {
  const dirs: string[] = [];
  const stores: Store[] = [];
  afterEach(() => {
    for (const s of stores.splice(0)) s.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  function open(file: string) {
    const store = createStore(openDatabase(file), file);
    stores.push(store);
    return store;
  }
  function tempFile(): string {
    const dir = mkdtempSync(join(tmpdir(), 'bdt-ledger-'));
    dirs.push(dir);
    return join(dir, 'd.db');
  }
  const errors: unknown[] = [];
  const ledgerOn = (store: Pick<AtRiskStore, 'record' | 'current' | 'prune'>, now: number) =>
    createAtRiskLedger({ store, now: () => now, onError: (e) => errors.push(e) });
  const sqliteLedger = (store: Store, now: number) => ledgerOn(createSqliteAtRiskStore(store), now);

  it('lets a dossier through once, even when it is reported twice in one step', async () => {
    const ledger = sqliteLedger(open(tempFile()), T);
    expect(ids(await ledger.firstPushes([alert('A', DUE), alert('A', DUE), alert('B', DUE)]))).toEqual(['A', 'B']);
    expect(await ledger.firstPushes([alert('A', DUE)])).toEqual([]);
  });

  it('does not push again after a restart (the same SQLite file), but does for a new due date', async () => {
    const file = tempFile();
    const first = open(file);
    await sqliteLedger(first, T).firstPushes([alert('A', DUE)]);
    first.close();
    stores.pop();
    const again = sqliteLedger(open(file), T + 60_000);
    expect(await again.firstPushes([alert('A', DUE)])).toEqual([]);
    expect((await again.firstPushes([alert('A', DUE + 86_400_000)])).map((a) => a.dueAt)).toEqual([DUE + 86_400_000]);
  });

  it('forgets pushes whose due time has passed (they can never be at risk again)', async () => {
    const store = open(tempFile());
    await sqliteLedger(store, T).firstPushes([alert('A', DUE), alert('B', DUE + 86_400_000)]);
    const nextDay = sqliteLedger(store, DUE + 3_600_000);
    await nextDay.ready;
    expect(nextDay.size).toBe(1);
    expect(store.atRiskPushed.current(0).map((r) => r.id)).toEqual(['B']);
  });

  it('answers a step taken before the remembered pushes are loaded only after them, and steps in order', async () => {
    let release: () => void = () => {};
    const loaded = new Promise<void>((r) => (release = r));
    const recorded: string[][] = [];
    const slow: Pick<AtRiskStore, 'record' | 'current' | 'prune'> = {
      prune: async () => 0,
      current: async () => (await loaded, [{ id: 'A', dueAt: DUE }]),
      record: async (rows) => void recorded.push(rows.map((r) => r.id)),
    };
    const ledger = ledgerOn(slow, T);
    const first = ledger.firstPushes([alert('A', DUE), alert('B', DUE)]);
    const second = ledger.firstPushes([alert('B', DUE), alert('C', DUE)]);
    release();
    expect(ids(await first)).toEqual(['B']);
    expect(ids(await second)).toEqual(['C']);
    expect(recorded).toEqual([['B'], ['C']]);
  });

  it('still pushes, once, when the store fails, and tells why', async () => {
    errors.length = 0;
    const down: Pick<AtRiskStore, 'record' | 'current' | 'prune'> = {
      prune: async () => Promise.reject(new Error('database away')),
      current: async () => [],
      record: async () => Promise.reject(new Error('database away')),
    };
    const ledger = ledgerOn(down, T);
    await ledger.ready;
    expect(ids(await ledger.firstPushes([alert('A', DUE)]))).toEqual(['A']);
    expect(await ledger.firstPushes([alert('A', DUE)])).toEqual([]);
    expect(errors.map((e) => (e as Error).message)).toEqual(['database away', 'database away']);
  });
});
