/**
 * Display settings kept in this browser (localStorage): the map's colour thresholds and an
 * optional base-map tile layer. Settings are not view state: they are not put in links.
 */
import { useSyncExternalStore } from 'react';
import { DEFAULT_COUNT_QUANTILES, DEFAULT_ON_TIME_THRESHOLDS, type Thresholds } from './color-scale';

export interface DisplaySettings {
  /** On-time rate cut points, ratios in [0, 1] (good ≥ good, warn ≥ warn). */
  onTimeThresholds: Thresholds;
  /** Quantiles (0..1) that cut count metrics into three classes. */
  countQuantiles: [number, number];
  /**
   * Leaflet tile URL template (e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png`) for a base
   * map; null (default) draws no base map so the dashboard works offline.
   * A `?tiles=<template>` URL parameter overrides it for one view.
   */
  tileUrl: string | null;
  /** Attribution shown with the tile layer. */
  tileAttribution: string;
}

export const DEFAULT_SETTINGS: DisplaySettings = {
  onTimeThresholds: DEFAULT_ON_TIME_THRESHOLDS,
  countQuantiles: DEFAULT_COUNT_QUANTILES,
  tileUrl: null,
  tileAttribution: '',
};

export const SETTINGS_STORAGE_KEY = 'bdtt.settings';

function storage(): Storage | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null; // storage can be disabled by browser policy
  }
}

/** Checks a stored value field by field; anything malformed falls back to the default. */
export function sanitizeSettings(raw: unknown): DisplaySettings {
  const out: DisplaySettings = { ...DEFAULT_SETTINGS };
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  const t = r.onTimeThresholds as Record<string, unknown> | undefined;
  if (t && typeof t.good === 'number' && typeof t.warn === 'number' && t.good >= 0 && t.good <= 1 && t.warn >= 0 && t.warn <= t.good) {
    out.onTimeThresholds = { good: t.good, warn: t.warn };
  }
  const q = r.countQuantiles;
  if (Array.isArray(q) && q.length === 2 && q.every((x) => typeof x === 'number' && x > 0 && x < 1) && q[0] <= q[1]) {
    out.countQuantiles = [q[0], q[1]];
  }
  if (typeof r.tileUrl === 'string' && r.tileUrl.includes('{z}')) out.tileUrl = r.tileUrl;
  if (typeof r.tileAttribution === 'string') out.tileAttribution = r.tileAttribution;
  return out;
}

let current: DisplaySettings | null = null;
const listeners = new Set<() => void>();

/** The current settings (read once from localStorage, then kept in memory). */
export function getSettings(): DisplaySettings {
  if (!current) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(storage()?.getItem(SETTINGS_STORAGE_KEY) ?? 'null');
    } catch {
      parsed = null;
    }
    current = sanitizeSettings(parsed);
  }
  return current;
}

/** Changes some settings, stores them and notifies subscribers. */
export function updateSettings(patch: Partial<DisplaySettings>): void {
  current = sanitizeSettings({ ...getSettings(), ...patch });
  try {
    storage()?.setItem(SETTINGS_STORAGE_KEY, JSON.stringify(current));
  } catch {
    // quota or privacy mode: keep the in-memory value
  }
  for (const l of listeners) l();
}

/** Restores the defaults. */
export function resetSettings(): void {
  updateSettings(DEFAULT_SETTINGS);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** React hook: the current display settings, re-rendering on change. */
export function useSettings(): DisplaySettings {
  return useSyncExternalStore(subscribe, getSettings, getSettings);
}
