// Imports a loaded Scenario into the store in one transaction: all of it or none of it, sealed and audited.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { err, ok, type Result } from '../core/result.ts';
import type { Person, Scenario } from '../core/scenario/scenario.ts';
import { type AccessContext, auditOf, check, type Forbidden } from './access-context.ts';
import { type AuditEntry, appendAudit } from './audit.ts';
import { blindDigest, blindIndexKeysOf, blindIndexKind } from './blind-index.ts';
import type { StoreSchema } from './schema.ts';
import { sealRecord } from './sealed-record.ts';
import type { Store } from './store.ts';

/** Person columns kept in plain SQL (planning and triage read them); every other column is sealed. */
export const PLAIN_PERSON_COLUMNS = [
  'person_id',
  'household_id',
  'relationship',
  'sex',
  'birth_date_estimated',
  'nationality',
  'doc_type',
] as const;

export interface ImportedScenario {
  readonly scenarioId: string;
  readonly people: number;
  readonly households: number;
  readonly cases: number;
}

export type ImportError = Forbidden | { readonly kind: 'import-failed'; readonly message: string };

/** Rows per INSERT: well under PostgreSQL's 65535 bind parameters for the widest table. */
const BATCH = 500;

/**
 * Imports `scenario` for the actor's organisation. Every household becomes a case owned by that
 * organisation. A failure anywhere rolls everything back (including the audit rows).
 * @example const imported = await importScenario(store, ctx, loaded.scenario); if (imported.ok) imported.value.scenarioId
 */
export async function importScenario(
  store: Store,
  ctx: AccessContext,
  scenario: Scenario,
): Promise<Result<ImportedScenario, ImportError>> {
  const allowed = check(ctx, 'scenario.import', { kind: 'organisation', organisationId: ctx.actor.organisationId });
  if (!allowed.ok) return allowed;
  try {
    const imported = await store.db.transaction().execute((trx) => insertScenario(trx, store, ctx, scenario));
    return ok(imported);
  } catch (error) {
    return err({ kind: 'import-failed', message: (error as Error).message });
  }
}

async function insertScenario(
  trx: Transaction<StoreSchema>,
  store: Store,
  ctx: AccessContext,
  scenario: Scenario,
): Promise<ImportedScenario> {
  const scenarioId = randomUUID();
  const json = JSON.stringify;
  const audit: AuditEntry[] = [auditOf(ctx, 'import', 'scenario', scenarioId)];
  await trx
    .insertInto('scenarios')
    .values({
      id: scenarioId,
      organisation_id: ctx.actor.organisationId,
      name: scenario.manifest.name,
      manifest: json(scenario.manifest),
      planning_tables: json({
        places: scenario.places,
        roads: scenario.roads,
        exits: scenario.exits,
        vehicles: scenario.vehicles,
        countries: scenario.countries,
      }),
      imported_at: ctx.now,
      imported_by: ctx.actor.userId,
    })
    .execute();

  await insertBatched(
    trx,
    'control_areas',
    scenario.controlAreas.map((feature, position) => ({
      scenario_id: scenarioId,
      area_id: feature.properties.id,
      position,
      controller: feature.properties.controller,
      feature: json(feature),
    })),
  );
  await insertBatched(
    trx,
    'checkpoints',
    scenario.checkpoints.map((c, position) => ({
      scenario_id: scenarioId,
      checkpoint_id: c.id,
      position,
      status: c.status,
      reported_at: c.reported_at,
      checkpoint: json(c),
    })),
  );
  await insertBatched(
    trx,
    'field_reports',
    scenario.fieldReports.map((r, position) => ({
      scenario_id: scenarioId,
      report_id: r.id,
      position,
      target_kind: r.target_kind,
      target_id: r.target_id,
      new_status: r.new_status,
      report: json(r),
    })),
  );
  await insertBatched(
    trx,
    'vetting_decisions',
    scenario.vetting.map((v, position) => ({
      scenario_id: scenarioId,
      position,
      household_id: v.household_id,
      country: v.country,
      outcome: v.outcome,
      decision: json(v),
    })),
  );

  const dataKeys: { record_id: string; wrapped_key: string }[] = [];
  const households = scenario.households.map((h, position) => {
    const id = randomUUID();
    const { notes, ...details } = h.details ?? { notes: undefined };
    const { sealed, wrappedKey } = sealRecord(store.keyring, id, { notes });
    dataKeys.push(wrappedKey);
    audit.push(auditOf(ctx, 'create', 'household', id));
    return {
      id,
      scenario_id: scenarioId,
      household_id: h.household_id,
      position,
      head_id: h.head_id,
      member_ids: json(h.member_ids),
      details: h.details === undefined ? null : json(details),
      sealed: json(sealed),
    };
  });

  const blindIndex: { record_id: string; kind: string; digest: string }[] = [];
  const people = scenario.people.map((person, position) => {
    const id = randomUUID();
    const { plain, secret } = splitPerson(person);
    const { sealed, wrappedKey } = sealRecord(store.keyring, id, secret);
    dataKeys.push(wrappedKey);
    for (const key of blindIndexKeysOf(person))
      blindIndex.push({ record_id: id, kind: blindIndexKind(key), digest: blindDigest(store.keyring, key) });
    audit.push(auditOf(ctx, 'create', 'person', id));
    return { id, scenario_id: scenarioId, position, source_row: person._row, ...plain, sealed: json(sealed) };
  });

  const cases = households.map((h) => ({
    id: randomUUID(),
    scenario_id: scenarioId,
    household_record_id: h.id,
    owner_organisation_id: ctx.actor.organisationId,
    status: 'identified',
    created_at: ctx.now,
  }));
  for (const c of cases) audit.push(auditOf(ctx, 'create', 'case', c.id));

  await insertBatched(trx, 'households', households);
  await insertBatched(trx, 'people', people);
  await insertBatched(trx, 'data_keys', dataKeys);
  await insertBatched(trx, 'person_blind_index', blindIndex);
  await insertBatched(trx, 'cases', cases);
  await appendAudit(trx, store.keyring, audit);
  return { scenarioId, people: people.length, households: households.length, cases: cases.length };
}

/** A person's plain columns (typed) and its sealed columns (everything else, so new columns are sealed by default). */
export function splitPerson(person: Person): {
  plain: Pick<Person, (typeof PLAIN_PERSON_COLUMNS)[number]>;
  secret: Record<string, unknown>;
} {
  const secret: Record<string, unknown> = { ...person };
  delete secret._row;
  for (const column of PLAIN_PERSON_COLUMNS) delete secret[column];
  const plain = {
    person_id: person.person_id,
    household_id: person.household_id,
    relationship: person.relationship,
    sex: person.sex,
    birth_date_estimated: person.birth_date_estimated,
    nationality: person.nationality,
    doc_type: person.doc_type,
  };
  return { plain, secret };
}

async function insertBatched<T extends keyof StoreSchema>(
  trx: Transaction<StoreSchema>,
  table: T,
  rows: readonly object[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    // One helper for every table: each caller builds rows of its own table's shape.
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + BATCH) as never)
      .execute();
  }
}
