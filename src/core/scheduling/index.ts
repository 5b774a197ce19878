// The scheduling engine's public surface: re-exports only.
export { type PendingUnit, type PlanOptions, type PlanStats, planEvacuation } from './ccrp.ts';
export { peopleFlowView } from './convoy-bound.ts';
export { convoyViolations } from './convoy-check.ts';
export { type ConvoyReplan, replanConvoys } from './convoy-replan.ts';
export * from './convoy-types.ts';
export { planConvoys } from './convoys.ts';
export { type MipSolver, maxEvacuatedModel, quickestEvacuationStep } from './exact-model.ts';
export { loadHighsSolver } from './highs-solver.ts';
export { type MakespanBound, makespanLowerBound, sourceSetsOfPlan } from './makespan-bound.ts';
export { type ArcSpec, buildNetwork, fromRoadGraph } from './network.ts';
export { maxPersonsOutBy, type QuickestFlow, quickestEvacuationFlow } from './quickest-flow.ts';
export { type Replan, replan, type ScheduleEvent } from './replan.ts';
export { scheduleViolations } from './schedule-check.ts';
export {
  assignmentsOf,
  type ChangedField,
  type HouseholdAssignment,
  type HouseholdChange,
  type HouseholdProgress,
  replanFromStatus,
  type StatusReplan,
} from './status-replan.ts';
export * from './types.ts';
