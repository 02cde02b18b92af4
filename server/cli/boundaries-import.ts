/**
 * Imports official boundaries (GeoJSON) for a jurisdiction:
 *
 *   npm run boundaries:import -- FILE.geojson [--code-prop NAME] [--dry-run] [--jurisdiction hcmc]
 *
 * Validates every feature against the jurisdiction's units and prints a report. Writes the valid
 * features to <BOUNDARIES_DIR or data/boundaries>/<jurisdiction>.geojson with `schematic: false`
 * unless --dry-run. Exit codes: 0 imported (or would be, with --dry-run); 1 the file has invalid
 * features or no valid feature, nothing written; 2 usage error or unreadable file.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BoundaryFileError, formatImportReport, validateBoundaries } from '../geo/boundary-import.js';
import { writeImportedBoundaries } from '../geo/boundaries-store.js';
import { cliEnv } from './cli-env.js';
import { loadNamedJurisdiction } from '../geo/jurisdiction-loader.js';

const USAGE = `Usage: npm run boundaries:import -- FILE.geojson [--code-prop NAME] [--dry-run] [--jurisdiction NAME]

  --code-prop NAME      feature property holding the 5-digit unit code (default: code)
  --dry-run             validate and report only; write nothing
  --jurisdiction NAME   the jurisdiction pack, hcmc or vn (default: JURISDICTION, else hcmc)

Writes to $BOUNDARIES_DIR/<jurisdiction>.geojson (default data/boundaries/).`;

function fail(message: string): never {
  console.error(`Error: ${message}`);
  process.exit(2);
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      'code-prop': { type: 'string', default: 'code' },
      'dry-run': { type: 'boolean', default: false },
      jurisdiction: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
  });
}
try {
  args = parse();
} catch (err) {
  fail(`${(err as Error).message}\n\n${USAGE}`);
}
if (args.values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (args.positionals.length !== 1) fail(`expected one FILE.geojson\n\n${USAGE}`);

// npm runs scripts from the package root; INIT_CWD is where the user typed the command, which is
// what a relative FILE means to them.
const file = resolve(cliEnv().cwd, args.positionals[0]);
const codeProp = args.values['code-prop'];
const jurisdictionName = args.values.jurisdiction ?? process.env.JURISDICTION ?? 'hcmc';

let jurisdiction: ReturnType<typeof loadNamedJurisdiction>;
try {
  jurisdiction = loadNamedJurisdiction(jurisdictionName);
} catch (err) {
  fail((err as Error).message);
}

let geojson: unknown;
try {
  geojson = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
} catch (err) {
  fail(`cannot read ${file}: ${(err as Error).message}`);
}

let report: ReturnType<typeof validateBoundaries>;
try {
  report = validateBoundaries(geojson, jurisdiction, { codeProp });
} catch (err) {
  if (err instanceof BoundaryFileError) fail(`${file}: ${err.message}`);
  throw err;
}

console.log(formatImportReport(report, jurisdiction, { file, codeProp }));
console.log('');

if (report.invalid.length > 0 || report.features.length === 0) {
  const why = report.invalid.length > 0 ? `${report.invalid.length} invalid feature(s)` : 'no valid feature';
  console.log(`Not imported (không nhập): ${why}. Fix the file and run again; nothing was written.`);
  process.exit(1);
}

if (args.values['dry-run']) {
  console.log(`Dry run: ${report.features.length} feature(s) would be imported; nothing written.`);
  process.exit(0);
}

const path = writeImportedBoundaries(jurisdictionName, report.features, { boundariesDir: cliEnv().boundariesDir });
const shown = relative(process.cwd(), path);
console.log(
  `Imported (đã nhập) ${report.features.length} feature(s) to ${shown.startsWith('..') ? path : shown} (schematic: false).` +
    (report.missingUnits.length ? ` ${report.missingUnits.length} unit(s) still have no boundary.` : ''),
);
