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
import { createCredentialSweep } from './credential-sweep.js';

export function installSessionAuth(deps: { io: IoServer; auth: AuthService; sweepEveryMs: number }) {
  const { io, auth } = deps;
  const revocation = createCredentialSweep(io, (hashes: string[]) => auth.liveSessionsAmong(hashes), deps.sweepEveryMs);

  io.use(async (socket, next) => {
    if (socket.data.principal) return next(); // a wall display, authenticated by its token
    let session;
    try {
      session = await auth.resolve(readCookie(socket.handshake.headers.cookie, SESSION_COOKIE));
    } catch (err) {
      return next(err as Error); // the session store is unreachable: refuse rather than treat as public
    }
    if (!session) {
      socket.data.principal = PUBLIC;
      return next();
    }
    socket.data.principal = session.principal;
    revocation.track(socket, session.principal.sessionHash!);
    next();
  });

  return {
    /** Disconnects every socket whose session is no longer live; the client reconnects as what it now is. */
    sweep: revocation.sweep,
    stop: revocation.stop,
  };
}
