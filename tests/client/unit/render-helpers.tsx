/** Rendering helpers for drill-down component tests: real i18n (Vietnamese), a memory router, a fake API. */
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { vi } from 'vitest';
import { initI18n } from '../../../client/i18n';

/** Renders `element` as the route `routePath`, opened at `url`, with the app's i18n in Vietnamese. */
export function renderRoute(url: string, routePath: string, element: ReactElement) {
  const i18n = initI18n('vi');
  void i18n.changeLanguage('vi');
  return render(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route path={routePath} element={element} />
      </Routes>
    </MemoryRouter>,
  );
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** `/auth/me` of a signed-in city leader: every list and breakdown is shown. */
export const CITY_LEADER_ME = {
  authenticated: true,
  user: { username: 'lanhdao', displayName: 'Lãnh đạo UBND Thành phố', role: 'city_leader', scope: 'city' },
  csrfToken: 'test-csrf',
  expiresAt: '2026-11-20T21:00:00.000+07:00',
  publicView: true,
  capabilities: {
    home: 'city',
    cityOverview: true,
    dossierLists: true,
    taskLists: true,
    officials: true,
    sendReminders: false,
    readReminders: true,
    acknowledgeReminders: false,
    admin: false,
  },
};

/**
 * Stubs global fetch with a router: the first handler whose pattern matches the URL's path answers
 * (`/auth/me` answers a signed-in city leader unless a route says otherwise).
 * Returns the mock, whose calls list every URL asked for.
 */
export function stubApi(routes: [RegExp, (url: URL) => Response][]) {
  const all: [RegExp, (url: URL) => Response][] = [
    ...routes,
    [/^\/api\/v1\/auth\/me$/, () => json(CITY_LEADER_ME)],
    [/\/reminders$/, () => json({ items: [] })],
    [/\/buck-passing$/, (url) => json(emptyBuckPassingList(url))],
  ];
  const mock = vi.fn(async (input: string | URL | Request) => {
    const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(raw, 'http://localhost');
    for (const [re, answer] of all) if (re.test(url.pathname)) return answer(url);
    return json({ error: { code: 'not_found', message: 'no route' } }, 404);
  });
  vi.stubGlobal('fetch', mock);
  return mock;
}

/** A buck-passing list with no case, as the API answers it for the URL's period and page. */
export function emptyBuckPassingList(url: URL) {
  return {
    asOf: '2025-11-14T09:30:00.000+07:00',
    window: {
      period: url.searchParams.get('period') ?? 'live',
      from: '2025-11-01T00:00:00.000+07:00',
      to: '2025-12-01T00:00:00.000+07:00',
    },
    scope: 'city',
    rule: null,
    official: null,
    sort: 'recent',
    dir: 'desc',
    total: 0,
    page: 1,
    pageSize: 20,
    items: [],
    byRule: ['bounce', 'sent_back', 'pass_around', 'cross_unit'].map((rule) => ({ rule, cases: 0, lostWorkingHours: 0 })),
    namesHidden: false,
    passAround: { transfers: 4, holders: 3 },
  };
}

/** jsdom has no ResizeObserver; Recharts' responsive charts need one. */
export function stubResizeObserver(): void {
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    },
  );
}
