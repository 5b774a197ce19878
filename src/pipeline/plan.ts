// The plan pipeline: a loaded scenario goes through the engines' stages (triage → routing → scheduling → allocation).

import type { AllocationProblem, Override } from '../core/allocation/types.ts';
import { type Scenario, type ScenarioSummary, summarise } from '../core/scenario/scenario.ts';
import type { ReportOutcome } from '../core/situation/apply-reports.ts';
import { scenarioNetwork } from './adapters/network.ts';
import { situationAt } from './adapters/situation.ts';
import { type AllocationSection, runAllocation } from './stages/allocation-stage.ts';
import { type DedupeSection, runDedupe } from './stages/dedupe-stage.ts';
import { exitOpen, prepareRouting, type RoutingSection, runRouting } from './stages/routing-stage.ts';
import { type PlanEvent, runScheduling, type ScheduleSection, type SchedulingRun } from './stages/scheduling-stage.ts';
import { runTriage, type TriageSection } from './stages/triage-stage.ts';

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
  /** How each field report known at the start changed the picture (or why it did not). */
  readonly field_reports: readonly ReportOutcome[];
  /** Every exit and whether it can be used (its condition met, a window or a flight). */
  readonly exits: readonly ExitStatus[];
  readonly dedupe: DedupeSection;
  readonly triage: TriageSection;
  readonly routing?: RoutingSection;
  readonly schedule?: ScheduleSection;
  readonly allocation?: AllocationSection;
  /** Problems that stopped a stage; the stages before it still ran. */
  readonly problems: readonly string[];
}

export interface ExitStatus {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly open: boolean;
  readonly capacity_per_hour: number;
  readonly windows: readonly { readonly opens_at: string; readonly closes_at: string }[];
  readonly condition?: string;
  readonly condition_met: string;
}

/** Progress callback: the CLI shows it on a terminal, the server streams it. */
export type PlanProgress = (stage: string, message: string) => void;

export interface PlanOptions {
  /** The scenario folder (network files are read relative to it). */
  readonly scenarioDir: string;
  readonly progress?: PlanProgress;
  /** Route alternatives per assembly point, profile and exit. */
  readonly alternatives?: number;
  /** Events to replay after the schedule (in addition to field reports observed after the start). */
  readonly events?: readonly PlanEvent[];
  /** Caseworker overrides for the allocation (pin a household to a country, or forbid one). */
  readonly overrides?: readonly Override[];
  /** Receives the allocation problem (for the printable per-country lists). */
  readonly onAllocation?: (problem: AllocationProblem, section: AllocationSection) => void;
  /** Receives the full convoy schedule (for manifests), which plan.json only summarises. */
  readonly onSchedule?: (run: SchedulingRun) => void;
}

/** Runs every stage on the scenario. */
export async function runPlan(scenario: Scenario, options: PlanOptions): Promise<PlanResult> {
  const progress = options.progress ?? (() => {});
  const m = scenario.manifest;
  const stages: string[] = [];
  const problems: string[] = [];

  progress('dedupe', `looking for people entered twice among ${scenario.people.length} records`);
  const dedupe = runDedupe(scenario);
  stages.push('dedupe');

  progress('triage', `scoring ${scenario.people.length} people`);
  const triage = runTriage(scenario);
  stages.push('triage');

  const at = situationAt(scenario);
  progress('routing', 'building the road network and its contraction hierarchy');
  const network = await scenarioNetwork(scenario, options.scenarioDir);
  let routing: RoutingSection | undefined;
  let scheduling: SchedulingRun | undefined;
  if (network.ok) {
    const ctx = prepareRouting(scenario, network.value, at);
    progress('routing', `routing ${scenario.households.length} households`);
    routing = runRouting(scenario, ctx, options.alternatives ?? 3);
    stages.push('routing');
    progress('scheduling', `planning convoys for ${scenario.households.length} households`);
    scheduling = runScheduling(
      scenario,
      ctx,
      routing.households,
      triage.households.map((h) => h.householdId),
      at.pendingReports,
      options.events ?? [],
    );
    stages.push('scheduling');
    options.onSchedule?.(scheduling);
  } else problems.push(network.error.message);

  progress(
    'allocation',
    `allocating ${scenario.households.length} households to ${scenario.countries.length} partner countries`,
  );
  const levels = new Map(triage.households.map((h) => [h.householdId, h.level]));
  const allocated = await runAllocation(scenario, levels, options.overrides ?? []).catch(
    // The solver is a WASM library: if it fails, the plan still has every other stage.
    (error: Error) => ({ ok: false as const, message: `allocation failed: ${error.message}` }),
  );
  if (allocated.ok) {
    stages.push('allocation');
    options.onAllocation?.(allocated.problem, allocated.section);
  } else problems.push(allocated.message);

  return {
    format: 'safepassage-plan/1',
    scenario: { name: m.name, start_time: m.start_time, time_zone: m.time_zone, horizon_hours: m.horizon_hours },
    summary: summarise(scenario),
    stages,
    field_reports: at.reportOutcomes,
    exits: scenario.exits.map((e) => ({
      id: e.id,
      name: e.name,
      kind: e.kind,
      open: exitOpen(scenario, e.id),
      capacity_per_hour: e.capacity_per_hour,
      windows: e.windows.map((w) => ({ opens_at: w.opens_at, closes_at: w.closes_at })),
      ...(e.condition !== undefined ? { condition: e.condition } : {}),
      condition_met: e.condition_met,
    })),
    dedupe,
    triage,
    ...(routing ? { routing } : {}),
    ...(scheduling ? { schedule: scheduling.section } : {}),
    ...(allocated.ok ? { allocation: allocated.section } : {}),
    problems,
  };
}
