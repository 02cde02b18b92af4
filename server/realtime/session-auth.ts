/**
 * Sessions on the live connection: the Socket.IO handshake carries the same session cookie as the
 * REST calls. A middleware turns it into `socket.data.principal` (a display token, checked by
 * display-auth.ts before, wins; nothing at all means the public), and a sweep disconnects sockets
 * whose session ended (logout, expiry, the user disabled).
 */
import type { AuthService } from '../auth/auth-service.js';
import { SESSION_COOKIE } from '../auth/auth-service.js';
import { readCookie } from '../auth/cookies.js';
import { PUBLIC } from '../auth/policy.js';
import type { IoServer } from './hub.js';

export function installSessionAuth(deps: { io: IoServer; auth: AuthService; sweepEveryMs: number }) {
  const { io, auth } = deps;
  /** Session hash of each signed-in socket, by socket id. */
  const sessionOf = new Map<string, string>();

  io.use((socket, next) => {
    if (socket.data.principal) return next(); // a wall display, authenticated by its token
    const session = auth.resolve(readCookie(socket.handshake.headers.cookie, SESSION_COOKIE));
    if (!session) {
      socket.data.principal = PUBLIC;
      return next();
    }
    socket.data.principal = session.principal;
    sessionOf.set(socket.id, session.principal.sessionHash!);
    socket.once('disconnect', () => sessionOf.delete(socket.id));
    next();
  });

  /** Disconnects every socket whose session is no longer live; the client reconnects as what it now is. */
  function sweep(): number {
    if (sessionOf.size === 0) return 0;
    const live = auth.liveSessionHashes();
    let n = 0;
    for (const [socketId, hash] of sessionOf) {
      if (live.has(hash)) continue;
      sessionOf.delete(socketId);
      io.sockets.sockets.get(socketId)?.disconnect(true);
      n++;
    }
    return n;
  }

  const timer = setInterval(sweep, deps.sweepEveryMs);
  timer.unref();
  return {
    sweep,
    stop(): void {
      clearInterval(timer);
    },
  };
}
