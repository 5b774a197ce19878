// The convoy planner's engine: vehicle trips chosen greedily, most endangered household first, on a reservation table.
import type { Convoy, ConvoyGroup, ConvoyInstance, ConvoyStats, ConvoyVehicle, ExitPassage } from './convoy-types.ts';
import { distancesToNode, type ReverseAdjacency } from './network.ts';
import { NO_STEP, type ReservationTable } from './reservation-table.ts';
import type { Leftover } from './summary.ts';
import { INF_STEPS, type NotEvacuatedReason } from './types.ts';
import { combinedMetric, exitPassages, reservePassages, scaledMetric, VehicleRouter } from './vehicle-router.ts';

/** Where one vehicle is and from when it is free; `lastConvoy` indexes the planner's convoys (-1: none yet). */
export interface VehicleState {
  readonly vehicleIndex: number;
  readonly type: ConvoyVehicle;
  node: number;
  freeStep: number;
  trips: number;
  lastConvoy: number;
  /** False once the vehicle can take no more trips (e.g. it carries stranded passengers). */
  active: boolean;
  /**
   * Arcs already driven toward a trip a re-plan dropped (the vehicle is at `node` because of them): they open the
   * approach of its next trip, so the record stays one walk from the previous exit.
   */
  drivenPrefix?: { readonly arcs: readonly number[]; readonly entrySteps: readonly number[] };
}

/** A household waiting at its assembly point from `readyStep`. */
export interface PendingHousehold {
  readonly groupIndex: number;
  readonly readyStep: number;
}

/** Households left behind, with a reason when the planner already knows it better than the explanation would. */
export interface ConvoyLeftover extends Leftover {
  readonly reason?: NotEvacuatedReason;
}

/** One vehicle per unit of `count`, in type order: index = position in this list. */
export function expandVehicles(instance: ConvoyInstance): VehicleState[] {
  const states: VehicleState[] = [];
  for (const type of instance.vehicles) {
    for (let c = 0; c < type.count; c++) {
      states.push({
        vehicleIndex: states.length,
        type,
        node: type.startNode,
        freeStep: 0,
        trips: 0,
        lastConvoy: -1,
        active: true,
      });
    }
  }
  return states;
}

/** How a load passes one exit: `households` = how many of the load (a prefix) pass. */
interface Passage {
  exit: number;
  arrival: number;
  passages: ExitPassage[];
  leadStep: number;
  last: number;
  carried: number;
  households: number;
}

interface TripCandidate {
  readonly vehicle: VehicleState;
  readonly approach: { arcs: number[]; entrySteps: number[] };
  readonly approachArrivalStep: number;
  readonly boardingStep: number;
  readonly loadedDepartureStep: number;
  readonly load: PendingHousehold[];
  readonly mask: number;
  readonly exit: number;
  readonly route: { arcs: number[]; entrySteps: number[] };
  readonly exitArrivalStep: number;
  readonly passages: ExitPassage[];
  readonly leadExitStep: number;
  readonly exitStep: number;
  readonly persons: number;
}

/**
 * Greedy list scheduling of vehicle trips. Each round takes the most endangered waiting household (the lead:
 * lowest priority, then earliest ready, then input order), tries every free vehicle with enough seats (identical
 * vehicles in the same state once), and for each: its earliest arrival at the lead's assembly point, a first-fit
 * load in priority order (whole households; another profile joins only if it costs the trip no detour), the
 * earliest exit passage. The trip that gets the lead out first wins (then: more persons, earlier last passage).
 */
export class ConvoyPlanner {
  readonly convoys: Convoy[] = [];
  readonly leftovers: ConvoyLeftover[] = [];
  readonly stats: ConvoyStats = { searches: 0, candidateTrips: 0 };
  private readonly instance: ConvoyInstance;
  private readonly reverse: ReverseAdjacency;
  private readonly table: ReservationTable;
  private readonly router: VehicleRouter;
  private readonly apNode = new Map<string, number>();
  private readonly exitActive: Uint8Array;
  private readonly metrics = new Map<string, Uint32Array>();
  private readonly freeFlow = new Map<string, Int32Array>();
  /** Persons not yet loaded or left behind, per priority (the current `plan` call). */
  private readonly waiting = new Map<number, number>();

