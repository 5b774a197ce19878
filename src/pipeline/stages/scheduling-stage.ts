// Scheduling stage: convoys from assembly points to the exits in their windows, most endangered first, with the proven bound.

import type { Scenario } from '../../core/scenario/scenario.ts';
import type { Convoy, ConvoyInstance, ConvoySchedule } from '../../core/scheduling/convoy-types.ts';
import { planConvoys, replanConvoys } from '../../core/scheduling/index.ts';
import { justInTime } from '../../core/scheduling/just-in-time.ts';
import type { ScheduleEvent } from '../../core/scheduling/replan.ts';
import type { NotEvacuatedReason } from '../../core/scheduling/types.ts';
import type { CheckpointReport } from '../../core/situation/apply-reports.ts';
import { convoyInstance, type StepClock } from '../adapters/convoy-instance.ts';
import type { HouseholdRouting, RoutingContext } from './routing-stage.ts';

export interface PlannedConvoy {
  readonly vehicle: string;
  readonly vehicle_index: number;
  readonly trip: number;
  readonly seats: number;
  readonly departs_at: string;
  readonly assembly_point: string;
  readonly boards_at: string;
  readonly leaves_at: string;
  readonly households: readonly { readonly household_id: string; readonly persons: number }[];
  readonly persons: number;
  /** Place-level route: the node ids' places where known, in order. */
  readonly route_nodes: readonly number[];
  readonly exit: string;
  readonly at_exit: string;
  readonly out_by: string;
}

export interface NotEvacuatedHousehold {
  readonly household_id: string;
  readonly persons: number;
  readonly reason: NotEvacuatedReason['kind'] | 'no-vehicle' | 'cut-off';
  readonly detail?: string;
}

export interface ScheduleSection {
  readonly step_minutes: number;
  readonly convoys: readonly PlannedConvoy[];
  readonly evacuated: number;
  readonly total: number;
  readonly makespan_at?: string;
  /** Proven: no plan moving the same households finishes earlier. */
  readonly lower_bound_at?: string;
  /** makespan / lower bound − 1, in time since the start. */
  readonly gap?: number;
  readonly by_priority: readonly {
    readonly rank_from: number;
    readonly rank_to: number;
    readonly persons: number;
    readonly evacuated: number;
    readonly completed_at?: string;
  }[];
  readonly windows: readonly {
    readonly exit: string;
    readonly closes_at: string;
    readonly out_in_window: number;
    readonly out_by_close: number;
    readonly total: number;
    readonly at_most: number;
  }[];
  readonly not_evacuated: readonly NotEvacuatedHousehold[];
  /** Field reports after the start, replayed: who is then stranded. */
  readonly replans: readonly {
    readonly report_id: string;
    readonly at: string;
    readonly target_id: string;
    readonly kept_convoys: number;
    readonly rerouted_convoys: number;
    readonly evacuated: number;
    readonly newly_stranded: readonly NotEvacuatedHousehold[];
  }[];
}

/** The convoy schedule and what the pipeline needs to write manifests and replay events. */
export interface SchedulingRun {
  readonly section: ScheduleSection;
  readonly schedule: ConvoySchedule;
  readonly instance: ConvoyInstance;
  readonly clock: StepClock;
  readonly ctx: RoutingContext;
  /** Households no acceptable route takes out (not in the instance). */
  readonly unroutable: readonly HouseholdRouting[];
}

