/**
 * npm run wall:preset -- --name ops --scenes map,ranking,feed,kpi,departments --interval 20
 * Creates (or replaces) a named wall preset; a screen then opens /wall?preset=ops.
 * `--list` prints the saved presets.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/connection.js';
import { createWallPresetsRepo } from '../db/wall-repo.js';
import { parseWallPreset } from '../wall/presets.js';
import { auditCli } from './cli-audit.js';
import { WALL_INTERVAL_DEFAULT_S, WALL_INTERVAL_MAX_S, WALL_INTERVAL_MIN_S, WALL_SCENES } from '../wall/wall-types.js';
import { cliEnv } from './cli-env.js';

const USAGE = `usage: npm run wall:preset -- --name NAME --scenes ${WALL_SCENES.join(',')} [--interval SECONDS]
       npm run wall:preset -- --list
  scenes: any of ${WALL_SCENES.join(', ')}, in display order
  interval: seconds per scene, ${WALL_INTERVAL_MIN_S}–${WALL_INTERVAL_MAX_S} (default ${WALL_INTERVAL_DEFAULT_S})`;

function main(): number {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      scenes: { type: 'string' },
      interval: { type: 'string', default: String(WALL_INTERVAL_DEFAULT_S) },
      list: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  const file = cliEnv().dbFile;
  if (values.list) {
    const db = openDatabase(file);
    try {
      const presets = createWallPresetsRepo(db).list();
      if (!presets.length) console.log(`no wall presets in ${file}`);
      for (const p of presets) console.log(`${p.name}\t${p.scenes.join(',')}\t${p.intervalSeconds} s`);
      return 0;
    } finally {
      db.close();
    }
  }
  const parsed = parseWallPreset({ name: values.name, scenes: values.scenes, interval: values.interval });
  if (!parsed.ok) {
    for (const e of parsed.errors) console.error(e);
    console.error(USAGE);
    return 2;
  }
  const { name, scenes, intervalSeconds } = parsed.preset;
  const db = openDatabase(file);
  try {
    const repo = createWallPresetsRepo(db);
    const existed = repo.get(name) !== null;
    repo.save(name, scenes, intervalSeconds, Date.now());
    auditCli(db, { action: 'preset.saved', target: name, details: { scenes, intervalSeconds } });
    console.log(`${existed ? 'Updated' : 'Created'} wall preset "${name}" in ${file}: ${scenes.join(' → ')}, ${intervalSeconds} s each.`);
    console.log(`Open it on a screen: http://<server>:3000/wall?preset=${encodeURIComponent(name)}`);
    return 0;
  } finally {
    db.close();
  }
}

process.exitCode = main();
