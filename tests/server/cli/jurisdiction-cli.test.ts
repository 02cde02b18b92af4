/**
 * The command-line tools check codes against the pack the server runs (JURISDICTION), not always the
 * HCMC one: a commune of Hà Nội is a unit with JURISDICTION=vn and unknown without it.
 */
import { describe, expect, it } from 'vitest';
import { cliWorkspace } from '../../helpers/cli.js';
import { cliEnv, CliEnvError, cliJurisdiction } from '../../../server/cli/cli-env.js';

const { run, withStore } = cliWorkspace('jurisdiction-cli-');
const BA_DINH = '00004'; // Phường Ba Đình, Hà Nội (province 01): in the national pack only
const VN = { JURISDICTION: 'vn' };

describe('cliEnv', () => {
  it('reads JURISDICTION, hcmc when unset, and refuses an unknown pack naming the variable', () => {
    expect(cliEnv({}).jurisdiction).toBe('hcmc');
    expect(cliEnv({ JURISDICTION: 'vn' }).jurisdiction).toBe('vn');
    expect(() => cliEnv({ JURISDICTION: 'hanoi' })).toThrow(CliEnvError);
    expect(() => cliEnv({ JURISDICTION: 'hanoi' })).toThrow(/JURISDICTION: must be hcmc or vn/);
  });

  it('loads the named pack: 3,321 communes in 34 provinces for vn, 168 wards for hcmc', () => {
    const vn = cliJurisdiction(VN);
    expect(vn.units).toHaveLength(3321);
    expect(vn.provinces).toHaveLength(34);
    expect(cliJurisdiction({}).units).toHaveLength(168);
  });
});

// Each run starts npx + tsx (1–2 s; more on a busy two-core CI runner).
describe('CLI tools under JURISDICTION=vn', { timeout: 120_000 }, () => {
  it('user:add binds a unit leader to a commune of Hà Nội; without JURISDICTION the code is unknown', () => {
    const args = ['--username', 'badinh', '--password', 'mật-khẩu-đủ-dài-1', '--role', 'unit_leader', '--scope', `unit:${BA_DINH}`];
    const hcmc = run('user-add', args);
    expect(hcmc.code).toBe(2);
    expect(hcmc.stderr).toContain(`"unit:${BA_DINH}" is not a known unit or department code`);
    expect(run('user-add', args, VN).code).toBe(0);
    expect(withStore((s) => s.users.findByUsername('badinh'))).toMatchObject({ role: 'unit_leader', scopes: [`unit:${BA_DINH}`] });
  });

  it('user:add binds a leader to a province (its communes only); a city pack knows no province', () => {
    const args = ['--username', 'hanoi', '--password', 'mật-khẩu-đủ-dài-1', '--role', 'city_leader', '--scope', 'province:01'];
    const hcmc = run('user-add', args);
    expect(hcmc.code).toBe(2);
    expect(hcmc.stderr).toContain('"province:01" is not a province of this jurisdiction');
    expect(run('user-add', args, VN).code).toBe(0);
    expect(withStore((s) => s.users.findByUsername('hanoi'))).toMatchObject({ role: 'city_leader', scopes: ['province:01'] });
  });

  it('source:add limits a source to a commune of the national pack', () => {
    expect(run('source-add', ['--name', 'ba-dinh', '--kind', 'dossier', '--units', BA_DINH]).code).toBe(2);
    expect(run('source-add', ['--name', 'ba-dinh', '--kind', 'dossier', '--units', BA_DINH], VN).code).toBe(0);
    expect(withStore((s) => s.sources.findByName('ba-dinh'))?.units).toEqual([BA_DINH]);
  });
});
