// Triage: an explainable, configurable danger score per person and household, and the scheduler's priority order.

export {
  type HouseholdTriage,
  type LevelChange,
  levelOf,
  type PersonTriage,
  type TriageFactor,
  type TriageFactorName,
  type TriagePerson,
  triageAll,
  triageHousehold,
  triagePerson,
} from './triage.ts';
export { DANGER_LEVELS, type DangerLevel, DEFAULT_TRIAGE_CONFIG, type TriageConfig } from './triage-config.ts';
