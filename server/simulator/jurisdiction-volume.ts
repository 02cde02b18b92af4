import type { Jurisdiction } from '../domain/types.js';

/** HCMC's real volume: ≈15,000 dossiers a working day over its 168 wards (the simulator's scale 1). */
export const HCMC_DOSSIERS_PER_WORKING_DAY = 15_000;
const HCMC_UNITS = 168;

/**
 * Dossiers a working day at scale 1 for a jurisdiction: HCMC's figure for a one-province pack, and
 * for a national pack (one with provinces) HCMC's rate per commune times its communes (≈296,500 for
 * 3,321), so SIM_SCALE stays "the share of the real volume" at either level.
 */
export function dossiersPerWorkingDayOf(jurisdiction: Pick<Jurisdiction, 'units' | 'provinces'>): number {
  if (!jurisdiction.provinces) return HCMC_DOSSIERS_PER_WORKING_DAY;
  return Math.round((HCMC_DOSSIERS_PER_WORKING_DAY * jurisdiction.units.length) / HCMC_UNITS);
}
