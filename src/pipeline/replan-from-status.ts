// Re-plan from the live status: check-in events → each household's progress → convoys planned again from `at`.

import { parseInstant } from '../core/operation/local-time.ts';
import { compareEvents, deriveStatuses, type PersonStatus, type StatusEvent } from '../core/operation/status.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { Scenario } from '../core/scenario/scenario.ts';
import type { Convoy, ConvoyInstance } from '../core/scheduling/convoy-types.ts';
import {
  assignmentsOf,
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
  /** Households whose instruction changed: re-tell only them (`changed` holds "split" for a split household). */
  readonly changed_households: readonly ChangedHousehold[];
  /** `boarded` events whose vehicle names no vehicle of the plan (those members count as waiting). */
  readonly unknown_vehicles: readonly string[];
  /**
   * Households only partly on the vehicle they are carried on: the schedule carries the `boarded` members only; the
   * others (still waiting, not there, or on another vehicle) are not on any convoy of this plan. Tell them again.
   */
  readonly split_households: readonly SplitHousehold[];
}

/** A household whose members are not all on the one vehicle the re-plan carries it on (counts of members). */
export interface SplitHousehold {
  readonly household_id: string;
  /** The vehicle most of its members boarded, as the `boarded` event named it. */
  readonly vehicle: string;
  readonly boarded: number;
  /** At the assembly point (or boarded a vehicle the plan does not know). */
  readonly waiting: number;
  /** Not recorded at the assembly point or on board yet. */
  readonly not_there: number;
  readonly on_other_vehicles: number;
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
  /** `at` before the plan's start or after its horizon: a re-plan there would evacuate nobody. */
  | {
      readonly kind: 'out-of-range';
      readonly at: string;
      readonly from: string;
      readonly to: string;
      readonly message: string;
    }
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
  const { progress, unknownVehicles, split } = householdProgress(scenario, run.instance, events);
  const atStep = run.clock.toStep(options.at);
  const endMs = run.clock.startMs + run.instance.horizonSteps * run.clock.stepMinutes * 60_000;
  if (atMs < run.clock.startMs || atMs > endMs) {
    const [from, to] = [run.clock.toIso(0), run.clock.toIso(run.instance.horizonSteps)];
    const message = `at must be within the plan, from ${from} to ${to}; got ${options.at}`;
    return err({ kind: 'out-of-range', at: options.at, from, to, message });
  }
  const result = replanFromStatus(run.instance, { ...run.schedule, convoys: base }, atStep, progress);
  return ok({
    section: scheduleSection(scenario, result.schedule, ctx, run.clock, run.unroutable, []),
    summary: summaryOf(options.at, run, base, result, progress, unknownVehicles, split),
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
 * Each household's progress from its members' statuses: anyone boarded → boarded on the vehicle most of its members
 * boarded, carrying only those; anyone at the assembly point → waiting; everyone out or withdrawn → out (if any is
 * out) or withdrawn; else not there. Members out or withdrawn are not carried again (`persons`). A household only
 * partly on that vehicle is listed in `split`: the core plans one part per household, so its other members are
 * named there to be handled, never dropped silently.
 */
export function householdProgress(
  scenario: Scenario,
  instance: ConvoyInstance,
  events: readonly StatusEvent[],
): { progress: Map<string, HouseholdProgress>; unknownVehicles: string[]; split: SplitHousehold[] } {
  const states = deriveStatuses([...events].sort(compareEvents));
  const progress = new Map<string, HouseholdProgress>();
  const unknown = new Set<string>();
  const split: SplitHousehold[] = [];
  for (const h of scenario.households) {
    let out = 0;
    let withdrawn = 0;
    let waiting = 0;
    // Members boarded per vehicle index, with the key the first of them gave.
    const aboard = new Map<number, { key: string; persons: number }>();
    for (const id of h.member_ids) {
      const s = states.get(id);
      const status = s?.status ?? 'not_contacted';
      if (OUT.includes(status)) out++;
      else if (WITHDRAWN.includes(status)) withdrawn++;
      else if (status === 'at_assembly_point') waiting++;
      else if (status === 'boarded') {
        const key = s?.vehicle ?? '';
        const vehicleIndex = vehicleIndexOf(instance, key);
        if (vehicleIndex === undefined) {
          // An unknown vehicle: the member counts as waiting, and the key is reported.
          unknown.add(key);
          waiting++;
          continue;
        }
        const on = aboard.get(vehicleIndex) ?? { key, persons: 0 };
        aboard.set(vehicleIndex, { key: on.key, persons: on.persons + 1 });
      }
    }
    const toCarry = h.member_ids.length - out - withdrawn;
    const persons = toCarry < h.member_ids.length ? { persons: toCarry } : {};
    let best: [number, { key: string; persons: number }] | undefined;
    for (const entry of aboard) if (best === undefined || entry[1].persons > best[1].persons) best = entry;
    if (best !== undefined) {
      const [vehicleIndex, on] = best;
      const boarded = on.persons < h.member_ids.length ? { persons: on.persons } : {};
      progress.set(h.household_id, { kind: 'boarded', vehicleIndex, ...boarded });
      if (on.persons < toCarry) {
        const elsewhere = [...aboard.values()].reduce((n, v) => n + v.persons, 0) - on.persons;
        split.push({
          household_id: h.household_id,
          vehicle: on.key,
          boarded: on.persons,
          waiting,
          not_there: toCarry - on.persons - elsewhere - waiting,
          on_other_vehicles: elsewhere,
        });
      }
      continue;
    }
    if (waiting > 0) progress.set(h.household_id, { kind: 'waiting', ...persons });
    else if (toCarry === 0 && out > 0) progress.set(h.household_id, { kind: 'out' });
    else if (toCarry === 0 && withdrawn > 0) progress.set(h.household_id, { kind: 'withdrawn' });
    else if (toCarry < h.member_ids.length) progress.set(h.household_id, { kind: 'not-there', ...persons });
  }
  return { progress, unknownVehicles: [...unknown].sort(), split };
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
  split: readonly SplitHousehold[],
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
  const changed: ChangedHousehold[] = result.changes.map((c) => ({
    household_id: c.groupId,
    progress: c.progress,
    changed: c.changed,
    ...(c.before ? { before: timed(c.before) } : {}),
    ...(c.after ? { after: timed(c.after) } : {}),
  }));
  // A split household must be told again even if its convoy did not change: some of it is on no convoy.
  const assigned = assignmentsOf(result.schedule.convoys);
  for (const s of split) {
    const i = changed.findIndex((c) => c.household_id === s.household_id);
    if (i >= 0) changed[i] = { ...changed[i]!, changed: [...changed[i]!.changed, 'split'] };
    else {
      const after = assigned.get(s.household_id);
      changed.push({
        household_id: s.household_id,
        progress: 'boarded',
        changed: ['split'],
        ...(after ? { after: timed(after) } : {}),
      });
    }
  }
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
    changed_households: changed,
    unknown_vehicles: unknownVehicles,
    split_households: split,
  };
}
