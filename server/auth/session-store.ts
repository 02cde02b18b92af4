/**
 * Server-side sessions behind one asynchronous interface: in the database (one node, or nodes on one
 * shared database: the access store's, either engine), or in Redis when several nodes run
 * (server/cluster/redis-sessions.ts), so a session created on one node is valid on every node and a
 * logout anywhere ends it everywhere.
 */
import type { NewSession, SessionRow, SessionsStore } from '../db/access-store/contract.js';
import { sqliteSessions } from '../db/access-store/sqlite-access-store.js';

export type { NewSession, SessionRow };
export type SessionStore = SessionsStore;

/** The sessions table of the database file (server/db/sessions-repo.ts). */
export const fileSessions = sqliteSessions;
