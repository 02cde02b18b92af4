/**
 * The asynchronous path's decision (server/ingest/decide-batch.ts), pure: new, duplicate and conflict
 * against the payloads read and earlier in the batch, refusals in batch order with the raw event, and a
 * late event's refold reading the item's log (or asking for it when it was not read).
 */
import { describe, expect, it } from 'vitest';
import { loadCalendarYears } from '../../../server/config/calendar-loader.js';
import { createWorkCalendar } from '../../../server/domain/calendar.js';
import { foldDossier } from '../../../server/domain/dossier.js';
import { DEFAULT_DOMAIN_SETTINGS, type DossierEvent } from '../../../server/domain/types.js';
import { decideBatch, lateItems, NeedsItemLog, type BatchReads } from '../../../server/ingest/decide-batch.js';
import { validateEvent } from '../../../server/ingest/validate.js';
import { receivedEvent, T0 } from '../../helpers/test-server.js';

const settings = DEFAULT_DOMAIN_SETTINGS;
const domain = { calendar: createWorkCalendar(loadCalendarYears(), settings.officeHours), settings };
const at = (m: number) => `2026-11-20T08:${String(m).padStart(2, '0')}:00+07:00`;
const validate = (raw: unknown[]) =>
  raw.map((r) => validateEvent('dossier', r, { now: T0, isKnownCode: () => true, jurisdictionName: 'hcmc' }));
const assigned = (id: string, when: string) => ({
  id,
  type: 'assigned',
  dossierId: 'D',
  at: when,
  handler: { id: 'cb', name: 'A', unit: '26740' },
});
const none: BatchReads = { logged: new Map(), before: new Map(), events: new Map() };
const decide = (raw: unknown[], reads: BatchReads = none) =>
  decideBatch({ kind: 'dossier', rawEvents: raw, validated: validate(raw), units: null, domain }, reads);

describe('deciding a batch in memory', () => {
  it('answers new, duplicate and conflict against what was logged and what came earlier in the batch', () => {
    const logged = receivedEvent({ id: 'old', dossierId: 'D', at: at(0) });
    const v = validate([logged])[0] as { ok: true; payload: string };
    const raw = [logged, { ...logged, unit: '26743' }, assigned('a', at(5)), assigned('a', at(5)), assigned('a', at(6)), { id: 'x' }];
    const d = decide(raw, { ...none, logged: new Map([['old', v.payload]]) });
    expect(d.results.map((r) => r.status)).toEqual(['duplicate', 'rejected', 'accepted', 'duplicate', 'rejected', 'rejected']);
    expect(d.fresh.map((e) => e.eventId)).toEqual(['a']);
    expect(d.refused.map((r) => [r.eventId, JSON.parse(r.raw).at ?? null])).toEqual([
      ['old', at(0)],
      ['a', at(6)],
      ['x', null],
    ]);
  });

  it('refolds a late event from the item’s log and the batch’s own events, as a fold of them all', () => {
    const first = [receivedEvent({ id: 'r', dossierId: 'D', at: at(0) }), { id: 'p', type: 'processed', dossierId: 'D', at: at(50) }];
    const one = decide(first);
    const state = one.dossierNext.get('D')!;
    const log = one.fresh.map((e, i) => ({ seq: i + 1, sourceId: 1, eventId: e.eventId, type: e.type, at: e.at, payload: e.payload }));
    const late = [assigned('a', at(30))];
    expect([...lateItems(validate(late), new Map([['D', state]]))]).toEqual(['D']);
    expect(() => decide(late, { ...none, before: new Map([['D', state]]) })).toThrow(NeedsItemLog);
    const two = decide(late, { ...none, before: new Map([['D', state]]), events: new Map([['D', log]]) });
    const all = [...first, ...late].map((e) => (validate([e])[0] as { ok: true; event: DossierEvent }).event).sort((x, y) => x.at - y.at);
    expect(two.dossierNext.get('D')).toEqual(foldDossier(all, domain, 'D'));
    expect(two.dossierPrev.get('D')).toBe(state);
  });

  it('refuses an event before its dossier was received, as the synchronous path does', () => {
    const d = decide([receivedEvent({ id: 'r', dossierId: 'D', at: at(10) }), assigned('a', at(5))]);
    expect(d.results.map((r) => r.status)).toEqual(['accepted', 'rejected']);
    expect(d.refused[0].errors[0].message).toContain('before the dossier was received');
  });
});
