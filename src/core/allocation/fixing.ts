// Reduced-cost fixing from LP prices: the Lagrangian bound, the choices no better plan can use, and neighbourhoods.
import type { Subproblem } from './formulation.ts';
import { type AllocationModel, capacityUse } from './model.ts';

/**
 * Capacity prices y ≥ 0 turn every plan x into score(x) = UB − Σ_h penalty_h(x) − y·unused(x), where the priced score
 * of pair p is r_p = score_p − y·use_p, u_h = max(0, max_p r_p) (no 0 when pinned), UB = y·limit + Σ_h u_h and
 * penalty_h is u_h − r_p when h takes p, u_h when unplaced. So UB bounds every plan for any y ≥ 0 (the LP's own duals
 * make it the LP optimum), whatever the accuracy of the solver that produced y.
 */
export interface PricedModel {
  readonly prices: Float64Array;
  readonly reduced: Float64Array;
  readonly best: Float64Array;
  readonly upperBound: number;
}

/** @example const { upperBound } = priceModel(model, lpCapacityDuals); */
export function priceModel(model: AllocationModel, duals: Float64Array): PricedModel {
  const prices = duals.map((dual) => Math.max(0, dual));
  const { householdCount, pairStart, pairCountry, countryCapacityStart, capacityKind } = model;
  const reduced = model.pairScore.slice();
  const best = new Float64Array(householdCount);
  let upperBound = 0;
  for (let k = 0; k < prices.length; k++) upperBound += prices[k]! * model.capacityLimit[k]!;
  for (let h = 0; h < householdCount; h++) {
    let u = model.mustPlace[h] === 1 ? -Infinity : 0;
    for (let p = pairStart[h]!; p < pairStart[h + 1]!; p++) {
      const c = pairCountry[p]!;
      for (let k = countryCapacityStart[c]!; k < countryCapacityStart[c + 1]!; k++) {
        reduced[p]! -= prices[k]! * capacityUse(model, capacityKind[k]!, h);
      }
      u = Math.max(u, reduced[p]!);
    }
    best[h] = u;
    upperBound += u;
  }
  return { prices, reduced, best, upperBound };
}

/** The subproblem left by fixing, and the fixed choice per household (pair, −1 unplaced, −2 still free). */
export interface Fixing {
  readonly sub: Subproblem;
  readonly fixedPair: Int32Array;
  /** Some household has no choice within the slack: no plan reaches the target at all. */
  readonly noPlanReachesTarget: boolean;
}

/**
 * Proof mode: a plan scoring at least UB − slack has every penalty ≤ slack, so any choice with a larger penalty is
 * removed; a household left with one choice is fixed to it (not necessarily the incumbent's). `startPair` is used
 * as the start only where it agrees with every fixed choice.
 */
export function fixByReducedCost(
  model: AllocationModel,
  priced: PricedModel,
  slack: number,
  startPair: Int32Array,
): Fixing {
  const { householdCount, pairStart } = model;
  const { reduced, best } = priced;
  const pairAllowed = new Uint8Array(model.pairCountry.length);
  const fixedPair = new Int32Array(householdCount).fill(-2);
  const free: number[] = [];
  let noPlanReachesTarget = false;
  let startAgrees = true;
  for (let h = 0; h < householdCount; h++) {
    const unplacedAllowed = model.mustPlace[h] === 0 && best[h]! <= slack;
    let choices = unplacedAllowed ? 1 : 0;
    let only = -1;
    for (let p = pairStart[h]!; p < pairStart[h + 1]!; p++) {
      if (best[h]! - reduced[p]! > slack) continue;
      pairAllowed[p] = 1;
      choices++;
      only = p;
    }
    if (choices === 0) noPlanReachesTarget = true;
    if (choices > 1) free.push(h);
    if (choices !== 1) continue;
    fixedPair[h] = only;
    if (startPair[h] !== only) startAgrees = false;
  }
  const capacityResidual = residualAfter(model, fixedPair);
  const sub: Subproblem = {
    households: Int32Array.from(free),
    pairAllowed,
    capacityResidual,
    capacityMinimum: leastUse(priced, slack, capacityResidual),
    ...(startAgrees ? { startPair } : {}),
  };
  return { sub, fixedPair, noPlanReachesTarget };
}

/**
 * Neighbourhood mode (a heuristic, no proof): households with more than one choice within `slack`, or whose place in
 * `chosen` costs more than `slack`, are re-decided; every other household keeps its place in `chosen`, which stays a
 * feasible start.
 */
export function priceNeighbourhood(
  model: AllocationModel,
  priced: PricedModel,
  slack: number,
  chosen: Int32Array,
): Fixing {
  const { householdCount, pairStart } = model;
  const { reduced, best } = priced;
  const pairAllowed = new Uint8Array(model.pairCountry.length);
  const fixedPair = chosen.slice();
  const free: number[] = [];
  for (let h = 0; h < householdCount; h++) {
    let choices = model.mustPlace[h] === 0 && best[h]! <= slack ? 1 : 0;
    for (let p = pairStart[h]!; p < pairStart[h + 1]!; p++) if (best[h]! - reduced[p]! <= slack) choices++;
    const current = chosen[h]!;
    const currentPenalty = current < 0 ? best[h]! : best[h]! - reduced[current]!;
    if (choices < 2 && currentPenalty <= slack) continue;
    free.push(h);
    fixedPair[h] = -2;
    for (let p = pairStart[h]!; p < pairStart[h + 1]!; p++) {
      if (best[h]! - reduced[p]! <= slack || p === current) pairAllowed[p] = 1;
    }
  }
  const capacityResidual = residualAfter(model, fixedPair);
  const sub: Subproblem = { households: Int32Array.from(free), pairAllowed, capacityResidual, startPair: chosen };
  return { sub, fixedPair, noPlanReachesTarget: false };
}

/**
 * A plan within `slack` of UB leaves at most slack / y_k of capacity row k unused (each unit costs its price y_k), so
 * rows with a high price must be (nearly) full: returned as the least use of each row's residual.
 */
function leastUse(priced: PricedModel, slack: number, residual: Float64Array): Float64Array {
  return residual.map((room, k) => {
    const price = priced.prices[k]!;
    return price > 0 ? room - slack / price - 1e-9 : -Infinity;
  });
}

/** Capacity left once the fixed households (pair ≥ 0) are counted. */
function residualAfter(model: AllocationModel, fixedPair: Int32Array): Float64Array {
  const residual = model.capacityLimit.slice();
  fixedPair.forEach((p, h) => {
    if (p < 0) return;
    const c = model.pairCountry[p]!;
    for (let k = model.countryCapacityStart[c]!; k < model.countryCapacityStart[c + 1]!; k++) {
      residual[k]! -= capacityUse(model, model.capacityKind[k]!, h);
    }
  });
  return residual;
}

/**
 * The largest g such that every score is a whole multiple of g (integral scores only; 0 when some score is not
 * integral). Every plan then scores a multiple of g, so a bound can be rounded down to one.
 */
export function objectiveStep(model: AllocationModel): number {
  let step = 0;
  for (const score of model.pairScore) {
    const whole = Math.round(score);
    if (Math.abs(score - whole) > 1e-9 || Math.abs(whole) > 2 ** 40) return 0;
    step = greatestCommonDivisor(step, Math.abs(whole));
  }
  return step;
}

function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
