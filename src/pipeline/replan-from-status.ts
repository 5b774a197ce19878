// Re-plan from the live status: check-in events → each household's progress → convoys planned again from `at`.

import { parseInstant } from '../core/operation/local-time.ts';
import { compareEvents, deriveStatuses, type PersonStatus, type StatusEvent } from '../core/operation/status.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { Scenario } from '../core/scenario/scenario.ts';
import type { Convoy, ConvoyInstance } from '../core/scheduling/convoy-types.ts';
import {
  type HouseholdAssignment,
  type HouseholdProgress,
  replanFromStatus,
  type StatusReplan,
} from '../core/scheduling/status-replan.ts';
import { scenarioNetwork } from './adapters/network.ts';
import { situationAt } from './adapters/situation.ts';
import { prepareRouting, runRouting } from './stages/routing-stage.ts';
import {
  type NotEvacuatedHousehold,
  notEvacuatedHouseholds,
  runScheduling,
  type ScheduleSection,
  type SchedulingRun,
  scheduleSection,
} from './stages/scheduling-stage.ts';
import { runTriage } from './stages/triage-stage.ts';

/** What a re-plan from the live status changed, as plan.json's `status_replan`. */
export interface StatusReplanSection {
  /** The operation time the re-plan starts from (events after it are ignored). */
  readonly at: string;
  /** Plan run it was derived from (set by the server when it stores the result). */
  readonly derived_from?: string;
  readonly kept_convoys: number;
  readonly changed_convoys: number;
  readonly dropped_convoys: number;
  /** Persons the new schedule takes out (those already out count once, on the convoys kept). */
  readonly evacuated: number;
  /** Persons the previous schedule took out. */
  readonly previously_evacuated: number;
  readonly out_households: number;
  readonly withdrawn_households: number;
  readonly boarded_households: number;
  readonly waiting_households: number;
  readonly stranded: readonly NotEvacuatedHousehold[];
  readonly newly_stranded: readonly NotEvacuatedHousehold[];
  /** Households whose instruction changed: re-tell only them. */
  readonly changed_households: readonly ChangedHousehold[];
  /** `boarded` events whose vehicle names no vehicle of the plan (those households count as waiting). */
  readonly unknown_vehicles: readonly string[];
}

export interface ChangedHousehold {
  readonly household_id: string;
  readonly progress: HouseholdProgress['kind'];
  readonly changed: readonly string[];
  readonly before?: TimedAssignment;
  readonly after?: TimedAssignment;
}

export interface TimedAssignment {
  readonly convoy: string;
  readonly assembly_point: string;
  readonly boards_at: string;
  readonly exit: string;
  readonly out_by: string;
}

export type StatusReplanError =
  | { readonly kind: 'bad-time'; readonly at: string }
  | { readonly kind: 'no-schedule'; readonly message: string };

export interface StatusReplanRun {
  readonly section: ScheduleSection;
  readonly summary: StatusReplanSection;
  /** The core result (its schedule has every convoy's road, kept for the next re-plan). */
  readonly result: StatusReplan;
  readonly instance: ConvoyInstance;
}

const OUT: readonly PersonStatus[] = ['crossed', 'arrived', 'in_resettlement'];
const WITHDRAWN: readonly PersonStatus[] = ['missing', 'detained', 'turned_back', 'declined'];

/**
 * Triage, routing and scheduling as `runPlan` does them (no dedupe, no allocation: they do not change convoys), then
 * the re-plan at `at` from the events recorded up to `at`. `baseConvoys`: the convoys to start from (a previous
 * re-plan's); by default the freshly computed schedule, the one `runPlan` stores.
 * @example await planFromStatus(scenario, { scenarioDir, events, at: '2018-07-21T23:00+03:00' })
 */
export async function planFromStatus(
  scenario: Scenario,
  options: {
    readonly scenarioDir: string;
    readonly events: readonly StatusEvent[];
    readonly at: string;
    readonly baseConvoys?: readonly Convoy[];
  },
): Promise<Result<StatusReplanRun, StatusReplanError>> {
  const atMs = parseInstant(options.at)?.epochMs;
  if (atMs === undefined) return err({ kind: 'bad-time', at: options.at });
  const triage = runTriage(scenario);
  const situation = situationAt(scenario);
  const network = await scenarioNetwork(scenario, options.scenarioDir);
  if (!network.ok) return err({ kind: 'no-schedule', message: network.error.message });
  const ctx = prepareRouting(scenario, network.value, situation);
  const routing = runRouting(scenario, ctx);
  const run = runScheduling(
    scenario,
    ctx,
    routing.households,
    triage.households.map((h) => h.householdId),
    situation.pendingReports,
  );
  const base = usableBase(run.instance, options.baseConvoys) ?? run.schedule.convoys;
  const events = options.events.filter((e) => (parseInstant(e.at)?.epochMs ?? Number.POSITIVE_INFINITY) <= atMs);
  const { progress, unknownVehicles } = householdProgress(scenario, run.instance, events);
  const atStep = run.clock.toStep(options.at);
  const result = replanFromStatus(run.instance, { ...run.schedule, convoys: base }, atStep, progress);
  return ok({
    section: scheduleSection(scenario, result.schedule, ctx, run.clock, run.unroutable, []),
    summary: summaryOf(options.at, run, base, result, progress, unknownVehicles),
    result,
    instance: result.instance,
  });
}

