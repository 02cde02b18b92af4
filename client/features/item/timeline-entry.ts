/**
 * Human text of a timeline entry's `data` (handler, reasons, dates…). The API sends the event's
 * extra fields as loose JSON; only fields we know how to word are shown, so officials never read
 * raw keys.
 */
import { formatDayTime } from '../unit/datetime';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** `data` keys shown, in this order; each maps to `timeline.detail.<key>`. */
const DETAIL_KEYS = [
  'handler',
  'stepDueAt',
  'dueAt',
  'proposedDueAt',
  'reason',
  'rating',
  'complaint',
  'note',
  'percent',
  'procedure',
  'channel',
  'document',
  'issuer',
  'assignee',
] as const;

const DATE_KEYS = new Set(['stepDueAt', 'dueAt', 'proposedDueAt']);

function nameOf(v: unknown): string | null {
  if (typeof v === 'string') return v || null;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.name === 'string') return o.name;
  }
  return null;
}

function textOf(key: string, data: Record<string, unknown>, t: Translate): string | null {
  const v = data[key];
  if (v === null || v === undefined || v === '') {
    if (key === 'handler' && typeof data.handlerName === 'string') return data.handlerName;
    return null;
  }
  if (DATE_KEYS.has(key)) return typeof v === 'string' || typeof v === 'number' ? formatDayTime(v) : null;
  switch (key) {
    case 'handler':
    case 'procedure':
      return nameOf(v);
    case 'rating':
      return typeof v === 'string' ? t(`rating.${v}`, { defaultValue: v }) : null;
    case 'channel':
      return typeof v === 'string' ? t(`channel.${v}`, { defaultValue: v }) : null;
    case 'percent':
      return typeof v === 'number' ? `${v}%` : null;
    case 'document': {
      if (v && typeof v === 'object') {
        const d = v as Record<string, unknown>;
        return typeof d.number === 'string' ? d.number : null;
      }
      return typeof v === 'string' ? v : null;
    }
    default:
      return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
  }
}

/** Lines describing an entry's data, already translated ("Cán bộ xử lý: Nguyễn Văn A"). */
export function describeEntryData(data: Record<string, unknown>, t: Translate): string[] {
  const out: string[] = [];
  for (const key of DETAIL_KEYS) {
    const value = textOf(key, data, t);
    if (value !== null) out.push(t(`timeline.detail.${key}`, { value }));
  }
  return out;
}

/** The Vietnamese (or English) name of an event type; unknown types are shown as sent. */
export function eventTypeLabel(type: string, t: Translate, kind: 'dossier' | 'task' = 'dossier'): string {
  const fallback = t(`timeline.events.${type}`, { defaultValue: type });
  // Tasks and dossiers share some type names ("assigned") that officials word differently.
  return kind === 'task' ? t(`timeline.taskEvents.${type}`, { defaultValue: fallback }) : fallback;
}
