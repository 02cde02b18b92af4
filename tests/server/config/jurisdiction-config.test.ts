import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.js';

describe('loadConfig: JURISDICTION', () => {
  it('serves HCMC by default and the country with JURISDICTION=vn', () => {
    expect(loadConfig({}).JURISDICTION).toBe('hcmc');
    expect(loadConfig({ JURISDICTION: 'vn' }).JURISDICTION).toBe('vn');
  });

  it('stops the start on an unknown pack, naming the variable and the choices', () => {
    expect(() => loadConfig({ JURISDICTION: 'hanoi' })).toThrow(ConfigError);
    expect(() => loadConfig({ JURISDICTION: 'hanoi' })).toThrow(/JURISDICTION: must be hcmc or vn/);
  });
});
