/**
 * Sessions kept in Redis, so a session created on one node is valid on all of them and a logout or a
 * disabled user on one node ends it on all. Each change is one atomic script. Keys (under `<deployment>:session`):
 * `s:<hash>` the session (JSON, expiring with it), `u:<userId>` a user's session hashes, `live` every
 * hash scored by its expiry (what the sockets' revocation sweep and the purge read).
 */
import type { NewSession, SessionRow, SessionStore } from '../auth/session-store.js';
import type { RedisClient } from './redis.js';

/** KEYS: session, user set, live. ARGV: hash, json, ttlMs, expiresAt. */
const CREATE = `
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
return 1`;

/** KEYS: live. ARGV: prefix, hash… Deletes the sessions named and their places in the indexes; how many existed. */
const DELETE = `
local n = 0
for i = 2, #ARGV do
  local key = ARGV[1] .. ':s:' .. ARGV[i]
  local json = redis.call('GET', key)
  if json then
    n = n + redis.call('DEL', key)
    redis.call('SREM', ARGV[1] .. ':u:' .. cjson.decode(json).userId, ARGV[i])
  end
  redis.call('ZREM', KEYS[1], ARGV[i])
end
return n`;

/** KEYS: user set, live. ARGV: prefix. Every session of one user. */
const DELETE_USER = `
local n = 0
for _, h in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  n = n + redis.call('DEL', ARGV[1] .. ':s:' .. h)
  redis.call('ZREM', KEYS[2], h)
end
redis.call('DEL', KEYS[1])
return n`;

/** `deployment`: the deployment's key prefix (REDIS_KEY_PREFIX). */
export function redisSessions(redis: RedisClient, deployment: string): SessionStore {
  const prefix = `${deployment}:session`;
  const live = `${prefix}:live`;
  const sessionKey = (idHash: string) => `${prefix}:s:${idHash}`;
  return {
    async create(s: NewSession) {
      const row: SessionRow & { ip: string | null; userAgent: string | null } = {
        idHash: s.idHash,
        userId: s.userId,
        csrfToken: s.csrfToken,
        createdAt: s.createdAt,
        expiresAt: s.expiresAt,
        ip: s.ip,
        userAgent: s.userAgent?.slice(0, 300) ?? null,
      };
      // Relative expiry: the auth clock may not be the system's (tests move it by hand).
      const ttl = String(Math.max(1, s.expiresAt - s.createdAt));
      await redis.eval(CREATE, {
        keys: [sessionKey(s.idHash), `${prefix}:u:${s.userId}`, live],
        arguments: [s.idHash, JSON.stringify(row), ttl, String(s.expiresAt)],
      });
    },
    async findLive(idHash, now) {
      const json = await redis.get(sessionKey(idHash));
      if (!json) return null;
      const r = JSON.parse(json) as SessionRow;
      if (r.expiresAt <= now) return null;
      return { idHash: r.idHash, userId: r.userId, csrfToken: r.csrfToken, createdAt: r.createdAt, expiresAt: r.expiresAt };
    },
    async delete(idHash) {
      return Number(await redis.eval(DELETE, { keys: [live], arguments: [prefix, idHash] })) > 0;
    },
    async deleteForUser(userId) {
      return Number(await redis.eval(DELETE_USER, { keys: [`${prefix}:u:${userId}`, live], arguments: [prefix] }));
    },
    async purgeExpired(now) {
      const gone = await redis.zRangeByScore(live, '-inf', now);
      if (gone.length === 0) return 0;
      return Number(await redis.eval(DELETE, { keys: [live], arguments: [prefix, ...gone] }));
    },
    async liveAmong(idHashes, now) {
      if (idHashes.length === 0) return new Set();
      const scores = await redis.zmScore(live, [...idHashes]);
      return new Set(idHashes.filter((_, i) => scores[i] !== null && Number(scores[i]) > now));
    },
  };
}
