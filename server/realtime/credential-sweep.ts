/**
 * Revocation on the live connection: remembers which credential (a session, a display token) each
 * socket came in with, and every `everyMs` disconnects the sockets whose credential is no longer live,
 * so a logout or a revoked token takes effect within one sweep, not at the next reconnect.
 */
import type { IoServer } from './hub.js';

/** Which of the given credentials are live (a shared store answers asynchronously). */
export type LiveKeys<K> = (keys: K[]) => Set<K> | Promise<Set<K>>;

export function createCredentialSweep<K>(io: IoServer, liveKeys: LiveKeys<K>, everyMs: number) {
  /** Credential of each authenticated socket, by socket id. */
  const keyOf = new Map<string, K>();

  /**
   * Disconnects every remembered socket whose credential is not live; returns how many. Only the
   * sockets remembered when it starts are judged: one that arrives with a new session while the store
   * is being asked is not held against an answer from before that session.
   */
  async function sweep(): Promise<number> {
    if (keyOf.size === 0) return 0;
    const judged = [...keyOf];
    const live = await liveKeys([...new Set(judged.map(([, key]) => key))]);
    let n = 0;
    for (const [socketId, key] of judged) {
      if (live.has(key) || keyOf.get(socketId) !== key) continue;
      keyOf.delete(socketId);
      io.sockets.sockets.get(socketId)?.disconnect(true);
      n++;
    }
    return n;
  }

  // A store that does not answer is tried again at the next tick; the sockets stay meanwhile.
  const timer = setInterval(() => void sweep().catch(() => undefined), everyMs);
  timer.unref();
  return {
    /** Remembers the socket's credential until it disconnects. */
    track(socket: { id: string; once(event: 'disconnect', listener: () => void): unknown }, key: K): void {
      keyOf.set(socket.id, key);
      socket.once('disconnect', () => keyOf.delete(socket.id));
    },
    sweep,
    size: () => keyOf.size,
    stop: () => clearInterval(timer),
  };
}
