import { randomInt } from "node:crypto";

/**
 * How big a fault run is, and its seed:
 * - `CIIC_FAULTS_ROUNDS`: disclosure rounds on PostgreSQL (default 24, which `npm run test:faults`
 *   and CI run in about three minutes; `npm run faults` runs 120). The SQLite run takes half as many. Kills and
 *   outages come at random intervals, so a longer run has more of them.
 * - `CIIC_FAULTS_SEED`: the seed of the plan (rounds, faults, their moments); printed with every
 *   run, so that a failing run can be run again with the same plan.
 */
export interface FaultSettings {
  seed: number;
  rounds: number;
  long: boolean;
}

export const DEFAULT_ROUNDS = 24;

export function faultSettings(): FaultSettings {
  const seedText = process.env.CIIC_FAULTS_SEED;
  const roundsText = process.env.CIIC_FAULTS_ROUNDS;
  const seed = seedText ? Number(seedText) : randomInt(1, 2 ** 31 - 1);
  const rounds = roundsText ? Number(roundsText) : DEFAULT_ROUNDS;
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`CIIC_FAULTS_SEED must be a whole number, not ${JSON.stringify(seedText)}`);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 2000) throw new Error(`CIIC_FAULTS_ROUNDS must be a whole number from 1 to 2000, not ${JSON.stringify(roundsText)}`);
  return { seed, rounds, long: rounds > DEFAULT_ROUNDS };
}
