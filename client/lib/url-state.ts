/**
 * View state in the URL, so a link opens the same view:
 * `?period=month&metric=onTimeRate&layout=geo&lang=vi` (plus `table=1`, `tiles=<template>`).
 * Shared by every page; feature-specific parameters (status, page…) are the page's own business.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useNarrowScreen } from './narrow-screen';
import type { Period } from '../../shared/contract/metrics';
import { isMetricKey, type MetricKey } from './metrics';
import type { Lang } from './format';

/** Every period the API knows (the contract's PERIODS, restated: the client imports types only). */
export const ALL_PERIODS = ['live', 'today', 'week', 'month', 'quarter', 'year'] as const satisfies readonly Period[];
// Compile-time check that ALL_PERIODS lists every Period of the contract.
const _allPeriodsCovered: Exclude<Period, (typeof ALL_PERIODS)[number]> extends never ? true : false = true;
void _allPeriodsCovered;

/** Periods offered by the period switch (the API also knows `live`). */
export const VIEW_PERIODS = ['today', 'week', 'month', 'quarter', 'year'] as const satisfies readonly Period[];

export const LAYOUTS = ['geo', 'tiles'] as const;
export type Layout = (typeof LAYOUTS)[number];

export const LANGS = ['vi', 'en'] as const satisfies readonly Lang[];

export interface ViewParams {
  period: Period;
  metric: MetricKey;
  layout: Layout;
  lang: Lang;
}

export const DEFAULT_VIEW: ViewParams = {
  period: 'month',
  metric: 'onTimeRate',
  layout: 'geo',
  lang: 'vi',
};

/** Parameters that travel with every internal link (the view, not a page's own filters). */
// `at`, `asOf` and `compare`: a replayed moment (issue 16) follows the links between the views that replay.
export const SHARED_PARAM_KEYS = ['period', 'metric', 'layout', 'lang', 'tiles', 'at', 'asOf', 'compare'] as const;

export const LANG_STORAGE_KEY = 'bdtt.lang';

export function isPeriod(v: unknown): v is Period {
  return typeof v === 'string' && (ALL_PERIODS as readonly string[]).includes(v);
}
export function isLayout(v: unknown): v is Layout {
  return typeof v === 'string' && (LAYOUTS as readonly string[]).includes(v);
}
export function isLang(v: unknown): v is Lang {
  return v === 'vi' || v === 'en';
}

/** The language remembered in this browser, if any. */
export function storedLang(): Lang | null {
  try {
    const v = window.localStorage.getItem(LANG_STORAGE_KEY);
    return isLang(v) ? v : null;
  } catch {
    return null;
  }
}

/** Remembers the language choice in this browser. */
export function storeLang(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // storage disabled: the URL still carries the choice
  }
}

/**
 * Reads the view from URL parameters; invalid or missing values fall back to the defaults
 * (the language to `fallbackLang`, i.e. the remembered choice; the map layout to `fallbackLayout`:
 * the tile cartogram on a phone, where the smallest wards are unreadable as polygons).
 */
export function parseViewParams(sp: URLSearchParams, fallbackLang: Lang = 'vi', fallbackLayout: Layout = DEFAULT_VIEW.layout): ViewParams {
  const period = sp.get('period');
  const metric = sp.get('metric');
  const layout = sp.get('layout');
  const lang = sp.get('lang');
  return {
    period: isPeriod(period) ? period : DEFAULT_VIEW.period,
    metric: isMetricKey(metric) ? metric : DEFAULT_VIEW.metric,
    layout: isLayout(layout) ? layout : fallbackLayout,
    lang: isLang(lang) ? lang : fallbackLang,
  };
}

/**
 * The shared view parameters of `sp` as a query string (with `?`, or '' when none), with
 * `extra` applied on top (null deletes a key).
 */
export function sharedSearch(sp: URLSearchParams, extra: Record<string, string | null | undefined> = {}): string {
  const out = new URLSearchParams();
  for (const key of SHARED_PARAM_KEYS) {
    const v = sp.get(key);
    if (v != null && v !== '') out.set(key, v);
  }
  for (const [k, v] of Object.entries(extra)) {
    if (v == null) out.delete(k);
    else out.set(k, v);
  }
  const s = out.toString();
  return s ? `?${s}` : '';
}

export type ViewPatch = Partial<Record<keyof ViewParams | 'table' | 'tiles', string | null>>;

export interface ViewParamsApi extends ViewParams {
  /** The raw search params (for page-specific keys). */
  searchParams: URLSearchParams;
  /**
   * Changes some URL parameters (null removes one). Replaces the history entry by default;
   * pass `{ replace: false }` to add one.
   */
  set: (patch: Record<string, string | null | undefined>, opts?: { replace?: boolean }) => void;
  /** `path` plus the shared view parameters: `linkTo('/units/26734')` → `/units/26734?period=…`. */
  linkTo: (path: string, extra?: Record<string, string | null | undefined>) => string;
}

/** The view parameters of the current URL, a setter, and a link builder that keeps them. */
export function useViewParams(): ViewParamsApi {
  const [searchParams, setSearchParams] = useSearchParams();
  const fallbackLang = storedLang() ?? DEFAULT_VIEW.lang;
  const fallbackLayout: Layout = useNarrowScreen() ? 'tiles' : DEFAULT_VIEW.layout;
  const view = useMemo(() => parseViewParams(searchParams, fallbackLang, fallbackLayout), [searchParams, fallbackLang, fallbackLayout]);
  const set = useCallback<ViewParamsApi['set']>(
    (patch, opts) => {
      setSearchParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v == null || v === '') next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: opts?.replace ?? true },
      );
    },
    [setSearchParams],
  );
  const linkTo = useCallback<ViewParamsApi['linkTo']>((path, extra) => `${path}${sharedSearch(searchParams, extra)}`, [searchParams]);
  return { ...view, searchParams, set, linkTo };
}
