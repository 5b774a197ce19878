// Cases and their people as a reader may see them: policy first, unseal only the allowed fields, audit in the same transaction.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { err, ok, type Result } from '../core/result.ts';
import { type AccessContext, auditOf, check, type Forbidden } from './access-context.ts';
import { appendAudit } from './audit.ts';
import { blindDigest, blindIndexKeysOf, blindIndexKind, type IndexedPersonFields } from './blind-index.ts';
import { type CaseResource, filterFields, ungrantableFields } from './policy.ts';
import type { StoreSchema } from './schema.ts';
import { loadDataKeys, type OpenRecordError, openRecord } from './sealed-record.ts';
import type { Store } from './store.ts';

/** A case with its members, each reduced to the fields the reader may see. */
export interface CaseView {
  readonly caseId: string;
  readonly scenarioId: string;
  readonly householdId: string;
  readonly members: readonly Readonly<Record<string, unknown>>[];
}

export type CaseError =
  | Forbidden
  | OpenRecordError
  | { readonly kind: 'no-such-case'; readonly caseId: string }
  | { readonly kind: 'no-such-organisation'; readonly organisationId: string }
  | { readonly kind: 'field-not-grantable'; readonly fields: readonly string[] };

/** The policy's view of a case: owner and live grants. */
async function caseResource(
  trx: Transaction<StoreSchema>,
  caseId: string,
): Promise<{ row: CaseRow; resource: CaseResource } | undefined> {
  const row = await trx.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  if (row === undefined) return undefined;
  const grants = await trx
    .selectFrom('sharing_grants')
    .select(['organisation_id', 'fields'])
    .where('case_id', '=', caseId)
    .where('revoked_at', 'is', null)
    .execute();
  return {
    row,
    resource: {
      kind: 'case',
      ownerOrganisationId: row.owner_organisation_id,
      grants: grants.map((g) => ({ organisationId: g.organisation_id, fields: g.fields })),
    },
  };
}

interface CaseRow {
  readonly id: string;
  readonly scenario_id: string;
  readonly household_record_id: string;
  readonly owner_organisation_id: string;
  readonly status: string;
}

/**
 * Reads one case for `ctx`: a liaison of a government it is shared with sees only the granted fields (and
 * the store decrypts only those). Every member read is an audit row.
 * @example const view = await readCase(store, ctx, caseId); if (view.ok) view.value.members
 */
export async function readCase(store: Store, ctx: AccessContext, caseId: string): Promise<Result<CaseView, CaseError>> {
  return store.db.transaction().execute(async (trx): Promise<Result<CaseView, CaseError>> => {
    const found = await caseResource(trx, caseId);
    if (found === undefined) return err({ kind: 'no-such-case', caseId });
    const allowed = check(ctx, 'case.read', found.resource);
    if (!allowed.ok) return allowed;
    const { decision } = allowed;
    const household = await trx
      .selectFrom('households')
      .selectAll()
      .where('id', '=', found.row.household_record_id)
      .executeTakeFirstOrThrow();
    const people = await trx
      .selectFrom('people')
      .selectAll()
      .where('scenario_id', '=', household.scenario_id)
      .where('household_id', '=', household.household_id)
      .orderBy('position')
      .execute();
    const vetting = await trx
      .selectFrom('vetting_decisions')
      .select(['country', 'outcome'])
      .where('scenario_id', '=', household.scenario_id)
      .where('household_id', '=', household.household_id)
      .orderBy('position')
      .execute();
    const keys = await loadDataKeys(
      trx,
      people.map((p) => p.id),
    );
    const members: Record<string, unknown>[] = [];
    for (const p of people) {
      const only = decision.fields === 'all' ? undefined : decision.fields;
      const opened = openRecord(store.keyring, p.id, keys.get(p.id), p.sealed, only);
      if (!opened.ok) return opened;
      const view = {
        person_id: p.person_id,
        household_id: p.household_id,
        relationship: p.relationship,
        sex: p.sex,
        birth_date_estimated: p.birth_date_estimated,
        nationality: p.nationality,
        doc_type: p.doc_type,
        ...opened.value,
        household_size: people.length,
        vetting_status: vetting,
        case_status: found.row.status,
      };
      members.push(filterFields(view, decision));
    }
    await appendAudit(trx, store.keyring, [
      auditOf(ctx, 'read', 'case', caseId),
      ...people.map((p) => auditOf(ctx, 'read', 'person', p.id)),
    ]);
    return ok({ caseId, scenarioId: found.row.scenario_id, householdId: household.household_id, members });
  });
}

