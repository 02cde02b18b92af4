/**
 * Revocation on the live connection: remembers which credential (a session, a display token) each
 * socket came in with, and every `everyMs` disconnects the sockets whose credential is no longer live,
 * so a logout or a revoked token takes effect within one sweep, not at the next reconnect.
 */
import type { IoServer } from './hub.js';

export function createCredentialSweep<K>(io: IoServer, liveKeys: () => Set<K>, everyMs: number) {
  /** Credential of each authenticated socket, by socket id. */
  const keyOf = new Map<string, K>();

  /** Disconnects every remembered socket whose credential is not live; returns how many. */
  function sweep(): number {
    if (keyOf.size === 0) return 0;
    const live = liveKeys();
    let n = 0;
    for (const [socketId, key] of keyOf) {
      if (live.has(key)) continue;
      keyOf.delete(socketId);
      io.sockets.sockets.get(socketId)?.disconnect(true);
      n++;
    }
    return n;
  }

  const timer = setInterval(sweep, everyMs);
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
