/**
 * npm run source:set -- --name NAME [--units CODES|none] [--silent-after-minutes N|default] [--hours office|always]
 *   [--history-load yes|no]
 * Changes an existing source: the units it may write (`none` lifts the limit), and when it is reported
 * silent: after N minutes without a batch (`default`: the server's SOURCE_SILENT_MS), counted in
 * working time (`office`) or calendar time (`always`, for a 24/7 source). A running server applies the
 * silence settings from its next clock tick and the unit limit from the next batch. The same logic
 * serves PATCH /api/v1/admin/sources/:name (ingest/source-settings.ts). --history-load: whether it may
 * send batches in history-load mode (`npm run import`, README "Bulk backfill").
 */
import { parseArgs } from 'node:util';
import { jurisdictionIndex } from '../geo/jurisdiction-loader.js';
import { describeSilence } from '../ingest/source-silence-options.js';
import { applySourceSettings, parseSourceSettings, sourceSettingsDetails } from '../ingest/source-settings.js';
import type { ScopeKey } from '../metrics/types.js';
import { cliJurisdiction } from './cli-env.js';
import { openCliStores } from './cli-stores.js';

const USAGE =
  'usage: npm run source:set -- --name NAME [--units CODES|none] [--silent-after-minutes N|default] [--hours office|always] [--history-load yes|no]';

function jurisdictionScopeOf(): (code: string) => ScopeKey | null {
  const index = jurisdictionIndex(cliJurisdiction());
  return (code) => index.scopeOf(code);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      units: { type: 'string' },
      'silent-after-minutes': { type: 'string' },
      hours: { type: 'string' },
      'history-load': { type: 'string' },
    },
    allowPositionals: false,
  });
  const name = values.name?.trim();
  // The jurisdiction is read only when units are given (the silence settings do not need it).
  const scopeOf = values.units === undefined ? () => null : jurisdictionScopeOf();
  const units = values.units?.trim() === 'none' ? '' : values.units;
  const parsed = parseSourceSettings(
    { units, silentAfterMinutes: values['silent-after-minutes'], hours: values.hours, historyLoad: values['history-load'] },
    scopeOf,
  );
  if (!name || !/^[A-Za-z0-9._-]{1,64}$/.test(name) || !parsed.ok) {
    console.error(USAGE);
    if (parsed.ok === false) console.error(parsed.problem);
    return 2;
  }
  // DATABASE_URL: PostgreSQL's sources (the server's there); else the DASHBOARD_DB file.
  const stores = await openCliStores();
  const file = stores.where;
  try {
    const row = await applySourceSettings(stores.access.sources, name, parsed.change);
    if (!row) {
      console.error(`no source named "${name}" in ${file}`);
      return 1;
    }
    await stores.audit({ action: 'source.updated', target: name, details: sourceSettingsDetails(row) });
    console.log(`Updated source "${name}" in ${file}.`);
    console.log(row.units ? `It may write units ${row.units.join(', ')} only.` : 'It may write any unit of the jurisdiction.');
    console.log(describeSilence(row));
    if (row.historyLoad) console.log('It may send batches in history-load mode (npm run import).');
    return 0;
  } finally {
    await stores.close();
  }
}

process.exitCode = await main();
