/**
 * Display tokens on the live connection: a Socket.IO middleware that turns `auth: { displayToken }`
 * into `socket.data.principal = { role: 'display', scope }` (or refuses the connection), the scope
 * rule `canWatch` applies, and a sweep that disconnects sockets whose token was revoked.
 */
import type { ScopeKey } from '../metrics/types.js';
import { canSeeMetrics, PUBLIC, type PolicyOptions } from '../auth/policy.js';
import type { DisplaysStore } from '../db/wall-store/contract.js';
import { DISPLAY_TOKEN_MAX_LENGTH, hashDisplayToken } from '../wall/display-tokens.js';
import { DISPLAY_TOKEN_INVALID } from '../wall/wall-types.js';
import type { IoServer } from './hub.js';
import { createCredentialSweep } from './credential-sweep.js';
import type { SocketData } from './events.js';

type Principal = SocketData['principal'];

/**
 * May this principal watch `scope`? The access rules of server/auth/policy.ts (a display: its own
 * scope, a city display anything in the city; the public: aggregates of any scope while the public
 * view is on).
 */
export function canWatchScope(principal: Principal, scope: ScopeKey, policy: PolicyOptions = { publicView: true }): boolean {
  return canSeeMetrics(principal ?? PUBLIC, scope, policy);
}

/** The error a refused handshake carries (`connect_error` on the client: message and data.code). */
export class DisplayTokenError extends Error {
  readonly data = {
    code: DISPLAY_TOKEN_INVALID,
    message: 'the display token is unknown or revoked; ask for a new one (npm run display:add)',
  };
  constructor() {
    super(DISPLAY_TOKEN_INVALID);
  }
}

export interface DisplayAuthDeps {
  io: IoServer;
  /** Displays (the wall store, either engine). */
  displays: Pick<DisplaysStore, 'findActiveByTokenHash' | 'activeIds' | 'markSeen'>;
  now: () => number;
  /** How often revoked tokens are looked for (the clock tick: "disconnected within a tick"). */
  sweepEveryMs: number;
  /** Told when the display's last-seen time could not be written (the display is admitted all the same). */
  onSeenError?: (err: unknown) => void;
}

/**
 * Installs the handshake middleware and starts the revocation sweep.
 * @returns `sweep()` (run it now) and `stop()`.
 */
export function installDisplayAuth(deps: DisplayAuthDeps) {
  const { io, displays } = deps;
  const revocation = createCredentialSweep(io, () => displays.activeIds(), deps.sweepEveryMs);

  io.use((socket, next) => {
    const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.displayToken;
    if (token === undefined || token === null || token === '') return next(); // an ordinary browser
    if (typeof token !== 'string' || token.length > DISPLAY_TOKEN_MAX_LENGTH) return next(new DisplayTokenError());
    displays.findActiveByTokenHash(hashDisplayToken(token)).then((display) => {
      if (!display) return next(new DisplayTokenError());
      socket.data.principal = { role: 'display', scope: display.scope, displayId: display.id, displayName: display.name };
      revocation.track(socket, display.id);
      // Bookkeeping only: a busy database must not turn a valid display away (it would retry and show nothing).
      displays.markSeen(display.id, deps.now()).catch((err: unknown) => deps.onSeenError?.(err));
      next();
    }, next);
  });

  return {
    /** Disconnects every display socket whose token is no longer active. */
    sweep: revocation.sweep,
    connectedDisplays: revocation.size,
    stop: revocation.stop,
  };
}
