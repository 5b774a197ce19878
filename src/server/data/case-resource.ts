// What the policy needs to decide on one case (owner, live grants), and case facts that name no person (size, grants).
import type { Resource, Store } from '../../store/index.ts';
import { ApiProblem } from '../problem.ts';

/** The case `caseId` as a policy resource; 404 `not-found` when there is none. */
export async function caseResourceOf(store: Store, caseId: string): Promise<Resource> {
  const row = await store.db
    .selectFrom('cases')
    .select(['owner_organisation_id'])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (row === undefined) throw new ApiProblem('not-found', `no case ${caseId}`);
  const grants = await store.db
    .selectFrom('sharing_grants')
    .select(['organisation_id', 'fields'])
    .where('case_id', '=', caseId)
    .where('revoked_at', 'is', null)
    .execute();
  return {
    kind: 'case',
    ownerOrganisationId: row.owner_organisation_id,
    grants: grants.map((g) => ({ organisationId: g.organisation_id, fields: g.fields })),
  };
}

/** Household sizes and live grant recipients of the given cases (no sealed field is read). */
export async function caseFacts(
  store: Store,
  caseIds: readonly string[],
): Promise<Map<string, { size: number; sharedWith: string[] }>> {
  const facts = new Map<string, { size: number; sharedWith: string[] }>();
  if (caseIds.length === 0) return facts;
  for (let i = 0; i < caseIds.length; i += 1000) {
    const slice = caseIds.slice(i, i + 1000);
    const rows = await store.db
      .selectFrom('cases')
      .innerJoin('households', 'households.id', 'cases.household_record_id')
      .select(['cases.id', 'households.member_ids'])
      .where('cases.id', 'in', slice)
      .execute();
    for (const r of rows) facts.set(r.id, { size: r.member_ids.length, sharedWith: [] });
    const grants = await store.db
      .selectFrom('sharing_grants')
      .select(['case_id', 'organisation_id'])
      .where('case_id', 'in', slice)
      .where('revoked_at', 'is', null)
      .orderBy('granted_at')
      .execute();
    for (const g of grants) {
      const f = facts.get(g.case_id);
      if (f !== undefined && !f.sharedWith.includes(g.organisation_id)) f.sharedWith.push(g.organisation_id);
    }
  }
  return facts;
}

/** The case of a household in a scenario. */
export async function caseOfHousehold(
  store: Store,
  scenarioId: string,
  householdId: string,
): Promise<string | undefined> {
  const row = await store.db
    .selectFrom('cases')
    .innerJoin('households', 'households.id', 'cases.household_record_id')
    .select('cases.id')
    .where('cases.scenario_id', '=', scenarioId)
    .where('households.household_id', '=', householdId)
    .executeTakeFirst();
  return row?.id;
}
