/**
 * npm run source:set -- --name NAME [--silent-after-minutes N|default] [--hours office|always]
 * Changes when an existing source is reported silent: after N minutes without a batch (`default`:
 * the server's SOURCE_SILENT_MS), counted in working time (`office`) or calendar time (`always`,
 * for a 24/7 source). A running server applies it from its next clock tick.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/connection.js';
import { createSourcesRepo } from '../db/sources-repo.js';
import { describeSilence, parseSourceSilenceOptions } from '../ingest/source-silence-options.js';
import { auditCli } from './cli-audit.js';
import { cliEnv } from './cli-env.js';

function main(): number {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, 'silent-after-minutes': { type: 'string' }, hours: { type: 'string' } },
    allowPositionals: false,
  });
  const name = values.name?.trim();
  const silence = parseSourceSilenceOptions(values['silent-after-minutes'], values.hours);
  if (!name || !/^[A-Za-z0-9._-]{1,64}$/.test(name) || !silence.ok || Object.keys(silence.options).length === 0) {
    console.error('usage: npm run source:set -- --name NAME [--silent-after-minutes N|default] [--hours office|always]');
    if (silence.ok === false) console.error(silence.problem);
    return 2;
  }
  const file = cliEnv().dbFile;
  const db = openDatabase(file);
  try {
    const sources = createSourcesRepo(db);
    if (!sources.setSilence(name, silence.options)) {
      console.error(`no source named "${name}" in ${file}`);
      return 1;
    }
    const row = sources.findByName(name)!;
    auditCli(db, { action: 'source.updated', target: name, details: { silentAfterMs: row.silentAfterMs, hours: row.hours } });
    console.log(`Updated source "${name}" in ${file}.`);
    console.log(describeSilence(row));
    return 0;
  } finally {
    db.close();
  }
}

process.exitCode = main();
