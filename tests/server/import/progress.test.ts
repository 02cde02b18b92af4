import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration, formatProgress, type ProgressFigures } from '../../../server/import/progress.js';
import { formatSummary } from '../../../server/import/summary.js';
import { emptyCounts } from '../../../server/import/state.js';

const figures = (over: Partial<ProgressFigures> = {}): ProgressFigures => ({
  counts: { read: 412_000, accepted: 411_000, duplicate: 800, rejected: 150, unparsable: 50 },
  rowsThisRun: 412_000,
  bytesThisRun: 41_200_000,
  bytesLeft: 58_800_000,
  fileSize: 100_000_000,
  offset: 41_200_000,
  elapsedMs: 20_000,
  ...over,
});

describe('import progress', () => {
  it('shows rows, this run’s rate, the share of the file and an ETA from the bytes left', () => {
    expect(formatProgress(figures())).toBe(
      '412,000 rows · 20,600 rows/s · 41.2% · ETA 0:29 · accepted 411,000 · duplicates 800 · rejected 200',
    );
  });

  it('counts a resumed run’s speed from where it resumed', () => {
    const resumed = figures({ rowsThisRun: 12_000, bytesThisRun: 1_200_000, elapsedMs: 1_000 });
    expect(formatProgress(resumed)).toMatch(/^412,000 rows · 12,000 rows\/s · 41\.2% · ETA 0:49 /);
  });

  it('rewrites one line on a terminal, and writes a plain line per interval otherwise', () => {
    let t = 0;
    const tty: string[] = [];
    const p = createProgress({ tty: true, write: (s) => tty.push(s), intervalMs: 200, now: () => t });
    p.update(figures());
    t = 100;
    p.update(figures());
    t = 300;
    p.update(figures());
    p.end();
    expect(tty.map((s) => s.slice(0, 6))).toEqual(['\r\x1b[2K4', '\r\x1b[2K4', '\n']);

    const plain: string[] = [];
    const q = createProgress({ tty: false, write: (s) => plain.push(s), intervalMs: 5_000, now: () => t });
    for (t = 0; t <= 12_000; t += 1_000) q.update(figures());
    q.end();
    expect(plain).toHaveLength(3);
    expect(plain.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
  });

  it('formats durations past an hour', () => {
    expect([formatDuration(59_400), formatDuration(3_725_000)]).toEqual(['0:59', '1:02:05']);
  });
});

describe('import summary', () => {
  it('says what was read, accepted, duplicated and rejected, and where the report is', () => {
    const counts = { ...emptyCounts(), read: 10, accepted: 7, duplicate: 1, rejected: 1, unparsable: 1 };
    const text = formatSummary(
      {
        status: 'done',
        counts,
        resumedAt: 0,
        rowsThisRun: 10,
        elapsedMs: 2_000,
        report: 'a.csv.rejected.ndjson',
        resends: { count: 3, waitedMs: 3_000 },
      },
      { file: 'a.csv', kind: 'dossier', format: 'csv' },
    );
    expect(text).toContain('Imported: a.csv (dossier events, CSV)');
    expect(text).toMatch(/rejected {4}2 \(1 could not be parsed\) → a\.csv\.rejected\.ndjson/);
    expect(text).toMatch(/rate {8}5 rows\/s/);
    expect(text).toMatch(/waited {6}3 s \(summed over batches in flight\): 3 batches sent again/);
  });
});
