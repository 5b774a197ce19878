// Re-planning convoys after an event (a road or checkpoint closed, an exit's windows changed) from the state then.
import { ConvoyPlanner, expandVehicles, type PendingHousehold, type VehicleState } from './convoy-planner.ts';
import type {
  Convoy,
  ConvoyInstance,
  ConvoyOptions,
  ConvoySchedule,
  ConvoyStats,
  ExitPassage,
} from './convoy-types.ts';
import { summarizeConvoys } from './convoys.ts';
import { reverseAdjacency } from './network.ts';
import { applyEvent, type ScheduleEvent } from './replan.ts';
import { ReservationTable } from './reservation-table.ts';
import { INF_STEPS, type NotEvacuated } from './types.ts';
import { exitPassages, reservePassages, VehicleRouter } from './vehicle-router.ts';

export interface ConvoyReplan {
  /** The instance after the event (closed arcs forbidden, the exit's new windows). */
  readonly instance: ConvoyInstance;
  readonly schedule: ConvoySchedule;
  /** Convoys kept as planned: out before the event, or under way on a route the event leaves open. */
  readonly keptConvoys: number;
  /** Convoys under way whose road closed and that found another road from where they were. */
  readonly reroutedConvoys: number;
  /** Everyone not evacuated after the re-plan, and why. */
  readonly stranded: readonly NotEvacuated[];
  /** Of those, the households that the previous schedule did evacuate. */
  readonly newlyStranded: readonly NotEvacuated[];
  readonly stats: ConvoyStats;
}

/**
 * Applies `event` at `atStep` and re-plans. A convoy whose last passenger passed before `atStep` stays. A loaded
 * convoy on the road (or queued at its exit) keeps its route and slots if the event leaves them usable; otherwise
 * it drives on from the head of the last arc it entered before `atStep` by the best road still open, or its
 * households are stranded there (and the vehicle with them). Trips not yet loaded are dropped: their vehicles
 * continue from where they are at `atStep`, their households wait at their assembly points and are planned again.
 * @example replanConvoys(instance, schedule, { kind: 'arcs-closed', atStep: 130, arcs: [17] })
 */
