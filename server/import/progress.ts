/**
 * Import progress: on a terminal one line rewritten in place (rows, rows/s, share of the file, ETA);
 * otherwise (a log, a pipe) a plain line every few seconds. Rates and the ETA count this run only
 * (a resumed import does not claim the earlier run's rows as its speed); the ETA comes from the bytes
 * left, since the number of rows in the file is not known before it is read.
 */
import type { ImportCounts } from './state.js';

export interface ProgressFigures {
  counts: ImportCounts;
  /** Rows read by this run, bytes this run has got through, and how long it has been running. */
  rowsThisRun: number;
  bytesThisRun: number;
  bytesLeft: number;
  fileSize: number;
  offset: number;
  elapsedMs: number;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** One progress line, e.g. `412,000 rows · 15,230 rows/s · 41.2% · ETA 0:39 · accepted 411,870 · duplicates 0 · rejected 130`. */
export function formatProgress(f: ProgressFigures): string {
  const secs = f.elapsedMs / 1000;
  const rate = secs > 0 ? f.rowsThisRun / secs : 0;
  const share = f.fileSize > 0 ? (100 * f.offset) / f.fileSize : 100;
  const bytesPerMs = f.elapsedMs > 0 ? f.bytesThisRun / f.elapsedMs : 0;
  const eta = bytesPerMs > 0 ? formatDuration(f.bytesLeft / bytesPerMs) : '?';
  const c = f.counts;
  return [
    `${int(c.read)} rows`,
    `${int(rate)} rows/s`,
    `${share.toFixed(1)}%`,
    `ETA ${eta}`,
    `accepted ${int(c.accepted)}`,
    `duplicates ${int(c.duplicate)}`,
    `rejected ${int(c.rejected + c.unparsable)}`,
  ].join(' · ');
}

export interface ProgressSink {
  update(f: ProgressFigures): void;
  /** Ends the in-place line (a terminal) before the summary. */
  end(): void;
}

export function createProgress(o: { tty: boolean; write: (s: string) => void; intervalMs?: number; now?: () => number }): ProgressSink {
  const now = o.now ?? Date.now;
  const interval = o.intervalMs ?? (o.tty ? 200 : 5_000);
  let last = -Infinity;
  let drawn = false;
  return {
    update(f) {
      const t = now();
      if (t - last < interval) return;
      last = t;
      const line = formatProgress(f);
      if (o.tty) o.write(`\r\x1b[2K${line}`);
      else o.write(`${line}\n`);
      drawn = true;
    },
    end() {
      if (o.tty && drawn) o.write('\n');
    },
  };
}
