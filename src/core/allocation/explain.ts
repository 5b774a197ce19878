// Why each household is where it is: its score's factors, why not its first preference, why some stay unplaced.
import { ineligibility, splitDecision } from './eligibility.ts';
import { type AllocationModel, CAPACITY_KINDS, capacityUse } from './model.ts';
import { scoreHousehold } from './score.ts';
import type {
  AllocationProblem,
  AllocationReason,
  Assignment,
  Country,
  FitWeights,
  Household,
  Override,
  Unplaced,
} from './types.ts';

/** What the explanations read: the problem, its compiled model and the chosen country index per household. */
export interface ExplainInput {
  readonly problem: AllocationProblem;
  readonly weights: FitWeights;
  readonly model: AllocationModel;
  /** Country index per household, −1 when unplaced. */
  readonly countryOf: Int32Array;
}

/** @example const { assignments, unplaced } = explainPlan(input); */
export function explainPlan(input: ExplainInput): { assignments: Assignment[]; unplaced: Unplaced[] } {
  const { problem, model, countryOf } = input;
  const context: ExplainContext = { used: capacityUsed(model, countryOf), placed: indexPlaced(input) };
  const overridesOf = new Map<string, Override[]>();
  for (const override of problem.overrides ?? []) {
    overridesOf.set(override.household, [...(overridesOf.get(override.household) ?? []), override]);
  }
  const assignments: Assignment[] = [];
  const unplaced: Unplaced[] = [];
  problem.households.forEach((household, h) => {
    const overrides = overridesOf.get(household.id) ?? [];
    const c = countryOf[h]!;
    if (c < 0) {
      unplaced.push(explainUnplaced(input, context, h, overrides));
      return;
    }
    const country = problem.countries[c]!;
    const score = scoreHousehold(household, country, input.weights);
    const reasons: AllocationReason[] = [...score.factors]
      .sort((a, b) => b.points - a.points)
      .map((factor) => ({ kind: 'factor', ...factor }));
    if (overrides.some((override) => override.kind === 'pin' && override.country === country.code)) {
      reasons.push({
        kind: 'override-pinned',
        country: country.code,
        message: `a caseworker pinned the household to ${country.code}`,
      });
    }
    reasons.push(firstPreference(input, context, h, overrides, score.total));
    reasons.push(...splitsElsewhere(household, problem.countries, country.code));
    assignments.push({
      household: household.id,
      country: country.code,
      persons: household.size,
      score: score.total,
      reasons,
    });
  });
  return { assignments, unplaced };
}

interface ExplainContext {
  readonly used: Float64Array;
  readonly placed: readonly PlacedIndex[];
}

/** Persons, households and medical-needs persons placed against each capacity row. */
function capacityUsed(model: AllocationModel, countryOf: Int32Array): Float64Array {
  const used = new Float64Array(model.capacityLimit.length);
  countryOf.forEach((c, h) => {
    if (c < 0) return;
    for (let k = model.countryCapacityStart[c]!; k < model.countryCapacityStart[c + 1]!; k++) {
      used[k]! += capacityUse(model, model.capacityKind[k]!, h);
    }
  });
  return used;
}

function firstPreference(
  input: ExplainInput,
  context: ExplainContext,
  h: number,
  overrides: readonly Override[],
  scoreHere: number,
): AllocationReason {
  const household = input.problem.households[h]!;
  const first = household.preferences[0];
  if (first === undefined) return { kind: 'no-preference', message: 'the household stated no preference' };
  const c = input.problem.countries.findIndex((country) => country.code === first);
  if (c === input.countryOf[h])
    return { kind: 'first-preference', country: first, message: `first preference ${first}` };
  if (c < 0) {
    return { kind: 'vetting', country: first, outcome: 'pending', message: `${first} is not a receiving country here` };
  }
  return whyNotThere(input, context, h, c, overrides, scoreHere);
}

