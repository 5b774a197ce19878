// What a reconciliation may read: the event log, the households and (where person.read allows) names, and what a
// government's figures are narrowed to (its own country, the cases shared with it). Policy first, audited.
import type { Transaction } from 'kysely';
import { compareEvents, type StatusEvent } from '../core/operation/status.ts';
import { err, ok, type Result } from '../core/result.ts';
import { type AccessContext, auditOf, check, type Forbidden } from './access-context.ts';
import { appendAudit } from './audit.ts';
import { eventOf, noteRecordId } from './checkin-events.ts';
import type { CaseResource } from './policy.ts';
import type { StoreSchema } from './schema.ts';
import { loadDataKeys, type OpenRecordError, openRecord } from './sealed-record.ts';
import type { Store } from './store.ts';

export type ReconciliationError =
  | Forbidden
  | OpenRecordError
  | { readonly kind: 'no-such-scenario'; readonly scenarioId: string };

/** A scenario's households (ids and members only), its status events and its partner countries. */
export interface ReconciliationSource {
  readonly scenarioName: string;
  readonly households: readonly { readonly household_id: string; readonly member_ids: readonly string[] }[];
  readonly events: readonly StatusEvent[];
  readonly countries: readonly { readonly code: string; readonly name: string }[];
}

/** The name fields a reconciliation shows, when the reader may read the person at all. */
export const RECONCILIATION_NAME_FIELDS = ['given_name', 'father_name', 'family_name', 'name_arabic'] as const;
export type PersonNames = Partial<Record<(typeof RECONCILIATION_NAME_FIELDS)[number], string>>;

type Trx = Transaction<StoreSchema>;

/** A scenario's households, events (notes still sealed) and partner countries: nothing personal is opened. */
async function sourceOf(trx: Trx, scenario: { id: string; name: string; planning_tables: unknown }) {
  const households = await trx
    .selectFrom('households')
    .select(['household_id', 'member_ids'])
    .where('scenario_id', '=', scenario.id)
    .orderBy('position')
    .execute();
  const rows = await trx.selectFrom('status_events').selectAll().where('scenario_id', '=', scenario.id).execute();
  const events: StatusEvent[] = rows.map((row) => eventOf(row));
  const countries = (
    (scenario.planning_tables as { countries?: { code: string; name: string }[] } | null)?.countries ?? []
  ).map((c) => ({ code: c.code, name: c.name }));
  const source: ReconciliationSource = {
    scenarioName: scenario.name,
    households,
    events: events.sort(compareEvents),
    countries,
  };
  return { source, sealedNotes: rows.filter((r) => r.sealed_note !== null) };
}

/** The data-key record id of a status event's sealed note: the convention of checkin-events.ts, which seals it. */

/** The events with their notes opened (why someone is missing or detained): for the per-person reconciliation only. */
async function withNotes(
  store: Store,
  trx: Trx,
  events: readonly StatusEvent[],
  sealed: readonly { readonly id: string; readonly sealed_note: string | null }[],
): Promise<Result<StatusEvent[], OpenRecordError>> {
  const keys = await loadDataKeys(
    trx,
    sealed.map((r) => noteRecordId(r.id)),
  );
  const notes = new Map<string, string>();
  for (const row of sealed) {
    const record = noteRecordId(row.id);
    const opened = openRecord(store.keyring, record, keys.get(record), { note: row.sealed_note ?? '' });
    if (!opened.ok) return opened;
    if (typeof opened.value.note === 'string') notes.set(row.id, opened.value.note);
  }
  return ok(
    events.map((e) => {
      const note = notes.get(e.id);
      return note === undefined ? e : { ...e, note };
    }),
  );
}

async function scenarioRow(trx: Trx, scenarioId: string) {
  return trx
    .selectFrom('scenarios')
    .select(['id', 'organisation_id', 'name', 'planning_tables'])
    .where('id', '=', scenarioId)
    .executeTakeFirst();
}

/**
 * The whole reconciliation's inputs for a coordinator or field officer, with the names of every person the
 * reader may read (person.read on the person's case; only the name fields are decrypted). One audit row for the
 * reconciliation and one per person whose name was opened, in the same transaction as the read.
 * @example const src = await reconciliationSourceOf(store, ctx, scenarioId); if (src.ok) src.value.names.get('p1')
 */
