// Whether a household may go to a country whole: vetting (with split decisions), accepted categories, overrides.
import type { AllocationReason, Country, Household, Override, VettingOutcome } from './types.ts';

/** The members a state accepted and those it did not, when it decided member by member and disagreed. */
export interface SplitDecision {
  readonly accepted: readonly string[];
  readonly notAccepted: readonly string[];
}

/** @example splitDecision(household, 'DEU') // { accepted: ['m1'], notAccepted: ['m2'] } */
export function splitDecision(household: Household, countryCode: string): SplitDecision | undefined {
  const members = household.memberVetting?.[countryCode];
  if (members === undefined) return undefined;
  const accepted: string[] = [];
  const notAccepted: string[] = [];
  for (const [member, outcome] of Object.entries(members))
    (outcome === 'cleared' ? accepted : notAccepted).push(member);
  return accepted.length > 0 && notAccepted.length > 0 ? { accepted, notAccepted } : undefined;
}

/** The household-level outcome: the household's own entry, made stricter by any member not cleared. */
export function vettingOutcome(household: Household, countryCode: string): VettingOutcome {
  const own = household.vetting[countryCode] ?? 'pending';
  const members = Object.values(household.memberVetting?.[countryCode] ?? {});
  if (own !== 'cleared') return own;
  if (members.includes('refused')) return 'refused';
  return members.includes('pending') ? 'pending' : 'cleared';
}

/**
 * Why the household may not go to the country, or undefined when it may. Split decisions come first: they are
 * the reason a household that is partly cleared cannot go there whole.
 */
export function ineligibility(
  household: Household,
  country: Country,
  overrides: readonly Override[],
): AllocationReason | undefined {
  const code = country.code;
  const split = splitDecision(household, code);
  if (split !== undefined) {
    return {
      kind: 'split-decision',
      country: code,
      accepted: split.accepted,
      notAccepted: split.notAccepted,
      message: `split decision by ${code}: accepts ${split.accepted.join(', ')} but not ${split.notAccepted.join(', ')}; the household is not split`,
    };
  }
  const outcome = vettingOutcome(household, code);
  if (outcome !== 'cleared') {
    return { kind: 'vetting', country: code, outcome, message: `vetting by ${code} is ${outcome}` };
  }
  if (
    household.category !== undefined &&
    country.acceptsCategories !== undefined &&
    !country.acceptsCategories.includes(household.category)
  ) {
    return {
      kind: 'category-not-accepted',
      country: code,
      message: `${code} does not take the category ${household.category}`,
    };
  }
  const pin = overrides.find((override) => override.kind === 'pin');
  if (pin !== undefined && pin.country !== code) {
    return {
      kind: 'override-pinned',
      country: pin.country,
      message: `a caseworker pinned the household to ${pin.country}`,
    };
  }
  if (overrides.some((override) => override.kind === 'forbid' && override.country === code)) {
    return { kind: 'override-forbidden', country: code, message: `a caseworker ruled out ${code}` };
  }
  return undefined;
}
