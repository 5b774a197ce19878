// Reads back the latest saved plan, allocation and overrides of a scenario (the store saves runs; reading the newest is the server's need).
import type { Override } from '../../core/allocation/types.ts';
import { latestPlanRun, overridesInForce, type Store } from '../../store/index.ts';

export async function latestPlanOf(store: Store, scenarioId: string): Promise<unknown | undefined> {
  const row = await latestPlanRun(store.db, scenarioId, ['routing']).select(['result']).executeTakeFirst();
  return row?.result;
}

/**
 * The newest allocation of a scenario: from a full plan (kind `routing`) or from an override's re-run (kind
 * `allocation`), whichever was saved last; with the overrides it applied. Undefined before the first run;
 * `allocation` is undefined when that run's allocation stage failed (its `problems` say why).
 */
export async function latestAllocationOf(
  store: Store,
  scenarioId: string,
): Promise<{ allocation: unknown; problems: readonly string[] } | undefined> {
  const row = await latestPlanRun(store.db, scenarioId, ['routing', 'allocation'])
    .select(['result'])
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const result = row.result as { allocation?: unknown; problems?: readonly string[] };
  return { allocation: result.allocation, problems: result.problems ?? [] };
}

/**
 * The caseworker overrides in force on a scenario (those of its latest override run, which holds them all), for a
 * plan run: without their notes, which the solver does not read and a saved plan must not hold in clear.
 */
export async function storedOverridesOf(store: Store, scenarioId: string): Promise<readonly Override[]> {
  const inForce = await overridesInForce(store, scenarioId);
  if (!inForce.ok) throw new Error(`override notes of ${scenarioId} cannot be opened: ${inForce.error.kind}`);
  return inForce.value.overrides.map(({ note: _, ...override }) => override);
}