/** The base convoys if they fit the instance (the same households and vehicles), else undefined. */
function usableBase(instance: ConvoyInstance, convoys: readonly Convoy[] | undefined): readonly Convoy[] | undefined {
  if (convoys === undefined) return undefined;
  const ids = new Set(instance.groups.map((g) => g.id));
  const vehicles = instance.vehicles.reduce((n, v) => n + v.count, 0);
  const fits = convoys.every((c) => c.vehicleIndex < vehicles && c.pickups.every((p) => ids.has(p.groupId)));
  return fits ? convoys : undefined;
}

/**
 * Each household's progress from its members' statuses: anyone boarded → boarded on that vehicle; anyone at the
 * assembly point → waiting; everyone out or withdrawn → out (if any is out) or withdrawn; else not there. Members
 * out or withdrawn are not carried again (`persons`).
 */
export function householdProgress(
  scenario: Scenario,
  instance: ConvoyInstance,
  events: readonly StatusEvent[],
): { progress: Map<string, HouseholdProgress>; unknownVehicles: string[] } {
  const states = deriveStatuses([...events].sort(compareEvents));
  const progress = new Map<string, HouseholdProgress>();
  const unknown = new Set<string>();
  for (const h of scenario.households) {
    let out = 0;
    let withdrawn = 0;
    let waiting = 0;
    let vehicle: string | undefined;
    for (const id of h.member_ids) {
      const s = states.get(id);
      const status = s?.status ?? 'not_contacted';
      if (OUT.includes(status)) out++;
      else if (WITHDRAWN.includes(status)) withdrawn++;
      else if (status === 'at_assembly_point') waiting++;
      else if (status === 'boarded' && vehicle === undefined) vehicle = s?.vehicle;
    }
    const toCarry = h.member_ids.length - out - withdrawn;
    const persons = toCarry < h.member_ids.length ? { persons: toCarry } : {};
    if (vehicle !== undefined) {
      const vehicleIndex = vehicleIndexOf(instance, vehicle);
      if (vehicleIndex !== undefined) {
        progress.set(h.household_id, { kind: 'boarded', vehicleIndex });
        continue;
      }
      unknown.add(vehicle);
      waiting++;
    }
    if (waiting > 0) progress.set(h.household_id, { kind: 'waiting', ...persons });
    else if (toCarry === 0 && out > 0) progress.set(h.household_id, { kind: 'out' });
    else if (toCarry === 0 && withdrawn > 0) progress.set(h.household_id, { kind: 'withdrawn' });
    else if (toCarry < h.member_ids.length) progress.set(h.household_id, { kind: 'not-there', ...persons });
  }
  return { progress, unknownVehicles: [...unknown].sort() };
}

/**
 * The vehicle a `boarded` event names: a convoy key ("bus-golan.3#1" as instructions write it, "bus-golan.3.1" as
 * manifests do, or "bus-golan.3"), or a vehicle id when there is one vehicle of it.
 */
export function vehicleIndexOf(instance: ConvoyInstance, key: string): number | undefined {
  let first = 0;
  const firstOf = new Map<string, { first: number; count: number }>();
  for (const v of instance.vehicles) {
    firstOf.set(v.id, { first, count: v.count });
    first += v.count;
  }
  const single = firstOf.get(key);
  if (single !== undefined) return single.count === 1 ? single.first : undefined;
  // "id.index", "id.index#trip" or "id.index.trip"; an id may itself hold dots, so try both readings.
  for (const pattern of [/^(.+?)\.(\d+)(?:[#.]\d+)?$/, /^(.+)\.(\d+)$/]) {
    const m = pattern.exec(key);
    const type = m ? firstOf.get(m[1]!) : undefined;
    if (!m || !type) continue;
    const index = Number(m[2]);
    if (index >= type.first && index < type.first + type.count) return index;
  }
  return undefined;
}

function summaryOf(
  at: string,
  run: SchedulingRun,
  base: readonly Convoy[],
  result: StatusReplan,
  progress: ReadonlyMap<string, HouseholdProgress>,
  unknownVehicles: readonly string[],
): StatusReplanSection {
  const clock = run.clock;
  const timed = (a: HouseholdAssignment): TimedAssignment => ({
    convoy: `${a.vehicleId}.${a.vehicleIndex}#${a.trip}`,
    assembly_point: a.assemblyPointId,
    boards_at: clock.toIso(a.boardingStep),
    exit: a.exitId,
    out_by: clock.toIso(a.exitStep),
  });
  const kinds = [...progress.values()].map((p) => p.kind);
  return {
    at,
    kept_convoys: result.keptConvoys,
    changed_convoys: result.changedConvoys,
    dropped_convoys: result.droppedConvoys,
    evacuated: result.schedule.evacuatedPersons,
    previously_evacuated: base.reduce((n, c) => n + c.persons, 0),
    out_households: result.out.length,
    withdrawn_households: result.withdrawn.length,
    boarded_households: kinds.filter((k) => k === 'boarded').length,
    waiting_households: kinds.filter((k) => k === 'waiting').length,
    stranded: notEvacuatedHouseholds(result.stranded, clock),
    newly_stranded: notEvacuatedHouseholds(result.newlyStranded, clock),
    changed_households: result.changes.map((c) => ({
      household_id: c.groupId,
      progress: c.progress,
      changed: c.changed,
      ...(c.before ? { before: timed(c.before) } : {}),
      ...(c.after ? { after: timed(c.after) } : {}),
    })),
    unknown_vehicles: unknownVehicles,
  };
}
