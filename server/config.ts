import { z } from 'zod';
import { parseIngestKeys, type BootstrapKey } from './ingest/keys.js';

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
  /** Share of the real city's volume the simulator produces (1 = ≈15,000 dossiers a working day). */
  SIM_SCALE: z.coerce.number().positive().max(2).default(1),
  /** Days of history seeded on the first demo start, and at which share of real volume. */
  SEED_DAYS: z.coerce.number().int().min(0).max(400).default(35),
  SEED_SCALE: z.coerce.number().positive().max(2).default(0.1),
  SOURCE_SILENT_MS: z.coerce.number().int().positive().default(10 * 60_000),
  BOUNDARIES_DIR: z.string().default('data/boundaries'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config extends Omit<z.infer<typeof schema>, 'INGEST_KEYS'> {
  ingestKeys: BootstrapKey[];
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
  if (problems.length || !parsed.success) {
    throw new ConfigError(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  const { INGEST_KEYS: _k, ...rest } = parsed.data;
  return { ...rest, ingestKeys };
}
