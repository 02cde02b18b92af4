import { describe, expect, it } from 'vitest';
import { cliWorkspace } from '../../helpers/cli.js';
import { parseSourceSilenceOptions } from '../../../server/ingest/source-silence-options.js';

const { run, withStore } = cliWorkspace('source-silence-cli-');

describe('parseSourceSilenceOptions', () => {
  it('reads minutes and hours, "default" for the server setting, and nothing when absent', () => {
    expect(parseSourceSilenceOptions('30', 'always')).toEqual({ ok: true, options: { silentAfterMs: 30 * 60_000, hours: 'always' } });
    expect(parseSourceSilenceOptions('default', undefined)).toEqual({ ok: true, options: { silentAfterMs: null } });
    expect(parseSourceSilenceOptions(undefined, undefined)).toEqual({ ok: true, options: {} });
  });

  it('refuses a bad number of minutes and unknown hours, naming both', () => {
    const r = parseSourceSilenceOptions('0', 'weekdays');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toMatch(/silent-after-minutes.*hours/);
    expect(parseSourceSilenceOptions('1.5', undefined).ok).toBe(false);
    expect(parseSourceSilenceOptions('20000', undefined).ok).toBe(false);
  });
});

// Each run starts npx + tsx (1–2 s; more on a busy two-core CI runner).
describe('source:add and source:set silence settings', { timeout: 60_000 }, () => {
  it('source:add defaults to office hours and the server threshold; --hours always --silent-after-minutes sets a 24/7 source', () => {
    expect(run('source-add', ['--name', 'office-src', '--kind', 'dossier']).code).toBe(0);
    expect(withStore((s) => s.sources.findByName('office-src'))).toMatchObject({ hours: 'office', silentAfterMs: null });
    const add = run('source-add', ['--name', 'night-src', '--kind', 'task', '--silent-after-minutes', '15', '--hours', 'always']);
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('15 minutes of calendar time');
    expect(withStore((s) => s.sources.findByName('night-src'))).toMatchObject({ hours: 'always', silentAfterMs: 15 * 60_000 });
    expect(run('source-add', ['--name', 'bad-src', '--kind', 'task', '--hours', 'sometimes']).code).toBe(2);
  });

  it('source:set changes an existing source and records it in the audit log', () => {
    const set = run('source-set', ['--name', 'office-src', '--silent-after-minutes', '60']);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('60 minutes of working time');
    expect(withStore((s) => s.sources.findByName('office-src'))).toMatchObject({ hours: 'office', silentAfterMs: 60 * 60_000 });
    expect(run('source-set', ['--name', 'office-src', '--silent-after-minutes', 'default', '--hours', 'always']).code).toBe(0);
    expect(withStore((s) => s.sources.findByName('office-src'))).toMatchObject({ hours: 'always', silentAfterMs: null });
    expect(run('source-set', ['--name', 'nobody', '--hours', 'office']).code).toBe(1);
    expect(run('source-set', ['--name', 'office-src']).code).toBe(2);
    expect(withStore((s) => s.audit.page({ action: 'source.updated', limit: 10, offset: 0 }).total)).toBe(2);
  });

  it('source:set --units limits a source to units of the jurisdiction, refuses unknown codes, and "none" lifts the limit', () => {
    const set = run('source-set', ['--name', 'office-src', '--units', '26740,26743']);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('units 26740, 26743 only');
    expect(withStore((s) => s.sources.findByName('office-src'))).toMatchObject({ units: ['26740', '26743'], hours: 'always' });
    const bad = run('source-set', ['--name', 'office-src', '--units', '26740,99999']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('99999');
    expect(run('source-set', ['--name', 'office-src', '--units', 'none']).code).toBe(0);
    expect(withStore((s) => s.sources.findByName('office-src'))).toMatchObject({ units: null });
  });
});
