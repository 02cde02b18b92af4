import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.js';

const SECRET = 'x'.repeat(32);

describe('NODE_ROLE and its variables', () => {
  it('defaults to one node (all) with nothing else needed', () => {
    expect(loadConfig({}).NODE_ROLE).toBe('all');
  });

  it('an ingest node needs REDIS_URL and CLUSTER_SECRET, and says so by name', () => {
    expect(() => loadConfig({ NODE_ROLE: 'ingest' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ROLE: 'ingest' })).toThrow(/REDIS_URL: required with NODE_ROLE=ingest[\s\S]*CLUSTER_SECRET: required/);
    expect(loadConfig({ NODE_ROLE: 'ingest', REDIS_URL: 'redis://127.0.0.1:6390', CLUSTER_SECRET: SECRET }).NODE_ROLE).toBe('ingest');
  });

  it('a web node also needs INGEST_URL; malformed URLs, unknown roles and short secrets are refused', () => {
    const web = { NODE_ROLE: 'web', REDIS_URL: 'redis://127.0.0.1:6390', CLUSTER_SECRET: SECRET };
    expect(() => loadConfig(web)).toThrow(/INGEST_URL: required with NODE_ROLE=web/);
    expect(loadConfig({ ...web, INGEST_URL: 'http://127.0.0.1:5670' }).INGEST_URL).toBe('http://127.0.0.1:5670');
    expect(() => loadConfig({ ...web, INGEST_URL: 'http://127.0.0.1:5670/api' })).toThrow(/INGEST_URL/);
    expect(() => loadConfig({ ...web, REDIS_URL: 'localhost:6379', INGEST_URL: 'http://a:1' })).toThrow(/REDIS_URL: must be a redis/);
    expect(() => loadConfig({ NODE_ROLE: 'worker' })).toThrow(/NODE_ROLE/);
    expect(() => loadConfig({ ...web, INGEST_URL: 'http://a:1', CLUSTER_SECRET: 'short' })).toThrow(/CLUSTER_SECRET: must be at least 32/);
  });

  it("names the deployment's Redis keys after its jurisdiction unless REDIS_KEY_PREFIX says otherwise; a prefix with spaces is refused", () => {
    expect(loadConfig({}).redisKeyPrefix).toBe('bdt:hcmc');
    expect(loadConfig({ JURISDICTION: 'vn' }).redisKeyPrefix).toBe('bdt:vn');
    expect(loadConfig({ REDIS_KEY_PREFIX: 'hcmc-staging' }).redisKeyPrefix).toBe('hcmc-staging');
    expect(() => loadConfig({ REDIS_KEY_PREFIX: 'hcmc staging' })).toThrow(/REDIS_KEY_PREFIX: must be 1–64 letters/);
  });

  it("keeps V8's own heap defaults with HEAP_MODE=v8 and refuses an unknown mode by name", () => {
    expect(loadConfig({}).HEAP_MODE).toBe('adaptive');
    expect(loadConfig({ HEAP_MODE: 'v8' }).HEAP_MODE).toBe('v8');
    expect(() => loadConfig({ HEAP_MODE: 'small' })).toThrow(/HEAP_MODE: must be adaptive or v8/);
  });
});
