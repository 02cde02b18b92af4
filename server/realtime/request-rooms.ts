/**
 * Live reminders and explanation requests. At connection every socket joins, from its principal (the
 * session's, set by the handshake), the rooms of what it may read: its user's own room (requests it
 * sent) and the rooms of its scopes' requests (a unit's users: each of their units'; city-wide readers: every
 * unit's; a province's: its communes', sent to the province's room too). Nobody subscribes, so nothing reaches a socket the policy would not let read it; a socket of
 * an ended session is disconnected by the session sweep, rooms and all.
 */
import { canReadReminders, heldScopes, PUBLIC, type Principal } from '../auth/policy.js';
import type { ScopeKey } from '../metrics/types.js';
import { NO_PARENT, type ParentOf } from '../metrics/scope-rollup.js';
import type { RequestNotifier } from '../requests/request-service.js';
import { EVENTS } from './events.js';
import type { IoServer } from './hub.js';

/** A user's own requests (sent by them). */
export const userRequestRoom = (userId: number) => `rq|user:${userId}`;
/** Requests sent to a scope (`city`: every unit's, for city-wide readers). */
export const scopeRequestRoom = (scope: ScopeKey) => `rq|${scope}`;

/** The request rooms a principal's sockets join. */
export function requestRoomsOf(p: Principal): string[] {
  const rooms: string[] = [];
  if (p.userId !== undefined) rooms.push(userRequestRoom(p.userId));
  // A user holding several units joins each one's room (the union); a city-wide reader the city's.
  for (const s of heldScopes(p)) if (canReadReminders(p, s)) rooms.push(scopeRequestRoom(s));
  return rooms;
}

export function installRequestRooms(io: IoServer, parentOf: ParentOf = NO_PARENT): RequestNotifier {
  io.on('connection', (socket) => {
    const rooms = requestRoomsOf(socket.data.principal ?? PUBLIC);
    if (rooms.length) void socket.join(rooms);
  });
  // One emit to the union of rooms: a socket in several of them gets the event once.
  const readers = (to: ScopeKey, sentById: number) => {
    const province = parentOf(to);
    const rooms = [scopeRequestRoom('city'), scopeRequestRoom(to), userRequestRoom(sentById)];
    return province ? [...rooms, scopeRequestRoom(province)] : rooms;
  };
  return {
    created(pt, msg) {
      io.to(readers(pt.to, pt.sentById)).emit(EVENTS.requestCreated, msg);
    },
    updated(pt, msg, senderOnly = false) {
      io.to(senderOnly ? [userRequestRoom(pt.sentById)] : readers(pt.to, pt.sentById)).emit(EVENTS.requestUpdated, msg);
    },
  };
}
