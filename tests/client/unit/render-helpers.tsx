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

/**
 * Stubs global fetch with a router: the first handler whose pattern matches the URL's path answers.
 * Returns the mock, whose calls list every URL asked for.
 */
export function stubApi(routes: [RegExp, (url: URL) => Response][]) {
  const mock = vi.fn(async (input: string | URL | Request) => {
    const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(raw, 'http://localhost');
    for (const [re, answer] of routes) if (re.test(url.pathname)) return answer(url);
    return json({ error: { code: 'not_found', message: 'no route' } }, 404);
  });
  vi.stubGlobal('fetch', mock);
  return mock;
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
