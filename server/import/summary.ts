/** The summary an import prints at its end (or when it is interrupted). */
import type { ImportSummary } from './run-import.js';

const int = (n: number) => n.toLocaleString('en-US');

export function formatSummary(s: ImportSummary, o: { file: string; kind: string; format: string }): string {
  const c = s.counts;
  const secs = s.elapsedMs / 1000;
  const what = o.kind === 'dvcqg' ? 'DVCQG records' : `${o.kind} events`;
  const rejected = c.rejected + c.unparsable;
  const lines = [
    `${s.status === 'done' ? 'Imported' : 'Interrupted'}: ${o.file} (${what}, ${o.format.toUpperCase()})${s.resumedAt > 0 ? `, resumed at byte ${int(s.resumedAt)}` : ''}`,
    `  read        ${int(c.read)}`,
    `  accepted    ${int(c.accepted)}`,
    `  duplicates  ${int(c.duplicate)}${o.kind === 'dvcqg' ? ' (unchanged: nothing new in the record)' : ' (sent before: already in the log)'}`,
    `  rejected    ${int(rejected)} (${int(c.unparsable)} could not be parsed)${s.report ? ` → ${s.report}` : ''}`,
    `  elapsed     ${secs.toFixed(1)} s (this run)`,
    `  rate        ${int(Math.round(secs > 0 ? s.rowsThisRun / secs : 0))} rows/s (this run)`,
  ];
  if (s.resends.count) {
    lines.push(
      `  waited      ${(s.resends.waitedMs / 1000).toFixed(0)} s (summed over batches in flight): ${int(s.resends.count)} batches sent again after "busy" answers (503/429) or a lost connection`,
    );
  }
  return lines.join('\n');
}
