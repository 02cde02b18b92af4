/**
 * npm run wall:preset -- --name ops --scenes map,ranking,feed,kpi,departments --interval 20
 * Creates (or replaces) a named wall preset; a screen then opens /wall?preset=ops.
 * `--list` prints the saved presets.
 */
import { parseArgs } from 'node:util';
import { parseWallPreset } from '../wall/presets.js';
import { WALL_INTERVAL_DEFAULT_S, WALL_INTERVAL_MAX_S, WALL_INTERVAL_MIN_S, WALL_SCENES } from '../wall/wall-types.js';
import { openCliStores, type CliStores } from './cli-stores.js';

const USAGE = `usage: npm run wall:preset -- --name NAME --scenes ${WALL_SCENES.join(',')} [--interval SECONDS]
       npm run wall:preset -- --list
  scenes: any of ${WALL_SCENES.join(', ')}, in display order
  interval: seconds per scene, ${WALL_INTERVAL_MIN_S}–${WALL_INTERVAL_MAX_S} (default ${WALL_INTERVAL_DEFAULT_S})`;

/** Prints the saved presets, one a line. */
async function listPresets(stores: CliStores): Promise<number> {
  const presets = await stores.walls.presets.list();
  if (!presets.length) console.log(`no wall presets in ${stores.where}`);
  for (const p of presets) console.log(`${p.name}\t${p.scenes.join(',')}\t${p.intervalSeconds} s`);
  return 0;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      scenes: { type: 'string' },
      interval: { type: 'string', default: String(WALL_INTERVAL_DEFAULT_S) },
      list: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  const parsed = values.list ? null : parseWallPreset({ name: values.name, scenes: values.scenes, interval: values.interval });
  if (parsed && !parsed.ok) {
    for (const e of parsed.errors) console.error(e);
    console.error(USAGE);
    return 2;
  }
  // DATABASE_URL: PostgreSQL's presets (the server's there); else the DASHBOARD_DB file.
  const stores = await openCliStores();
  try {
    if (!parsed) return await listPresets(stores);
    const { name, scenes, intervalSeconds } = parsed.preset;
    const { presets } = stores.walls;
    const existed = (await presets.get(name)) !== null;
    await presets.save(name, scenes, intervalSeconds, Date.now());
    await stores.audit({ action: 'preset.saved', target: name, details: { scenes, intervalSeconds } });
    console.log(
      `${existed ? 'Updated' : 'Created'} wall preset "${name}" in ${stores.where}: ${scenes.join(' → ')}, ${intervalSeconds} s each.`,
    );
    console.log(`Open it on a screen: http://<server>:3000/wall?preset=${encodeURIComponent(name)}`);
    return 0;
  } finally {
    await stores.close();
  }
}

process.exitCode = await main();
