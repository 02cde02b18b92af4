/** Small factories for the metrics tests: the real calendar, Vietnam-time instants, events. */
import { loadWorkCalendar } from '../../../server/config/calendar-loader.js';
import { parseIsoWithOffset } from '../../../server/domain/time.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../../../server/domain/types.js';
import type { Channel, DossierEvent, TaskEvent, WorkCalendar } from '../../../server/domain/types.js';
import type { ScopeKey } from '../../../server/metrics/types.js';

export const calendar: WorkCalendar = loadWorkCalendar();
export const settings = DEFAULT_DOMAIN_SETTINGS;
export const ctx = { calendar, settings };

/** Units are 5-digit codes, departments start with S; anything else is unknown. */
export function scopeOf(code: string): ScopeKey | null {
  if (/^\d{5}$/.test(code)) return `unit:${code}`;
  if (/^S[A-Z]+$/.test(code)) return `department:${code}`;
  return null;
}

/** Epoch ms of a Vietnam local time 'YYYY-MM-DDTHH:MM[:SS]'. */
export function vn(local: string): number {
  const t = parseIsoWithOffset(`${local}+07:00`);
  if (t === null) throw new Error(`bad time ${local}`);
  return t;
}

let seq = 0;
const nextId = (): string => `e${++seq}`;

export const procedure = { code: '1.001', name: 'Đăng ký khai sinh', field: 'Hộ tịch', legalDays: 3 };

export function received(dossierId: string, at: number, dueAt: number, opts: { unit?: string; channel?: Channel } = {}): DossierEvent {
  return {
    id: nextId(),
    type: 'received',
    dossierId,
    at,
    unit: opts.unit ?? '26734',
    procedure,
    channel: opts.channel ?? 'online',
    dueAt,
  };
}

type SimpleDossierType = 'processed' | 'returned' | 'stopped' | 'refused' | 'withdrawn' | 'supplement_requested';

export function dossierEvent(dossierId: string, type: SimpleDossierType, at: number): DossierEvent {
  return { id: nextId(), type, dossierId, at } as DossierEvent;
}

export function supplementReceived(dossierId: string, at: number, dueAt?: number): DossierEvent {
  return dueAt === undefined
    ? { id: nextId(), type: 'supplement_received', dossierId, at }
    : { id: nextId(), type: 'supplement_received', dossierId, at, dueAt };
}

export function apology(dossierId: string, at: number, proposedDueAt: number): DossierEvent {
  return { id: nextId(), type: 'apology_issued', dossierId, at, proposedDueAt, reason: 'quá tải' };
}

export function taskAssigned(taskId: string, at: number, assignee: string, dueAt?: number): TaskEvent {
  const base = {
    id: nextId(),
    type: 'assigned' as const,
    taskId,
    at,
    title: 'Rà soát hồ sơ tồn',
    document: { number: '123/UBND-VX', date: '2025-11-03' },
    issuer: 'UBND TP',
    assignee,
  };
  return dueAt === undefined ? base : { ...base, dueAt };
}

export function taskEvent(taskId: string, type: 'completed' | 'cancelled', at: number): TaskEvent {
  return { id: nextId(), type, taskId, at };
}

export function taskExtended(taskId: string, at: number, dueAt: number): TaskEvent {
  return { id: nextId(), type: 'extended', taskId, at, dueAt, reason: 'xin gia hạn' };
}
