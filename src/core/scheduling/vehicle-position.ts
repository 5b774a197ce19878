// Where a vehicle is at a re-plan step, and how a loaded one drives on from there: shared by both re-planners.
import type { ConvoyPlanner, VehicleState } from './convoy-planner.ts';
import type { Convoy, ConvoyInstance, ExitPassage } from './convoy-types.ts';
import type { ReservationTable } from './reservation-table.ts';
import { INF_STEPS, type SchedulingNetwork } from './types.ts';
import { exitPassages, type VehicleRouter } from './vehicle-router.ts';

/** Whether planned passages still fit the (changed) exit's free slots. */
export function passagesFit(table: ReservationTable, e: number, passages: readonly ExitPassage[]): boolean {
  const need = new Map<number, number>();
  for (const p of passages) need.set(p.step, (need.get(p.step) ?? 0) + p.persons);
  for (const [step, persons] of need)
    if (step >= table.horizonSteps || table.exitResidual(e, step) < persons) return false;
  return true;
}

/**
 * Where a loaded convoy is after its first `done` arcs, in `instance`'s metric (as planned: nothing tracks
 * vehicles; pass the metric before any closure, since those arcs were driven).
 */
export function positionAt(
  instance: ConvoyInstance,
  v: VehicleState,
  c: Convoy,
  done: number,
  apNode: number,
): { node: number; step: number } {
  if (done === 0) return { node: apNode, step: c.loadedDepartureStep };
  const a = c.arcs[done - 1]!;
  let steps = 0;
  for (const p of c.profiles) steps = Math.max(steps, instance.profileTravelTimeSteps[p]![a]!);
  return {
    node: instance.network.head[a]!,
    step: c.arcEntrySteps[done - 1]! + Math.ceil(steps / (v.type.speedFactor ?? 1)),
  };
}

/**
 * Puts the empty vehicle `v` of a dropped trip where its approach got it by `t0`: at the head of the last of its
 * first `done` approach arcs (in `network`'s metric), which become the vehicle's driven prefix. `done` = 0: unmoved.
 */
export function stopOnApproach(network: SchedulingNetwork, v: VehicleState, c: Convoy, done: number, t0: number): void {
  if (done === 0) return;
  const a = c.approachArcs[done - 1]!;
  v.node = network.head[a]!;
  v.freeStep = Math.max(
    t0,
    c.approachEntrySteps[done - 1]! + Math.ceil(network.travelTimeSteps[a]! / (v.type.speedFactor ?? 1)),
  );
  v.drivenPrefix = { arcs: c.approachArcs.slice(0, done), entrySteps: c.approachEntrySteps.slice(0, done) };
}

export interface Detour {
  readonly arcs: number[];
  readonly entrySteps: number[];
  readonly exit: number;
  readonly arrival: number;
  readonly passages: ExitPassage[];
}

/**
 * The best way on for a loaded vehicle at `node` from `step`: the earliest last passage over the open exits
 * (only exit `onlyExit` when ≥ 0), or null when no open exit can take `pickups`.
 */
export function driveOn(
  planner: ConvoyPlanner,
  router: VehicleRouter,
  table: ReservationTable,
  instance: ConvoyInstance,
  v: VehicleState,
  mask: number,
  node: number,
  step: number,
  pickups: readonly { readonly groupId: string; readonly persons: number }[],
  onlyExit = -1,
): Detour | null {
  router.run(node, step, planner.metricFor(mask, v.type.speedFactor ?? 1));
  let best: Detour | null = null;
  let bestLast = INF_STEPS;
  instance.exits.forEach((exit, e) => {
    if (!exit.conditionMet || (onlyExit >= 0 && e !== onlyExit)) return;
    const at = router.arrivalAt(exit.node);
    if (at >= INF_STEPS) return;
    const passages = exitPassages(table, e, at, pickups);
    if (!passages) return;
    const last = passages.reduce((m, p) => Math.max(m, p.step), 0);
    if (last < bestLast) {
      bestLast = last;
      best = { ...router.pathTo(exit.node), exit: e, arrival: at, passages };
    }
  });
  return best;
}

/**
 * Convoy `c` driving its first `done` arcs as planned, then `d`; its exit passages are `passedBefore` (those already
 * out) and the detour's.
 */
export function withDetour(
  instance: ConvoyInstance,
  c: Convoy,
  done: number,
  d: Detour,
  passedBefore: readonly ExitPassage[] = [],
): Convoy {
  const passages = [...passedBefore, ...d.passages];
  return {
    ...c,
    arcs: [...c.arcs.slice(0, done), ...d.arcs],
    arcEntrySteps: [...c.arcEntrySteps.slice(0, done), ...d.entrySteps],
    exitId: instance.exits[d.exit]!.id,
    exitArrivalStep: d.arrival,
    exitPassages: passages,
    exitStep: passages.reduce((m, p) => Math.max(m, p.step), 0),
  };
}
