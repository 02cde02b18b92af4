/**
 * The report of rejected rows (FILE.rejected.ndjson): one JSON line per row, with its line number, the
 * raw line and every error (what, where, why). A resumed import cuts it back to its length at the
 * saved state, so that rows of batches sent again are not reported twice.
 */
import { closeSync, existsSync, ftruncateSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import type { FieldError } from '../../shared/contract/errors.js';

export interface RejectedRow {
  line: number;
  raw: string;
  /** `parser`: could not be read here (not sent); `server`: the server's validation refused it. */
  by: 'parser' | 'server';
  errors: (FieldError & { column?: string })[];
}

export function openReport(file: string, resumeAtBytes: number) {
  let fd: number | null = null;
  let bytes = resumeAtBytes;
  if (existsSync(file)) {
    // Opened now only to cut it back (a fresh import: to nothing).
    const cut = openSync(file, 'r+');
    ftruncateSync(cut, Math.min(resumeAtBytes, statSync(file).size));
    closeSync(cut);
    fd = openSync(file, 'a');
  }

  return {
    append(rows: RejectedRow[]): void {
      if (!rows.length) return;
      fd ??= openSync(file, 'a');
      const text = rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
      bytes += writeSync(fd, text);
    },
    get bytes(): number {
      return bytes;
    },
    /** Closes it; an empty report is removed (nothing was rejected). */
    close(): void {
      if (fd !== null) closeSync(fd);
      fd = null;
      if (bytes === 0) rmSync(file, { force: true });
    },
  };
}

export type Report = ReturnType<typeof openReport>;
