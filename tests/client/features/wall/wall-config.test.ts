import { describe, expect, it } from 'vitest';
import {
  INTERVAL_DEFAULT_S,
  parseInterval,
  parseSceneList,
  parseWallSearch,
  resolveWallConfig,
  sceneIndexAt,
  SCENES,
  scenesForScope,
} from '../../../../client/features/wall/wall-config';

describe('parseSceneList', () => {
  it('reads scenes in the given order, trimming and ignoring empty names', () => {
    expect(parseSceneList(' map, ranking,,feed ')).toEqual({ scenes: ['map', 'ranking', 'feed'], unknown: [] });
  });

  it('keeps repeats (a scene may be shown twice a cycle) and reports unknown names', () => {
    expect(parseSceneList('map,weather,map,KPI')).toEqual({ scenes: ['map', 'map', 'kpi'], unknown: ['weather'] });
  });
});

describe('parseInterval', () => {
  it.each([
    ['20', 20],
    ['3', 3],
    ['3600', 3600],
    ['2', null],
    ['3601', null],
    ['1.5', null],
    ['abc', null],
    [null, null],
  ])('reads %s as %s', (text, want) => {
    expect(parseInterval(text)).toBe(want);
  });
});

describe('parseWallSearch', () => {
  it('reads scenes, interval, preset, scope, period and metric from the URL', () => {
    const p = parseWallSearch('?scenes=map,ranking,feed&interval=20&preset=ops&scope=unit:26740&period=month&metric=onTimeRate');
    expect(p).toEqual({
      scenes: ['map', 'ranking', 'feed'],
      intervalSeconds: 20,
      preset: 'ops',
      scope: 'unit:26740',
      period: 'month',
      metric: 'onTimeRate',
      warnings: [],
    });
  });

  it('leaves out what is not given', () => {
    expect(parseWallSearch('')).toMatchObject({
      scenes: null,
      intervalSeconds: null,
      preset: null,
      scope: null,
      period: null,
      metric: null,
    });
  });

  it('turns every unusable value into a warning instead of failing', () => {
    const p = parseWallSearch('?scenes=weather&interval=0&preset=../x&scope=planet:earth&period=decade&metric=mood');
    expect(p.scenes).toBeNull();
    expect(p.warnings.map((w) => w.code)).toEqual(['unknownScene', 'badInterval', 'badPreset', 'badScope', 'badPeriod', 'badMetric']);
  });

  it('ignores the token (the wall takes it out of the URL)', () => {
    expect(parseWallSearch('?token=bdd_abcdefghijklmnopqrstuvwxyz').warnings).toEqual([]);
  });
});

describe('resolveWallConfig', () => {
  const preset = { scenes: ['kpi', 'feed'] as const, intervalSeconds: 45 };
  const none = parseWallSearch('');

  it('uses every scene, 20 s each, the backlog now coloured by overdue, without URL or preset', () => {
    expect(resolveWallConfig(none, null, 'city')).toEqual({
      scenes: [...SCENES],
      intervalMs: INTERVAL_DEFAULT_S * 1000,
      period: 'live',
      metric: 'overdue',
    });
  });

  it('takes scenes and interval from the preset', () => {
    expect(resolveWallConfig(none, { ...preset, scenes: [...preset.scenes] }, 'city')).toMatchObject({
      scenes: ['kpi', 'feed'],
      intervalMs: 45_000,
    });
  });

  it('lets what the URL says explicitly win over the preset', () => {
    const url = parseWallSearch('?preset=ops&scenes=map,ranking&interval=10');
    expect(resolveWallConfig(url, { ...preset, scenes: [...preset.scenes] }, 'city')).toMatchObject({
      scenes: ['map', 'ranking'],
      intervalMs: 10_000,
    });
    const onlyInterval = parseWallSearch('?preset=ops&interval=10');
    expect(resolveWallConfig(onlyInterval, { ...preset, scenes: [...preset.scenes] }, 'city')).toMatchObject({
      scenes: ['kpi', 'feed'],
      intervalMs: 10_000,
    });
  });

  it('keeps only the KPI board and the feed for a single unit', () => {
    const url = parseWallSearch('?scenes=map,kpi,ranking,feed');
    expect(resolveWallConfig(url, null, 'unit:26740').scenes).toEqual(['kpi', 'feed']);
  });
});

describe('scenesForScope', () => {
  it('shows a unit its KPI board and feed even when only city scenes were asked for', () => {
    expect(scenesForScope(['map', 'departments'], 'department:STP')).toEqual(['kpi', 'feed']);
  });

  it('keeps the city scenes as given', () => {
    expect(scenesForScope(['feed', 'map'], 'city')).toEqual(['feed', 'map']);
  });
});

describe('sceneIndexAt', () => {
  it('rotates through the scenes, one interval each, and starts over', () => {
    const at = (s: number) => sceneIndexAt(s * 1000, 20_000, 3);
    expect([0, 19.999, 20, 39, 40, 59, 60, 80].map(at)).toEqual([0, 0, 1, 1, 2, 2, 0, 1]);
  });

  it('stays on the only scene, and is safe with nonsense input', () => {
    expect(sceneIndexAt(1e9, 20_000, 1)).toBe(0);
    expect(sceneIndexAt(5_000, 0, 4)).toBe(0);
    expect(sceneIndexAt(-5_000, 20_000, 4)).toBe(0);
  });

  it('keeps rotating after days', () => {
    const fiveDaysMs = 5 * 86_400_000;
    expect(sceneIndexAt(fiveDaysMs, 20_000, 5)).toBe((fiveDaysMs / 20_000) % 5);
  });
});
