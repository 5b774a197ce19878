// Reads back the latest saved plan of a scenario (the store saves runs; reading the newest is the server's need).
import type { Store } from '../../store/index.ts';

export async function latestPlanOf(store: Store, scenarioId: string): Promise<unknown | undefined> {
  const row = await store.db
    .selectFrom('plan_runs')
    .select(['result'])
    .where('scenario_id', '=', scenarioId)
    .where('kind', '=', 'routing')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.result;
}
