// Proven bounds for a convoy plan: the people-flow max flow over time, a seat-trip bound, and per-window ceilings.
import type { Convoy, ConvoyBound, ConvoyInstance, WindowOutlook } from './convoy-types.ts';
import { makespanLowerBound } from './makespan-bound.ts';
import { distancesToNode, type ReverseAdjacency } from './network.ts';
import { exitCapacityRows } from './reservation-table.ts';
import { INF_STEPS, type SchedulingInstance } from './types.ts';
import { scaledMetric } from './vehicle-router.ts';

const INF_CAPACITY = 0x3fff_ffff;

/**
 * The people-flow relaxation of a convoy instance: each household starts at its assembly point, boarding done
 * (`readyStep + boardingSteps`); travel times at the fastest vehicle's speed; an arc passes (vehicles per step ×
 * largest seats) persons per step. Every convoy plan is a people-flow plan of this instance, so its bounds hold.
 */
export function peopleFlowView(instance: ConvoyInstance, groupIds?: ReadonlySet<string>): SchedulingInstance {
  const maxSpeed = instance.vehicles.reduce((m, v) => Math.max(m, v.speedFactor ?? 1), 0) || 1;
  const maxSeats = instance.vehicles.reduce((m, v) => Math.max(m, v.seats), 0);
  const capacityPerStep = new Uint32Array(instance.network.arcCount);
  for (let a = 0; a < capacityPerStep.length; a++) {
    capacityPerStep[a] = Math.min(INF_CAPACITY, instance.network.capacityPerStep[a]! * maxSeats);
  }
  const apNode = new Map(instance.assemblyPoints.map((ap) => [ap.id, ap.node]));
  return {
    network: {
      ...instance.network,
      travelTimeSteps: scaledMetric(instance.network.travelTimeSteps, maxSpeed),
      capacityPerStep,
    },
    profileTravelTimeSteps: instance.profileTravelTimeSteps.map((m) => scaledMetric(m, maxSpeed)),
    groups: instance.groups
      .filter((g) => !groupIds || groupIds.has(g.id))
      .map((g) => ({
        id: g.id,
        persons: g.persons,
        priority: g.priority,
        originNode: apNode.get(g.assemblyPointId) ?? 0,
        profile: g.profile,
        readyStep: (g.readyStep ?? 0) + instance.boardingSteps,
      })),
    exits: instance.exits,
    horizonSteps: instance.horizonSteps,
  };
}

/**
 * Per vehicle: the earliest step its first trip's last passenger can pass an exit (`firstStep`) and the least
 * steps between two of its passages (`cycleSteps`: exit → assembly point → boarding → exit), on empty roads with
 * the per-arc fastest metric. By step T it completes at most 1 + ⌊(T − firstStep) / cycleSteps⌋ trips.
 */
export class SeatTrips {
  private readonly seats: number[] = [];
  private readonly firstStep: number[] = [];
  private readonly cycleSteps: number[] = [];

  constructor(instance: ConvoyInstance, reverse: ReverseAdjacency, assemblyPointIds: ReadonlySet<string>) {
    const h = instance.horizonSteps;
    const rows = exitCapacityRows(instance.exits, h);
    const exits = instance.exits
      .map((exit, e) => {
        let firstOpen = -1;
        for (let t = 0; t < h && firstOpen < 0; t++) if (rows[e * h + t]! > 0) firstOpen = t;
        return { node: exit.node, firstOpen };
      })
      .filter((x) => x.firstOpen >= 0);
    const points = instance.assemblyPoints.filter((ap) => assemblyPointIds.has(ap.id));
    const fastest = instance.network.travelTimeSteps.slice();
    for (const m of instance.profileTravelTimeSteps)
      for (let a = 0; a < m.length; a++) fastest[a] = Math.min(fastest[a]!, m[a]!);
    const bySpeed = new Map<number, { toPoint: Int32Array[]; toExit: Int32Array[] }>();
    const distances = (speed: number) => {
      let d = bySpeed.get(speed);
      if (!d) {
        const metric = scaledMetric(fastest, speed);
        d = {
          toPoint: points.map((ap) => distancesToNode(instance.network, reverse, metric, ap.node)),
          toExit: exits.map((x) => distancesToNode(instance.network, reverse, metric, x.node)),
        };
        bySpeed.set(speed, d);
      }
      return d;
    };
    for (const vehicle of instance.vehicles) {
      const { toPoint, toExit } = distances(vehicle.speedFactor ?? 1);
      let first = INF_STEPS;
      let cycle = INF_STEPS;
      points.forEach((ap, i) => {
        const approach = toPoint[i]![vehicle.startNode]!;
        let out = INF_STEPS;
        let back = INF_STEPS;
        exits.forEach((x, e) => {
          const d = toExit[e]![ap.node]!;
          if (d < INF_STEPS && approach < INF_STEPS) {
            first = Math.min(first, Math.max(approach + instance.boardingSteps + d, x.firstOpen));
          }
          out = Math.min(out, d);
          back = Math.min(back, toPoint[i]![x.node]!);
        });
        if (out < INF_STEPS && back < INF_STEPS) cycle = Math.min(cycle, back + instance.boardingSteps + out);
      });
      if (first >= INF_STEPS) continue;
      for (let c = 0; c < vehicle.count; c++) {
        this.seats.push(vehicle.seats);
        this.firstStep.push(first);
        this.cycleSteps.push(cycle);
      }
    }
  }

