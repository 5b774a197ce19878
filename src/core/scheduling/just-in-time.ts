// Moves each convoy trip as late as its exit slot allows, so families do not wait for hours at a border or a roadside.
import { convoyViolations } from './convoy-check.ts';
import type { Convoy, ConvoyInstance, ConvoySchedule } from './convoy-types.ts';

export interface JustInTimeOptions {
  /** Which trips may move (by convoy and its index in the schedule); default: all. */
  readonly only?: (c: Convoy, i: number) => boolean;
  /** Audit findings a shift may leave in place (already there before it); default: none. */
  readonly tolerated?: ReadonlySet<string>;
}

/**
 * The planner sends vehicles as early as possible; a trip that reaches the exit before its window then waits
 * there with its passengers, visible and exposed. This shifts every step of a trip before its exit passage
 * (departure, approach, boarding, the loaded drive) later by up to the slack between its arrival at the exit and
 * its first passage, trying the whole slack first and halving it whenever the audit (road capacity, a vehicle's
 * trips in sequence, households' ready times) objects. Exit passages, and so the makespan and the bound, are
 * unchanged. Deterministic: trips are taken in vehicle then trip order. `options` narrow it to some trips, or let
 * a shift stand beside audit findings that were there before it (a re-plan inherits the past: status-replan.ts).
 * @example const later = justInTime(instance, schedule); later.convoys[0].departureStep >= schedule.convoys[0].departureStep
 */
export function justInTime(
  instance: ConvoyInstance,
  schedule: ConvoySchedule,
  options: JustInTimeOptions = {},
): ConvoySchedule {
  const { only = () => true, tolerated = new Set<string>() } = options;
  let current = schedule;
  const order = schedule.convoys
    .map((c, i) => ({ c, i }))
    .filter(({ c, i }) => only(c, i))
    .sort((x, y) => x.c.vehicleIndex - y.c.vehicleIndex || y.c.trip - x.c.trip);
  for (const { i } of order) {
    const convoy = current.convoys[i]!;
    const firstPassage = Math.min(...convoy.exitPassages.map((p) => p.step));
    let shift = firstPassage - convoy.exitArrivalStep;
    while (shift > 0) {
      const candidate = { ...current, convoys: current.convoys.map((c, k) => (k === i ? shifted(c, shift) : c)) };
      if (convoyViolations(instance, candidate).every((v) => tolerated.has(v))) {
        current = candidate;
        break;
      }
      shift = Math.floor(shift / 2);
    }
  }
  return current;
}

function shifted(c: Convoy, d: number): Convoy {
  return {
    ...c,
    departureStep: c.departureStep + d,
    approachEntrySteps: c.approachEntrySteps.map((s) => s + d),
    boardingStep: c.boardingStep + d,
    loadedDepartureStep: c.loadedDepartureStep + d,
    arcEntrySteps: c.arcEntrySteps.map((s) => s + d),
    exitArrivalStep: c.exitArrivalStep + d,
  };
}
