// Re-planning convoys after an event (a road or checkpoint closed, an exit's windows changed) from the state then.
import { ConvoyPlanner, expandVehicles, type PendingHousehold, type VehicleState } from './convoy-planner.ts';
import type { Convoy, ConvoyInstance, ConvoyOptions, ConvoySchedule, ConvoyStats } from './convoy-types.ts';
import { summarizeConvoys } from './convoys.ts';
import { reverseAdjacency } from './network.ts';
import { applyEvent, type ScheduleEvent } from './replan.ts';
import { ReservationTable } from './reservation-table.ts';
import type { NotEvacuated } from './types.ts';
import { driveOn, passagesFit, positionAt, stopOnApproach, withDetour } from './vehicle-position.ts';
import { reservePassages, VehicleRouter } from './vehicle-router.ts';

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
    // The past happened even if the table now disagrees: record what fits. A step at or past the horizon has no
    // cell in the table (indexing it would touch the next arc's row), so it is not recorded.
    for (let i = 0; i < count; i++)
      if (entries[i]! < table.horizonSteps && table.arcResidual(arcs[i]!, entries[i]!) > 0)
        table.reserveArc(arcs[i]!, entries[i]!, 1);
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
        reserveArcs(detour.arcs, detour.entrySteps, detour.arcs.length);
        reservePassages(table, detour.exit, detour.passages);
        keep(v, withDetour(changed, c, done, detour));
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
    // In the metric before the event: those arcs were driven (a closure leaves the heads as they were).
    stopOnApproach(instance.network, v, c, done, t0);
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
