// Adds a field report to a stored scenario (the store has no API for it yet): one plain row, no personal data.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { FieldReport } from '../../core/scenario/scenario.ts';
import type { Store } from '../../store/index.ts';

/** Inserts `report` (its id is made here) after the scenario's last report; returns the stored report. */
export async function addFieldReport(
  store: Store,
  scenarioId: string,
  report: Omit<FieldReport, 'id' | '_row'>,
): Promise<FieldReport> {
  const id = `api-${randomUUID()}`;
  const stored = { ...report, id } as FieldReport;
  await store.db
    .insertInto('field_reports')
    .values({
      scenario_id: scenarioId,
      report_id: id,
      // Position orders reports for the export; two concurrent reports may share one (the id breaks the tie).
      position: sql<number>`(select coalesce(max(position), -1) + 1 from field_reports where scenario_id = ${scenarioId})`,
      target_kind: report.target_kind,
      target_id: report.target_id,
      new_status: report.new_status,
      report: JSON.stringify(stored),
    })
    .execute();
  return stored;
}

export async function countFieldReports(store: Store, scenarioId: string): Promise<number> {
  const row = await store.db
    .selectFrom('field_reports')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('scenario_id', '=', scenarioId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
