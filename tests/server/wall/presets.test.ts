import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { createWallPresetsRepo } from '../../../server/db/wall-repo.js';
import { parseWallPreset } from '../../../server/wall/presets.js';

describe('parseWallPreset', () => {
  it('reads a name, scenes in order and seconds per scene', () => {
    expect(parseWallPreset({ name: 'ops', scenes: 'map, ranking,feed,kpi,departments', interval: '20' })).toEqual({
      ok: true,
      preset: { name: 'ops', scenes: ['map', 'ranking', 'feed', 'kpi', 'departments'], intervalSeconds: 20 },
    });
  });

  it('names every problem: unknown scene, interval out of bounds, bad name', () => {
    const r = parseWallPreset({ name: 'ops room', scenes: 'map,weather', interval: '2' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.join('\n')).toMatch(/name/);
    expect(r.errors.join('\n')).toMatch(/"weather" is not a scene/);
    expect(r.errors.join('\n')).toMatch(/at least 3 s/);
  });

  it('needs at least one scene', () => {
    expect(parseWallPreset({ name: 'x', scenes: ' , ', interval: 20 })).toMatchObject({ ok: false });
    expect(parseWallPreset({ name: 'x', interval: 20 })).toMatchObject({ ok: false });
  });
});

describe('wall presets repository', () => {
  it('creates, replaces and lists presets', () => {
    const presets = createWallPresetsRepo(openDatabase(':memory:'));
    presets.save('ops', ['map', 'feed'], 20, 1);
    expect(presets.get('ops')).toEqual({ name: 'ops', scenes: ['map', 'feed'], intervalSeconds: 20, updatedAt: 1 });
    presets.save('ops', ['kpi'], 60, 2);
    expect(presets.get('ops')).toMatchObject({ scenes: ['kpi'], intervalSeconds: 60 });
    presets.save('lobby', ['kpi', 'feed'], 30, 3);
    expect(presets.list().map((p) => p.name)).toEqual(['lobby', 'ops']);
    expect(presets.get('nope')).toBeNull();
  });

  it('refuses an interval outside 3–3600 s at the database too', () => {
    const presets = createWallPresetsRepo(openDatabase(':memory:'));
    expect(() => presets.save('x', ['map'], 1, 1)).toThrow();
  });
});