/** Case ids the actor may open in a scenario: its organisation's own, or those shared with it. */
export async function listCases(
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
): Promise<Result<readonly { caseId: string; householdId: string; status: string }[], Forbidden>> {
  const allowed = check(ctx, 'case.list', { kind: 'organisation', organisationId: ctx.actor.organisationId });
  if (!allowed.ok) return allowed;
  const org = ctx.actor.organisationId;
  const shared = ctx.actor.role === 'government_liaison';
  const rows = await store.db
    .selectFrom('cases')
    .innerJoin('households', 'households.id', 'cases.household_record_id')
    .select(['cases.id as caseId', 'households.household_id as householdId', 'cases.status as status'])
    .where('cases.scenario_id', '=', scenarioId)
    .where((eb) =>
      shared
        ? eb.exists(
            eb
              .selectFrom('sharing_grants')
              .select('sharing_grants.id')
              .whereRef('sharing_grants.case_id', '=', 'cases.id')
              .where('sharing_grants.organisation_id', '=', org)
              .where('sharing_grants.revoked_at', 'is', null),
          )
        : eb('cases.owner_organisation_id', '=', org),
    )
    .orderBy('households.position')
    .execute();
  return ok(rows);
}

/**
 * Shares a case with another organisation, field by field. Notes and provenance can never be granted.
 * @example await shareCase(store, ctx, caseId, 'gov-de', ['given_name', 'family_name', 'household_size', 'vetting_status'])
 */
export async function shareCase(
  store: Store,
  ctx: AccessContext,
  caseId: string,
  organisationId: string,
  fields: readonly string[],
): Promise<Result<{ grantId: string }, CaseError>> {
  const refused = ungrantableFields(fields);
  if (refused.length > 0) return err({ kind: 'field-not-grantable', fields: refused });
  return store.db.transaction().execute(async (trx): Promise<Result<{ grantId: string }, CaseError>> => {
    const found = await caseResource(trx, caseId);
    if (found === undefined) return err({ kind: 'no-such-case', caseId });
    const allowed = check(ctx, 'case.share', found.resource);
    if (!allowed.ok) return allowed;
    const org = await trx.selectFrom('organisations').select('id').where('id', '=', organisationId).executeTakeFirst();
    if (org === undefined) return err({ kind: 'no-such-organisation', organisationId });
    const grantId = randomUUID();
    await trx
      .insertInto('sharing_grants')
      .values({
        id: grantId,
        case_id: caseId,
        organisation_id: organisationId,
        fields: JSON.stringify(fields),
        granted_by: ctx.actor.userId,
        granted_at: ctx.now,
        revoked_at: null,
      })
      .execute();
    await appendAudit(trx, store.keyring, [auditOf(ctx, `share:${organisationId}`, 'case', caseId)]);
    return ok({ grantId });
  });
}

/** A person found through the blind index: enough to open the case, nothing personal. */
export interface PersonMatch {
  readonly recordId: string;
  readonly personId: string;
  readonly householdId: string;
  /** How many look-up keys matched (the exact name key counts as one). */
  readonly sharedKeys: number;
  readonly exact: boolean;
}

/**
 * Finds people of a scenario whose name or phone shares blind-index keys with `probe` (exact name,
 * de-duplication blocking keys, phone): the SQL sees only keyed digests. The search is audited.
 * @example await findPeople(store, ctx, scenarioId, { given_name: 'Mohamad', family_name: 'Hariri' })
 */
export async function findPeople(
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
  probe: IndexedPersonFields,
): Promise<Result<readonly PersonMatch[], Forbidden | { kind: 'no-such-scenario'; scenarioId: string }>> {
  return store.db.transaction().execute(async (trx) => {
    const scenario = await trx
      .selectFrom('scenarios')
      .select('organisation_id')
      .where('id', '=', scenarioId)
      .executeTakeFirst();
    if (scenario === undefined) return err({ kind: 'no-such-scenario' as const, scenarioId });
    const allowed = check(ctx, 'person.search', { kind: 'organisation', organisationId: scenario.organisation_id });
    if (!allowed.ok) return allowed;
    const keys = blindIndexKeysOf(probe);
    if (keys.length === 0) return ok([]);
    const digests = keys.map((k) => blindDigest(store.keyring, k));
    const exactDigest = keys[0] !== undefined && blindIndexKind(keys[0]) === 'x' ? digests[0] : undefined;
    const rows = await trx
      .selectFrom('person_blind_index')
      .innerJoin('people', 'people.id', 'person_blind_index.record_id')
      .select(['people.id', 'people.person_id', 'people.household_id', 'person_blind_index.digest'])
      .where('people.scenario_id', '=', scenarioId)
      .where('person_blind_index.digest', 'in', digests)
      .execute();
    const matches = new Map<string, { personId: string; householdId: string; shared: number; exact: boolean }>();
    for (const row of rows) {
      const m = matches.get(row.id) ?? {
        personId: row.person_id,
        householdId: row.household_id,
        shared: 0,
        exact: false,
      };
      m.shared += 1;
      if (row.digest === exactDigest) m.exact = true;
      matches.set(row.id, m);
    }
    await appendAudit(trx, store.keyring, [auditOf(ctx, 'search', 'person-index', scenarioId)]);
    return ok(
      [...matches.entries()]
        .map(([recordId, m]) => ({
          recordId,
          personId: m.personId,
          householdId: m.householdId,
          sharedKeys: m.shared,
          exact: m.exact,
        }))
        .sort(
          (a, b) =>
            Number(b.exact) - Number(a.exact) || b.sharedKeys - a.sharedKeys || a.personId.localeCompare(b.personId),
        ),
    );
  });
}
