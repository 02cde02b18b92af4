/** Runs the bad-input cases (cases.ts) against a server, printing each request and its answer. */
import { CASES, DVCQG, TASKS, type FaultCase } from './cases.js';
import { describe, post } from './http.js';
import { count, mismatches, type Acked, type Totals } from './tally.js';

export interface Keys {
  dossiers: string;
  tasks: string;
}

/** Source names of the keys (as the child creates them). */
export const SOURCE_NAMES = { dossiers: 'faults-dossiers', tasks: 'faults-tasks' } as const;

export interface CaseReport {
  name: string;
  steps: { what: string; events: number; answer: string; failures: string[] }[];
}

export async function runBadInputs(
  url: string,
  keys: Keys,
  serverNow: () => Promise<number>,
  totals: Totals,
  acked: Acked,
  print: (line: string) => void,
  cases: FaultCase[] = CASES,
): Promise<CaseReport[]> {
  const reports: CaseReport[] = [];
  // Every body is built before the first request: building the 8 MB ones blocks this event loop for
  // seconds, and a kept-alive connection the server closed meanwhile would look like a lost answer.
  const now = await serverNow();
  const built = cases.map((c) => ({ name: c.name, steps: c.steps({ now }) }));
  for (const c of built) {
    print(`\n▸ ${c.name}`);
    const report: CaseReport = { name: c.name, steps: [] };
    for (const step of c.steps) {
      const isTask = step.path === TASKS;
      const source = step.path === DVCQG ? null : isTask ? SOURCE_NAMES.tasks : SOURCE_NAMES.dossiers;
      let answer = await post(url, step.path, isTask ? keys.tasks : keys.dossiers, step.request);
      count(totals, acked, source, step.events, answer);
      if (answer.status === 0) {
        // No answer (e.g. a kept-alive connection the server closed as this request started): unacknowledged, so sent again.
        print(`  … ${step.what}: ${describe(answer)}; sent again`);
        answer = await post(url, step.path, isTask ? keys.tasks : keys.dossiers, step.request);
        count(totals, acked, source, step.events, answer);
      }
      const failures = mismatches(step.expect, answer);
      const kind = step.path === DVCQG ? 'records' : 'events';
      report.steps.push({ what: step.what, events: step.events, answer: describe(answer), failures });
      print(`  ${failures.length ? '✗' : '✓'} ${step.what} (${step.events} ${kind}) → ${describe(answer)}`);
      for (const f of failures) print(`      UNEXPECTED: ${f}`);
      print(`      totals: ${line(totals)}`);
    }
    reports.push(report);
  }
  return reports;
}

export const line = (t: Totals): string =>
  `sent ${t.sent} · accepted ${t.accepted} · duplicate ${t.duplicate} · rejected ${t.rejected} · refused whole ${t.refused} · unanswered ${t.unanswered}`;