  /** Upper bound on persons whose exit passage is at or before `step`. */
  seatsBy(step: number): number {
    let total = 0;
    for (let v = 0; v < this.seats.length; v++) {
      const first = this.firstStep[v]!;
      if (step < first) continue;
      const cycle = this.cycleSteps[v]!;
      // A zero-length cycle would allow any number of trips: the bound is then the step of the first one.
      if (cycle === 0) return Number.POSITIVE_INFINITY;
      const trips = cycle >= INF_STEPS ? 1 : 1 + Math.floor((step - first) / cycle);
      total += trips * this.seats[v]!;
    }
    return total;
  }

  /** Smallest step ≤ `upperStep` by which `persons` seats can have passed; `upperStep` if none smaller. */
  quickestStep(persons: number, upperStep: number): number {
    let lo = 0;
    let hi = upperStep;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.seatsBy(mid) >= persons) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Lower bound on the makespan of any plan evacuating the households `convoys` evacuated, and the gap. */
export function convoyBound(
  instance: ConvoyInstance,
  reverse: ReverseAdjacency,
  convoys: readonly Convoy[],
  makespanStep: number,
): ConvoyBound | undefined {
  const ids = new Set(convoys.flatMap((c) => c.pickups.map((p) => p.groupId)));
  if (ids.size === 0) return undefined;
  const view = peopleFlowView(instance, ids);
  const byExit = new Map<string, string[]>();
  for (const c of convoys) byExit.set(c.exitId, [...(byExit.get(c.exitId) ?? []), ...c.pickups.map((p) => p.groupId)]);
  const flowBoundStep = makespanLowerBound(view, makespanStep, [...byExit.values()]).lowerBoundStep;
  const points = new Set(instance.groups.filter((g) => ids.has(g.id)).map((g) => g.assemblyPointId));
  const persons = convoys.reduce((s, c) => s + c.persons, 0);
  const vehicleBoundStep = new SeatTrips(instance, reverse, points).quickestStep(persons, makespanStep);
  const exitBoundStep = exitSlotBound(instance, persons, makespanStep);
  const lowerBoundStep = Math.max(flowBoundStep, vehicleBoundStep, exitBoundStep);
  return {
    lowerBoundStep,
    flowBoundStep,
    vehicleBoundStep,
    exitBoundStep,
    gap: lowerBoundStep > 0 ? makespanStep / lowerBoundStep - 1 : 0,
  };
}

/**
 * Smallest step T ≤ `upperStep` such that all open exits together pass `persons` in steps 0..T. Exact for windows
 * and flights, which the flow bound relaxes (it counts each exit at its peak from step 0).
 */
function exitSlotBound(instance: ConvoyInstance, persons: number, upperStep: number): number {
  const h = instance.horizonSteps;
  const rows = exitCapacityRows(instance.exits, h);
  let passed = 0;
  for (let t = 0; t < Math.min(h, upperStep); t++) {
    for (let e = 0; e < instance.exits.length; e++) passed += rows[e * h + t]!;
    if (passed >= persons) return t;
  }
  return upperStep;
}

/**
 * Per exit window (a flight counts as a one-step window): persons out by its end, and the most that could be:
 * min(persons with a route, exit capacity of every open exit before the end, seats × trips possible by then).
 */
export function windowOutlook(
  instance: ConvoyInstance,
  reverse: ReverseAdjacency,
  convoys: readonly Convoy[],
  routablePersons: number,
): WindowOutlook[] {
  const h = instance.horizonSteps;
  const rows = exitCapacityRows(instance.exits, h);
  const totalPersons = instance.groups.reduce((s, g) => s + g.persons, 0);
  const seatTrips = new SeatTrips(instance, reverse, new Set(instance.groups.map((g) => g.assemblyPointId)));
  const passages = convoys.flatMap((c) => c.exitPassages.map((p) => ({ exitId: c.exitId, ...p })));
  const outlook: WindowOutlook[] = [];
  for (const exit of instance.exits) {
    const windows =
      exit.mode === 'ground' ? exit.windows : exit.flights.map((f) => ({ startStep: f.step, endStep: f.step + 1 }));
    for (const w of windows) {
      const end = Math.min(w.endStep, h);
      let capacityBefore = 0;
      for (let e = 0; e < instance.exits.length; e++) for (let t = 0; t < end; t++) capacityBefore += rows[e * h + t]!;
      let evacuatedInWindow = 0;
      let evacuatedByEnd = 0;
      for (const p of passages) {
        if (p.step < w.endStep) evacuatedByEnd += p.persons;
        if (p.exitId === exit.id && p.step >= w.startStep && p.step < w.endStep) evacuatedInWindow += p.persons;
      }
      outlook.push({
        exitId: exit.id,
        windowEndStep: w.endStep,
        evacuatedInWindow,
        evacuatedByEnd,
        totalPersons,
        upperBoundByEnd: Math.min(routablePersons, capacityBefore, end > 0 ? seatTrips.seatsBy(end - 1) : 0),
      });
    }
  }
  return outlook;
}
