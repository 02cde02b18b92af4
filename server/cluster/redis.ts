/** The one Redis connection of a node (node-redis), for the Socket.IO adapter and the shared login lockouts. */
import { createClient } from 'redis';
import type { Logger } from '../logger.js';

const create = (url: string) => createClient({ url });
export type RedisClient = ReturnType<typeof create>;

/** Connects to REDIS_URL; errors after the first connect are logged (node-redis reconnects by itself). */
export async function connectRedis(url: string, logger: Logger): Promise<RedisClient> {
  const client = create(url);
  client.on('error', (err: Error) => logger.warn({ err: err.message }, 'redis connection error (reconnecting)'));
  await client.connect();
  return client;
}