  constructor(instance: ConvoyInstance, reverse: ReverseAdjacency, table: ReservationTable) {
    if (instance.profileTravelTimeSteps.length > 30) throw new Error('at most 30 profiles (bit masks)');
    this.instance = instance;
    this.reverse = reverse;
    this.table = table;
    this.router = new VehicleRouter(instance.network, table);
    for (const ap of instance.assemblyPoints) this.apNode.set(ap.id, ap.node);
    this.exitActive = Uint8Array.from(instance.exits, (e) => (e.conditionMet ? 1 : 0));
  }

  /** Node of a group's assembly point; throws on an unknown id (the caller assigns them). */
  nodeOf(group: ConvoyGroup): number {
    const node = this.apNode.get(group.assemblyPointId);
    if (node === undefined) throw new Error(`household ${group.id}: unknown assembly point ${group.assemblyPointId}`);
    return node;
  }

  /** Metric of a vehicle of `speedFactor` carrying profiles `mask` (0 = empty: the network's default metric). */
  metricFor(mask: number, speedFactor: number): Uint32Array {
    const key = `${mask}|${speedFactor}`;
    let metric = this.metrics.get(key);
    if (!metric) {
      const base =
        mask === 0 ? this.instance.network.travelTimeSteps : combinedMetric(this.instance.profileTravelTimeSteps, mask);
      metric = scaledMetric(base, speedFactor);
      this.metrics.set(key, metric);
    }
    return metric;
  }

  /** Free-flow steps from `node` to the nearest exit whose condition is met, for profiles `mask`; INF_STEPS if none. */
  freeFlowToOpenExit(mask: number, node: number): number {
    let best = INF_STEPS;
    for (let e = 0; e < this.instance.exits.length; e++) {
      if (this.exitActive[e] === 1) best = Math.min(best, this.freeFlowTo(mask, e, node));
    }
    return best;
  }

  /** Free-flow steps from `node` to exit `e` for profiles `mask` at speed 1 (cached per mask and exit). */
  private freeFlowTo(mask: number, e: number, node: number): number {
    const key = `${mask}|${e}`;
    let dist = this.freeFlow.get(key);
    if (!dist) {
      dist = distancesToNode(
        this.instance.network,
        this.reverse,
        this.metricFor(mask, 1),
        this.instance.exits[e]!.node,
      );
      this.freeFlow.set(key, dist);
    }
    return dist[node]!;
  }

  /**
   * Whether any open exit still has a free slot after the earliest the household could get there (boarded at once,
   * the fastest vehicle, empty roads). When the slots are gone this settles it without trying every vehicle.
   */
  private slotLeft(profile: number, node: number, readyStep: number, fastest: number): boolean {
    for (let e = 0; e < this.instance.exits.length; e++) {
      if (this.exitActive[e] !== 1) continue;
      const d = this.freeFlowTo(1 << profile, e, node);
      if (d >= INF_STEPS) continue;
      // Σ ceil(t / s) ≥ ceil(Σ t / s): a valid earliest arrival for every vehicle.
      const earliest = readyStep + this.instance.boardingSteps + Math.ceil(d / fastest);
      if (this.table.firstExitStep(e, earliest, 1) !== NO_STEP) return true;
    }
    return false;
  }

