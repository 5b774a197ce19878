// Turns movements and leftovers into the report: completion per priority, counts per window, and who is left and why.
import { distancesToNode, type ReverseAdjacency } from './network.ts';
import { exitCapacityRows } from './reservation-table.ts';
import {
  INF_STEPS,
  type Movement,
  type NotEvacuated,
  type NotEvacuatedReason,
  type PriorityCompletion,
  type ScheduleSummary,
  type SchedulingInstance,
  type WindowCount,
} from './types.ts';

/** Persons of a group still waiting somewhere (its origin, or where a re-plan found them). */
export interface Leftover {
  readonly groupIndex: number;
  readonly persons: number;
  readonly node: number;
  readonly readyStep: number;
}

export function summarize(
  instance: SchedulingInstance,
  reverse: ReverseAdjacency,
  movements: readonly Movement[],
  leftovers: readonly Leftover[],
): ScheduleSummary {
  let makespanStep = 0;
  let evacuatedPersons = 0;
  const evacuatedOf = new Map<number, number>();
  const lastStepOf = new Map<number, number>();
  const priorityOf = new Map(instance.groups.map((g) => [g.id, g.priority]));
  for (const m of movements) {
    makespanStep = Math.max(makespanStep, m.exitStep);
    evacuatedPersons += m.persons;
    for (const g of m.groups) {
      const key = priorityOf.get(g.groupId)!;
      evacuatedOf.set(key, (evacuatedOf.get(key) ?? 0) + g.persons);
      lastStepOf.set(key, Math.max(lastStepOf.get(key) ?? -1, m.exitStep));
    }
  }
  const byPriority = priorityCompletions(instance.groups, evacuatedOf, lastStepOf);
  return {
    makespanStep,
    evacuatedPersons,
    totalPersons: instance.groups.reduce((sum, g) => sum + g.persons, 0),
    byPriority,
    byWindow: countByWindow(instance, movements),
    notEvacuated: explainLeftovers(instance, reverse, leftovers),
  };
}

function countByWindow(instance: SchedulingInstance, movements: readonly Movement[]): WindowCount[] {
  const counts: WindowCount[] = [];
  for (const exit of instance.exits) {
    const windows =
      exit.mode === 'ground' ? exit.windows : exit.flights.map((f) => ({ startStep: f.step, endStep: f.step + 1 }));
    for (const w of windows) {
      let evacuated = 0;
      for (const m of movements) {
        if (m.exitId === exit.id && m.exitStep >= w.startStep && m.exitStep < w.endStep) evacuated += m.persons;
      }
      counts.push({ exitId: exit.id, windowEndStep: w.endStep, evacuated });
    }
  }
  return counts;
}

/**
 * Why each leftover is left: no exit reachable for its profile → no-route; only exits with an unmet condition
 * reachable → condition-unmet; every reachable open exit closes before the group could get there even on empty
 * roads → window; otherwise the roads and exits were full → capacity.
 */
export function explainLeftovers(
  instance: SchedulingInstance,
  reverse: ReverseAdjacency,
  leftovers: readonly Leftover[],
): NotEvacuated[] {
  if (leftovers.length === 0) return [];
  const h = instance.horizonSteps;
  const capacity = exitCapacityRows(instance.exits, h);
  const lastOpenStep = instance.exits.map((_, e) => {
    for (let t = h - 1; t >= 0; t--) if (capacity[e * h + t]! > 0) return t;
    return -1;
  });
  const distCache = new Map<string, Int32Array>();
  const distance = (profile: number, e: number): Int32Array => {
    const key = `${profile}:${e}`;
    let dist = distCache.get(key);
    if (!dist) {
      const metric = profile < 0 ? instance.network.travelTimeSteps : instance.profileTravelTimeSteps![profile]!;
      dist = distancesToNode(instance.network, reverse, metric, instance.exits[e]!.node);
      distCache.set(key, dist);
    }
    return dist;
  };
  return leftovers.map((left) => {
    const group = instance.groups[left.groupIndex]!;
    const profile = group.profile ?? -1;
    const unmet: string[] = [];
    let reachableOpen = false;
    let earliestArrivalStep = INF_STEPS;
    let inWindow = false;
    instance.exits.forEach((exit, e) => {
      const d = distance(profile, e)[left.node]!;
      if (d >= INF_STEPS) return;
      if (!exit.conditionMet) {
        unmet.push(exit.id);
        return;
      }
      reachableOpen = true;
      const arrival = left.readyStep + d;
      earliestArrivalStep = Math.min(earliestArrivalStep, arrival);
      if (arrival <= lastOpenStep[e]!) inWindow = true;
    });
    let reason: NotEvacuatedReason;
    if (!reachableOpen && unmet.length === 0) reason = { kind: 'no-route' };
    else if (!reachableOpen) reason = { kind: 'condition-unmet', exitIds: unmet };
    else if (!inWindow) reason = { kind: 'window', earliestArrivalStep };
    else reason = { kind: 'capacity' };
    return { groupId: group.id, persons: left.persons, reason };
  });
}

/** Persons, evacuated and the last exit step per priority, lowest priority number first. */
export function priorityCompletions(
  groups: readonly { readonly priority: number; readonly persons: number }[],
  evacuated: ReadonlyMap<number, number>,
  completion: ReadonlyMap<number, number>,
): PriorityCompletion[] {
  const totals = new Map<number, number>();
  for (const g of groups) totals.set(g.priority, (totals.get(g.priority) ?? 0) + g.persons);
  return [...totals.keys()]
    .sort((a, b) => a - b)
    .map((priority) => ({
      priority,
      persons: totals.get(priority)!,
      evacuated: evacuated.get(priority) ?? 0,
      completionStep: completion.get(priority) ?? -1,
    }));
}
