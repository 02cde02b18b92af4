/**
 * One test suite for wall displays and presets (server/db/wall-store/contract.ts), run against each
 * engine by its own test file: wall-store-sqlite.test.ts, wall-store-postgres.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { WallStore } from '../../../server/db/wall-store/contract.js';

const T0 = Date.UTC(2026, 11, 1, 2, 0, 0);

/** `open`: a fresh, empty store of the engine; the suite closes it. */
export function describeWallStore(engine: string, open: () => Promise<WallStore>): void {
  const withStore = (fn: (store: WallStore) => Promise<void>) => async () => {
    const store = await open();
    try {
      await fn(store);
    } finally {
      await store.close();
    }
  };

  describe(`wall displays on ${engine}`, () => {
    it(
      'creates a display, finds it by name and by its token’s hash, and refuses a second active one of that name',
      withStore(async ({ displays }) => {
        const made = await displays.create('ops-room', 'city', 'hash-1', T0);
        expect(made).toEqual({ id: made.id, name: 'ops-room', scope: 'city', createdAt: T0, revokedAt: null, lastSeenAt: null });
        expect(await displays.findByName('ops-room')).toEqual(made);
        expect(await displays.findActiveByTokenHash('hash-1')).toEqual(made);
        expect(await displays.findActiveByTokenHash('hash-2')).toBeNull();
        expect(await displays.findByName('nobody')).toBeNull();
        await expect(displays.create('ops-room', 'unit:26740', 'hash-2', T0 + 1)).rejects.toThrow(/already exists/);
        expect(await displays.findActiveByTokenHash('hash-2')).toBeNull();
      }),
    );

    it(
      'revokes a token once, re-issues the name with a new token and scope, lists by name, and keeps the last sighting',
      withStore(async ({ displays }) => {
        const a = await displays.create('sanh-b', 'unit:26740', 'hash-a', T0);
        const b = await displays.create('Sanh-A', 'city', 'hash-b', T0);
        await displays.markSeen(a.id, T0 + 5_000);
        expect((await displays.findByName('sanh-b'))?.lastSeenAt).toBe(T0 + 5_000);
        expect(await displays.activeIds()).toEqual(new Set([a.id, b.id]));
        expect(await displays.revoke('sanh-b', T0 + 10_000)).toBe(true);
        expect(await displays.revoke('sanh-b', T0 + 20_000)).toBe(false);
        expect(await displays.revoke('nobody', T0)).toBe(false);
        expect(await displays.findActiveByTokenHash('hash-a')).toBeNull();
        expect((await displays.findByName('sanh-b'))?.revokedAt).toBe(T0 + 10_000);
        expect(await displays.activeIds()).toEqual(new Set([b.id]));
        const again = await displays.create('sanh-b', 'department:STP', 'hash-c', T0 + 30_000);
        expect(again).toEqual({
          id: a.id,
          name: 'sanh-b',
          scope: 'department:STP',
          createdAt: T0 + 30_000,
          revokedAt: null,
          lastSeenAt: null,
        });
        expect((await displays.list()).map((d) => d.name)).toEqual(['Sanh-A', 'sanh-b']);
      }),
    );
  });

  describe(`wall presets on ${engine}`, () => {
    it(
      'saves a preset, replaces its scenes and interval, lists by name and removes it once',
      withStore(async ({ presets }) => {
        const saved = await presets.save('ops', ['map', 'ranking', 'feed'], 20, T0);
        expect(saved).toEqual({ name: 'ops', scenes: ['map', 'ranking', 'feed'], intervalSeconds: 20, updatedAt: T0 });
        await presets.save('Lobby', ['kpi'], 60, T0);
        const replaced = await presets.save('ops', ['kpi', 'map'], 15, T0 + 1_000);
        expect(replaced).toEqual({ name: 'ops', scenes: ['kpi', 'map'], intervalSeconds: 15, updatedAt: T0 + 1_000 });
        expect(await presets.get('ops')).toEqual(replaced);
        expect(await presets.get('none')).toBeNull();
        expect((await presets.list()).map((p) => p.name)).toEqual(['Lobby', 'ops']);
        await expect(presets.save('bad', ['map'], 1, T0)).rejects.toThrow();
        expect(await presets.remove('ops')).toBe(true);
        expect(await presets.remove('ops')).toBe(false);
        expect(await presets.get('ops')).toBeNull();
      }),
    );
  });
}
