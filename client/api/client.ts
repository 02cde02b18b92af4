/**
 * The HTTP core of the read API client: one `getJson` that surfaces every failure as an
 * `ApiError` (HTTP status, server error code, message), never a silent undefined.
 */

import { noteAnswer } from '../offline/offline-state';

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

  constructor(kind: ApiErrorKind, message: string, opts: { status?: number; code?: string | null; url: string }) {
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

  /** The server asks the visitor to sign in (401) or refuses the signed-in role (403). */
  get isLoginRequired(): boolean {
    return this.status === 401;
  }

  get isForbidden(): boolean {
    return this.status === 403;
  }
}

export function isAbortError(e: unknown): boolean {
  return (e instanceof ApiError && e.kind === 'aborted') || (e instanceof DOMException && e.name === 'AbortError');
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
    message: typeof inner.message === 'string' ? inner.message : typeof b.error === 'string' ? b.error : null,
  };
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** A wall display's token, sent as `Authorization: Bearer` with every API call (null: none). */
let bearer: string | null = null;
/** The signed-in session's CSRF token, sent in X-CSRF-Token with every state-changing call. */
let csrfToken: string | null = null;

/** Sets (or clears) the display token the API calls carry. */
export function setApiBearer(token: string | null): void {
  bearer = token;
}

/** Sets (or clears) the CSRF token of the signed-in session. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

function authHeaders(): Record<string, string> {
  return bearer ? { Authorization: `Bearer ${bearer}` } : {};
}

/**
 * GET a JSON document. Throws ApiError on network failure, non-2xx status (with the server's
 * code and message), or a body that is not JSON.
 */
export async function getJson<T>(url: string, opts: { signal?: AbortSignal; fetchImpl?: FetchLike } = {}): Promise<T> {
  const doFetch = opts.fetchImpl ?? ((input: string, init?: RequestInit) => fetch(input, init));
  let res: Response;
  try {
    res = await doFetch(url, { headers: { Accept: 'application/json', ...authHeaders() }, signal: opts.signal });
  } catch (e) {
    if (opts.signal?.aborted) throw new ApiError('aborted', 'aborted', { url });
    throw new ApiError('network', e instanceof Error ? e.message : String(e), { url });
  }
  return readJson<T>(res, url);
}

/**
 * POST/PUT/PATCH a JSON body (with the session's CSRF token). Resolves with the answer's JSON (null for
 * 204); throws ApiError like getJson.
 */
export async function sendJson<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body: unknown,
  opts: { signal?: AbortSignal; fetchImpl?: FetchLike } = {},
): Promise<T> {
  const doFetch = opts.fetchImpl ?? ((input: string, init?: RequestInit) => fetch(input, init));
  let res: Response;
  try {
    res = await doFetch(url, {
      method,
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        ...authHeaders(),
        ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}),
      },
      body: JSON.stringify(body ?? {}),
      signal: opts.signal,
    });
  } catch (e) {
    if (opts.signal?.aborted) throw new ApiError('aborted', 'aborted', { url });
    throw new ApiError('network', e instanceof Error ? e.message : String(e), { url });
  }
  return readJson<T>(res, url);
}

async function readJson<T>(res: Response, url: string): Promise<T> {
  noteAnswer(res.headers);
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

/** A downloaded file: its bytes and the name the server suggests (Content-Disposition). */
export interface FileDownload {
  blob: Blob;
  fileName: string | null;
  headers: Headers;
}

/**
 * GET a file (an export). Throws ApiError like getJson when the answer is not 2xx (the server's
 * error body is JSON) or the network fails.
 */
export async function getFile(url: string, opts: { signal?: AbortSignal; fetchImpl?: FetchLike } = {}): Promise<FileDownload> {
  const doFetch = opts.fetchImpl ?? ((input: string, init?: RequestInit) => fetch(input, init));
  let res: Response;
  try {
    res = await doFetch(url, { headers: authHeaders(), signal: opts.signal });
  } catch (e) {
    if (opts.signal?.aborted) throw new ApiError('aborted', 'aborted', { url });
    throw new ApiError('network', e instanceof Error ? e.message : String(e), { url });
  }
  if (!res.ok) await readJson<never>(res, url);
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? null;
  return { blob: await res.blob(), fileName: name, headers: res.headers };
}
