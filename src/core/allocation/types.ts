// The resettlement allocation's input and output types, independent of the scenario file format.

/** A receiving state's security-vetting outcome for a household or one of its members. */
export type VettingOutcome = 'cleared' | 'refused' | 'pending';

/** The seven UNHCR resettlement submission categories. */
export type ResettlementCategory =
  | 'legal-physical-protection'
  | 'survivor-violence-torture'
  | 'medical-needs'
  | 'women-girls-at-risk'
  | 'family-reunification'
  | 'children-at-risk'
  | 'no-alternative-durable-solution';

/** What a household's members need at the destination, counted in persons. */
export interface MemberNeeds {
  readonly medicalCount: number;
  readonly schoolAgeCount: number;
}

/**
 * A UNHCR case: moved whole or not at all. `vetting` is keyed by country code; a country missing from it
 * counts as `pending`. `memberVetting` (optional) holds a per-member outcome when a state decided member by
 * member: a mix of cleared and not cleared is a split decision, and the household cannot go there whole.
 */
export interface Household {
  readonly id: string;
  /** Persons in the case. */
  readonly size: number;
  /** Triage priority (higher is more urgent); multiplies the value of placing each person. */
  readonly priorityWeight: number;
  readonly needs: MemberNeeds;
  readonly languages: readonly string[];
  /** Country codes where the household has relatives. */
  readonly ties: readonly string[];
  /** Country codes, most wanted first. */
  readonly preferences: readonly string[];
  readonly profession?: string;
  readonly vetting: Readonly<Record<string, VettingOutcome>>;
  readonly memberVetting?: Readonly<Record<string, Readonly<Record<string, VettingOutcome>>>>;
  readonly category?: ResettlementCategory;
}

/** Extra points a country's policy gives to some households (all optional, may be negative). */
export interface PolicyWeights {
  readonly perMedicalPerson?: number;
  readonly perSchoolAgeChild?: number;
  readonly profession?: Readonly<Record<string, number>>;
  readonly category?: Readonly<Partial<Record<ResettlementCategory, number>>>;
}

/** A receiving country. A missing quota or capacity means no limit of that kind. */
export interface Country {
  readonly code: string;
  readonly name: string;
  readonly quotaPersons?: number;
  readonly quotaHouseholds?: number;
  /** Persons with medical needs the country can receive. */
  readonly medicalCapacity?: number;
  readonly languages: readonly string[];
  /** Categories the country takes; missing means all. */
  readonly acceptsCategories?: readonly ResettlementCategory[];
  readonly policyWeights?: PolicyWeights;
}

/** Points of the objective. A placed household is worth size × priorityWeight × perPriorityPerson plus its fit. */
export interface FitWeights {
  readonly perPriorityPerson: number;
  /** Relatives in the country. */
  readonly tie: number;
  /** The country supports one of the household's languages. */
  readonly language: number;
  /** Points by preference rank: index 0 for the first preference. */
  readonly preferenceByRank: readonly number[];
  /** Per medical-needs member, when the country states a medical capacity above zero. */
  readonly medicalSupport: number;
}

export const DEFAULT_FIT_WEIGHTS: FitWeights = Object.freeze({
  perPriorityPerson: 100,
  tie: 30,
  language: 20,
  preferenceByRank: Object.freeze([30, 15, 5]),
  medicalSupport: 10,
});

/** A caseworker's decision: pin a household to one country, or forbid it some countries. */
export type Override =
  | { readonly kind: 'pin'; readonly household: string; readonly country: string; readonly note?: string }
  | { readonly kind: 'forbid'; readonly household: string; readonly country: string; readonly note?: string };

export interface AllocationProblem {
  readonly households: readonly Household[];
  readonly countries: readonly Country[];
  readonly weights?: FitWeights;
  readonly overrides?: readonly Override[];
}

export type AllocationStatus = 'optimal' | 'within-gap' | 'time-limit' | 'infeasible';

/** One term of a household's score in a country. */
export type FitFactor = 'priority' | 'tie' | 'language' | 'preference' | 'medical-support' | 'policy';

export interface FactorContribution {
  readonly factor: FitFactor;
  readonly points: number;
  readonly message: string;
}

/** Which quota or capacity of a country. */
export type CapacityKind = 'persons' | 'households' | 'medical';

/** Why a household is (or is not) where it is; `message` is English, the other fields are for translation. */
export type AllocationReason =
  | { readonly kind: 'factor'; readonly factor: FitFactor; readonly points: number; readonly message: string }
  | { readonly kind: 'first-preference'; readonly country: string; readonly message: string }
  | { readonly kind: 'no-preference'; readonly message: string }
  | {
      readonly kind: 'vetting';
      readonly country: string;
      readonly outcome: 'refused' | 'pending';
      readonly message: string;
    }
  | {
      readonly kind: 'split-decision';
      readonly country: string;
      readonly accepted: readonly string[];
      readonly notAccepted: readonly string[];
      readonly message: string;
    }
  | { readonly kind: 'category-not-accepted'; readonly country: string; readonly message: string }
  | { readonly kind: 'override-forbidden'; readonly country: string; readonly message: string }
  | { readonly kind: 'override-pinned'; readonly country: string; readonly message: string }
  | {
      readonly kind: 'capacity-full';
      readonly country: string;
      readonly capacity: CapacityKind;
      readonly used: number;
      readonly limit: number;
      readonly needed: number;
      /** The placed household with the lowest score there among those of at least this priority, if any. */
      readonly lastPlaceTakenBy?: string;
      readonly message: string;
    }
  | {
      readonly kind: 'better-overall';
      readonly country: string;
      readonly scoreThere: number;
      readonly message: string;
    };

export interface Assignment {
  readonly household: string;
  readonly country: string;
  readonly persons: number;
  readonly score: number;
  readonly reasons: readonly AllocationReason[];
}

export interface Unplaced {
  readonly household: string;
  readonly persons: number;
  /** The main reason, in English. */
  readonly reason: string;
  /** Per country, why the household is not there. */
  readonly details: readonly AllocationReason[];
}

/** The plan, in the shape the CLI prints. `gap` is (bound − objective) / |objective|, 0 for a proven optimum. */
export interface AllocationPlan {
  readonly status: AllocationStatus;
  readonly objective: number;
  readonly bound: number;
  readonly gap: number;
  readonly assignments: readonly Assignment[];
  readonly unplaced: readonly Unplaced[];
}

/** Input the allocation cannot work with (the caller's data, not the optimisation, is wrong). */
export type AllocationError =
  | { readonly kind: 'duplicate-household'; readonly household: string }
  | { readonly kind: 'duplicate-country'; readonly country: string }
  | { readonly kind: 'invalid-household'; readonly household: string; readonly field: string }
  | { readonly kind: 'unknown-household'; readonly household: string }
  | { readonly kind: 'unknown-country'; readonly country: string }
  | { readonly kind: 'pin-not-eligible'; readonly household: string; readonly country: string; readonly why: string }
  | { readonly kind: 'conflicting-pins'; readonly household: string; readonly countries: readonly string[] };
