// Test helper (imported by the allocation tests only): the assertions every plan must pass.
import { expect } from 'vitest';
import { type AllocationModel, capacityUse } from './model.ts';

/** Each household whole in one of its own pairs (or unplaced unless pinned), every capacity row within its limit. */
export function expectFeasible(model: AllocationModel, chosen: Int32Array): void {
  const used = new Float64Array(model.capacityLimit.length);
  chosen.forEach((p, h) => {
    if (p < 0) {
      expect(model.mustPlace[h], `pinned household ${h} left unplaced`).toBe(0);
      return;
    }
    expect(p >= model.pairStart[h]! && p < model.pairStart[h + 1]!, `household ${h} given another's pair`).toBe(true);
    const c = model.pairCountry[p]!;
    for (let k = model.countryCapacityStart[c]!; k < model.countryCapacityStart[c + 1]!; k++) {
      used[k]! += capacityUse(model, model.capacityKind[k]!, h);
    }
  });
  used.forEach((amount, k) => {
    expect(amount, `capacity row ${k}`).toBeLessThanOrEqual(model.capacityLimit[k]! + 1e-9);
  });
}
