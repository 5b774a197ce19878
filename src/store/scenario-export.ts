// Exports a stored scenario back to the Scenario type (unsealing its people), audited as a read of every person.
import { err, ok, type Result } from '../core/result.ts';
import type { ControlAreaFeature } from '../core/scenario/control-areas.ts';
import type { ScenarioManifest } from '../core/scenario/manifest.ts';
import type {
  Checkpoint,
  Country,
  Exit,
  FieldReport,
  Household,
  HouseholdRow,
  Person,
  Place,
  Road,
  Scenario,
  Vehicle,
  VettingDecision,
} from '../core/scenario/scenario.ts';
import { type AccessContext, auditOf, check, type Forbidden } from './access-context.ts';
import { appendAudit } from './audit.ts';
import { loadDataKeys, type OpenRecordError, openRecord } from './sealed-record.ts';
import type { Store } from './store.ts';

export type ExportError =
  | Forbidden
  | OpenRecordError
  | { readonly kind: 'no-such-scenario'; readonly scenarioId: string };

interface PlanningTables {
  readonly places: Place[];
  readonly roads: Road[];
  readonly exits: Exit[];
  readonly vehicles: Vehicle[];
  readonly countries: Country[];
}

/**
 * Reads scenario `scenarioId` back as the Scenario it was imported from.
 * @example const exported = await exportScenario(store, ctx, scenarioId); if (exported.ok) writeScenario(exported.value)
 */
export async function exportScenario(
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
): Promise<Result<Scenario, ExportError>> {
  return store.db.transaction().execute(async (trx): Promise<Result<Scenario, ExportError>> => {
    const row = await trx.selectFrom('scenarios').selectAll().where('id', '=', scenarioId).executeTakeFirst();
    if (row === undefined) return err({ kind: 'no-such-scenario', scenarioId });
    const allowed = check(ctx, 'scenario.export', { kind: 'organisation', organisationId: row.organisation_id });
    if (!allowed.ok) return allowed;
    const planning = row.planning_tables as PlanningTables;
    // JSON columns of the situation tables, in import order.
    const jsonColumn = async (
      table: 'control_areas' | 'checkpoints' | 'field_reports' | 'vetting_decisions',
      column: 'feature' | 'checkpoint' | 'report' | 'decision',
    ): Promise<unknown[]> => {
      const rows = await trx
        .selectFrom(table)
        .select(column as never)
        .where('scenario_id', '=', scenarioId)
        .orderBy('position')
        .execute();
      return rows.map((r) => (r as Record<string, unknown>)[column]);
    };

    const households = await trx
      .selectFrom('households')
      .selectAll()
      .where('scenario_id', '=', scenarioId)
      .orderBy('position')
      .execute();
    const people = await trx
      .selectFrom('people')
      .selectAll()
      .where('scenario_id', '=', scenarioId)
      .orderBy('position')
      .execute();
    const keys = await loadDataKeys(trx, [...households.map((h) => h.id), ...people.map((p) => p.id)]);

    const exportedHouseholds: Household[] = [];
    for (const h of households) {
      const opened = openRecord(store.keyring, h.id, keys.get(h.id), h.sealed);
      if (!opened.ok) return opened;
      const details = h.details === null ? undefined : ({ ...(h.details as object), ...opened.value } as HouseholdRow);
      exportedHouseholds.push({
        household_id: h.household_id,
        member_ids: h.member_ids,
        head_id: h.head_id,
        ...(details === undefined ? {} : { details }),
      });
    }
    const exportedPeople: Person[] = [];
    for (const p of people) {
      const opened = openRecord(store.keyring, p.id, keys.get(p.id), p.sealed);
      if (!opened.ok) return opened;
      exportedPeople.push({
        person_id: p.person_id,
        household_id: p.household_id,
        relationship: p.relationship,
        sex: p.sex,
        birth_date_estimated: p.birth_date_estimated,
        nationality: p.nationality,
        doc_type: p.doc_type,
        _row: p.source_row,
        ...opened.value,
      } as Person);
    }
    await appendAudit(trx, store.keyring, [
      auditOf(ctx, 'export', 'scenario', scenarioId),
      ...people.map((p) => auditOf(ctx, 'read', 'person', p.id)),
      ...households.map((h) => auditOf(ctx, 'read', 'household', h.id)),
    ]);

    return ok({
      manifest: row.manifest as ScenarioManifest,
      places: planning.places,
      roads: planning.roads,
      controlAreas: (await jsonColumn('control_areas', 'feature')) as ControlAreaFeature[],
      checkpoints: (await jsonColumn('checkpoints', 'checkpoint')) as Checkpoint[],
      exits: planning.exits,
      vehicles: planning.vehicles,
      people: exportedPeople,
      households: exportedHouseholds,
      countries: planning.countries,
      vetting: (await jsonColumn('vetting_decisions', 'decision')) as VettingDecision[],
      fieldReports: (await jsonColumn('field_reports', 'report')) as FieldReport[],
    });
  });
}
