/// <reference types="vite/client" />
/**
 * i18next set-up. Vietnamese first; English by the switch. Every feature adds its own namespace
 * as `client/i18n/{vi,en}/<namespace>.json` and it is picked up here at build time, e.g.
 * `useTranslation('unit')` reads `vi/unit.json`. `common` is the default namespace.
 *
 * The language comes from `?lang=` first, then the choice remembered in localStorage, else vi.
 */
import i18next, { type BackendModule, type i18n as I18n } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { useMemo } from 'react';
import { formattersFor, type Formatters, type Lang } from '../lib/format';
import { isLang, LANG_STORAGE_KEY } from '../lib/url-state';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

// Vietnamese, the first language and the fallback, is part of the first load; English is fetched (one
// small chunk per namespace) when it is first chosen: a phone's first load carries only what it shows.
// The administration's texts (admin*.json) are fetched too, when an admin opens its page: nobody else needs them.
const bundled = import.meta.glob<Record<string, unknown>>(['./vi/*.json', '!./vi/admin*.json'], { eager: true, import: 'default' });
const fetched = {
  ...import.meta.glob<Record<string, unknown>>(['./*/*.json', '!./vi/*.json'], { import: 'default' }),
  ...import.meta.glob<Record<string, unknown>>('./vi/admin*.json', { import: 'default' }),
};

/** `{ vi: { common: {...}, overview: {...} }, en: {...} }` from the JSON files next to this one. */
export function collectResources(files: Record<string, Record<string, unknown>>): Resources {
  const resources: Resources = {};
  for (const [path, content] of Object.entries(files)) {
    const m = /^\.\/([a-z]{2})\/([\w-]+)\.json$/.exec(path);
    if (!m) continue;
    const [, lang, ns] = m;
    (resources[lang] ??= {})[ns] = content;
  }
  return resources;
}

export const resources = collectResources(bundled);
export const namespaces = Object.keys(resources.vi ?? {});
/** The administration's namespaces, loaded when first used (tests load them up front). */
export const adminNamespaces = Object.keys(fetched)
  .map((path) => /^\.\/vi\/(admin[\w-]*)\.json$/.exec(path)?.[1])
  .filter((ns): ns is string => ns !== undefined);

/**
 * Reads a namespace of a language not bundled, so that `changeLanguage('en')` loads English before it
 * switches (the page never shows a half-translated frame).
 */
const fetchedLanguages: BackendModule = {
  type: 'backend',
  init() {},
  read(lng, ns, done) {
    const load = fetched[`./${lng}/${ns}.json`];
    if (!load) return done(new Error(`no ${lng}/${ns}.json`), false);
    load().then(
      (data) => done(null, data),
      (err: unknown) => done(err instanceof Error ? err : new Error(String(err)), false),
    );
  },
};

/** The language to start with: URL `?lang=`, then localStorage, else Vietnamese. */
export function initialLang(): Lang {
  if (typeof window === 'undefined') return 'vi';
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (isLang(fromUrl)) return fromUrl;
  try {
    const stored = window.localStorage.getItem(LANG_STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    // storage disabled
  }
  return 'vi';
}

let initialized = false;

/**
 * Initialises the shared i18next instance once: at once for Vietnamese (bundled); another language is
 * ready when `languageReady()` resolves.
 */
export function initI18n(lang: Lang = initialLang()): I18n {
  if (!initialized) {
    initialized = true;
    void i18next
      .use(fetchedLanguages)
      .use(initReactI18next)
      .init({
        resources,
        partialBundledLanguages: true,
        lng: lang,
        fallbackLng: 'vi',
        supportedLngs: ['vi', 'en'],
        ns: namespaces,
        defaultNS: 'common',
        interpolation: { escapeValue: false }, // React escapes
        returnNull: false,
        initAsync: false,
      });
    if (typeof document !== 'undefined') document.documentElement.lang = lang;
    i18next.on('languageChanged', (lng) => {
      if (typeof document !== 'undefined') document.documentElement.lang = lng;
    });
  }
  return i18next;
}

/** Resolves when the current language's texts are loaded (at once for Vietnamese). */
export function languageReady(): Promise<void> {
  const lng = i18next.language;
  if (!lng || i18next.hasLoadedNamespace(namespaces, { lng })) return Promise.resolve();
  return i18next.loadLanguages(lng).then(() => undefined);
}

/** The current UI language. */
export function useLang(): Lang {
  const { i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return isLang(lng) ? lng : 'vi';
}

/** Number/date formatters for the current UI language (Vietnamese conventions by default). */
export function useFormat(): Formatters {
  const lang = useLang();
  return useMemo(() => formattersFor(lang), [lang]);
}

export { i18next };
