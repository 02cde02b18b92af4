/**
 * npm run index:import -- FILE.csv [--dry-run]
 * Stores the national portal's published service-index figures (unit code, period, total and group
 * points; README "Importing the national portal's figures") beside ours. Every row is checked; rejected
 * rows are printed with their line and reason and kept in the database (portal_index_rejected);
 * accepted rows replace the stored figure of their unit and period. Exit codes: 0 every row accepted;
 * 1 some row rejected (the accepted ones are stored); 2 usage error, unreadable file or header.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { PortalImportCounts } from '../db/portal-index-repo.js';
import { readPortalFile, type PortalFileContext, type PortalFileReport } from '../domain/portal-index-file.js';
import { decodeCsvBytes } from '../domain/portal-index-csv.js';
import type { Jurisdiction } from '../domain/types.js';
import { jurisdictionIndex } from '../geo/jurisdiction-loader.js';
import { PeriodError, resolvePeriod } from '../metrics/named-periods.js';
import { cliJurisdiction, oneFileArgs } from './cli-env.js';
import { openCliStores } from './cli-stores.js';

const USAGE = `usage: npm run index:import -- FILE.csv [--dry-run]
  FILE.csv   header: unit,period,total,transparency,progress,online,payment,digitisation,satisfaction
             (or the Vietnamese names: ma_don_vi,ky,tong_diem,...; see README); period 2026-10, 2026-Q3 or 2026
  --dry-run  check and report every row; store nothing`;

const NAMED_PERIOD = /^\d{4}(?:-\d{2}|-Q[1-4])?$/;

/** Code lookup and period check of the file's rows, against the city's units and the clock. */
function portalFileContext(jurisdiction: Jurisdiction, now: number): PortalFileContext {
  const index = jurisdictionIndex(jurisdiction);
  return {
    codeOf(raw) {
      const c = raw.trim();
      if (c.toLowerCase() === 'city' || c === jurisdiction.code) return 'city';
      // A spreadsheet drops a numeric code's leading zeros (00004 → 4): unit codes have five digits.
      const scope = index.scopeOf(c) ?? (/^\d{1,4}$/.test(c) ? index.scopeOf(c.padStart(5, '0')) : null);
      return scope === null ? null : scope.slice(scope.indexOf(':') + 1);
    },
    periodProblem(name) {
      if (!NAMED_PERIOD.test(name)) {
        return `period "${name.slice(0, 20)}" is not a month, quarter or year: expected YYYY-MM (2026-10), YYYY-Qn (2026-Q3) or YYYY (2026)`;
      }
      try {
        resolvePeriod(name, now);
        return null;
      } catch (e) {
        if (e instanceof PeriodError) return `period ${e.message}`;
        throw e;
      }
    },
  };
}

function printReport(file: string, report: PortalFileReport): void {
  console.log(
    `${file}: ${report.rows} row(s) read${report.separator === ',' ? '' : ` (separator "${report.separator === '\t' ? 'tab' : report.separator}")`}.`,
  );
  if (report.ignoredColumns.length > 0) console.log(`Columns not read: ${report.ignoredColumns.join(', ')}.`);
  if (report.rejected.length > 0) {
    console.log(`Rejected (bị từ chối) ${report.rejected.length} row(s):`);
    for (const r of report.rejected) console.log(`  line ${r.line}: ${r.reason}`);
  }
}

function printCounts(counts: PortalImportCounts, accepted: number, rejected: number): void {
  console.log(
    `Accepted (đã nhận) ${accepted} row(s): ${counts.added} new, ${counts.replaced} replaced, ${counts.unchanged} unchanged. ` +
      `Rejected ${rejected} row(s)${rejected > 0 ? ` (kept in table portal_index_rejected, ${counts.rejectedKept} of them new)` : ''}.`,
  );
}

async function main(): Promise<number> {
  const args = oneFileArgs(['dry-run'], USAGE);
  if (!args) return 2;
  const path = args.file;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    console.error(`cannot read ${path}: ${(e as Error).message}`);
    return 2;
  }
  const name = basename(path);
  const result = readPortalFile(decodeCsvBytes(bytes), portalFileContext(cliJurisdiction(), Date.now()));
  if (!result.ok) {
    console.error(`${name}: ${result.problem}. Nothing imported.`);
    return 2;
  }
  const { report } = result;
  printReport(name, report);
  const accepted = report.accepted.length;
  const rejected = report.rejected.length;
  if (args.flags['dry-run']) {
    console.log(`Dry run: ${accepted} row(s) would be accepted, ${rejected} rejected; nothing stored.`);
    return rejected > 0 ? 1 : 0;
  }
  // DATABASE_URL: PostgreSQL's tables (the server's there); else the DASHBOARD_DB file.
  const stores = await openCliStores();
  try {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const counts = await stores.index.portal.importFile({ source: name, sha256 }, report.accepted, report.rejected, Date.now());
    await stores.audit({ action: 'portal_index.imported', target: name, details: { accepted, rejected, ...counts, sha256 } });
    printCounts(counts, accepted, rejected);
  } finally {
    await stores.close();
  }
  return rejected > 0 ? 1 : 0;
}

process.exitCode = await main();