export function replanConvoys(
  instance: ConvoyInstance,
  schedule: ConvoySchedule,
  event: ScheduleEvent,
  options: ConvoyOptions = {},
): ConvoyReplan {
  const changed = applyEvent(instance, event);
  const reverse = reverseAdjacency(changed.network);
  const table = new ReservationTable(changed.network, changed.exits, changed.horizonSteps);
  const planner = new ConvoyPlanner(changed, reverse, table);
  const router = new VehicleRouter(changed.network, table);
  const vehicles = expandVehicles(changed);
  const exitIndex = new Map(changed.exits.map((e, i) => [e.id, i]));
  const groupIndex = new Map(changed.groups.map((g, i) => [g.id, i]));
  const closed = new Set(event.kind === 'arcs-closed' ? event.arcs : []);
  const t0 = event.atStep;
  const handled = new Uint8Array(changed.groups.length);
  const dropped = new Uint8Array(vehicles.length);
  let kept = 0;
  let rerouted = 0;
  const reserveArcs = (arcs: readonly number[], entries: readonly number[], count: number) => {
    // The past happened even if the table now disagrees: record what fits.
    for (let i = 0; i < count; i++)
      if (table.arcResidual(arcs[i]!, entries[i]!) > 0) table.reserveArc(arcs[i]!, entries[i]!, 1);
  };
  const keep = (v: VehicleState, c: Convoy) => {
    const { returnArrivalStep: _, ...rest } = c;
    planner.convoys.push(rest);
    v.trips = c.trip;
    v.lastConvoy = planner.convoys.length - 1;
    v.node = changed.exits[exitIndex.get(c.exitId)!]!.node;
    v.freeStep = Math.max(c.exitStep, t0);
    for (const p of c.pickups) handled[groupIndex.get(p.groupId)!] = 1;
  };
  const sorted = [...schedule.convoys].sort((a, b) => a.vehicleIndex - b.vehicleIndex || a.trip - b.trip);
  for (const c of sorted) {
    const v = vehicles[c.vehicleIndex]!;
    if (dropped[c.vehicleIndex] === 1 || !v.active) continue;
    const e = exitIndex.get(c.exitId)!;
    if (c.exitStep < t0) {
      reserveArcs(c.approachArcs, c.approachEntrySteps, c.approachArcs.length);
      reserveArcs(c.arcs, c.arcEntrySteps, c.arcs.length);
      for (const p of c.exitPassages) {
        const room = Math.min(p.persons, table.exitResidual(e, p.step));
        if (room > 0) table.reserveExit(e, p.step, room);
      }
      keep(v, c);
      kept++;
      continue;
    }
    if (c.loadedDepartureStep < t0) {
      reserveArcs(c.approachArcs, c.approachEntrySteps, c.approachArcs.length);
      const done = c.arcEntrySteps.filter((t) => t < t0).length;
      const routeOpen = c.arcs.slice(done).every((a) => !closed.has(a));
      if (routeOpen && passagesFit(table, e, c.exitPassages)) {
        reserveArcs(c.arcs, c.arcEntrySteps, c.arcs.length);
        reservePassages(table, e, c.exitPassages);
        keep(v, c);
        kept++;
        continue;
      }
      reserveArcs(c.arcs, c.arcEntrySteps, done);
      const apNode = changed.assemblyPoints.find((ap) => ap.id === c.assemblyPointId)!.node;
      const at = positionAt(instance, v, c, done, apNode);
      const mask = c.profiles.reduce((m, p) => m | (1 << p), 0);
      const detour = driveOn(planner, router, table, changed, v, mask, at.node, Math.max(t0, at.step), c.pickups);
      if (detour) {
        const arcs = [...c.arcs.slice(0, done), ...detour.arcs];
        const arcEntrySteps = [...c.arcEntrySteps.slice(0, done), ...detour.entrySteps];
        reserveArcs(detour.arcs, detour.entrySteps, detour.arcs.length);
        reservePassages(table, detour.exit, detour.passages);
        keep(v, { ...c, arcs, arcEntrySteps, ...detourFields(changed, detour) });
        rerouted++;
        continue;
      }
      // No open road from here: the households stay with the vehicle where it is.
      for (const p of c.pickups) {
        const gi = groupIndex.get(p.groupId)!;
        handled[gi] = 1;
        planner.leftovers.push({ groupIndex: gi, persons: p.persons, node: at.node, readyStep: Math.max(t0, at.step) });
      }
      v.active = false;
      continue;
    }
    // Not loaded before the event: drop this and later trips; the vehicle continues from where it is at t0.
    dropped[c.vehicleIndex] = 1;
    const done = c.approachEntrySteps.filter((t) => t < t0).length;
    reserveArcs(c.approachArcs, c.approachEntrySteps, done);
    if (done > 0) {
      const a = c.approachArcs[done - 1]!;
      v.node = changed.network.head[a]!;
      v.freeStep = Math.max(t0, c.approachEntrySteps[done - 1]! + travelSteps(instance, v, a));
      v.drivenPrefix = { arcs: c.approachArcs.slice(0, done), entrySteps: c.approachEntrySteps.slice(0, done) };
    }
  }
  for (const v of vehicles) v.freeStep = Math.max(v.freeStep, t0);
  const pending: PendingHousehold[] = [];
  changed.groups.forEach((g, i) => {
    if (handled[i] === 0) pending.push({ groupIndex: i, readyStep: Math.max(t0, g.readyStep ?? 0) });
  });
  planner.plan(vehicles, pending);
  const next = summarizeConvoys(changed, reverse, planner.convoys, planner.leftovers, options);
  const wasOut = new Set(schedule.convoys.flatMap((c) => c.pickups.map((p) => p.groupId)));
  return {
    instance: changed,
    schedule: next,
    keptConvoys: kept,
    reroutedConvoys: rerouted,
    stranded: next.notEvacuated,
    newlyStranded: next.notEvacuated.filter((n) => wasOut.has(n.groupId)),
    stats: planner.stats,
  };
}

/** Whether planned passages still fit the (changed) exit. */
function passagesFit(table: ReservationTable, e: number, passages: readonly ExitPassage[]): boolean {
  const need = new Map<number, number>();
  for (const p of passages) need.set(p.step, (need.get(p.step) ?? 0) + p.persons);
  for (const [step, persons] of need)
    if (step >= table.horizonSteps || table.exitResidual(e, step) < persons) return false;
  return true;
}

/** Travel steps of arc `a` for the empty vehicle `v` in the original metric. */
function travelSteps(instance: ConvoyInstance, v: VehicleState, a: number): number {
  return Math.ceil(instance.network.travelTimeSteps[a]! / (v.type.speedFactor ?? 1));
}

/** Where a loaded convoy is after its first `done` arcs, in the original metric (those arcs were driven). */
function positionAt(
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

interface Detour {
  readonly arcs: number[];
  readonly entrySteps: number[];
  readonly exit: number;
  readonly arrival: number;
  readonly passages: ExitPassage[];
}

/** The best way on for a loaded vehicle at `node` from `step`: earliest last passage over open exits. */
function driveOn(
  planner: ConvoyPlanner,
  router: VehicleRouter,
  table: ReservationTable,
  instance: ConvoyInstance,
  v: VehicleState,
  mask: number,
  node: number,
  step: number,
  pickups: readonly { readonly groupId: string; readonly persons: number }[],
): Detour | null {
  router.run(node, step, planner.metricFor(mask, v.type.speedFactor ?? 1));
  let best: Detour | null = null;
  let bestLast = INF_STEPS;
  instance.exits.forEach((exit, e) => {
    if (!exit.conditionMet) return;
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

function detourFields(
  instance: ConvoyInstance,
  d: Detour,
): Pick<Convoy, 'exitId' | 'exitArrivalStep' | 'exitPassages' | 'exitStep'> {
  return {
    exitId: instance.exits[d.exit]!.id,
    exitArrivalStep: d.arrival,
    exitPassages: d.passages,
    exitStep: d.passages.reduce((m, p) => Math.max(m, p.step), 0),
  };
}