export async function reconciliationSourceOf(
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
  audit: 'read' | 'export' = 'read',
): Promise<Result<ReconciliationSource & { readonly names: ReadonlyMap<string, PersonNames> }, ReconciliationError>> {
  type Out = Result<ReconciliationSource & { readonly names: ReadonlyMap<string, PersonNames> }, ReconciliationError>;
  return store.db.transaction().execute(async (trx): Promise<Out> => {
    const scenario = await scenarioRow(trx, scenarioId);
    if (scenario === undefined) return err({ kind: 'no-such-scenario', scenarioId });
    const allowed = check(ctx, 'reconciliation.read', {
      kind: 'organisation',
      organisationId: scenario.organisation_id,
    });
    if (!allowed.ok) return allowed;
    const { source, sealedNotes } = await sourceOf(trx, scenario);
    const events = await withNotes(store, trx, source.events, sealedNotes);
    if (!events.ok) return events;
    const names = await namesOf(store, trx, ctx, scenarioId);
    if (!names.ok) return names;
    await appendAudit(trx, store.keyring, [
      auditOf(ctx, `reconciliation:${audit}`, 'scenario', scenarioId),
      ...[...names.value.recordIds].map((id) => auditOf(ctx, 'read', 'person', id)),
    ]);
    return ok({ ...source, events: events.value, names: names.value.names });
  });
}

/** Names of the people whose case the reader may read (person.read), only the name fields it may see. */
async function namesOf(
  store: Store,
  trx: Trx,
  ctx: AccessContext,
  scenarioId: string,
): Promise<Result<{ names: Map<string, PersonNames>; recordIds: string[] }, OpenRecordError>> {
  const cases = await trx
    .selectFrom('cases')
    .innerJoin('households', 'households.id', 'cases.household_record_id')
    .select(['cases.id as caseId', 'cases.owner_organisation_id as owner', 'households.household_id as householdId'])
    .where('cases.scenario_id', '=', scenarioId)
    .execute();
  const grants = await trx
    .selectFrom('sharing_grants')
    .innerJoin('cases', 'cases.id', 'sharing_grants.case_id')
    .select(['sharing_grants.case_id as caseId', 'sharing_grants.organisation_id as organisationId', 'fields'])
    .where('cases.scenario_id', '=', scenarioId)
    .where('sharing_grants.revoked_at', 'is', null)
    .execute();
  const fieldsByHousehold = new Map<string, Set<string>>();
  for (const c of cases) {
    const resource: CaseResource = {
      kind: 'case',
      ownerOrganisationId: c.owner,
      grants: grants
        .filter((g) => g.caseId === c.caseId)
        .map((g) => ({ organisationId: g.organisationId, fields: g.fields })),
    };
    const allowed = check(ctx, 'person.read', resource);
    if (!allowed.ok) continue;
    const fields = allowed.decision.fields;
    const visible = RECONCILIATION_NAME_FIELDS.filter((f) => fields === 'all' || fields.has(f));
    if (visible.length > 0) fieldsByHousehold.set(c.householdId, new Set(visible));
  }
  const people = await trx
    .selectFrom('people')
    .select(['id', 'person_id', 'household_id', 'sealed'])
    .where('scenario_id', '=', scenarioId)
    .orderBy('position')
    .execute();
  const readable = people.filter((p) => fieldsByHousehold.has(p.household_id));
  const keys = await loadDataKeys(
    trx,
    readable.map((p) => p.id),
  );
  const names = new Map<string, PersonNames>();
  for (const p of readable) {
    const opened = openRecord(store.keyring, p.id, keys.get(p.id), p.sealed, fieldsByHousehold.get(p.household_id));
    if (!opened.ok) return opened;
    const name: PersonNames = {};
    for (const field of RECONCILIATION_NAME_FIELDS) {
      const value = opened.value[field];
      if (typeof value === 'string' && value !== '') name[field] = value;
    }
    names.set(p.person_id, name);
  }
  return ok({ names, recordIds: readable.map((p) => p.id) });
}

/**
 * What a reader's figures are drawn from, per operation (scenario): `countries` are the pledge rows it may see,
 * `sharedCases` the cases whose per-household counts it may see (a liaison: those shared with
 * its government; others: none, they have the full reconciliation). No name is read.
 */
