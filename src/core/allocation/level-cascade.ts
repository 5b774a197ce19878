// The neighbourhood's best plan, level by level from the bound down, with our own exact search before any solver.
import type { Fixing, PricedModel } from './fixing.ts';
import { planScore } from './incumbent.ts';
import { searchLevel } from './level-search.ts';
import type { AllocationModel } from './model.ts';

/**
 * Work budgets of the level search, in its work units (DP cell updates, ~100,000 per millisecond of CPU). Chosen on
 * 1,000 × 10 seeds 1–24 and checked on 25–48 (docs/allocation.md, "Session 4"): the complete search (`prove`, per
 * level) settles most levels above the optimum well within its budget, the search with restarts (`find`, per level)
 * finds most optima within its own, and `total` caps the whole cascade so an instance it does not suit costs little
 * before the solver takes over.
 */
export const LEVEL_SEARCH_BUDGET = Object.freeze({ prove: 8_000_000, find: 12_000_000, total: 40_000_000 });

/**
 * The search keeps, per country, a table row of every (persons, households, medical) use of its residual capacity for
 * each household that may go there, and forward tables of the same shape: beyond this many cells in all (large quotas
 * left open, thousands of free households) it is not tried and the solver decides alone. 1,000 × 10 neighbourhoods
 * need at most ~0.65 M (measured on seeds 1–24).
 */
export const MAX_TABLE_CELLS = 2_000_000;

/** Option sets are bit masks in 32-bit integers (one bit per choice, unplaced included). */
const MAX_CHOICES = 30;

export interface LevelCascade {
  /** The plan found (fixed households included), or undefined when no level yielded one within the budget. */
  readonly chosenPair: Int32Array | undefined;
  readonly work: number;
  /** Levels tried, from the bound down. */
  readonly levels: number;
}

/**
 * Targets run from `top` (the bound rounded down to the step) down in steps, while above `floor` (the current plan's
 * score). At each level a complete search (mode `prove`) either finds a plan, shows none of the neighbourhood reaches
 * it (next level), or runs out of budget; then a search with restarts (`find`) looks for a plan there; if that fails
 * too, the level is taken as out of reach and the next one down is tried. A wrong guess costs time, never
 * correctness: the proof stage that follows searches every plan better than the one returned.
 */
export function searchLevels(
  model: AllocationModel,
  priced: PricedModel,
  fixing: Fixing,
  lpValue: Float64Array,
  levels: { readonly top: number; readonly floor: number; readonly step: number },
  budget: { readonly prove: number; readonly find: number; readonly total: number } = LEVEL_SEARCH_BUDGET,
): LevelCascade {
  let work = 0;
  let tried = 0;
  if (!(levels.step > 0) || !suitsSearch(model, fixing)) return { chosenPair: undefined, work, levels: tried };
  for (let target = levels.top; target > levels.floor + levels.step / 2 && work < budget.total; target -= levels.step) {
    tried++;
    const proof = searchLevel(model, priced, fixing, lpValue, target, {
      mode: 'prove',
      maxWork: Math.min(budget.prove, budget.total - work),
    });
    work += proof.work;
    if (proof.kind === 'found') return accept(model, proof.chosenPair, target, work, tried);
    if (proof.kind === 'none') continue;
    if (work >= budget.total) break;
    const search = searchLevel(model, priced, fixing, lpValue, target, {
      mode: 'find',
      maxWork: Math.min(budget.find, budget.total - work),
      seed: 1,
    });
    work += search.work;
    if (search.kind === 'found') return accept(model, search.chosenPair, target, work, tried);
  }
  return { chosenPair: undefined, work, levels: tried };
}

/** A plan is used only if it scores what the search claims (a guard; the caller checks capacities too). */
function accept(model: AllocationModel, chosenPair: Int32Array, target: number, work: number, levels: number) {
  const ok = planScore(model, chosenPair) >= target - 1e-6;
  return { chosenPair: ok ? chosenPair : undefined, work, levels };
}

/**
 * Whether the search can take this neighbourhood: whole residual capacities (its tables count whole units), at most
 * MAX_CHOICES choices per household, and tables within MAX_TABLE_CELLS.
 */
export function suitsSearch(model: AllocationModel, fixing: Fixing): boolean {
  const { sub } = fixing;
  if (sub.capacityResidual.some((room) => Math.abs(room - Math.round(room)) > 1e-9)) return false;
  const candidates = new Int32Array(model.countryCount);
  for (const h of sub.households) {
    let choices = 1;
    for (let p = model.pairStart[h]!; p < model.pairStart[h + 1]!; p++) {
      if (sub.pairAllowed[p] !== 1) continue;
      choices++;
      candidates[model.pairCountry[p]!]!++;
    }
    if (choices > MAX_CHOICES) return false;
  }
  let cells = 0;
  for (let c = 0; c < model.countryCount; c++) {
    let states = 1;
    for (let k = model.countryCapacityStart[c]!; k < model.countryCapacityStart[c + 1]!; k++) {
      states *= Math.max(0, Math.round(sub.capacityResidual[k]!)) + 1;
    }
    cells += states * (candidates[c]! + 1);
  }
  return cells <= MAX_TABLE_CELLS;
}