export function runScheduling(
  scenario: Scenario,
  ctx: RoutingContext,
  routed: readonly HouseholdRouting[],
  priorityOrder: readonly string[],
  pendingReports: readonly CheckpointReport[],
  extraEvents: readonly PlanEvent[] = [],
): SchedulingRun {
  const { instance, clock, unroutable } = convoyInstance(scenario, ctx, routed, priorityOrder);
  // Families should not wait at a roadside or a border for hours: every trip leaves as late as its slot allows.
  const schedule = justInTime(instance, planConvoys(instance).schedule);
  const notEvacuated = (list: ConvoySchedule['notEvacuated']) => notEvacuatedHouseholds(list, clock);

  const events: PlanEvent[] = [
    ...pendingReports
      .filter((r) => r.newStatus === 'closed')
      .map((r) => ({ kind: 'checkpoint-closed' as const, id: r.id, checkpointId: r.targetId, at: r.observedAt })),
    ...extraEvents,
  ];
  const replans: ScheduleSection['replans'][number][] = [];
  for (const event of events) {
    const scheduleEvent = toScheduleEvent(event, ctx, clock);
    if (scheduleEvent === undefined) continue;
    const result = replanConvoys(instance, schedule, scheduleEvent);
    replans.push({
      report_id: event.id,
      at: event.at,
      target_id: event.kind === 'checkpoint-closed' ? event.checkpointId : event.exitId,
      kept_convoys: result.keptConvoys,
      rerouted_convoys: result.reroutedConvoys,
      evacuated: result.schedule.evacuatedPersons,
      newly_stranded: notEvacuated(result.newlyStranded),
    });
  }

  const section = scheduleSection(scenario, schedule, ctx, clock, unroutable, replans);
  return { section, schedule, instance, clock, ctx, unroutable };
}

/** The plan.json section of a convoy schedule (also of a re-plan from the live status). */
export function scheduleSection(
  scenario: Scenario,
  schedule: ConvoySchedule,
  ctx: RoutingContext,
  clock: StepClock,
  unroutable: readonly HouseholdRouting[],
  replans: ScheduleSection['replans'],
): ScheduleSection {
  const size = new Map(scenario.households.map((h) => [h.household_id, h.member_ids.length]));
  const bound = schedule.bound;
  return {
    step_minutes: clock.stepMinutes,
    convoys: schedule.convoys.map((c) => plannedConvoy(c, ctx, clock)),
    evacuated: schedule.evacuatedPersons,
    total: schedule.totalPersons + unroutable.reduce((n, h) => n + (size.get(h.household_id) ?? 0), 0),
    ...(schedule.evacuatedPersons > 0 ? { makespan_at: clock.toIso(schedule.makespanStep) } : {}),
    ...(bound
      ? { lower_bound_at: clock.toIso(bound.lowerBoundStep), gap: Math.round(bound.gap * 10_000) / 10_000 }
      : {}),
    by_priority: priorityBands(schedule, clock),
    windows: schedule.windowOutlook.map((w) => ({
      exit: w.exitId,
      closes_at: clock.toIso(w.windowEndStep),
      out_in_window: w.evacuatedInWindow,
      out_by_close: w.evacuatedByEnd,
      total: w.totalPersons,
      at_most: w.upperBoundByEnd,
    })),
    not_evacuated: [
      ...unroutable.map((h) => ({
        household_id: h.household_id,
        persons: size.get(h.household_id) ?? 0,
        reason: 'cut-off' as const,
        detail:
          h.cut_off?.cutBy.map((c) => `${c.id} ${c.reason}`).join(', ') || 'every route too risky taken as a whole',
      })),
      ...notEvacuatedHouseholds(schedule.notEvacuated, clock),
    ],
    replans,
  };
}

/** Something that happens after the plan was made: replayed to see who is then stranded. */
export type PlanEvent =
  | { readonly kind: 'checkpoint-closed'; readonly id: string; readonly checkpointId: string; readonly at: string }
  | {
      readonly kind: 'exit-changed';
      readonly id: string;
      readonly exitId: string;
      readonly at: string;
      /** New opening windows; absent = unchanged. */
      readonly windows?: readonly { readonly opensAt: string; readonly closesAt: string }[];
      readonly conditionMet?: boolean;
    };

