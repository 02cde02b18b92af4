/** Audit rows written by the command-line tools: the actor is `cli:<OS user>`, the place `cli`. */
import { userInfo } from 'node:os';
import type { Db } from '../db/connection.js';
import { createAuditRepo } from '../db/audit-repo.js';
import { auditRow, type AuditInput } from '../auth/audit.js';

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Records one change made from the command line. */
export function auditCli(db: Db, e: Omit<AuditInput, 'actor' | 'ip' | 'principal'>): void {
  createAuditRepo(db).add(auditRow({ ...e, actor: cliActor(), ip: 'cli' }, Date.now()));
}

/** The audit actor of a change made from the command line. */
export const cliActor = (): string => `cli:${osUser()}`;
