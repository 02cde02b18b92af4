/** Raw HTTP for the fault suite: exactly the bytes a case builds, and the server's answer as it came. */

export interface Answer {
  status: number;
  /** The JSON answer (null when the body was not JSON, e.g. a cut connection). */
  body: Record<string, unknown> | null;
  /** Set when no answer came (connection refused or reset: the server was killed). */
  networkError?: string;
}

export interface RawRequest {
  bytes: string | Uint8Array;
  contentType?: string;
}

export async function post(url: string, path: string, key: string, req: RawRequest): Promise<Answer> {
  try {
    const res = await fetch(url + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': req.contentType ?? 'application/json' },
      body: typeof req.bytes === 'string' ? req.bytes : new Uint8Array(req.bytes),
    });
    const text = await res.text();
    let body: Record<string, unknown> | null = null;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = null;
    }
    return { status: res.status, body };
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return { status: 0, body: null, networkError: cause?.code ?? cause?.message ?? String(err) };
  }
}

export const json = (value: unknown): RawRequest => ({ bytes: JSON.stringify(value) });

interface ResultLike {
  status: string;
  id?: string | null;
  errors?: { path: string; message: string }[];
}

/** The per-event (or per-record) results of a 200 answer; [] for a refused request. */
export function resultsOf(a: Answer): ResultLike[] {
  const r = a.body?.results;
  return Array.isArray(r) ? (r as ResultLike[]) : [];
}

/** One line saying what the server answered: status, counts or error code, and the fields named. */
export function describe(a: Answer): string {
  if (a.status === 0) return `no answer (${a.networkError})`;
  const err = a.body?.error as { code?: string; message?: string } | undefined;
  if (err) return `${a.status} ${err.code}: ${clip(err.message ?? '', 160)}`;
  const b = a.body ?? {};
  const counts = ['accepted', 'duplicate', 'unchanged', 'rejected']
    .filter((k) => typeof b[k] === 'number')
    .map((k) => `${k} ${String(b[k])}`)
    .join(', ');
  const named = resultsOf(a)
    .flatMap((r) => r.errors ?? [])
    .map((e) => `${e.path || '(event)'}: ${clip(e.message, 70)}`);
  const uniq = [...new Set(named)];
  const shown = uniq.slice(0, 4).join(' | ') + (uniq.length > 4 ? ` | … ${uniq.length - 4} more` : '');
  return `${a.status} ${counts}${shown ? ` — ${shown}` : ''}`;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