function toScheduleEvent(event: PlanEvent, ctx: RoutingContext, clock: StepClock): ScheduleEvent | undefined {
  const atStep = clock.toStep(event.at);
  if (event.kind === 'exit-changed') {
    return {
      kind: 'exit-changed',
      atStep,
      exitId: event.exitId,
      windows: (event.windows ?? []).map((w) => ({
        startStep: clock.toStep(w.opensAt),
        endStep: clock.toStep(w.closesAt),
      })),
      ...(event.conditionMet !== undefined ? { conditionMet: event.conditionMet } : {}),
    };
  }
  const index = ctx.situation.checkpoints.findIndex((c) => c.id === event.checkpointId);
  if (index < 0) return undefined;
  const { firstCheckpoint, checkpointAt } = ctx.situation.checkpointArcs;
  const arcs: number[] = [];
  for (let a = 0; a < ctx.network.graph.arcCount; a++) {
    for (let i = firstCheckpoint[a]!; i < firstCheckpoint[a + 1]!; i++) if (checkpointAt[i] === index) arcs.push(a);
  }
  return { kind: 'arcs-closed', atStep, arcs };
}

/** Households not evacuated, with the reason and its detail in scenario time. */
export function notEvacuatedHouseholds(
  list: ConvoySchedule['notEvacuated'],
  clock: StepClock,
): NotEvacuatedHousehold[] {
  return list.map((n) => ({
    household_id: n.groupId,
    persons: n.persons,
    reason: n.reason.kind,
    ...detailOf(n.reason, clock),
  }));
}

function detailOf(reason: NotEvacuatedReason, clock: StepClock): { detail?: string } {
  if (reason.kind === 'condition-unmet')
    return { detail: `exits whose condition is not met: ${reason.exitIds.join(', ')}` };
  if (reason.kind === 'window')
    return { detail: `earliest arrival ${clock.toIso(reason.earliestArrivalStep)}, after every window` };
  return {};
}

function plannedConvoy(c: Convoy, ctx: RoutingContext, clock: StepClock): PlannedConvoy {
  const g = ctx.network.graph;
  const nodes = c.arcs.length > 0 ? [tailOf(ctx, c.arcs[0]!), ...c.arcs.map((a) => g.head[a]!)] : [];
  return {
    vehicle: c.vehicleId,
    vehicle_index: c.vehicleIndex,
    trip: c.trip,
    seats: c.seats,
    departs_at: clock.toIso(c.departureStep),
    assembly_point: c.assemblyPointId,
    boards_at: clock.toIso(c.boardingStep),
    leaves_at: clock.toIso(c.loadedDepartureStep),
    households: c.pickups.map((p) => ({ household_id: p.groupId, persons: p.persons })),
    persons: c.persons,
    route_nodes: nodes,
    exit: c.exitId,
    at_exit: clock.toIso(c.exitArrivalStep),
    out_by: clock.toIso(c.exitStep),
  };
}

function tailOf(ctx: RoutingContext, arc: number): number {
  return ctx.situation.tail[arc]!;
}

/** Priority ranks in bands of 50 households: when each band is out. */
function priorityBands(schedule: ConvoySchedule, clock: StepClock): ScheduleSection['by_priority'] {
  const bands = new Map<number, { persons: number; evacuated: number; completion: number }>();
  for (const p of schedule.byPriority) {
    const band = Math.floor(p.priority / 50);
    const b = bands.get(band) ?? { persons: 0, evacuated: 0, completion: -1 };
    b.persons += p.persons;
    b.evacuated += p.evacuated;
    b.completion = Math.max(b.completion, p.completionStep);
    bands.set(band, b);
  }
  return [...bands]
    .sort(([a], [b]) => a - b)
    .map(([band, b]) => ({
      rank_from: band * 50 + 1,
      rank_to: band * 50 + 50,
      persons: b.persons,
      evacuated: b.evacuated,
      ...(b.completion >= 0 ? { completed_at: clock.toIso(b.completion) } : {}),
    }));
}
