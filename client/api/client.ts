/**
 * The HTTP core of the read API client: one `getJson` that surfaces every failure as an
 * `ApiError` (HTTP status, server error code, message), never a silent undefined.
 */

/** Base path of the versioned read API. */
export const API_BASE = '/api/v1';

export type ApiErrorKind = 'http' | 'network' | 'parse' | 'aborted';

/** A failed API call: what failed, how, and the server's own code/message when it sent one. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  /** The server's error code (e.g. `not_found`), when it sent one. */
  readonly code: string | null;
  readonly url: string;

  constructor(
    kind: ApiErrorKind,
    message: string,
    opts: { status?: number; code?: string | null; url: string },
  ) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = opts.status ?? 0;
    this.code = opts.code ?? null;
    this.url = opts.url;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}

export function isAbortError(e: unknown): boolean {
  return (
    (e instanceof ApiError && e.kind === 'aborted') ||
    (e instanceof DOMException && e.name === 'AbortError')
  );
}

type QueryValue = string | number | boolean | null | undefined;

/** `/api/v1` + path + query string (null/undefined/'' values are left out). */
export function apiUrl(path: string, query: Record<string, QueryValue> = {}): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v == null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return `${API_BASE}${path}${s ? `?${s}` : ''}`;
}

/** Reads `{ error: { code, message } }`, `{ code, message }` or `{ message }` from an error body. */
function errorDetails(body: unknown): { code: string | null; message: string | null } {
  if (!body || typeof body !== 'object') return { code: null, message: null };
  const b = body as Record<string, unknown>;
  const inner = (b.error && typeof b.error === 'object' ? b.error : b) as Record<string, unknown>;
  return {
    code: typeof inner.code === 'string' ? inner.code : null,
    message:
      typeof inner.message === 'string'
        ? inner.message
        : typeof b.error === 'string'
          ? b.error
          : null,
  };
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * GET a JSON document. Throws ApiError on network failure, non-2xx status (with the server's
 * code and message), or a body that is not JSON.
 */
export async function getJson<T>(
  url: string,
  opts: { signal?: AbortSignal; fetchImpl?: FetchLike } = {},
): Promise<T> {
  const doFetch = opts.fetchImpl ?? ((input: string, init?: RequestInit) => fetch(input, init));
  let res: Response;
  try {
    res = await doFetch(url, { headers: { Accept: 'application/json' }, signal: opts.signal });
  } catch (e) {
    if (opts.signal?.aborted) throw new ApiError('aborted', 'aborted', { url });
    throw new ApiError('network', e instanceof Error ? e.message : String(e), { url });
  }
  let body: unknown = null;
  const text = await res.text().catch(() => '');
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      if (res.ok) {
        throw new ApiError('parse', `Invalid JSON from ${url}`, { status: res.status, url });
      }
    }
  }
  if (!res.ok) {
    const d = errorDetails(body);
    throw new ApiError('http', d.message ?? `HTTP ${res.status} ${res.statusText}`.trim(), {
      status: res.status,
      code: d.code,
      url,
    });
  }
  return body as T;
}
