// Independent audit of a convoy schedule: seats, whole households, road and exit capacity, windows, one place at a time.
import type { ConvoyInstance, ConvoySchedule } from './convoy-types.ts';
import { exitCapacityRows } from './reservation-table.ts';
import { INF_STEPS } from './types.ts';
import { combinedMetric, scaledMetric } from './vehicle-router.ts';

/**
 * Every broken rule as a sentence (empty when the schedule is sound), recomputed from the convoys alone: seats
 * never exceeded; a household on one vehicle, whole, boarded after it is ready and passing the exit whole; vehicles
 * per arc and step within capacity; travel times of the vehicle (its speed, its passengers' profiles, no forbidden
 * arc); persons per exit and step within capacity and windows; each vehicle's trips in sequence.
 */
export function convoyViolations(instance: ConvoyInstance, schedule: ConvoySchedule): string[] {
  const problems: string[] = [];
  const h = instance.horizonSteps;
  const vehicleOf: { seats: number; speed: number; id: string }[] = [];
  for (const v of instance.vehicles) {
    for (let c = 0; c < v.count; c++) vehicleOf.push({ seats: v.seats, speed: v.speedFactor ?? 1, id: v.id });
  }
  const groupById = new Map(instance.groups.map((g) => [g.id, g]));
  const exitIndex = new Map(instance.exits.map((e, i) => [e.id, i]));
  const exitCaps = exitCapacityRows(instance.exits, h);
  const apNode = new Map(instance.assemblyPoints.map((ap) => [ap.id, ap.node]));
  const arcLoad = new Map<number, number>();
  const exitLoad = new Map<number, number>();
  const carried = new Map<string, number>();
  const lastExitOf = new Map<number, number>();
  const sorted = [...schedule.convoys].sort((a, b) => a.vehicleIndex - b.vehicleIndex || a.trip - b.trip);
  const drive = (
    label: string,
    arcs: readonly number[],
    entries: readonly number[],
    from: number,
    startStep: number,
    metric: Uint32Array,
  ): { node: number; step: number } => {
    let node = from;
    let ready = startStep;
    arcs.forEach((a, i) => {
      const t = entries[i]!;
      if (instance.network.head[a] === undefined) problems.push(`${label}: unknown arc ${a}`);
      const tail = tailOf(instance, a);
      if (tail !== node) problems.push(`${label}: arc ${a} does not start at node ${node}`);
      if (t < ready) problems.push(`${label}: arc ${a} entered at ${t} before arriving at ${ready}`);
      if (metric[a]! >= INF_STEPS) problems.push(`${label}: arc ${a} is forbidden for this vehicle`);
      ready = t + metric[a]!;
      node = instance.network.head[a]!;
      arcLoad.set(a * h + t, (arcLoad.get(a * h + t) ?? 0) + 1);
    });
    return { node, step: ready };
  };
  for (const c of sorted) {
    const label = `${c.vehicleId}#${c.vehicleIndex} trip ${c.trip}`;
    const vehicle = vehicleOf[c.vehicleIndex];
    if (!vehicle || vehicle.id !== c.vehicleId) {
      problems.push(`${label}: no such vehicle`);
      continue;
    }
    const previous = lastExitOf.get(c.vehicleIndex);
    if (previous !== undefined && c.departureStep < previous) {
      problems.push(`${label}: leaves at ${c.departureStep} before its previous trip ended at ${previous}`);
    }
    const seated = c.pickups.reduce((s, p) => s + p.persons, 0);
    if (seated > vehicle.seats) problems.push(`${label}: ${seated} persons on ${vehicle.seats} seats`);
    let mask = 0;
    for (const p of c.pickups) {
      const g = groupById.get(p.groupId);
      if (!g) {
        problems.push(`${label}: unknown household ${p.groupId}`);
        continue;
      }
      if (p.persons !== g.persons)
        problems.push(`${label}: household ${p.groupId} split (${p.persons} of ${g.persons})`);
      if (g.assemblyPointId !== c.assemblyPointId) problems.push(`${label}: ${p.groupId} waits elsewhere`);
      if ((g.readyStep ?? 0) > c.boardingStep) problems.push(`${label}: ${p.groupId} boarded before it was ready`);
      carried.set(p.groupId, (carried.get(p.groupId) ?? 0) + p.persons);
      mask |= 1 << g.profile;
    }
    const start = sorted.find((o) => o.vehicleIndex === c.vehicleIndex && o.trip === c.trip - 1);
    const from = start ? instance.exits[exitIndex.get(start.exitId)!]!.node : startNodeOf(instance, c.vehicleIndex);
    const empty = scaledMetric(instance.network.travelTimeSteps, vehicle.speed);
    const there = drive(label, c.approachArcs, c.approachEntrySteps, from, c.departureStep, empty);
    if (there.node !== apNode.get(c.assemblyPointId))
      problems.push(`${label}: approach ends away from the assembly point`);
    if (c.boardingStep < there.step)
      problems.push(`${label}: boards at ${c.boardingStep} before arriving at ${there.step}`);
    if (c.loadedDepartureStep < c.boardingStep + instance.boardingSteps) problems.push(`${label}: boarding too short`);
    const loaded =
      mask === 0 ? empty : scaledMetric(combinedMetric(instance.profileTravelTimeSteps, mask), vehicle.speed);
    const e = exitIndex.get(c.exitId);
    const out = drive(label, c.arcs, c.arcEntrySteps, there.node, c.loadedDepartureStep, loaded);
    if (e === undefined || out.node !== instance.exits[e]!.node) {
      problems.push(`${label}: route does not end at exit ${c.exitId}`);
      continue;
    }
    const passed = new Map<string, number>();
    let last = 0;
    for (const p of c.exitPassages) {
      if (p.step < out.step) problems.push(`${label}: ${p.groupId} passes at ${p.step} before arriving at ${out.step}`);
      passed.set(p.groupId, (passed.get(p.groupId) ?? 0) + p.persons);
      exitLoad.set(e * h + p.step, (exitLoad.get(e * h + p.step) ?? 0) + p.persons);
      last = Math.max(last, p.step);
    }
    for (const p of c.pickups) {
      if (passed.get(p.groupId) !== p.persons) problems.push(`${label}: ${p.groupId} does not pass the exit whole`);
    }
    if (last !== c.exitStep) problems.push(`${label}: exit step ${c.exitStep} is not its last passage ${last}`);
    lastExitOf.set(c.vehicleIndex, c.exitStep);
  }
  for (const [id, persons] of carried) {
    if (persons !== groupById.get(id)?.persons) problems.push(`household ${id} carried ${persons} times its members`);
  }
  for (const [key, load] of arcLoad) {
    const a = Math.floor(key / h);
    if (load > instance.network.capacityPerStep[a]!) problems.push(`arc ${a} at step ${key % h}: ${load} vehicles`);
  }
  for (const [key, load] of exitLoad) {
    if (load > exitCaps[key]!) problems.push(`exit ${Math.floor(key / h)} at step ${key % h}: ${load} persons`);
  }
  return problems;
}

function startNodeOf(instance: ConvoyInstance, vehicleIndex: number): number {
  let i = vehicleIndex;
  for (const v of instance.vehicles) {
    if (i < v.count) return v.startNode;
    i -= v.count;
  }
  return -1;
}

/** Tail of arc `a` by binary search on `firstOut` (an audit, not a hot loop). */
function tailOf(instance: ConvoyInstance, a: number): number {
  const { firstOut, nodeCount } = instance.network;
  let lo = 0;
  let hi = nodeCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (firstOut[mid]! <= a) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
