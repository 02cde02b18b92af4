/**
 * What a wall shows, from its URL (`?scenes=map,ranking,feed&interval=20&preset=ops&period=&metric=&scope=`)
 * and an optional preset saved on the server; and which scene is on screen at a given time. Pure.
 */
import type { Period, ScopeKey } from '../../../shared/contract/metrics';
import type { WallScene } from '../../../server/wall/wall-types';
import { isMetricKey, type MetricKey } from '../../lib/metrics';
import { isPeriod } from '../../lib/url-state';

/** Every scene, in the default order (the server's WALL_SCENES, restated: the client imports types only). */
export const SCENES = ['map', 'ranking', 'feed', 'kpi', 'departments'] as const satisfies readonly WallScene[];
// Compile-time check that SCENES lists every scene the server knows.
const _scenesCovered: Exclude<WallScene, (typeof SCENES)[number]> extends never ? true : false = true;
void _scenesCovered;

/** Seconds per scene: bounds and default (as the server's presets). */
export const INTERVAL_MIN_S = 3;
export const INTERVAL_MAX_S = 3600;
export const INTERVAL_DEFAULT_S = 20;

/** A wall's default period and map metric: the backlog now, coloured by overdue dossiers. */
export const DEFAULT_WALL_PERIOD: Period = 'live';
export const DEFAULT_WALL_METRIC: MetricKey = 'overdue';

/** Scenes that make sense for one unit or department (the map, ranking and departments are city-wide). */
export const SINGLE_SCOPE_SCENES: readonly WallScene[] = ['kpi', 'feed'];

export type WallWarning =
  | { code: 'unknownScene'; value: string }
  | { code: 'badInterval'; value: string }
  | { code: 'badScope'; value: string }
  | { code: 'badPeriod'; value: string }
  | { code: 'badMetric'; value: string }
  | { code: 'badPreset'; value: string }
  | { code: 'presetMissing'; value: string };

export interface WallUrlParams {
  /** Scenes in order; null when the URL gives none (repeats are kept: a scene may be shown twice a cycle). */
  scenes: WallScene[] | null;
  intervalSeconds: number | null;
  preset: string | null;
  scope: ScopeKey | null;
  period: Period | null;
  metric: MetricKey | null;
  warnings: WallWarning[];
}

export function isScene(v: unknown): v is WallScene {
  return typeof v === 'string' && (SCENES as readonly string[]).includes(v);
}

/** `map, ranking,feed` → scenes and the names that are not scenes. */
export function parseSceneList(text: string): { scenes: WallScene[]; unknown: string[] } {
  const scenes: WallScene[] = [];
  const unknown: string[] = [];
  for (const raw of text.split(',')) {
    const name = raw.trim().toLowerCase();
    if (!name) continue;
    if (isScene(name)) scenes.push(name);
    else unknown.push(raw.trim());
  }
  return { scenes, unknown };
}

/** Seconds per scene from text; null when missing or not a whole number within bounds. */
export function parseInterval(text: string | null): number | null {
  if (text == null || !/^\d{1,5}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= INTERVAL_MIN_S && n <= INTERVAL_MAX_S ? n : null;
}

const SCOPE_RE = /^(city|unit:[0-9A-Za-z_-]{1,40}|department:[0-9A-Za-z_-]{1,40})$/;
const PRESET_RE = /^[A-Za-z0-9._-]{1,64}$/;

/** Reads the wall's parameters from a query string; every value it cannot use becomes a warning. */
export function parseWallSearch(search: string): WallUrlParams {
  const q = new URLSearchParams(search);
  const warnings: WallWarning[] = [];
  let scenes: WallScene[] | null = null;
  const scenesText = q.get('scenes');
  if (scenesText != null) {
    const parsed = parseSceneList(scenesText);
    for (const u of parsed.unknown) warnings.push({ code: 'unknownScene', value: u });
    scenes = parsed.scenes.length ? parsed.scenes : null;
  }
  const intervalText = q.get('interval');
  const intervalSeconds = parseInterval(intervalText);
  if (intervalText != null && intervalSeconds == null) warnings.push({ code: 'badInterval', value: intervalText });

  const presetText = q.get('preset');
  let preset: string | null = null;
  if (presetText != null) {
    if (PRESET_RE.test(presetText)) preset = presetText;
    else warnings.push({ code: 'badPreset', value: presetText });
  }
  const scopeText = q.get('scope');
  let scope: ScopeKey | null = null;
  if (scopeText != null) {
    if (SCOPE_RE.test(scopeText)) scope = scopeText as ScopeKey;
    else warnings.push({ code: 'badScope', value: scopeText });
  }
  const periodText = q.get('period');
  const period = isPeriod(periodText) ? periodText : null;
  if (periodText != null && period == null) warnings.push({ code: 'badPeriod', value: periodText });
  const metricText = q.get('metric');
  const metric = isMetricKey(metricText) ? metricText : null;
  if (metricText != null && metric == null) warnings.push({ code: 'badMetric', value: metricText });
  return { scenes, intervalSeconds, preset, scope, period, metric, warnings };
}

export interface WallPresetLike {
  scenes: readonly WallScene[];
  intervalSeconds: number;
}

export interface WallConfig {
  scenes: WallScene[];
  intervalMs: number;
  period: Period;
  metric: MetricKey;
}

/**
 * The wall's configuration: what the URL says explicitly wins over the preset, the preset over the
 * defaults. For a unit or department scope only the scenes that make sense for it are kept.
 */
export function resolveWallConfig(url: WallUrlParams, preset: WallPresetLike | null, scope: ScopeKey): WallConfig {
  const wanted = url.scenes ?? (preset?.scenes.length ? [...preset.scenes] : [...SCENES]);
  const seconds = url.intervalSeconds ?? preset?.intervalSeconds ?? INTERVAL_DEFAULT_S;
  return {
    scenes: scenesForScope(wanted, scope),
    intervalMs: Math.min(INTERVAL_MAX_S, Math.max(INTERVAL_MIN_S, seconds)) * 1000,
    period: url.period ?? DEFAULT_WALL_PERIOD,
    metric: url.metric ?? DEFAULT_WALL_METRIC,
  };
}

/** The scenes a scope can show, in the wanted order; a single unit or department keeps KPI and feed. */
export function scenesForScope(scenes: readonly WallScene[], scope: ScopeKey): WallScene[] {
  if (scope === 'city') return scenes.length ? [...scenes] : [...SCENES];
  const kept = scenes.filter((s) => SINGLE_SCOPE_SCENES.includes(s));
  return kept.length ? kept : [...SINGLE_SCOPE_SCENES];
}

/** Index of the scene on screen `elapsedMs` after the wall started, each shown for `intervalMs`. */
export function sceneIndexAt(elapsedMs: number, intervalMs: number, count: number): number {
  if (count <= 1 || !(intervalMs > 0)) return 0;
  return Math.floor(Math.max(0, elapsedMs) / intervalMs) % count;
}