  /** Plans trips for `pending` with `vehicles` in their current states; adds to `convoys` and `leftovers`. */
  plan(vehicles: VehicleState[], pending: readonly PendingHousehold[]): void {
    const { groups } = this.instance;
    const order = pending
      .filter((p) => groups[p.groupIndex]!.persons > 0)
      .sort(
        (a, b) =>
          groups[a.groupIndex]!.priority - groups[b.groupIndex]!.priority ||
          a.readyStep - b.readyStep ||
          a.groupIndex - b.groupIndex,
      );
    const done = new Uint8Array(groups.length);
    this.waiting.clear();
    for (const p of order) {
      const priority = groups[p.groupIndex]!.priority;
      this.waiting.set(priority, (this.waiting.get(priority) ?? 0) + groups[p.groupIndex]!.persons);
    }
    const settle = (groupIndex: number) => {
      done[groupIndex] = 1;
      const priority = groups[groupIndex]!.priority;
      this.waiting.set(priority, this.waiting.get(priority)! - groups[groupIndex]!.persons);
    };
    const byAssemblyPoint = new Map<string, PendingHousehold[]>();
    for (const p of order) {
      const ap = groups[p.groupIndex]!.assemblyPointId;
      const list = byAssemblyPoint.get(ap) ?? [];
      list.push(p);
      byAssemblyPoint.set(ap, list);
    }
    const maxSeats = vehicles.reduce((m, v) => Math.max(m, v.type.seats), 0);
    const fastest = vehicles.reduce((m, v) => Math.max(m, v.type.speedFactor ?? 1), 1);
    const reaches = this.reachability();
    const leave = (p: PendingHousehold, reason?: NotEvacuatedReason) => {
      const g = groups[p.groupIndex]!;
      settle(p.groupIndex);
      this.leftovers.push({
        groupIndex: p.groupIndex,
        persons: g.persons,
        node: this.nodeOf(g),
        // The explanation measures from departure: boarding is done by then.
        readyStep: p.readyStep + this.instance.boardingSteps,
        ...(reason ? { reason } : {}),
      });
    };
    for (const lead of order) {
      if (done[lead.groupIndex] === 1) continue;
      const g = groups[lead.groupIndex]!;
      const apNode = this.nodeOf(g);
      if (maxSeats > 0 && g.persons > maxSeats) {
        leave(lead, { kind: 'capacity' });
        continue;
      }
      if (this.freeFlowToOpenExit(1 << g.profile, apNode) >= INF_STEPS) {
        leave(lead); // explained as no-route or condition-unmet
        continue;
      }
      if (!vehicles.some((v) => v.type.seats >= g.persons && reaches(v, apNode))) {
        leave(lead, { kind: 'no-vehicle' });
        continue;
      }
      if (!this.slotLeft(g.profile, apNode, lead.readyStep, fastest)) {
        leave(lead);
        continue;
      }
      const best = this.bestTrip(vehicles, lead, byAssemblyPoint.get(g.assemblyPointId)!, done);
      if (!best) {
        leave(lead);
        continue;
      }
      this.commit(best);
      for (const p of best.load) settle(p.groupIndex);
    }
  }

  /** Whether a vehicle can reach a node at all with the empty metric (free-flow; cached per start node). */
  private reachability(): (v: VehicleState, node: number) => boolean {
    const fromNode = new Map<string, Int32Array>();
    return (v, node) => {
      const key = `${node}|${v.type.speedFactor ?? 1}`;
      let dist = fromNode.get(key);
      if (!dist) {
        dist = distancesToNode(this.instance.network, this.reverse, this.metricFor(0, v.type.speedFactor ?? 1), node);
        fromNode.set(key, dist);
      }
      return v.active && dist[v.node]! < INF_STEPS;
    };
  }

