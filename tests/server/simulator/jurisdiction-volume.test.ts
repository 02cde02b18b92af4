import { describe, expect, it } from 'vitest';
import { jurisdictionDirOf, loadJurisdiction } from '../../../server/geo/jurisdiction-loader.js';
import { dossiersPerWorkingDayOf, HCMC_DOSSIERS_PER_WORKING_DAY } from '../../../server/simulator/jurisdiction-volume.js';

describe('dossiersPerWorkingDayOf', () => {
  it("keeps HCMC's 15,000 a working day for the city pack", () => {
    expect(dossiersPerWorkingDayOf(loadJurisdiction())).toBe(HCMC_DOSSIERS_PER_WORKING_DAY);
  });

  it("scales HCMC's rate per ward to the country's 3,321 communes", () => {
    const vn = loadJurisdiction(jurisdictionDirOf('vn'), 'vn');
    expect(dossiersPerWorkingDayOf(vn)).toBe(Math.round((15_000 * 3321) / 168));
  });
});
