/**
 * npm run source:add -- --name NAME --kind dossier|task [--units 26740,26743]
 *   [--silent-after-minutes N] [--hours office|always] [--history-load]
 * Creates an ingest source and prints its key once; only a hash of the key is stored. With --units
 * the source may write only those units' dossiers or tasks; events of other units are rejected.
 * --silent-after-minutes: quiet time after which it is reported silent (default SOURCE_SILENT_MS);
 * --hours: `office` (default) counts that time in working time, `always` in calendar time (24/7).
 * --history-load: it may send batches in history-load mode (`npm run import`, README "Bulk backfill").
 */
import { parseArgs } from 'node:util';
import { generateSourceKey, hashSourceKey } from '../ingest/keys.js';
import { parseSourceUnits } from '../ingest/unit-limit.js';
import { jurisdictionIndex } from '../geo/jurisdiction-loader.js';
import { describeSilence, parseSourceSilenceOptions } from '../ingest/source-silence-options.js';
import { cliJurisdiction } from './cli-env.js';
import { openCliStores } from './cli-stores.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      kind: { type: 'string' },
      units: { type: 'string' },
      'silent-after-minutes': { type: 'string' },
      hours: { type: 'string' },
      'history-load': { type: 'boolean' },
    },
    allowPositionals: false,
  });
  const name = values.name?.trim();
  const kind = values.kind;
  if (!name || !/^[A-Za-z0-9._-]{1,64}$/.test(name) || (kind !== 'dossier' && kind !== 'task')) {
    console.error(
      'usage: npm run source:add -- --name NAME --kind dossier|task [--units CODE,CODE] [--silent-after-minutes N] [--hours office|always] [--history-load]',
    );
    console.error('  NAME: 1–64 letters, digits, dot, dash or underscore; kind: dossier or task');
    console.error('  --units: unit/department codes this source may write (default: any)');
    console.error('  --silent-after-minutes: quiet time before it is reported silent (default: SOURCE_SILENT_MS)');
    console.error('  --hours: office (default: quiet time counted in working time) or always (a 24/7 source)');
    console.error('  --history-load: it may send batches in history-load mode (npm run import)');
    return 2;
  }
  const silence = parseSourceSilenceOptions(values['silent-after-minutes'], values.hours);
  if (!silence.ok) {
    console.error(silence.problem);
    return 2;
  }
  const index = jurisdictionIndex(cliJurisdiction());
  const units = parseSourceUnits(values.units, (c) => index.scopeOf(c));
  if (!units.ok) {
    console.error(units.problem);
    return 2;
  }
  // DATABASE_URL: PostgreSQL's sources (the server's there); else the DASHBOARD_DB file.
  const stores = await openCliStores();
  const file = stores.where;
  try {
    const { sources } = stores.access;
    if (await sources.findByName(name)) {
      console.error(`a source named "${name}" already exists in ${file}`);
      return 1;
    }
    const key = generateSourceKey();
    const historyLoad = values['history-load'] === true;
    const row = await sources.create(name, kind, hashSourceKey(key), Date.now(), units.units, { ...silence.options, historyLoad });
    await stores.audit({
      action: 'source.created',
      target: name,
      details: { kind, units: units.units, silentAfterMs: row.silentAfterMs, hours: row.hours, historyLoad },
    });
    console.log(`Created ${kind} source "${name}"${units.units ? ` limited to units ${units.units.join(', ')}` : ''} in ${file}.`);
    console.log(describeSilence(row));
    if (historyLoad) console.log('It may send batches in history-load mode (npm run import).');
    console.log('Its key (shown only now; store it safely):');
    console.log(key);
    console.log(`Send events with: Authorization: Bearer ${key.slice(0, 8)}…`);
    return 0;
  } finally {
    await stores.close();
  }
}

process.exitCode = await main();
