import { z } from 'zod';
import { parseIsoWithOffset } from './domain/time.js';
import { parseIngestKeys, type BootstrapKey } from './ingest/keys.js';
import { MIN_METRICS_TOKEN_LENGTH, parseAllowList } from './observability/metrics-access.js';

const boolFlag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'], { message: 'must be 0 or 1' })
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DASHBOARD_DB: z.string().min(1).default('data/dashboard.db'),
  DEMO: boolFlag.default(true),
  INGEST_KEYS: z.string().optional(),
  DELTA_FLUSH_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  CLOCK_TICK_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  SIM_SPEED: z.coerce.number().positive().max(100_000).default(1),
  SIM_SEED: z.coerce.number().int().default(79),
  /** Demo only: the instant the city's clock starts at (ISO 8601 with offset), to see a working day or a day off on demand. */
  SIM_START: z
    .string()
    .refine((v) => parseIsoWithOffset(v) !== null, 'must be an ISO 8601 instant with an offset, e.g. 2026-12-04T09:30:00+07:00')
    .optional(),
  /** Which jurisdiction pack to serve: hcmc (the city, 168 wards) or vn (34 provinces, 3,321 communes). */
  JURISDICTION: z.enum(['hcmc', 'vn'], { message: 'must be hcmc or vn' }).default('hcmc'),
  /** Share of the real volume the simulator produces (1 = ≈15,000 dossiers a working day for HCMC, ≈296,000 for vn). */
  SIM_SCALE: z.coerce.number().positive().max(2).default(1),
  /** Days of history seeded on the first demo start, and at which share of real volume. */
  SEED_DAYS: z.coerce.number().int().min(0).max(400).default(35),
  SEED_SCALE: z.coerce.number().positive().max(2).default(0.1),
  SOURCE_SILENT_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 60_000),
  BOUNDARIES_DIR: z.string().default('data/boundaries'),
  /** The working calendar's YYYY.json files (edited by hand or in /admin/calendar); default fixtures/calendar. */
  CALENDAR_DIR: z.string().min(1).optional(),
  /** Base-map tile URL template the client may use (its origin is allowed by the Content-Security-Policy); none by default. */
  TILE_SERVER_URL: z
    .string()
    .regex(/^https?:\/\/[^/\s]+\/\S*\{z\}\S*$/, 'must be an http(s) tile URL template with {z}, {x} and {y}')
    .optional(),
  TILE_ATTRIBUTION: z.string().max(300).default(''),
  /** Origins allowed to call the API from another site (credentials included); none by default. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'each origin must be scheme://host[:port] without a path'))),
  /** Anonymous visitors see the aggregate public view (map, KPIs, no names); 0 requires a login for everything. */
  PUBLIC_VIEW: boolFlag.default(true),
  /** A session ends this many hours after login. */
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /** Failed logins of one username within LOGIN_LOCK_MINUTES that lock it for LOGIN_LOCK_MINUTES. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(15),
  /** Ingest requests one source may make per minute (a burst of as many at once); over it: 429 with Retry-After. */
  INGEST_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1_200),
  /**
   * Events the projection writer may lag behind the event log before ingest answers 503 `backpressure`
   * with Retry-After (at most the writer's hard bound, 100,000, where ingest would wait for it instead).
   */
  INGEST_MAX_LAG_EVENTS: z.coerce.number().int().min(1).max(100_000).default(50_000),
  /** On SIGTERM/SIGINT: how long in-flight ingest batches may take to finish before their connections are cut. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** Behind a reverse proxy: trust its X-Forwarded-For/-Proto (1 = one proxy hop). 0 by default. */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** GET /metrics needs `Authorization: Bearer <this>`; unset with METRICS_ALLOW unset too, /metrics answers 404. */
  METRICS_TOKEN: z.string().min(MIN_METRICS_TOKEN_LENGTH, `must be at least ${MIN_METRICS_TOKEN_LENGTH} characters`).optional(),
  /** Addresses and CIDRs GET /metrics is open to (e.g. 127.0.0.1,10.0.0.0/8). */
  METRICS_ALLOW: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const parsed = parseAllowList(v);
      if (parsed.ok) return parsed.entries;
      ctx.addIssue({ code: 'custom', message: parsed.problem });
      return z.NEVER;
    }),
  /** A source whose clock skew (median of arrival − event time) is larger than this, either way, is shown with a warning. */
  CLOCK_SKEW_WARN_MINUTES: z.coerce
    .number()
    .positive()
    .max(7 * 24 * 60)
    .default(15),
  /** Several nodes (README "Several nodes"): all = one node does everything; ingest owns ingestion, metrics and the clock; web serves screens. */
  NODE_ROLE: z.enum(['all', 'ingest', 'web']).default('all'),
  /** Redis for fan-out across nodes (Socket.IO's Redis Streams adapter) and shared login lockouts; unset: one node, in memory. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
    .optional(),
  /**
   * The start of every key and stream this deployment writes in Redis, so that deployments sharing one
   * Redis (a city and the country, staging and production) never see each other's sessions, lockouts,
   * rate limits or deltas. Default `bdt:<JURISDICTION>`; the nodes of one deployment must agree on it.
   */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9:._-]{0,63}$/, 'must be 1–64 letters, digits or : . _ - (no spaces), starting with a letter or digit')
    .optional(),
  /** A web node's way to the ingest node (http://host:port), for the reads that need its metrics. */
  INGEST_URL: z
    .string()
    .regex(/^https?:\/\/[^/\s]+$/, 'must be http(s)://host:port without a path')
    .optional(),
  /** Shared by the nodes of one cluster: web nodes present it to the ingest node's internal routes. */
  CLUSTER_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * PostgreSQL (README "PostgreSQL (in progress)"): the stores and the ingest path run there, not yet the
   * projections, so the server refuses to start with it set rather than run half on SQLite; npm run db:pg-migrate uses it.
   */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /**
   * `adaptive`: V8's heaps favour memory while ingest is quiet and speed while it runs hot, and the heap is
   * collected after a burst (server/heap-mode.ts; it sets V8 flags at run time, which Node documents as
   * use-with-care); `v8`: V8's own defaults throughout (more memory after bursts, nothing switched).
   */
  HEAP_MODE: z.enum(['adaptive', 'v8'], { message: 'must be adaptive or v8' }).default('adaptive'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config extends Omit<z.infer<typeof schema>, 'INGEST_KEYS' | 'REDIS_KEY_PREFIX'> {
  ingestKeys: BootstrapKey[];
  /** REDIS_KEY_PREFIX, or `bdt:<JURISDICTION>` when unset. */
  redisKeyPrefix: string;
}

/** Thrown with every bad variable listed, so a misconfigured start fails at once and says how to fix it. */
export class ConfigError extends Error {}

/** Parses and validates the environment once. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = schema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const i of parsed.error.issues) problems.push(`${i.path.join('.')}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`);
  }
  let ingestKeys: BootstrapKey[] = [];
  try {
    ingestKeys = parseIngestKeys(env.INGEST_KEYS);
  } catch (err) {
    problems.push(`INGEST_KEYS: ${(err as Error).message}`);
  }
  if (parsed.success) problems.push(...clusterProblems(parsed.data));
  if (parsed.success && parsed.data.DATABASE_URL) problems.push(POSTGRES_NOT_YET);
  if (problems.length || !parsed.success) {
    throw new ConfigError(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  const { INGEST_KEYS: _k, REDIS_KEY_PREFIX, ...rest } = parsed.data;
  return { ...rest, ingestKeys, redisKeyPrefix: REDIS_KEY_PREFIX ?? `bdt:${rest.JURISDICTION}` };
}

/** Why DATABASE_URL cannot be used by the server yet, and what to do instead. */
export const POSTGRES_NOT_YET =
  "DATABASE_URL: the server cannot run on PostgreSQL yet. Implemented there: the write path's store (event log, " +
  'idempotency, arrival sequence, quarantine: server/db/write-store), the access store (users, sessions, source ' +
  "keys, audit log: server/db/access-store), the item store (dossier and task lists with a list's service index " +
  "drill, a dossier's and a task's page, recent alerts, list exports, a unit's detail tables: server/db/item-store), " +
  "the officials store (officials' pages, the city-wide scorecards, buck-passing lists: server/db/officials-store), " +
  'the requests store (reminders and explanation requests: server/db/requests-store), the wall store (displays, ' +
  'presets: server/db/wall-store), the past store (the overview\'s and a unit page\'s previous period, "cùng kỳ", ' +
  "the last working day, closed periods, newly overdue, the health's row counts: server/db/past-store), the data " +
  'trust store (figures, flags, reviews: server/db/data-trust-store) and the index store (the service index of ' +
  "closed periods, the portal's figures: server/db/index-store), which their routes already await; the at-risk " +
  "store (the early warning's pushed alerts: server/db/at-risk-store), which its clock awaits; and the ingest " +
  'path (native batches and DVCQG snapshots decided in memory and logged in one transaction, bad records ' +
  "quarantined there: server/ingest/async-ingest.ts), with the quarantine's review (replay through that path, " +
  "dismiss), the daily-jump sweep (flags and its mark through the data trust store) and the demo's simulator (its " +
  "sources, seed marks and events through the access store, the write store's meta and that path). The CLI tools " +
  "that change users, sources, displays, presets and the portal's figures, and the start's INGEST_KEYS and demo " +
  "users, write through these stores. The projection writer (the item store's tables written behind the log, one " +
  "transaction per pass with its mark) and the metrics' restore at a start run on PostgreSQL too " +
  '(server/projection/pg-projector.ts, pg-restore.ts). Still SQLite only: the data-trust checks the SQLite ' +
  "projection writer runs as it folds, a history load's fold-behind mode, the time machine, the start itself " +
  '(server/index.ts builds no PostgreSQL stores from DATABASE_URL yet) and `npm run backup` (a copy of the ' +
  'SQLite file; use pg_dump for PostgreSQL). ' +
  'Unset DATABASE_URL to run on SQLite (DASHBOARD_DB); `npm run db:pg-migrate` prepares a PostgreSQL database ' +
  '(README "PostgreSQL (in progress)").';

/** A node of several needs Redis and the cluster's secret; a web node also needs the ingest node's URL. */
function clusterProblems(c: Pick<z.infer<typeof schema>, 'NODE_ROLE' | 'REDIS_URL' | 'INGEST_URL' | 'CLUSTER_SECRET'>): string[] {
  if (c.NODE_ROLE === 'all') return [];
  const problems: string[] = [];
  const role = `NODE_ROLE=${c.NODE_ROLE}`;
  if (!c.REDIS_URL) problems.push(`REDIS_URL: required with ${role} (the nodes share deltas and lockouts through Redis)`);
  if (!c.CLUSTER_SECRET) problems.push(`CLUSTER_SECRET: required with ${role} (web nodes present it to the ingest node)`);
  if (c.NODE_ROLE === 'web' && !c.INGEST_URL) problems.push('INGEST_URL: required with NODE_ROLE=web (where the ingest node listens)');
  return problems;
}
