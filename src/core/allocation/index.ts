// The allocation module's public surface (re-exports only).
export { type AllocationOutcome, allocate, countryOfHousehold, DEFAULT_SOLVE_LIMITS } from './allocate.ts';
export { ineligibility, type SplitDecision, splitDecision, vettingOutcome } from './eligibility.ts';
export type { MipLimits, MipModel, MipSolution, MipSolver, MipStatus } from './mip-solver.ts';
export { type AllocationModel, compileAllocation } from './model.ts';
export { allocateWithOverrides, type Move, type OverrideImpact } from './overrides.ts';
export { type RandomInstanceOptions, randomAllocationProblem, seededRandom } from './random-instance.ts';
export { type HouseholdScore, scoreHousehold } from './score.ts';
export {
  type SolvedAllocation,
  type SolveLimits,
  type SolveStats,
  solveAllocation,
  solveWholeProgram,
} from './solve.ts';
export * from './types.ts';
