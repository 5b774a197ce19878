// Hand-made cases with known answers: the explanations name the binding constraint, and overrides are honoured.
import { beforeAll, describe, expect, it } from 'vitest';
import { allocate } from './allocate.ts';
import { loadHighsSolver } from './highs-solver.ts';
import type { MipSolver } from './mip-solver.ts';
import { allocateWithOverrides } from './overrides.ts';
import type { AllocationProblem, Country, Household } from './types.ts';

let solver: MipSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

const country = (code: string, quotaPersons?: number): Country => ({
  code,
  name: code,
  languages: ['ar'],
  ...(quotaPersons === undefined ? {} : { quotaPersons }),
});

const household = (id: string, size: number, priorityWeight: number, extra: Partial<Household> = {}): Household => ({
  id,
  size,
  priorityWeight,
  needs: { medicalCount: 0, schoolAgeCount: 0 },
  languages: ['ar'],
  ties: [],
  preferences: ['GBR', 'CAN'],
  vetting: { GBR: 'cleared', CAN: 'cleared' },
  ...extra,
});

/**
 * GBR takes 4 persons, CAN 7, and everyone wants GBR first. Scores: persons × priority × 100, +20 language, +30/+15
 * for first/second preference. The optimum (2455) sends urgent-4 to GBR and normal-3, refused-gbr and split-gbr to
 * CAN; gbr-only finds GBR full. Pinning normal-3 to GBR gives 2370 (urgent-4 and one 2-person household move).
 */
const problem: AllocationProblem = {
  countries: [country('GBR', 4), country('CAN', 7)],
  households: [
    household('urgent-4', 4, 4),
    household('normal-3', 3, 1),
    household('refused-gbr', 2, 1, { vetting: { GBR: 'refused', CAN: 'cleared' } }),
    household('split-gbr', 1, 1, {
      memberVetting: { GBR: { 'split-gbr-1': 'cleared', 'split-gbr-2': 'refused' } },
      size: 2,
    }),
    household('nobody-cleared', 2, 4, { vetting: { GBR: 'pending', CAN: 'refused' } }),
    household('gbr-only', 1, 1, { vetting: { GBR: 'cleared', CAN: 'refused' } }),
  ],
};

function plan(input: AllocationProblem) {
  const result = allocate(input, solver);
  if (!result.ok) throw new Error(result.error.kind);
  return result.value.plan;
}

describe('explanations', () => {
  const result = () => plan(problem);

  it('places the urgent household in its first preference and says so with its factors', () => {
    const urgent = result().assignments.find((a) => a.household === 'urgent-4')!;
    expect(urgent.country).toBe('GBR');
    expect(urgent.reasons.map((r) => r.kind)).toContain('first-preference');
    const priority = urgent.reasons.find((r) => r.kind === 'factor' && r.factor === 'priority');
    expect(priority?.kind === 'factor' && priority.points).toBe(1600);
  });

  it('names the full quota and the household that took the last place', () => {
    const normal = result().assignments.find((a) => a.household === 'normal-3')!;
    expect(normal.country).toBe('CAN');
    const why = normal.reasons.find((r) => r.kind === 'capacity-full');
    expect(why).toMatchObject({
      country: 'GBR',
      capacity: 'persons',
      used: 4,
      limit: 4,
      needed: 3,
      lastPlaceTakenBy: 'urgent-4',
    });
  });

  it('gives vetting and split decisions as the reason a first preference was not possible', () => {
    const { assignments } = result();
    expect(assignments.find((a) => a.household === 'refused-gbr')!.reasons).toContainEqual(
      expect.objectContaining({ kind: 'vetting', country: 'GBR', outcome: 'refused' }),
    );
    expect(assignments.find((a) => a.household === 'split-gbr')!.reasons).toContainEqual(
      expect.objectContaining({
        kind: 'split-decision',
        country: 'GBR',
        accepted: ['split-gbr-1'],
        notAccepted: ['split-gbr-2'],
      }),
    );
  });

  it('explains unplaced households: nothing cleared, or every cleared country full', () => {
    const { unplaced } = result();
    expect(unplaced.find((u) => u.household === 'nobody-cleared')!.reason).toBe('no country cleared the household');
    const full = unplaced.find((u) => u.household === 'gbr-only')!;
    expect(full.reason).toMatch(/^every country that cleared it is full: GBR persons quota full \(4 of 4 used/);
    expect(full.details).toContainEqual(
      expect.objectContaining({ kind: 'capacity-full', lastPlaceTakenBy: 'urgent-4' }),
    );
  });
});

describe('overrides', () => {
  it('honours a pin, reports its cost and who moved', () => {
    const result = allocateWithOverrides(problem, [{ kind: 'pin', household: 'normal-3', country: 'GBR' }], solver);
    if (!result.ok) throw new Error(result.error.kind);
    const impact = result.value;
    expect(impact.plan.status).toBe('optimal');
    expect(impact.plan.assignments.find((a) => a.household === 'normal-3')!.country).toBe('GBR');
    expect(impact.moved).toContainEqual({ household: 'normal-3', from: 'CAN', to: 'GBR' });
    expect(impact.moved).toContainEqual({ household: 'urgent-4', from: 'GBR', to: 'CAN' });
    expect(impact.cost).toBeCloseTo(impact.baseline.objective - impact.plan.objective, 9);
    expect(impact.baseline.objective).toBe(2455);
    expect(impact.cost).toBe(85);
  });

  it('honours a forbidden country', () => {
    const result = allocateWithOverrides(problem, [{ kind: 'forbid', household: 'urgent-4', country: 'GBR' }], solver);
    if (!result.ok) throw new Error(result.error.kind);
    const urgent = result.value.plan.assignments.find((a) => a.household === 'urgent-4')!;
    expect(urgent.country).toBe('CAN');
    expect(urgent.reasons).toContainEqual(expect.objectContaining({ kind: 'override-forbidden', country: 'GBR' }));
  });

  it('refuses a pin to a country that did not clear the household', () => {
    const result = allocateWithOverrides(problem, [{ kind: 'pin', household: 'refused-gbr', country: 'GBR' }], solver);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({ kind: 'pin-not-eligible', household: 'refused-gbr', country: 'GBR' });
  });

  it('reports infeasible when the pins need more room than a quota gives', () => {
    const result = allocateWithOverrides(
      problem,
      [
        { kind: 'pin', household: 'urgent-4', country: 'GBR' },
        { kind: 'pin', household: 'normal-3', country: 'GBR' },
      ],
      solver,
    );
    if (!result.ok) throw new Error(result.error.kind);
    expect(result.value.plan.status).toBe('infeasible');
  });
});
