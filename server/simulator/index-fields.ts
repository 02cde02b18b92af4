/**
 * The national service index's optional dossier fields (README "Index fields") as the simulated
 * one-stop systems send them. Drawn from a stream of their own, seeded from the dossier's seed, so
 * adding them did not move any other draw: a dossier's timeline is the one it had before.
 *
 * Rates and where they come from:
 * - fee-bearing: the procedure fixture's `feeBearing` (birth, death and marriage registration are
 *   fee-free by law; certification — chứng thực, the commonest ward procedure — charges a fee per
 *   page, as do land and construction): about 70 % of ward dossiers by the fixture's weights.
 * - paid online: dossier-plan.ts draws it (online fee-bearing dossiers, 45–90 % per unit).
 * - digitised components: dossier-plan.ts (72–97 % per unit; HCMC reports digitising most dossiers
 *   at receipt since Decree 45/2020 and Project 06).
 * - electronic result: 85 % of online dossiers, 50 % of the others. An assumption: no per-ward rate
 *   is published; the portal's HCMC digitisation points (well below the maximum) say "not all".
 * - reuse of digitised data: 35 %; personal data store: 20 %. Assumptions: the portal's reports for
 *   2025 name both as the weakest digitisation criteria nationwide.
 * - population data / VNeID: 95 % of online dossiers (logging in to the portal has required a VNeID
 *   account since July 2024), 40 % of the others (a clerk checks the population database).
 * - complaint: known (false) when processing ends; a later `unsatisfied` rating makes it true.
 */
import type { Channel } from '../domain/types.js';
import { Random } from './random.js';

/** XORed into a dossier's seed: the stream of its index fields. */
const INDEX_STREAM = 0x1d3c_766a;

export interface SimIndexFields {
  hasFee: boolean;
  electronicResult: boolean;
  reusedData: boolean;
  fromPersonalDataStore: boolean;
  citizenDataConnected: boolean;
}

/** The index fields of a dossier with seed `seed`, received through `channel`, for a procedure with or without a fee. */
export function drawIndexFields(seed: number, channel: Channel, feeBearing: boolean): SimIndexFields {
  const rng = new Random((seed ^ INDEX_STREAM) >>> 0);
  const online = channel === 'online';
  return {
    hasFee: feeBearing,
    electronicResult: rng.chance(online ? 0.85 : 0.5),
    reusedData: rng.chance(0.35),
    fromPersonalDataStore: rng.chance(0.2),
    citizenDataConnected: rng.chance(online ? 0.95 : 0.4),
  };
}
