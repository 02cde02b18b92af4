/**
 * The first API answers a page needs, named in its index.html so the browser asks for them while the
 * scripts download instead of after they ran (on a throttled phone: seconds). Each link must match the
 * client's own request exactly (URL, same-origin credentials) or the browser fetches twice.
 */
import { PERIODS, type Period } from '../../shared/contract/metrics.js';

/** Every page asks who is signed in and for the server's client settings. */
const ALWAYS = ['/api/v1/auth/me', '/api/v1/client-config'];

/**
 * The API paths the page at `path` (with its query) asks for first. `provinces`: a national pack's
 * province codes, so that a `?province=` link preloads that province's overview, as the client asks.
 */
export function firstRequests(path: string, query: URLSearchParams, provinces: ReadonlySet<string> = NO_PROVINCES): string[] {
  if (path !== '/') return ALWAYS;
  // The overview: the period of the link, or the client's default (month); a period it does not know gets none.
  const asked = query.get('period');
  const period: Period | null = asked === null ? 'month' : (PERIODS as readonly string[]).includes(asked) ? (asked as Period) : null;
  if (period === null) return ALWAYS;
  // An unknown province's link draws the country (the client asks for no province then).
  const province = query.get('province');
  const level = province !== null && provinces.has(province) ? `&province=${province}` : '';
  return [...ALWAYS, `/api/v1/overview?period=${period}${level}`];
}

const NO_PROVINCES: ReadonlySet<string> = new Set();

/** index.html with a preload link per request, before `</head>`. */
export function withPreloads(html: string, requests: readonly string[]): string {
  const links = requests.map((u) => `<link rel="preload" href="${u}" as="fetch" crossorigin="anonymous" />`).join('');
  return html.replace('</head>', `${links}</head>`);
}
