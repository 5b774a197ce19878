// A feasible plan built from the LP relaxation: keep its whole assignments, fill greedily, then move households up.
import { type AllocationModel, capacityUse } from './model.ts';

/** Residual capacity bookkeeping shared by the heuristic steps. */
class CapacityLedger {
  readonly residual: Float64Array;
  constructor(private readonly model: AllocationModel) {
    this.residual = model.capacityLimit.slice();
  }
  fits(h: number, p: number): boolean {
    const { countryCapacityStart, capacityKind } = this.model;
    const c = this.model.pairCountry[p]!;
    for (let k = countryCapacityStart[c]!; k < countryCapacityStart[c + 1]!; k++) {
      if (capacityUse(this.model, capacityKind[k]!, h) > this.residual[k]! + 1e-9) return false;
    }
    return true;
  }
  /** Adds (sign 1) or removes (sign −1) household h's use of pair p's country. */
  book(h: number, p: number, sign: 1 | -1): void {
    const { countryCapacityStart, capacityKind } = this.model;
    const c = this.model.pairCountry[p]!;
    for (let k = countryCapacityStart[c]!; k < countryCapacityStart[c + 1]!; k++) {
      this.residual[k]! -= sign * capacityUse(this.model, capacityKind[k]!, h);
    }
  }
}

/**
 * `lpValue` is the LP relaxation's value per pair and `reduced` the pair's score less its capacity prices, used to
 * order the greedy fill. Returns the chosen pair per household (−1 unplaced), or undefined when a pinned household
 * found no room (the caller then hands the whole program to the solver).
 */
export function roundLpSolution(
  model: AllocationModel,
  lpValue: Float64Array,
  reduced: Float64Array,
): Int32Array | undefined {
  const { householdCount, pairStart, pairScore } = model;
  const chosen = new Int32Array(householdCount).fill(-1);
  const ledger = new CapacityLedger(model);
  for (let h = 0; h < householdCount; h++) {
    for (let p = pairStart[h]!; p < pairStart[h + 1]!; p++) {
      if (lpValue[p]! > 1 - 1e-6 && ledger.fits(h, p)) {
        chosen[h] = p;
        ledger.book(h, p, 1);
      }
    }
  }
  const bestReduced = (h: number): number => {
    let best = -Infinity;
    for (let p = pairStart[h]!; p < pairStart[h + 1]!; p++) best = Math.max(best, reduced[p]!);
    return best;
  };
  const order = Array.from({ length: householdCount }, (_, h) => h).filter((h) => chosen[h] === -1);
  order.sort((a, b) => model.mustPlace[b]! - model.mustPlace[a]! || bestReduced(b) - bestReduced(a) || a - b);
  for (const h of order) {
    let best = -1;
    for (let p = pairStart[h]!; p < pairStart[h + 1]!; p++) {
      if (ledger.fits(h, p) && (best === -1 || reduced[p]! > reduced[best]!)) best = p;
    }
    if (best === -1 && model.mustPlace[h] === 1) return undefined;
    if (best !== -1 && (pairScore[best]! > 0 || model.mustPlace[h] === 1)) {
      chosen[h] = best;
      ledger.book(h, best, 1);
    }
  }
  improveByMoves(model, chosen, ledger);
  return chosen;
}

/** Moves single households to a better-scoring country with room (or into a free place) until none gains. */
function improveByMoves(model: AllocationModel, chosen: Int32Array, ledger: CapacityLedger): void {
  const { householdCount, pairStart, pairScore } = model;
  for (let pass = 0; pass < 4; pass++) {
    let moved = false;
    for (let h = 0; h < householdCount; h++) {
      const current = chosen[h]!;
      const currentScore = current === -1 ? 0 : pairScore[current]!;
      if (current !== -1) ledger.book(h, current, -1);
      let best = current;
      for (let p = pairStart[h]!; p < pairStart[h + 1]!; p++) {
        const bestScore = best === -1 ? 0 : pairScore[best]!;
        if (pairScore[p]! > bestScore + 1e-9 && ledger.fits(h, p)) best = p;
      }
      if (best !== current && (best === -1 ? 0 : pairScore[best]!) > currentScore + 1e-9) moved = true;
      chosen[h] = best;
      if (best !== -1) ledger.book(h, best, 1);
    }
    if (!moved) return;
  }
}

/** Total score of a plan. */
export function planScore(model: AllocationModel, chosen: Int32Array): number {
  let total = 0;
  for (const p of chosen) if (p >= 0) total += model.pairScore[p]!;
  return total;
}
