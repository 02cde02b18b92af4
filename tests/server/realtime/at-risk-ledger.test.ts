import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { createStore, type Store } from '../../../server/db/store.js';
import type { AtRiskAlert } from '../../../server/metrics/early-warning-index.js';
import { createAtRiskLedger } from '../../../server/realtime/at-risk-ledger.js';

const T = Date.parse('2026-12-02T09:30:00+07:00');
const alert = (id: string, dueAt: number): AtRiskAlert => ({ kind: 'at_risk', id, code: '26740', at: T, dueAt });
const DUE = Date.parse('2026-12-02T17:00:00+07:00');

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
  const ledgerOn = (store: Store, now: number) =>
    createAtRiskLedger({ repo: store.atRiskPushed, transaction: (fn) => store.transaction(fn), now: () => now });

  it('lets a dossier through once, even when it is reported twice in one step', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdt-ledger-'));
    dirs.push(dir);
    const ledger = ledgerOn(open(join(dir, 'd.db')), T);
    expect(ledger.firstPushes([alert('A', DUE), alert('A', DUE), alert('B', DUE)]).map((a) => a.id)).toEqual(['A', 'B']);
    expect(ledger.firstPushes([alert('A', DUE)])).toEqual([]);
  });

  it('does not push again after a restart (the same SQLite file), but does for a new due date', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdt-ledger-'));
    dirs.push(dir);
    const file = join(dir, 'd.db');
    const first = open(file);
    ledgerOn(first, T).firstPushes([alert('A', DUE)]);
    first.close();
    stores.pop();
    const again = ledgerOn(open(file), T + 60_000);
    expect(again.firstPushes([alert('A', DUE)])).toEqual([]);
    expect(again.firstPushes([alert('A', DUE + 86_400_000)]).map((a) => a.dueAt)).toEqual([DUE + 86_400_000]);
  });

  it('forgets pushes whose due time has passed (they can never be at risk again)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bdt-ledger-'));
    dirs.push(dir);
    const store = open(join(dir, 'd.db'));
    ledgerOn(store, T).firstPushes([alert('A', DUE), alert('B', DUE + 86_400_000)]);
    const nextDay = ledgerOn(store, DUE + 3_600_000);
    expect(nextDay.size).toBe(1);
    expect(store.atRiskPushed.current(0).map((r) => r.id)).toEqual(['B']);
  });
});
