// Convoys on hand-made instances with known answers: seats, whole households, profiles, windows, flights, reasons.
import { describe, expect, it } from 'vitest';
import { convoyViolations } from './convoy-check.ts';
import type { ConvoyGroup, ConvoyInstance, ConvoyVehicle } from './convoy-types.ts';
import { planConvoys } from './convoys.ts';
import { type ArcSpec, buildNetwork } from './network.ts';
import { type Exit, INF_STEPS } from './types.ts';

/** Two-way roads: [a, b, steps, vehicles per step]. */
function roads(nodeCount: number, links: readonly (readonly [number, number, number, number])[]) {
  const arcs: ArcSpec[] = links.flatMap(([a, b, steps, cap]) => [
    { tail: a, head: b, travelTimeSteps: steps, capacityPerStep: cap },
    { tail: b, head: a, travelTimeSteps: steps, capacityPerStep: cap },
  ]);
  return buildNetwork(nodeCount, arcs).network;
}

function ground(node: number, capacityPerStep: number, endStep = 1000, conditionMet = true): Exit {
  return {
    id: `exit-${node}`,
    mode: 'ground',
    node,
    capacityPerStep,
    windows: [{ startStep: 0, endStep }],
    conditionMet,
  };
}

function household(id: string, persons: number, priority: number, extra: Partial<ConvoyGroup> = {}): ConvoyGroup {
  return { id, persons, priority, assemblyPointId: 'ap', profile: 0, ...extra };
}

function bus(seats: number, startNode = 0, extra: Partial<ConvoyVehicle> = {}): ConvoyVehicle {
  return { id: `v${seats}`, seats, count: 1, startNode, ...extra };
}

/** Assembly point at 0, exit at 1, two steps apart, boarding takes one step. */
function line(groups: ConvoyGroup[], vehicles: ConvoyVehicle[], exits: Exit[] = [ground(1, 100)]): ConvoyInstance {
  const network = roads(2, [[0, 1, 2, 5]]);
  return {
    network,
    profileTravelTimeSteps: [network.travelTimeSteps],
    vehicles,
    assemblyPoints: [{ id: 'ap', node: 0 }],
    groups,
    exits,
    horizonSteps: 100,
    boardingSteps: 1,
  };
}

const tripsOf = (instance: ConvoyInstance) => {
  const { schedule } = planConvoys(instance);
  expect(convoyViolations(instance, schedule)).toEqual([]);
  return schedule;
};

