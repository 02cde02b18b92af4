/**
 * Who may read GET /metrics. Closed unless configured: the figures (ingest volume, sources and their
 * clock skew, memory, database size) describe how the city's systems run and are not for the public.
 *
 * - METRICS_TOKEN set: the request needs `Authorization: Bearer <token>` (else 401);
 * - METRICS_ALLOW set (addresses or CIDRs): the client's address must be in it (else 403);
 * - both set: both are required; neither: 404, as if there were no such route.
 */
import { BlockList, isIP } from 'node:net';
import { createHash, timingSafeEqual } from 'node:crypto';

export interface MetricsAccessSettings {
  /** METRICS_TOKEN (null: not required). */
  token: string | null;
  /** METRICS_ALLOW, parsed (empty: no address rule). */
  allow: readonly string[];
}

/** Shortest METRICS_TOKEN accepted (as an ingest key's secret). */
export const MIN_METRICS_TOKEN_LENGTH = 16;

/** Splits METRICS_ALLOW (`127.0.0.1,10.0.0.0/8,::1`) into entries; a problem names the first bad one. */
export function parseAllowList(value: string): { ok: true; entries: string[] } | { ok: false; problem: string } {
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const e of entries) {
    if (!allowEntry(e)) return { ok: false, problem: `"${e}" is not an IPv4/IPv6 address or CIDR (e.g. 127.0.0.1, 10.0.0.0/8, ::1)` };
  }
  return { ok: true, entries };
}

function allowEntry(e: string): { address: string; prefix: number | null; type: 'ipv4' | 'ipv6' } | null {
  const [address, prefixText, extra] = e.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return null;
  const type = version === 4 ? 'ipv4' : 'ipv6';
  if (prefixText === undefined) return { address, prefix: null, type };
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  return prefix <= (type === 'ipv4' ? 32 : 128) ? { address, prefix, type } : null;
}

export type MetricsAccess = 'allowed' | 'not_configured' | 'unauthorized' | 'forbidden';

/** The access rule of GET /metrics, built once from the settings. */
export function metricsAccess(
  settings: MetricsAccessSettings,
): (req: { address: string | undefined; authorization: string | undefined }) => MetricsAccess {
  const list = new BlockList();
  for (const e of settings.allow) {
    const a = allowEntry(e);
    if (!a) throw new Error(`METRICS_ALLOW: ${e} is not an address or CIDR`);
    if (a.prefix === null) list.addAddress(a.address, a.type);
    else list.addSubnet(a.address, a.prefix, a.type);
  }
  const hasList = settings.allow.length > 0;
  const tokenHash = settings.token === null ? null : sha256(settings.token);
  return ({ address, authorization }) => {
    if (!hasList && !tokenHash) return 'not_configured';
    if (hasList && !addressAllowed(list, address)) return 'forbidden';
    if (tokenHash) {
      const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
      // Hashes of equal length compared in constant time: the token's length and prefix leak nothing.
      if (!m || !timingSafeEqual(sha256(m[1]), tokenHash)) return 'unauthorized';
    }
    return 'allowed';
  };
}

/** An IPv4 client reached over an IPv6 socket shows as `::ffff:a.b.c.d`: checked as the IPv4 address it is. */
function addressAllowed(list: BlockList, address: string | undefined): boolean {
  if (!address) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return list.check(mapped[1], 'ipv4');
  const v = isIP(address);
  return v !== 0 && list.check(address, v === 4 ? 'ipv4' : 'ipv6');
}

function sha256(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}
