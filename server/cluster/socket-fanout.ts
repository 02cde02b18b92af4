/**
 * Socket.IO across nodes: Socket.IO's Redis Streams adapter carries every room emit (deltas, alerts, the
 * clock) to the sockets of all nodes, in order, through one Redis stream. On the ingest node, the rooms
 * a flush serves are swept now and then against every node's sockets (they are not local there).
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { IoServer, Hub } from '../realtime/hub.js';
import type { RedisClient } from './redis.js';
import type { Logger } from '../logger.js';

/** How often the ingest node drops the rooms no socket of any node is in. */
export const ROOM_SWEEP_MS = 30_000;

/** `deployment`: the deployment's key prefix (REDIS_KEY_PREFIX): its nodes share one stream, other deployments' are apart. */
export function useRedisAdapter(io: IoServer, redis: RedisClient, deployment: string): void {
  io.adapter(createAdapter(redis, { streamName: `${deployment}:socket.io`, sessionKeyPrefix: `${deployment}:sio:session:` }));
}

/** Sweeps the hub's rooms every `everyMs`; a sweep that fails (a node not answering) keeps them all. */
export function startRoomSweep(io: IoServer, hub: Pick<Hub, 'sweepRooms'>, logger: Logger, everyMs = ROOM_SWEEP_MS) {
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      const since = performance.now();
      const live = new Set<string>();
      for (const s of await io.fetchSockets()) for (const room of s.rooms) live.add(room);
      hub.sweepRooms(live, since);
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'room sweep skipped: not every node answered');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void sweep(), everyMs);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
