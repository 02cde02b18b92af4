import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProcedures } from '../../../server/simulator/procedures.js';

describe('loadProcedures', () => {
  const procedures = loadProcedures();

  it('loads a catalogue of about forty procedures with national-style codes', () => {
    expect(procedures.length).toBeGreaterThanOrEqual(40);
    expect(new Set(procedures.map((p) => p.code)).size).toBe(procedures.length);
    for (const p of procedures) {
      expect(p.code).toMatch(/^\d\.\d{6}$/);
      expect(p.legalDays).toBeGreaterThanOrEqual(1);
    }
    expect(procedures.find((p) => p.code === '1.001193')?.name).toBe('Đăng ký khai sinh');
  });

  it('lets civil status and certification dominate ward volume', () => {
    const ward = procedures.filter((p) => p.level !== 'department');
    const total = ward.reduce((s, p) => s + p.weight, 0);
    const dominant = ward.filter((p) => p.field === 'Hộ tịch' || p.field === 'Chứng thực').reduce((s, p) => s + p.weight, 0);
    expect(dominant / total).toBeGreaterThan(0.6);
  });

  it('gives department-level procedures an agency to route them', () => {
    for (const p of procedures.filter((x) => x.level === 'department')) expect(p.agencies?.length).toBeGreaterThan(0);
  });

  it('rejects a malformed entry, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'procedures-'));
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        procedures: [{ code: '1.001193', name: 'X', field: 'Hộ tịch', legalDays: 0.5, level: 'ward', weight: 1, feeBearing: false }],
      }),
    );
    expect(() => loadProcedures(file)).toThrow(/procedures\[0\] legalDays/);
  });
});
