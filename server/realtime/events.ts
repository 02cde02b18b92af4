/**
 * The typed Socket.IO contract is shared/contract/events.ts (re-exported here until every importer
 * reads it directly); only the server's per-socket data, which holds a principal, is defined here.
 */
import type { Principal } from '../auth/policy.js';

export type * from '../../shared/contract/events.js';
export { EVENTS } from '../../shared/contract/events.js';

export interface SocketData {
  /** Set at the handshake: a display (token), a signed-in user (session cookie), or the public. */
  principal?: Principal;
}