export interface FiguresScope {
  readonly scenarioId: string;
  readonly source: ReconciliationSource;
  /** The pledge rows it may see: all, or a liaison's own country (none when its country is not recognised). */
  readonly countries: 'all' | readonly string[];
  readonly sharedCases: readonly { readonly caseId: string; readonly householdId: string }[];
}

/**
 * The figures' scope in each scenario given: staff of the owning organisation see every row; a government
 * liaison sees a scenario only if a case of it is shared with its government, and there only its own country's
 * row (see countryOfGovernment) and its shared cases. Audited once per scenario shown.
 * @example await reconciliationFiguresOf(store, ctx, await currentScenarios(store))
 */
export async function reconciliationFiguresOf(
  store: Store,
  ctx: AccessContext,
  scenarioIds: readonly string[],
): Promise<Result<readonly FiguresScope[], Forbidden>> {
  return store.db.transaction().execute(async (trx): Promise<Result<readonly FiguresScope[], Forbidden>> => {
    const liaison = ctx.actor.role === 'government_liaison';
    const organisation = await trx
      .selectFrom('organisations')
      .select(['id', 'name', 'kind', 'country'])
      .where('id', '=', ctx.actor.organisationId)
      .executeTakeFirst();
    const scopes: FiguresScope[] = [];
    for (const scenarioId of scenarioIds) {
      const scenario = await scenarioRow(trx, scenarioId);
      if (scenario === undefined) continue;
      // A liaison's figures are its own government's pledge: decided on its own organisation, then narrowed.
      const owner = liaison ? ctx.actor.organisationId : scenario.organisation_id;
      const allowed = check(ctx, 'reconciliation.figures', { kind: 'organisation', organisationId: owner });
      if (!allowed.ok) return allowed;
      const sharedCases = liaison ? await casesSharedWith(trx, scenarioId, ctx.actor.organisationId) : [];
      if (liaison && sharedCases.length === 0) continue;
      const { source } = await sourceOf(trx, scenario);
      const country =
        organisation?.kind === 'government' ? countryOfGovernment(organisation, source.countries) : undefined;
      const countries = liaison ? (country === undefined ? [] : [country]) : 'all';
      scopes.push({ scenarioId, source, countries, sharedCases });
    }
    await appendAudit(
      trx,
      store.keyring,
      scopes.map((scope) => auditOf(ctx, 'reconciliation:figures', 'scenario', scope.scenarioId)),
    );
    return ok(scopes);
  });
}

async function casesSharedWith(trx: Trx, scenarioId: string, organisationId: string) {
  return trx
    .selectFrom('cases')
    .innerJoin('households', 'households.id', 'cases.household_record_id')
    .select(['cases.id as caseId', 'households.household_id as householdId'])
    .where('cases.scenario_id', '=', scenarioId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('sharing_grants')
          .select('sharing_grants.id')
          .whereRef('sharing_grants.case_id', '=', 'cases.id')
          .where('sharing_grants.organisation_id', '=', organisationId)
          .where('sharing_grants.revoked_at', 'is', null),
      ),
    )
    .orderBy('households.position')
    .execute();
}

/**
 * The partner country a government organisation stands for: its recorded `country` when it has one. An
 * organisation created before that column existed is read from its id ending in the ISO alpha-3 code (`gov-deu`),
 * or its name starting with the country's name ("Germany (Federal Foreign Office)"). Exactly one match or none:
 * an ambiguous or unknown government sees no pledge row (fail closed).
 * @example countryOfGovernment({ id: 'gov-de', name: 'Germany (Federal Foreign Office)' }, [{ code: 'DEU', name: 'Germany' }]) // 'DEU'
 */
export function countryOfGovernment(
  organisation: { readonly id: string; readonly name: string; readonly country?: string | null },
  countries: readonly { readonly code: string; readonly name: string }[],
): string | undefined {
  if (organisation.country) return organisation.country;
  const idTokens = organisation.id.toLowerCase().split(/[^a-z]+/);
  const name = organisation.name.trim().toLowerCase();
  const matches = countries.filter((c) => {
    if (idTokens.includes(c.code.toLowerCase())) return true;
    const country = c.name.trim().toLowerCase();
    return country !== '' && name.startsWith(country) && !/\p{L}/u.test(name.charAt(country.length));
  });
  const codes = new Set(matches.map((c) => c.code));
  return codes.size === 1 ? [...codes][0] : undefined;
}
