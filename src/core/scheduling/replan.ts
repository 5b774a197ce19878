// Re-planning after an event (a road or checkpoint closed, an exit's windows changed) from the state at that step.
import { type PendingUnit, type PlanOptions, type PlanStats, planFrom } from './ccrp.ts';
import { reverseAdjacency } from './network.ts';
import { ReservationTable } from './reservation-table.ts';
import {
  type Exit,
  type ExitWindow,
  INF_STEPS,
  type Movement,
  type NotEvacuated,
  type Schedule,
  type SchedulingInstance,
  type SchedulingNetwork,
} from './types.ts';

/** Something that happened at `atStep`. */
export type ScheduleEvent =
  | { readonly kind: 'arcs-closed'; readonly atStep: number; readonly arcs: readonly number[] }
  | {
      readonly kind: 'exit-changed';
      readonly atStep: number;
      readonly exitId: string;
      readonly windows: readonly ExitWindow[];
      readonly conditionMet?: boolean;
    };

export interface Replan {
  readonly instance: SchedulingInstance;
  readonly schedule: Schedule;
  /** Movements kept as they were (already out, or under way on a route the event does not touch). */
  readonly keptMovements: number;
  /** Persons taken off a movement that had not reached its exit (re-planned from where they were). */
  readonly reroutedPersons: number;
  /** Who cannot get out any more, and why. */
  readonly stranded: readonly NotEvacuated[];
  readonly stats: PlanStats;
}

/**
 * Applies `event` to the instance and re-plans: persons out before `atStep` stay out; a movement under way keeps
 * its route if the event leaves the rest of it usable, otherwise its persons wait where they are (the head of the
 * last arc entered before `atStep`) and are planned again with everyone who had not left.
 * @example replan(instance, schedule, { kind: 'arcs-closed', atStep: 130, arcs: [17] })
 */
export function replan(
  instance: SchedulingInstance,
  schedule: Schedule,
  event: ScheduleEvent,
  options: PlanOptions = {},
): Replan {
  const changed = applyEvent(instance, event);
  const reverse = reverseAdjacency(changed.network);
  const table = new ReservationTable(changed.network, changed.exits, changed.horizonSteps);
  const exitIndex = new Map(changed.exits.map((e, i) => [e.id, i]));
  const groupIndex = new Map(changed.groups.map((g, i) => [g.id, i]));
  const closed = new Set(event.kind === 'arcs-closed' ? event.arcs : []);
  const t0 = event.atStep;
  const kept: Movement[] = [];
  const units: PendingUnit[] = [];
  let reroutedPersons = 0;
  const pending = new Map<number, number>(changed.groups.map((g, i) => [i, g.persons]));
  const reserve = (m: Movement, arcCount: number) => {
    for (let i = 0; i < arcCount; i++) {
      const a = m.arcs[i]!;
      const t = m.arcEntrySteps[i]!;
      // The past happened even if the table now disagrees (an exit window moved backwards): record what fits.
      const units = Math.min(m.persons, table.arcResidual(a, t));
      if (units > 0) table.reserveArc(a, t, units);
    }
  };
  // Out before the event, or under way on a route the event leaves open: kept as planned.
  const transit: Movement[] = [];
  for (const m of schedule.movements) {
    if (m.exitStep < t0) {
      reserve(m, m.arcs.length);
      const e = exitIndex.get(m.exitId)!;
      const room = Math.min(m.persons, table.exitResidual(e, m.exitStep));
      if (room > 0) table.reserveExit(e, m.exitStep, room);
      kept.push(m);
      for (const g of m.groups)
        pending.set(groupIndex.get(g.groupId)!, pending.get(groupIndex.get(g.groupId)!)! - g.persons);
    } else if (m.departureStep < t0) {
      transit.push(m);
    }
  }
  for (const m of transit) {
    const e = exitIndex.get(m.exitId)!;
    const rest = m.arcs.filter((_, i) => m.arcEntrySteps[i]! >= t0);
    const routeOpen = rest.every((a) => !closed.has(a));
    for (const g of m.groups) {
      const gi = groupIndex.get(g.groupId)!;
      pending.set(gi, pending.get(gi)! - g.persons);
    }
    if (routeOpen && table.exitResidual(e, m.exitStep) >= m.persons) {
      reserve(m, m.arcs.length);
      table.reserveExit(e, m.exitStep, m.persons);
      kept.push(m);
      continue;
    }
    const done = m.arcs.length - rest.length;
    reserve(m, done);
    const node = done > 0 ? changed.network.head[m.arcs[done - 1]!]! : m.originNode;
    const at = done > 0 ? m.arcEntrySteps[done - 1]! + changed.network.travelTimeSteps[m.arcs[done - 1]!]! : t0;
    const readyStep = Math.max(t0, Math.min(at, INF_STEPS));
    for (const g of m.groups) {
      units.push({ groupIndex: groupIndex.get(g.groupId)!, persons: g.persons, node, readyStep });
      reroutedPersons += g.persons;
    }
  }
  // Everyone who had not left: from their origin, not before the event.
  for (const [gi, persons] of pending) {
    if (persons <= 0) continue;
    const g = changed.groups[gi]!;
    units.push({ groupIndex: gi, persons, node: g.originNode, readyStep: Math.max(t0, g.readyStep ?? 0) });
  }
  const { schedule: next, stats } = planFrom(changed, reverse, table, units, kept, options);
  return {
    instance: changed,
    schedule: next,
    keptMovements: kept.length,
    reroutedPersons,
    stranded: next.notEvacuated,
    stats,
  };
}

/**
 * The instance after the event: closed arcs forbidden in every metric, or the exit's new windows/condition.
 * Generic so the convoy planner's instance goes through the same rules.
 */
export function applyEvent<
  T extends {
    readonly network: SchedulingNetwork;
    readonly exits: readonly Exit[];
    readonly profileTravelTimeSteps?: readonly Uint32Array[] | undefined;
  },
>(instance: T, event: ScheduleEvent): T {
  if (event.kind === 'arcs-closed') {
    const close = (metric: Uint32Array) => {
      const copy = metric.slice();
      for (const a of event.arcs) copy[a] = INF_STEPS;
      return copy;
    };
    const profiles = instance.profileTravelTimeSteps?.map(close);
    return {
      ...instance,
      network: { ...instance.network, travelTimeSteps: close(instance.network.travelTimeSteps) },
      ...(profiles ? { profileTravelTimeSteps: profiles } : {}),
    };
  }
  const exits = instance.exits.map((exit): Exit => {
    if (exit.id !== event.exitId) return exit;
    const conditionMet = event.conditionMet ?? exit.conditionMet;
    if (exit.mode === 'ground') return { ...exit, windows: event.windows, conditionMet };
    return {
      ...exit,
      conditionMet,
      flights: exit.flights.filter((f) => event.windows.some((w) => f.step >= w.startStep && f.step < w.endStep)),
    };
  });
  return { ...instance, exits };
}
