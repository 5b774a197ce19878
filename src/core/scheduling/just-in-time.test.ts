// Trips moved as late as their exit slot allows: nobody waits hours at the border, and the plan stays sound.
import { describe, expect, it } from 'vitest';
import { convoyViolations } from './convoy-check.ts';
import type { ConvoyInstance } from './convoy-types.ts';
import { planConvoys } from './convoys.ts';
import { justInTime } from './just-in-time.ts';
import { buildNetwork } from './network.ts';

/** A bus 1 step from the assembly point, 3 steps from an exit that opens only at step 40. */
function lateWindow(): ConvoyInstance {
  const { network } = buildNetwork(3, [
    { tail: 0, head: 1, travelTimeSteps: 1, capacityPerStep: 5 },
    { tail: 1, head: 0, travelTimeSteps: 1, capacityPerStep: 5 },
    { tail: 1, head: 2, travelTimeSteps: 3, capacityPerStep: 5 },
    { tail: 2, head: 1, travelTimeSteps: 3, capacityPerStep: 5 },
  ]);
  return {
    network,
    profileTravelTimeSteps: [network.travelTimeSteps],
    vehicles: [{ id: 'bus', seats: 10, count: 1, startNode: 0 }],
    assemblyPoints: [{ id: 'ap', node: 1 }],
    groups: [
      { id: 'h1', persons: 4, priority: 0, assemblyPointId: 'ap', profile: 0 },
      { id: 'h2', persons: 3, priority: 1, assemblyPointId: 'ap', profile: 0 },
    ],
    exits: [
      {
        id: 'line',
        mode: 'ground',
        node: 2,
        capacityPerStep: 10,
        windows: [{ startStep: 40, endStep: 60 }],
        conditionMet: true,
      },
    ],
    horizonSteps: 80,
    boardingSteps: 2,
  };
}

describe('justInTime', () => {
  it('moves the trip so that it reaches the exit when its window opens, not 34 steps before', () => {
    const instance = lateWindow();
    const { schedule } = planConvoys(instance);
    const early = schedule.convoys[0]!;
    expect(early.exitArrivalStep).toBeLessThan(40);
    const later = justInTime(instance, schedule);
    const trip = later.convoys[0]!;
    expect(trip.exitArrivalStep).toBe(Math.min(...trip.exitPassages.map((p) => p.step)));
    expect(trip.departureStep - early.departureStep).toBe(trip.exitArrivalStep - early.exitArrivalStep);
    expect(later.makespanStep).toBe(schedule.makespanStep);
    expect(convoyViolations(instance, later)).toEqual([]);
  });
});
