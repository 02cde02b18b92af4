import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/connection.js';
import { createStore } from '../../../server/db/store.js';
import { hashSourceKey } from '../../../server/ingest/keys.js';
import { loadWorkCalendar } from '../../../server/config/calendar-loader.js';
import { DEFAULT_DOMAIN_SETTINGS } from '../../../server/domain/types.js';
import { loadJurisdiction } from '../../../server/geo/jurisdiction-loader.js';
import { receivedEvent, T0 } from '../../helpers/test-server.js';
import { logOnlyIngest } from '../../helpers/log-only-ingest.js';

const settings = DEFAULT_DOMAIN_SETTINGS;
const ctx = { calendar: loadWorkCalendar(undefined, settings.officeHours), settings };
const jurisdiction = loadJurisdiction();

/** A store with no projection writer at all: nothing is ever projected, so nothing can wait for it. */
function setup() {
  const store = createStore(openDatabase(':memory:'));
  const city = store.sources.create('city', 'dossier', hashSourceKey('c'.repeat(24)), T0);
  const ward = store.sources.create('ward-26740', 'dossier', hashSourceKey('w'.repeat(24)), T0, ['26740']);
  return { store, city, ward, ingest: logOnlyIngest(store, jurisdiction, ctx) };
}

describe('the unit limit of a source, in the ingest service', () => {
  it('refuses an event about an item known under another unit before the projections have the item', () => {
    const { store, city, ward, ingest } = setup();
    ingest.ingest(city, 'dossier', [receivedEvent({ id: 'c-1', dossierId: 'D-26743', unit: '26743' })]);
    expect(store.projections.getDossier('D-26743')).toBeNull();

    const results = ingest.ingest(ward, 'dossier', [
      receivedEvent({ id: 'w-1', dossierId: 'D-OWN', unit: '26740' }),
      { id: 'w-2', type: 'processed', dossierId: 'D-26743', at: '2026-11-20T08:30:00+07:00' },
      { id: 'w-3', type: 'processed', dossierId: 'D-OWN', at: '2026-11-20T08:30:00+07:00' },
    ]);

    expect(results.map((r) => [r.index, r.id, r.status])).toEqual([
      [0, 'w-1', 'accepted'],
      [1, 'w-2', 'rejected'],
      [2, 'w-3', 'accepted'],
    ]);
    expect(results[1]).toMatchObject({
      errors: [{ path: 'dossierId', message: 'dossier "D-26743" belongs to unit 26743; this source may only write units 26740' }],
    });
    expect(store.events.count()).toBe(3);
    expect(store.quarantine.page({ source: 'ward-26740', limit: 10, offset: 0 }).items.map((i) => i.eventId)).toEqual(['w-2']);
  });

  it('reports only the unit error of an event outside the units, even when it is invalid too, and quarantines it', () => {
    const { store, ward, ingest } = setup();
    const results = ingest.ingest(ward, 'dossier', [
      { id: 'w-1', type: 'received', dossierId: 'D-X', unit: '26743' },
      receivedEvent({ id: 'w-2', dossierId: 'D-OWN', unit: '26740', dueAt: 'soon' }),
    ]);
    expect(results[0]).toMatchObject({
      status: 'rejected',
      errors: [{ path: 'unit', message: "unit 26743 is outside this source's units (26740)" }],
    });
    expect(results[1]).toMatchObject({ status: 'rejected' });
    expect(results[1].status === 'rejected' && results[1].errors[0].path).toBe('dueAt');
    expect(store.events.count()).toBe(0);
    expect(store.quarantine.page({ source: 'ward-26740', limit: 10, offset: 0 }).total).toBe(2);
  });
});
