import { describe, expect, it } from 'vitest';
import { validateEvent, type ValidationContext } from '../../../server/ingest/validate.js';
import { receivedEvent, T0 } from '../../helpers/test-server.js';

const ctx: ValidationContext = { now: T0, isKnownCode: (c) => c === '26740', jurisdictionName: 'the city' };

describe('the messages of a rejected event', () => {
  it('say a number sent as a string is a string, not that the field is missing', () => {
    const v = validateEvent('dossier', receivedEvent({ procedure: { code: 'x', name: 'y', field: 'z', legalDays: '3' } }), ctx);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors).toEqual([{ path: 'procedure.legalDays', message: 'must be number, not the string "3"' }]);
  });

  it('say a missing field is required, and a number where a date string belongs is a number', () => {
    const { dueAt: _drop, ...noDue } = receivedEvent();
    const missing = validateEvent('dossier', noDue, ctx);
    const nulled = validateEvent('dossier', receivedEvent({ channel: null, at: 1763600400000 }), ctx);
    expect(missing.ok || missing.errors).toEqual([{ path: 'dueAt', message: 'is required (string)' }]);
    expect(nulled.ok || nulled.errors.map((e) => [e.path, e.message])).toEqual([
      ['at', 'must be string, not number'],
      ['channel', 'Invalid option: expected one of "online"|"in_person"|"postal"'],
    ]);
  });
});
