import { describe, expect, it } from 'vitest';
import { overviewLevels } from '../../../server/http/overview-level.js';
import { HttpError } from '../../../server/http/errors.js';

const unit = (code: string, province?: string) => ({ code, province }) as never;
const province = (code: string) => ({ code, name: code, shortName: code, nameEn: code, lat: 0, lon: 0 });

describe('overviewLevels', () => {
  it('keeps a city pack flat: every unit and department, no level, and refuses ?province with 400', () => {
    const levels = overviewLevels({ units: [unit('26734'), unit('26737')] });
    expect(levels.plan(undefined)).toMatchObject({
      top: 'city',
      units: ['26734', '26737'],
      departments: true,
      provinces: [],
      level: undefined,
    });
    expect(() => levels.plan('79')).toThrow(HttpError);
    try {
      levels.plan('79');
    } catch (e) {
      expect((e as HttpError).status).toBe(400);
    }
  });

  it('gives a national pack provinces at country level and one province’s communes after a drill', () => {
    const levels = overviewLevels({
      units: [unit('00004', '01'), unit('00008', '01'), unit('26734', '79')],
      provinces: [province('01'), province('79')],
    });
    expect(levels.plan(undefined)).toMatchObject({ top: 'city', units: [], provinces: ['01', '79'], level: { province: null } });
    expect(levels.plan('01')).toMatchObject({
      top: 'province:01',
      units: ['00004', '00008'],
      departments: false,
      level: { province: '01' },
    });
    expect(() => levels.plan('02')).toThrow(/no province with code "02"/);
  });
});
