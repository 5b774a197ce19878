// planConvoys: vehicles pick up whole households at assembly points and drive them to exits, most endangered first.
import { convoyBound, peopleFlowView, windowOutlook } from './convoy-bound.ts';
import { type ConvoyLeftover, ConvoyPlanner, expandVehicles, type PendingHousehold } from './convoy-planner.ts';
import type { Convoy, ConvoyInstance, ConvoyOptions, ConvoySchedule, ConvoyStats } from './convoy-types.ts';
import { type ReverseAdjacency, reverseAdjacency } from './network.ts';
import { ReservationTable } from './reservation-table.ts';
import { explainLeftovers, priorityCompletions } from './summary.ts';
import type { NotEvacuated, WindowCount } from './types.ts';

/**
 * Plans vehicle trips: vehicles leave their start, drive to an assembly point, board whole households (most
 * endangered first, first fit into the seats), drive by a road all passengers' profiles allow to an exit, wait for
 * its window or flight, and go back for another trip while time remains. Road capacity counts vehicles per step;
 * exit capacity counts persons. Reports the lower bound and gap, and per window how many are out and could be.
 * @example const { schedule } = planConvoys(instance); schedule.bound?.gap
 */
export function planConvoys(
  instance: ConvoyInstance,
  options: ConvoyOptions = {},
): { schedule: ConvoySchedule; stats: ConvoyStats } {
  const reverse = reverseAdjacency(instance.network);
  const table = new ReservationTable(instance.network, instance.exits, instance.horizonSteps);
  const planner = new ConvoyPlanner(instance, reverse, table);
  const pending: PendingHousehold[] = instance.groups.map((g, i) => ({ groupIndex: i, readyStep: g.readyStep ?? 0 }));
  planner.plan(expandVehicles(instance), pending);
  return {
    schedule: summarizeConvoys(instance, reverse, planner.convoys, planner.leftovers, options),
    stats: planner.stats,
  };
}

/** The summary, bound and window outlook of a set of convoys and the households they leave behind. */
export function summarizeConvoys(
  instance: ConvoyInstance,
  reverse: ReverseAdjacency,
  convoys: readonly Convoy[],
  leftovers: readonly ConvoyLeftover[],
  options: ConvoyOptions,
): ConvoySchedule {
  const priorityOf = new Map(instance.groups.map((g) => [g.id, g.priority]));
  let makespanStep = 0;
  let evacuatedPersons = 0;
  const evacuated = new Map<number, number>();
  const completion = new Map<number, number>();
  for (const c of convoys) {
    for (const p of c.exitPassages) {
      const priority = priorityOf.get(p.groupId)!;
      makespanStep = Math.max(makespanStep, p.step);
      evacuatedPersons += p.persons;
      evacuated.set(priority, (evacuated.get(priority) ?? 0) + p.persons);
      completion.set(priority, Math.max(completion.get(priority) ?? -1, p.step));
    }
  }
  const byPriority = priorityCompletions(instance.groups, evacuated, completion);
  const byWindow: WindowCount[] = [];
  for (const exit of instance.exits) {
    const windows =
      exit.mode === 'ground' ? exit.windows : exit.flights.map((f) => ({ startStep: f.step, endStep: f.step + 1 }));
    for (const w of windows) {
      let count = 0;
      for (const c of convoys) {
        if (c.exitId !== exit.id) continue;
        for (const p of c.exitPassages) if (p.step >= w.startStep && p.step < w.endStep) count += p.persons;
      }
      byWindow.push({ exitId: exit.id, windowEndStep: w.endStep, evacuated: count });
    }
  }
  const notEvacuated = explainConvoyLeftovers(instance, reverse, leftovers);
  const unroutable = notEvacuated
    .filter(
      (n) => n.reason.kind === 'no-route' || n.reason.kind === 'condition-unmet' || n.reason.kind === 'no-vehicle',
    )
    .reduce((s, n) => s + n.persons, 0);
  const totalPersons = instance.groups.reduce((s, g) => s + g.persons, 0);
  const withBound = options.computeBound ?? true;
  const bound = withBound ? convoyBound(instance, reverse, convoys, makespanStep) : undefined;
  return {
    makespanStep,
    evacuatedPersons,
    totalPersons,
    byPriority,
    byWindow,
    notEvacuated,
    convoys,
    ...(bound ? { bound } : {}),
    windowOutlook: withBound ? windowOutlook(instance, reverse, convoys, totalPersons - unroutable) : [],
  };
}

/** Reasons for the households left: the planner's own when it knows it, else the people-flow explanation. */
function explainConvoyLeftovers(
  instance: ConvoyInstance,
  reverse: ReverseAdjacency,
  leftovers: readonly ConvoyLeftover[],
): NotEvacuated[] {
  const sorted = [...leftovers].sort((a, b) => a.groupIndex - b.groupIndex);
  // Same group order as the instance: leftovers index it.
  const explained = explainLeftovers(
    peopleFlowView(instance),
    reverse,
    sorted.filter((l) => !l.reason),
  );
  let next = 0;
  return sorted.map((l) =>
    l.reason
      ? { groupId: instance.groups[l.groupIndex]!.id, persons: l.persons, reason: l.reason }
      : explained[next++]!,
  );
}
