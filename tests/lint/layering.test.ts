import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The rule ids of the problems ESLint finds in `code`, as if it were the file at `filePath`. */
async function ruleIdsOf(code: string, filePath: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('eslint.config.js layering', () => {
  it('refuses better-sqlite3 in server/metrics/', async () => {
    const code = "import Database from 'better-sqlite3';\n\nexport const open = (file: string) => new Database(file);\n";
    expect(await ruleIdsOf(code, 'server/metrics/x.ts')).toEqual(['no-restricted-imports']);
  });

  it('refuses the file system and file paths in server/domain/ and server/metrics/, and allows them in server/config/', async () => {
    const fs = "import { readFileSync } from 'node:fs';\n\nexport const read = (f: string) => readFileSync(f, 'utf8');\n";
    const path = "import { join } from 'node:path';\n\nexport const at = (d: string) => join(d, 'x.json');\n";
    const bareFs = "import { readFileSync } from 'fs';\n\nexport const read = (f: string) => readFileSync(f, 'utf8');\n";
    expect(await ruleIdsOf(fs, 'server/domain/x.ts')).toEqual(['no-restricted-imports']);
    expect(await ruleIdsOf(bareFs, 'server/domain/x.ts')).toEqual(['no-restricted-imports']);
    expect(await ruleIdsOf(path, 'server/domain/x.ts')).toEqual(['no-restricted-imports']);
    expect(await ruleIdsOf(fs, 'server/metrics/x.ts')).toEqual(['no-restricted-imports']);
    expect(await ruleIdsOf(path, 'server/metrics/x.ts')).toEqual(['no-restricted-imports']);
    expect(await ruleIdsOf(fs, 'server/config/x.ts')).toEqual([]);
    expect(await ruleIdsOf(path, 'server/config/x.ts')).toEqual([]);
  });

  it('refuses a pure layer importing from server/http/, server/realtime/ or server/db/', async () => {
    const code = "import type { Store } from '../db/store.js';\n\nexport type S = Store;\n";
    expect(await ruleIdsOf(code, 'server/domain/x.ts')).toEqual(['no-restricted-imports']);
  });

  it('refuses better-sqlite3 in the server outside server/db/, and allows it there', async () => {
    const code = "import Database from 'better-sqlite3';\n\nexport const open = (file: string) => new Database(file);\n";
    expect(await ruleIdsOf(code, 'server/http/x.ts')).toEqual(['no-restricted-imports']);
    expect(await ruleIdsOf(code, 'server/db/x.ts')).toEqual([]);
  });

  it('refuses pg in the server outside server/db/, and allows it there', async () => {
    const code = "import pg from 'pg';\n\nexport const open = (url: string) => new pg.Pool({ connectionString: url });\n";
    expect(await ruleIdsOf(code, 'server/cli/x.ts')).toEqual(['no-restricted-imports']);
    expect(await ruleIdsOf(code, 'server/domain/x.ts')).toEqual(['no-restricted-imports']);
    expect(await ruleIdsOf(code, 'server/db/x.ts')).toEqual([]);
  });

  it('refuses a client value import of a server module', async () => {
    const code = "import { EVENTS } from '../../server/realtime/events';\n\nexport const name = EVENTS.alertRaised;\n";
    expect(await ruleIdsOf(code, 'client/realtime/x.ts')).toEqual(['@typescript-eslint/no-restricted-imports']);
  });

  it('allows a client type import of a server module, and the shared contract at run time', async () => {
    const code = [
      "import type { AlertRaised } from '../../server/realtime/events';",
      "import { EVENTS } from '../../shared/contract/events';",
      '',
      'export const name: string = EVENTS.alertRaised;',
      'export type A = AlertRaised;',
      '',
    ].join('\n');
    expect(await ruleIdsOf(code, 'client/realtime/x.ts')).toEqual([]);
  });

  it('passes a pure metrics module that reads the contract', async () => {
    const code = [
      "import type { ScopeMetrics } from '../../shared/contract/metrics.js';",
      "import { emptyScopeMetrics } from '../../shared/contract/metrics.js';",
      '',
      'export const zero = (): ScopeMetrics => emptyScopeMetrics();',
      '',
    ].join('\n');
    expect(await ruleIdsOf(code, 'server/metrics/x.ts')).toEqual([]);
  });

  it('refuses a source file over 400 lines of code in server/, client/ and shared/; its comments and blank lines do not count', async () => {
    const code = (n: number) => Array.from({ length: n }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n';
    const explained = (n: number) => Array.from({ length: n }, (_, i) => `// why v${i}\n\nexport const v${i} = ${i};`).join('\n') + '\n';
    for (const file of ['server/http/x.ts', 'client/lib/x.ts', 'shared/contract/x.ts']) {
      expect(await ruleIdsOf(code(401), file)).toEqual(['max-lines']);
      expect(await ruleIdsOf(code(400), file)).toEqual([]);
      expect(await ruleIdsOf(explained(400), file)).toEqual([]);
    }
  });
});