describe('planConvoys', () => {
  it('fills one 10-seat bus exactly with households of 4, 4 and 2', () => {
    const schedule = tripsOf(line([household('a', 4, 1), household('b', 4, 2), household('c', 2, 3)], [bus(10)]));
    expect(schedule.convoys.map((c) => [c.trip, c.pickups.map((p) => p.groupId), c.exitStep])).toEqual([
      [1, ['a', 'b', 'c'], 3],
    ]);
    expect(schedule.evacuatedPersons).toBe(10);
  });

  it('fills the last seats of a 10-seat bus with the 2 while the more endangered 4 waits, when slots abound', () => {
    const instance = line(
      [household('a', 4, 1), household('b', 4, 2), household('c', 4, 3), household('d', 2, 4)],
      [bus(10)],
    );
    const schedule = tripsOf(instance);
    expect(schedule.convoys.map((c) => [c.trip, c.pickups.map((p) => p.groupId), c.boardingStep, c.exitStep])).toEqual([
      [1, ['a', 'b', 'd'], 0, 3],
      [2, ['c'], 5, 8],
    ]);
    expect(schedule.convoys[0]!.returnArrivalStep).toBe(5);
    expect(schedule.byPriority.map((p) => p.completionStep)).toEqual([3, 3, 8, 3]);
    // Seat trips: the bus can have carried 10 by step 3 and 20 by step 8, so 14 persons need step 8.
    expect(schedule.bound).toEqual({
      lowerBoundStep: 8,
      flowBoundStep: 2,
      vehicleBoundStep: 8,
      exitBoundStep: 0,
      gap: 0,
    });
  });

  it('keeps the scarce crossing slots for the more endangered 4 rather than the 2 filling a seat', () => {
    // The crossing passes 2 a step until step 9; a second bus arrives at the assembly point at step 4.
    const network = roads(3, [
      [0, 1, 2, 5],
      [2, 0, 4, 5],
    ]);
    const instance: ConvoyInstance = {
      ...line(
        [household('a', 4, 1), household('b', 4, 2), household('c', 4, 3), household('d', 2, 4)],
        [bus(10), { id: 'late', seats: 10, count: 1, startNode: 2 }],
        [ground(1, 2, 9)],
      ),
      network,
      profileTravelTimeSteps: [network.travelTimeSteps],
    };
    const schedule = tripsOf(instance);
    expect(schedule.convoys.map((c) => [c.vehicleId, c.pickups.map((p) => p.groupId), c.exitStep])).toEqual([
      ['v10', ['a', 'b'], 6],
      ['late', ['c'], 8],
    ]);
    expect(schedule.notEvacuated.map((n) => [n.groupId, n.reason.kind])).toEqual([['d', 'capacity']]);
  });

  it('never splits a household of 6 over two 4-seat vans: it waits for the 8-seat minibus', () => {
    const network = roads(3, [
      [0, 1, 2, 5],
      [2, 0, 5, 5],
    ]);
    const instance: ConvoyInstance = {
      ...line(
        [household('six', 6, 1), household('two', 2, 2)],
        [{ id: 'van', seats: 4, count: 2, startNode: 0 }, bus(8, 2)],
      ),
      network,
      profileTravelTimeSteps: [network.travelTimeSteps],
    };
    const schedule = tripsOf(instance);
    const ride = (id: string) => schedule.convoys.find((c) => c.pickups.some((p) => p.groupId === id))!;
    expect([ride('six').vehicleId, ride('six').boardingStep, ride('six').exitStep]).toEqual(['v8', 5, 8]);
    // First fit fills the minibus's last two seats rather than sending a van: seats are the scarce resource.
    expect(schedule.convoys.map((c) => c.pickups.map((p) => `${p.groupId}:${p.persons}`))).toEqual([
      ['six:6', 'two:2'],
    ]);
  });

  it('reports a household larger than every vehicle as capacity', () => {
    const schedule = tripsOf(line([household('six', 6, 1)], [{ id: 'van', seats: 4, count: 2, startNode: 0 }]));
    expect(schedule.convoys).toEqual([]);
    expect(schedule.notEvacuated).toEqual([{ groupId: 'six', persons: 6, reason: { kind: 'capacity' } }]);
  });

  it('sends a military-age household by the longer road round a checkpoint, and alone', () => {
    // 0 → 2 direct through a checkpoint (2 steps), or 0 → 1 → 2 (3 + 3).
    const network = roads(3, [
      [0, 2, 2, 5],
      [0, 1, 3, 5],
      [1, 2, 3, 5],
    ]);
    const men = network.travelTimeSteps.slice();
    for (let a = 0; a < network.arcCount; a++) {
      const tail = [...network.firstOut].findLastIndex((f) => f <= a);
      if ((tail === 0 && network.head[a] === 2) || (tail === 2 && network.head[a] === 0)) men[a] = INF_STEPS;
    }
    const instance: ConvoyInstance = {
      network,
      profileTravelTimeSteps: [network.travelTimeSteps, men],
      vehicles: [{ id: 'bus', seats: 20, count: 2, startNode: 0 }],
      assemblyPoints: [{ id: 'ap', node: 0 }],
      groups: [household('grandmother', 2, 1), household('men', 3, 1, { profile: 1 })],
      exits: [ground(2, 100)],
      horizonSteps: 100,
      boardingSteps: 1,
    };
    const schedule = tripsOf(instance);
    const ride = (id: string) => schedule.convoys.find((c) => c.pickups.some((p) => p.groupId === id))!;
    expect([ride('grandmother').arcs.length, ride('grandmother').exitStep]).toEqual([1, 3]);
    expect([ride('men').arcs.length, ride('men').exitStep, ride('men').profiles]).toEqual([2, 7, [1]]);
    expect(ride('men')).not.toBe(ride('grandmother'));

    const noDetour = roads(3, [[0, 2, 2, 5]]);
    const blocked = new Uint32Array(noDetour.arcCount).fill(INF_STEPS);
    const cut = tripsOf({
      ...instance,
      network: noDetour,
      profileTravelTimeSteps: [noDetour.travelTimeSteps, blocked],
    });
    expect(cut.notEvacuated).toEqual([{ groupId: 'men', persons: 3, reason: { kind: 'no-route' } }]);
    expect(cut.evacuatedPersons).toBe(2);
  });

  it('lets a household of another profile ride along when its road is the same, and a fast van drive faster', () => {
    // Both profiles may use 0 → 1; the van's speed factor 2 halves the 4-step road (and the boarding stays 1).
    const network = roads(2, [[0, 1, 4, 5]]);
    const instance: ConvoyInstance = {
      ...line(
        [household('grandmother', 2, 1), household('men', 3, 2, { profile: 1 })],
        [bus(8, 0, { speedFactor: 2 })],
      ),
      network,
      profileTravelTimeSteps: [network.travelTimeSteps, network.travelTimeSteps],
    };
    const schedule = tripsOf(instance);
    expect(schedule.convoys.map((c) => [c.pickups.map((p) => p.groupId), c.profiles, c.exitStep])).toEqual([
      [['grandmother', 'men'], [0, 1], 3],
    ]);
  });

  it('reports who cannot make it before the window closes as window, and counts who did', () => {
    const instance = line(
      [household('a', 4, 1), household('late', 4, 2, { readyStep: 2 })],
      [bus(4)],
      [ground(1, 100, 5)],
    );
    const schedule = tripsOf(instance);
    expect(schedule.convoys.map((c) => c.pickups[0]!.groupId)).toEqual(['a']);
    expect(schedule.notEvacuated).toEqual([
      { groupId: 'late', persons: 4, reason: { kind: 'window', earliestArrivalStep: 5 } },
    ]);
    expect(schedule.byWindow).toEqual([{ exitId: 'exit-1', windowEndStep: 5, evacuated: 4 }]);
    expect(schedule.windowOutlook).toEqual([
      {
        exitId: 'exit-1',
        windowEndStep: 5,
        evacuatedInWindow: 4,
        evacuatedByEnd: 4,
        totalPersons: 8,
        upperBoundByEnd: 4,
      },
    ]);
  });

  it('closes an air exit whose condition is unmet, and waits for the flight when it is met', () => {
    const air = (conditionMet: boolean): Exit => ({
      id: 'air',
      mode: 'air',
      node: 1,
      flights: [{ step: 10, seats: 40 }],
      conditionMet,
    });
    const unmet = tripsOf(line([household('a', 4, 1)], [bus(10)], [air(false)]));
    expect(unmet.notEvacuated).toEqual([
      { groupId: 'a', persons: 4, reason: { kind: 'condition-unmet', exitIds: ['air'] } },
    ]);
    const met = tripsOf(line([household('a', 4, 1)], [bus(10)], [air(true)]));
    expect(met.convoys.map((c) => [c.exitArrivalStep, c.exitStep])).toEqual([[3, 10]]);
  });

  it('reports households at an assembly point no vehicle can reach as no-vehicle', () => {
    // A one-way road leads from the assembly point at 2 to the exit at 1; nothing leads to 2.
    const { network } = buildNetwork(3, [
      { tail: 0, head: 1, travelTimeSteps: 2, capacityPerStep: 5 },
      { tail: 1, head: 0, travelTimeSteps: 2, capacityPerStep: 5 },
      { tail: 2, head: 1, travelTimeSteps: 2, capacityPerStep: 5 },
    ]);
    const instance: ConvoyInstance = {
      ...line([household('cut-off', 3, 1, { assemblyPointId: 'far' })], [bus(10)]),
      network,
      profileTravelTimeSteps: [network.travelTimeSteps],
      assemblyPoints: [
        { id: 'ap', node: 0 },
        { id: 'far', node: 2 },
      ],
    };
    expect(tripsOf(instance).notEvacuated).toEqual([
      { groupId: 'cut-off', persons: 3, reason: { kind: 'no-vehicle' } },
    ]);
  });

  it('lets one vehicle per step onto a narrow road and passes persons at the crossing rate', () => {
    const network = roads(2, [[0, 1, 2, 1]]);
    const instance: ConvoyInstance = {
      ...line(
        [household('a', 4, 1), household('b', 2, 2)],
        [{ id: 'van', seats: 4, count: 2, startNode: 0 }],
        [ground(1, 2)],
      ),
      network,
      profileTravelTimeSteps: [network.travelTimeSteps],
    };
    const schedule = tripsOf(instance);
    expect(schedule.convoys.map((c) => [c.pickups[0]!.groupId, c.arcEntrySteps, c.exitPassages])).toEqual([
      [
        'a',
        [1],
        [
          { groupId: 'a', persons: 2, step: 3 },
          { groupId: 'a', persons: 2, step: 4 },
        ],
      ],
      ['b', [2], [{ groupId: 'b', persons: 2, step: 5 }]],
    ]);
  });
});