  private bestTrip(
    vehicles: readonly VehicleState[],
    lead: PendingHousehold,
    atAssemblyPoint: readonly PendingHousehold[],
    done: Uint8Array,
  ): TripCandidate | null {
    const seen = new Set<string>();
    let best: TripCandidate | null = null;
    const persons = this.instance.groups[lead.groupIndex]!.persons;
    for (const v of vehicles) {
      if (!v.active || v.type.seats < persons) continue;
      // Identical vehicles in the same state give the same trip: evaluate one.
      const key = `${v.node}|${v.freeStep}|${v.type.seats}|${v.type.speedFactor ?? 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const trip = this.tripFor(v, lead, atAssemblyPoint, done);
      if (!trip) continue;
      if (
        !best ||
        trip.leadExitStep < best.leadExitStep ||
        (trip.leadExitStep === best.leadExitStep &&
          (trip.persons > best.persons || (trip.persons === best.persons && trip.exitStep < best.exitStep)))
      ) {
        best = trip;
      }
    }
    return best;
  }

  /** The trip vehicle `v` would make for `lead`, against the table as it is (nothing reserved). */
  private tripFor(
    v: VehicleState,
    lead: PendingHousehold,
    atAssemblyPoint: readonly PendingHousehold[],
    done: Uint8Array,
  ): TripCandidate | null {
    const { instance, router, table } = this;
    const groups = instance.groups;
    const speed = v.type.speedFactor ?? 1;
    const apNode = this.nodeOf(groups[lead.groupIndex]!);
    this.stats.candidateTrips++;
    this.stats.searches++;
    router.run(v.node, v.freeStep, this.metricFor(0, speed), apNode);
    const arrival = router.arrivalAt(apNode);
    if (arrival >= INF_STEPS) return null;
    const approach = router.pathTo(apNode);
    const boardingStep = Math.max(arrival, lead.readyStep);
    const loadedDepartureStep = boardingStep + instance.boardingSteps;
    if (loadedDepartureStep >= table.horizonSteps) return null;
    const { load, mask } = this.fillLoad(v.type.seats, lead, atAssemblyPoint, done, boardingStep, apNode);
    this.stats.searches++;
    router.run(apNode, loadedDepartureStep, this.metricFor(mask, speed));
    const manifest = load.map((p) => ({ groupId: groups[p.groupIndex]!.id, persons: groups[p.groupIndex]!.persons }));
    const leadId = groups[lead.groupIndex]!.id;
    let best: Passage | null = null;
    instance.exits.forEach((exit, e) => {
      if (this.exitActive[e] !== 1) return;
      const at = router.arrivalAt(exit.node);
      if (at >= INF_STEPS) return;
      // The longest prefix of the load that passes before the horizon (the last households may miss a window).
      for (let k = manifest.length; k >= 1; k--) {
        const passages = exitPassages(table, e, at, k === manifest.length ? manifest : manifest.slice(0, k));
        if (!passages) continue;
        let leadStep = 0;
        let last = 0;
        let carried = 0;
        for (const p of passages) {
          if (p.groupId === leadId) leadStep = Math.max(leadStep, p.step);
          last = Math.max(last, p.step);
          carried += p.persons;
        }
        if (
          !best ||
          leadStep < best.leadStep ||
          (leadStep === best.leadStep && (carried > best.carried || (carried === best.carried && last < best.last)))
        ) {
          best = { exit: e, arrival: at, passages, leadStep, last, carried, households: k };
        }
        break;
      }
    });
    if (!best) return null;
    const chosen: Passage = best;
    const route = router.pathTo(instance.exits[chosen.exit]!.node);
    const trip = { load: load.slice(0, chosen.households), mask, persons: chosen.carried };
    if (this.addFillers(v.type.seats, trip, atAssemblyPoint, done, boardingStep, chosen.exit, chosen.arrival)) {
      const withFillers = exitPassages(
        table,
        chosen.exit,
        chosen.arrival,
        trip.load.map((p) => ({ groupId: groups[p.groupIndex]!.id, persons: groups[p.groupIndex]!.persons })),
      );
      if (withFillers) {
        chosen.passages = withFillers;
        chosen.last = withFillers.reduce((m, p) => Math.max(m, p.step), 0);
      } else {
        trip.load = load.slice(0, chosen.households);
        trip.persons = chosen.carried;
      }
    }
    return {
      vehicle: v,
      approach,
      approachArrivalStep: arrival,
      boardingStep,
      loadedDepartureStep,
      load: trip.load,
      mask,
      exit: chosen.exit,
      route,
      exitArrivalStep: chosen.arrival,
      passages: chosen.passages,
      leadExitStep: chosen.leadStep,
      exitStep: chosen.last,
      persons: trip.persons,
    };
  }

  /**
   * First fit in priority order: the lead, then every waiting household at the assembly point that is there by
   * boarding, fits the seats left, and whose profile costs the trip no detour (free-flow to the nearest open exit
   * with the combined profiles no longer than without it). A less endangered household takes a seat only when
   * every more endangered one (anywhere) is settled or on this trip: when exit slots are the bottleneck a filler
   * would take a slot from someone more endangered.
   */
  private fillLoad(
    seats: number,
    lead: PendingHousehold,
    atAssemblyPoint: readonly PendingHousehold[],
    done: Uint8Array,
    boardingStep: number,
    apNode: number,
  ): { load: PendingHousehold[]; mask: number; persons: number } {
    const groups = this.instance.groups;
    const leadGroup = groups[lead.groupIndex]!;
    const load = [lead];
    let mask = 1 << leadGroup.profile;
    let persons = leadGroup.persons;
    let tripFreeFlow = this.freeFlowToOpenExit(mask, apNode);
    for (const p of atAssemblyPoint) {
      if (persons === seats) break;
      if (p === lead || done[p.groupIndex] === 1 || p.readyStep > boardingStep) continue;
      const g = groups[p.groupIndex]!;
      if (g.persons > seats - persons) continue;
      if (g.priority > leadGroup.priority && this.moreEndangeredWaiting(g.priority, load) > 0) continue;
      const joined = mask | (1 << g.profile);
      if (joined !== mask) {
        const d = this.freeFlowToOpenExit(joined, apNode);
        if (d > tripFreeFlow) continue;
        tripFreeFlow = d;
        mask = joined;
      }
      load.push(p);
      persons += g.persons;
    }
    return { load, mask, persons };
  }

  /** Persons more endangered than `priority` still waiting and not in `load`. */
  private moreEndangeredWaiting(priority: number, load: readonly PendingHousehold[]): number {
    let persons = 0;
    for (const [q, n] of this.waiting) if (q < priority) persons += n;
    for (const p of load) {
      const g = this.instance.groups[p.groupIndex]!;
      if (g.priority < priority) persons -= g.persons;
    }
    return persons;
  }

  /**
   * Second pass over the seats left once the trip's exit is known: a less endangered household (same profiles,
   * so the same road) may fill a seat while more endangered ones still wait, if the exit's spare slots from the
   * vehicle's arrival to the end of that opening still hold all of them besides this load. Seats are then not
   * wasted when slots are plentiful, and no slot goes to a filler when they are scarce.
   */
  private addFillers(
    seats: number,
    trip: { load: PendingHousehold[]; mask: number; persons: number },
    atAssemblyPoint: readonly PendingHousehold[],
    done: Uint8Array,
    boardingStep: number,
    exit: number,
    exitArrivalStep: number,
  ): boolean {
    const groups = this.instance.groups;
    let spare = -1;
    let added = false;
    for (const p of atAssemblyPoint) {
      if (trip.persons === seats) break;
      if (done[p.groupIndex] === 1 || p.readyStep > boardingStep || trip.load.includes(p)) continue;
      const g = groups[p.groupIndex]!;
      if (g.persons > seats - trip.persons || (trip.mask & (1 << g.profile)) === 0) continue;
      if (spare < 0) spare = this.spareSlotsInOpening(exit, exitArrivalStep);
      if (this.moreEndangeredWaiting(g.priority, trip.load) + trip.persons + g.persons > spare) continue;
      trip.load.push(p);
      trip.persons += g.persons;
      added = true;
    }
    return added;
  }

  /** Spare persons exit `e` can still pass from `step` until it next closes. */
  private spareSlotsInOpening(e: number, step: number): number {
    const table = this.table;
    let t = table.firstExitStep(e, step, 1);
    if (t === NO_STEP) return 0;
    while (t > step && table.exitCapacityAt(e, t - 1) > 0) t--;
    let spare = 0;
    for (; t < table.horizonSteps && table.exitCapacityAt(e, t) > 0; t++) spare += table.exitResidual(e, t);
    return spare;
  }

  /** Reserves the trip (one vehicle on each arc, the passages at the exit) and records the convoy. */
  private commit(trip: TripCandidate): void {
    const { table, instance } = this;
    const v = trip.vehicle;
    for (const leg of [trip.approach, trip.route]) {
      for (let i = 0; i < leg.arcs.length; i++) table.reserveArc(leg.arcs[i]!, leg.entrySteps[i]!, 1);
    }
    reservePassages(table, trip.exit, trip.passages);
    if (v.lastConvoy >= 0) {
      this.convoys[v.lastConvoy] = { ...this.convoys[v.lastConvoy]!, returnArrivalStep: trip.approachArrivalStep };
    }
    // From who is on board: a household trimmed off at the exit may have made the route stricter, never invalid.
    const profiles = [...new Set(trip.load.map((p) => instance.groups[p.groupIndex]!.profile))].sort((a, b) => a - b);
    const firstGroup = instance.groups[trip.load[0]!.groupIndex]!;
    const prefix = v.drivenPrefix ?? { arcs: [], entrySteps: [] };
    const approachArcs = [...prefix.arcs, ...trip.approach.arcs];
    const approachEntrySteps = [...prefix.entrySteps, ...trip.approach.entrySteps];
    delete v.drivenPrefix;
    this.convoys.push({
      vehicleId: v.type.id,
      vehicleIndex: v.vehicleIndex,
      seats: v.type.seats,
      trip: v.trips + 1,
      departureStep: approachArcs.length > 0 ? approachEntrySteps[0]! : v.freeStep,
      approachArcs,
      approachEntrySteps,
      assemblyPointId: firstGroup.assemblyPointId,
      boardingStep: trip.boardingStep,
      loadedDepartureStep: trip.loadedDepartureStep,
      pickups: trip.load.map((p) => ({
        groupId: instance.groups[p.groupIndex]!.id,
        persons: instance.groups[p.groupIndex]!.persons,
      })),
      persons: trip.persons,
      profiles,
      arcs: trip.route.arcs,
      arcEntrySteps: trip.route.entrySteps,
      exitId: instance.exits[trip.exit]!.id,
      exitArrivalStep: trip.exitArrivalStep,
      exitPassages: trip.passages,
      exitStep: trip.exitStep,
    });
    v.trips++;
    v.lastConvoy = this.convoys.length - 1;
    v.node = instance.exits[trip.exit]!.node;
    v.freeStep = trip.exitStep;
  }
}
