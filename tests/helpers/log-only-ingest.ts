/**
 * The ingest service alone over a store: events are validated and logged, with no projection writer
 * behind them and no metrics, so a test decides when (and whether) the projections are written.
 */
import type { Store } from '../../server/db/store.js';
import type { DomainContext } from '../../server/projection/row-extras.js';
import { createIngestService } from '../../server/ingest/service.js';
import { createWriteBehind } from '../../server/projection/write-behind.js';
import { jurisdictionIndex } from '../../server/geo/jurisdiction-loader.js';
import type { Jurisdiction } from '../../server/domain/types.js';
import { T0 } from './test-server.js';

export function logOnlyIngest(store: Store, jurisdiction: Jurisdiction, domain: DomainContext, now = T0) {
  const index = jurisdictionIndex(jurisdiction);
  return createIngestService({
    store,
    domain,
    now: () => now,
    isKnownCode: (c) => index.scopeOf(c) !== null,
    jurisdictionName: jurisdiction.name,
    latest: createWriteBehind({ store, projections: { logged() {}, onProjected() {} } }),
    onApplied() {},
  });
}
