// The allocation compiled to flat arrays: eligible household–country pairs with scores, and the capacity rows.
import { err, ok, type Result } from '../result.ts';
import { ineligibility } from './eligibility.ts';
import { scoreHousehold } from './score.ts';
import {
  type AllocationError,
  type AllocationProblem,
  type CapacityKind,
  DEFAULT_FIT_WEIGHTS,
  type Override,
} from './types.ts';

export const CAPACITY_KINDS: readonly CapacityKind[] = ['persons', 'households', 'medical'];

/**
 * Pairs are grouped by household: household h owns pairs pairStart[h] .. pairStart[h+1]-1, each with a country
 * index and a score. Capacity row k limits Σ coefficient × x over the pairs of country capacityCountry[k], the
 * coefficient being the household's persons, 1, or its medical-needs persons (capacityKind 0, 1, 2).
 */
export interface AllocationModel {
  readonly householdCount: number;
  readonly countryCount: number;
  readonly persons: Int32Array;
  readonly medical: Int32Array;
  readonly mustPlace: Uint8Array;
  readonly pairStart: Int32Array;
  readonly pairCountry: Int32Array;
  readonly pairScore: Float64Array;
  readonly capacityCountry: Int32Array;
  readonly capacityKind: Uint8Array;
  readonly capacityLimit: Float64Array;
  /** Capacity rows of each country: countryCapacityStart[c] .. countryCapacityStart[c+1]-1. */
  readonly countryCapacityStart: Int32Array;
}

/** Coefficient of household h in a capacity row of the given kind. */
export function capacityUse(model: AllocationModel, kind: number, h: number): number {
  return kind === 0 ? model.persons[h]! : kind === 1 ? 1 : model.medical[h]!;
}

/** @example const compiled = compileAllocation(problem); if (compiled.ok) solveAllocation(compiled.value, solver, limits); */
export function compileAllocation(problem: AllocationProblem): Result<AllocationModel, AllocationError> {
  const { households, countries } = problem;
  const weights = problem.weights ?? DEFAULT_FIT_WEIGHTS;
  const checked = checkInput(problem);
  if (!checked.ok) return checked;
  const overridesOf = checked.value;
  const pairStart = new Int32Array(households.length + 1);
  const pairCountry: number[] = [];
  const pairScore: number[] = [];
  const mustPlace = new Uint8Array(households.length);
  for (let h = 0; h < households.length; h++) {
    const household = households[h]!;
    const overrides = overridesOf.get(household.id) ?? [];
    const pin = overrides.find((override) => override.kind === 'pin');
    for (let c = 0; c < countries.length; c++) {
      const country = countries[c]!;
      const excluded = ineligibility(household, country, overrides);
      if (pin !== undefined && pin.country === country.code && excluded !== undefined) {
        return err({ kind: 'pin-not-eligible', household: household.id, country: country.code, why: excluded.message });
      }
      if (excluded !== undefined) continue;
      pairCountry.push(c);
      pairScore.push(scoreHousehold(household, country, weights).total);
    }
    pairStart[h + 1] = pairCountry.length;
    if (pin !== undefined) mustPlace[h] = 1;
  }
  const capacityCountry: number[] = [];
  const capacityKind: number[] = [];
  const capacityLimit: number[] = [];
  const countryCapacityStart = new Int32Array(countries.length + 1);
  countries.forEach((country, c) => {
    const limits = [country.quotaPersons, country.quotaHouseholds, country.medicalCapacity];
    limits.forEach((limit, kind) => {
      if (limit === undefined) return;
      capacityCountry.push(c);
      capacityKind.push(kind);
      capacityLimit.push(limit);
    });
    countryCapacityStart[c + 1] = capacityCountry.length;
  });
  return ok({
    householdCount: households.length,
    countryCount: countries.length,
    persons: Int32Array.from(households, (household) => household.size),
    medical: Int32Array.from(households, (household) => household.needs.medicalCount),
    mustPlace,
    pairStart,
    pairCountry: Int32Array.from(pairCountry),
    pairScore: Float64Array.from(pairScore),
    capacityCountry: Int32Array.from(capacityCountry),
    capacityKind: Uint8Array.from(capacityKind),
    capacityLimit: Float64Array.from(capacityLimit),
    countryCapacityStart,
  });
}

/** Rejects inconsistent input and groups the overrides by household. */
function checkInput(problem: AllocationProblem): Result<Map<string, Override[]>, AllocationError> {
  const householdIds = new Set<string>();
  for (const household of problem.households) {
    if (householdIds.has(household.id)) return err({ kind: 'duplicate-household', household: household.id });
    householdIds.add(household.id);
    const { size, priorityWeight, needs } = household;
    if (!Number.isInteger(size) || size < 1)
      return err({ kind: 'invalid-household', household: household.id, field: 'size' });
    if (!Number.isFinite(priorityWeight) || priorityWeight < 0) {
      return err({ kind: 'invalid-household', household: household.id, field: 'priorityWeight' });
    }
    if (!Number.isInteger(needs.medicalCount) || needs.medicalCount < 0 || needs.medicalCount > size) {
      return err({ kind: 'invalid-household', household: household.id, field: 'needs.medicalCount' });
    }
  }
  const countryCodes = new Set<string>();
  for (const country of problem.countries) {
    if (countryCodes.has(country.code)) return err({ kind: 'duplicate-country', country: country.code });
    countryCodes.add(country.code);
  }
  const overridesOf = new Map<string, Override[]>();
  for (const override of problem.overrides ?? []) {
    if (!householdIds.has(override.household)) return err({ kind: 'unknown-household', household: override.household });
    if (!countryCodes.has(override.country)) return err({ kind: 'unknown-country', country: override.country });
    const list = overridesOf.get(override.household) ?? [];
    list.push(override);
    overridesOf.set(override.household, list);
    const pins = new Set(list.filter((o) => o.kind === 'pin').map((o) => o.country));
    const forbiddenPin = list.some((o) => o.kind === 'forbid' && pins.has(o.country));
    if (pins.size > 1 || forbiddenPin) {
      return err({ kind: 'conflicting-pins', household: override.household, countries: [...pins] });
    }
  }
  return ok(overridesOf);
}
