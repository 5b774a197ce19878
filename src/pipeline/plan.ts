// The plan pipeline: a loaded scenario goes through the engines' stages (triage → routing → scheduling → allocation).
import { type Scenario, type ScenarioSummary, summarise } from '../core/scenario/scenario.ts';

/** What `safepassage plan` produces (written as plan.json). Each stage adds its section. */
export interface PlanResult {
  readonly format: 'safepassage-plan/1';
  readonly scenario: {
    readonly name: string;
    readonly start_time: string;
    readonly time_zone: string;
    readonly horizon_hours: number;
  };
  readonly summary: ScenarioSummary;
  /** Names of the stages that ran, in order. */
  readonly stages: readonly string[];
}

/** Progress callback: the CLI shows it on a terminal, the server streams it. */
export type PlanProgress = (stage: string, message: string) => void;

/** Runs every stage on the scenario. */
export async function runPlan(scenario: Scenario, _progress: PlanProgress = () => {}): Promise<PlanResult> {
  const m = scenario.manifest;
  return {
    format: 'safepassage-plan/1',
    scenario: { name: m.name, start_time: m.start_time, time_zone: m.time_zone, horizon_hours: m.horizon_hours },
    summary: summarise(scenario),
    stages: [],
  };
}