/** The reason household h is not in country c: ineligibility, a full capacity (named), or a better total. */
function whyNotThere(
  input: ExplainInput,
  context: ExplainContext,
  h: number,
  c: number,
  overrides: readonly Override[],
  scoreHere: number | undefined,
): AllocationReason {
  const { problem, model } = input;
  const household = problem.households[h]!;
  const country = problem.countries[c]!;
  const excluded = ineligibility(household, country, overrides);
  if (excluded !== undefined) return excluded;
  for (let k = model.countryCapacityStart[c]!; k < model.countryCapacityStart[c + 1]!; k++) {
    const kind = model.capacityKind[k]!;
    const needed = capacityUse(model, kind, h);
    const limit = model.capacityLimit[k]!;
    if (needed === 0 || context.used[k]! + needed <= limit + 1e-9) continue;
    const capacity = CAPACITY_KINDS[kind]!;
    const taker = lastPlaceTaker(input, context.placed[c]!, h);
    const who =
      taker === undefined
        ? 'the households placed there score more together'
        : `a household of at least its priority took the last place (${taker})`;
    return {
      kind: 'capacity-full',
      country: country.code,
      capacity,
      used: context.used[k]!,
      limit,
      needed,
      ...(taker === undefined ? {} : { lastPlaceTakenBy: taker }),
      message: `${country.code} ${capacity} quota full (${context.used[k]} of ${limit} used, ${needed} needed): ${who}`,
    };
  }
  const scoreThere = scoreHousehold(household, country, input.weights).total;
  const comparison =
    scoreHere === undefined
      ? `placing it in ${country.code} (score ${scoreThere}) would lower the total`
      : `scores ${scoreHere} where placed against ${scoreThere} in ${country.code}, and the total is higher this way`;
  return { kind: 'better-overall', country: country.code, scoreThere, message: comparison };
}

/**
 * Per country, its placed households by priority (highest first) with the running minimum of their scores, so the
 * lowest-scoring household of at least a given priority is one binary search away.
 */
interface PlacedIndex {
  readonly priority: Float64Array;
  readonly minScore: Float64Array;
  readonly minHousehold: string[];
}

function indexPlaced(input: ExplainInput): PlacedIndex[] {
  const { problem, countryOf } = input;
  return problem.countries.map((country, c) => {
    const placed = problem.households
      .filter((_, h) => countryOf[h] === c)
      .map((household) => ({ household, score: scoreHousehold(household, country, input.weights).total }))
      .sort((a, b) => b.household.priorityWeight - a.household.priorityWeight || b.score - a.score);
    const priority = Float64Array.from(placed, (entry) => entry.household.priorityWeight);
    const minScore = new Float64Array(placed.length);
    const minHousehold: string[] = [];
    placed.forEach((entry, i) => {
      const keep = i > 0 && minScore[i - 1]! <= entry.score;
      minScore[i] = keep ? minScore[i - 1]! : entry.score;
      minHousehold.push(keep ? minHousehold[i - 1]! : entry.household.id);
    });
    return { priority, minScore, minHousehold };
  });
}

/** Among households placed in c with priority at least h's, the one scoring least there (the last place taken). */
function lastPlaceTaker(input: ExplainInput, placed: PlacedIndex, h: number): string | undefined {
  const priority = input.problem.households[h]!.priorityWeight;
  let count = 0;
  let high = placed.priority.length;
  while (count < high) {
    const mid = (count + high) >> 1;
    if (placed.priority[mid]! >= priority) count = mid + 1;
    else high = mid;
  }
  return count === 0 ? undefined : placed.minHousehold[count - 1];
}

function explainUnplaced(
  input: ExplainInput,
  context: ExplainContext,
  h: number,
  overrides: readonly Override[],
): Unplaced {
  const household = input.problem.households[h]!;
  const details = input.problem.countries.map((_, c) => whyNotThere(input, context, h, c, overrides, undefined));
  const eligible = details.filter((detail) => !isIneligibility(detail));
  let reason: string;
  if (details.length === 0) reason = 'no receiving country';
  else if (eligible.length === 0) {
    const splits = details.filter((detail) => detail.kind === 'split-decision').map((detail) => detail.country);
    reason =
      splits.length > 0
        ? `no country cleared the whole household (split decision by ${splits.join(', ')})`
        : 'no country cleared the household';
  } else if (eligible.every((detail) => detail.kind === 'capacity-full')) {
    reason = `every country that cleared it is full: ${eligible.map((detail) => detail.message).join('; ')}`;
  } else {
    reason = 'placing it would lower the total score (or the time limit stopped the search)';
  }
  return { household: household.id, persons: household.size, reason, details };
}

function isIneligibility(reason: AllocationReason): boolean {
  return ['vetting', 'split-decision', 'category-not-accepted', 'override-forbidden', 'override-pinned'].includes(
    reason.kind,
  );
}

/** Split decisions by other countries, shown so a partial acceptance is never hidden. */
function splitsElsewhere(household: Household, countries: readonly Country[], placedIn: string): AllocationReason[] {
  const reasons: AllocationReason[] = [];
  for (const country of countries) {
    if (country.code === placedIn) continue;
    const split = splitDecision(household, country.code);
    if (split === undefined || country.code === household.preferences[0]) continue;
    reasons.push({
      kind: 'split-decision',
      country: country.code,
      accepted: split.accepted,
      notAccepted: split.notAccepted,
      message: `split decision by ${country.code}: accepts ${split.accepted.join(', ')} but not ${split.notAccepted.join(', ')}`,
    });
  }
  return reasons;
}
