// The scenario an organisation works on: its most recently imported one (an import adds a new version).
import type { Store } from '../../store/index.ts';
import { ApiProblem } from '../problem.ts';

/** The latest scenario of `organisationId`, or undefined. */
export async function currentScenarioOf(
  store: Store,
  organisationId: string,
): Promise<{ id: string; organisationId: string } | undefined> {
  const row = await store.db
    .selectFrom('scenarios')
    .select(['id', 'organisation_id'])
    .where('organisation_id', '=', organisationId)
    .orderBy('imported_at', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : { id: row.id, organisationId: row.organisation_id };
}

/** Like currentScenarioOf, but a missing scenario is the API's 404 `no-scenario`. */
export async function requireScenarioOf(store: Store, organisationId: string): Promise<{ id: string }> {
  const found = await currentScenarioOf(store, organisationId);
  if (found === undefined)
    throw new ApiProblem('no-scenario', 'import a scenario first (safepassage serve --scenario DIR)');
  return found;
}

/** The current scenario of every organisation (a liaison's shared cases live in other organisations' scenarios). */
export async function currentScenarios(store: Store): Promise<string[]> {
  const rows = await store.db
    .selectFrom('scenarios')
    .select(['id', 'organisation_id', 'imported_at'])
    .orderBy('imported_at', 'desc')
    .orderBy('id')
    .execute();
  const seen = new Set<string>();
  const ids: string[] = [];
  for (const r of rows) {
    if (seen.has(r.organisation_id)) continue;
    seen.add(r.organisation_id);
    ids.push(r.id);
  }
  return ids;
}
