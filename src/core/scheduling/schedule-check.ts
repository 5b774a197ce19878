// Independent audit of a schedule: recomputes loads per (arc, step) and (exit, step) from the movements alone.
import { exitCapacityRows } from './reservation-table.ts';
import type { Schedule, SchedulingInstance } from './types.ts';

/** Every broken rule as a sentence (empty when the schedule respects capacities, windows and travel times). */
export function scheduleViolations(instance: SchedulingInstance, schedule: Schedule): string[] {
  const problems: string[] = [];
  const h = instance.horizonSteps;
  const arcLoad = new Map<number, number>();
  const exitLoad = new Map<number, number>();
  const exitIndex = new Map(instance.exits.map((e, i) => [e.id, i]));
  const exitCaps = exitCapacityRows(instance.exits, h);
  for (const m of schedule.movements) {
    let ready = m.departureStep;
    m.arcs.forEach((a, i) => {
      const t = m.arcEntrySteps[i]!;
      if (t < ready) problems.push(`arc ${a} entered at ${t} before arriving at ${ready}`);
      ready = t + instance.network.travelTimeSteps[a]!;
      arcLoad.set(a * h + t, (arcLoad.get(a * h + t) ?? 0) + m.persons);
    });
    if (m.exitStep < ready) problems.push(`exit ${m.exitId} passed at ${m.exitStep} before arriving at ${ready}`);
    const e = exitIndex.get(m.exitId)!;
    exitLoad.set(e * h + m.exitStep, (exitLoad.get(e * h + m.exitStep) ?? 0) + m.persons);
  }
  for (const [key, load] of arcLoad) {
    const a = Math.floor(key / h);
    if (load > instance.network.capacityPerStep[a]!) problems.push(`arc ${a} at step ${key % h}: ${load} persons`);
  }
  for (const [key, load] of exitLoad) {
    if (load > exitCaps[key]!) problems.push(`exit ${Math.floor(key / h)} at step ${key % h}: ${load} persons`);
  }
  return problems;
}
