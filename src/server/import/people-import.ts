// Imports a field team's people list (CSV/XLSX bytes) into the organisation's stored scenario: every row, or none.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DateOrder } from '../../core/registry/field-dates.ts';
import { convertFieldList, type HeaderMapping } from '../../core/registry/field-list.ts';
import { assembleScenario } from '../../core/scenario/assemble.ts';
import type { ScenarioIssue } from '../../core/scenario/issues.ts';
import { parseTable } from '../../core/scenario/parse-table.ts';
import type { RawTable } from '../../core/scenario/raw-table.ts';
import type { Scenario } from '../../core/scenario/scenario.ts';
import { peopleTable } from '../../core/scenario/tables.ts';
import { readDelimited, readTable } from '../../io/tables/read-table.ts';
import { type AccessContext, exportScenario, importScenario, type Store, shareCase } from '../../store/index.ts';
import { ApiProblem, type ProblemIssue } from '../problem.ts';

export interface PeopleImportReport {
  readonly files: readonly {
    readonly file: string;
    readonly rows: number;
    readonly accepted: number;
    readonly rejected: number;
    readonly headers: readonly HeaderMapping[];
    readonly changes: readonly { row: number; column: string; from: string; to: string }[];
  }[];
  /** Warnings only: any error rejects the whole import. */
  readonly issues: readonly ScenarioIssue[];
  readonly written: number;
  /** The new version of the scenario the people were written to. */
  readonly scenario_id: string;
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The bytes as a raw table; XLSX goes through a temporary file because the reader takes a path. */
async function rawTableOf(bytes: Buffer, fileName: string): Promise<RawTable> {
  const xlsx = fileName.toLowerCase().endsWith('.xlsx') || bytes.subarray(0, 4).equals(XLSX_MAGIC);
  try {
    // A text list never holds NUL bytes (and PostgreSQL text cannot store them): this is not a CSV.
    if (!xlsx && bytes.includes(0)) throw new Error('binary data where a CSV text was expected');
    if (!xlsx) return readDelimited(bytes, fileName);
    const dir = await mkdtemp(join(tmpdir(), 'safepassage-upload-'));
    try {
      const path = join(dir, 'upload.xlsx');
      await writeFile(path, bytes, { mode: 0o600 });
      const read = await readTable(path, fileName);
      if (!read.ok) throw new Error(read.error.reason);
      return read.value;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  } catch (error) {
    throw new ApiProblem('import-rejected', `cannot read ${fileName}`, {
      issues: [{ file: fileName, code: 'unreadable-file', message: (error as Error).message.split('\n')[0] ?? '' }],
    });
  }
}

function asProblemIssue(i: ScenarioIssue): ProblemIssue {
  return {
    file: i.file,
    code: i.code,
    message: i.message,
    ...(i.row === undefined ? {} : { row: i.row }),
    ...(i.column === undefined ? {} : { column: i.column }),
  };
}

function rejectIfErrors(issues: readonly ScenarioIssue[], fileName: string): void {
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length === 0) return;
  throw new ApiProblem(
    'import-rejected',
    `${errors.length} problem(s) in ${fileName}; nothing was written. Fix the rows and send the file again.`,
    { issues: errors.slice(0, 500).map(asProblemIssue) },
  );
}

/** The scenario's tables as the assembler takes them, with `added` appended to the people. */
function withPeople(scenario: Scenario, added: readonly unknown[]) {
  return {
    places: scenario.places,
    roads: scenario.roads,
    checkpoints: scenario.checkpoints,
    exits: scenario.exits.map(({ windows: _, ...exit }) => exit),
    exitWindows: scenario.exits.flatMap((e) => e.windows),
    vehicles: scenario.vehicles,
    people: [
      ...scenario.people.map(({ phone_e164: _p, resolved_location: _r, ...person }) => person),
      ...(added as Scenario['people']),
    ],
    households: scenario.households.flatMap((h) => (h.details === undefined ? [] : [h.details])),
    countries: scenario.countries,
    vetting: scenario.vetting,
    fieldReports: scenario.fieldReports,
  };
}

/**
 * Checks the list, then stores a new version of the scenario with the people added in one store
 * transaction (importScenario): a crash leaves the old version intact. Live sharing grants follow
 * their households to the new version.
 */
export async function importPeopleList(
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
  upload: { readonly bytes: Buffer; readonly fileName: string; readonly dateOrder?: DateOrder },
): Promise<PeopleImportReport> {
  const { fileName } = upload;
  const raw = await rawTableOf(upload.bytes, fileName);
  const converted = convertFieldList(raw, {
    sourceList: fileName,
    ...(upload.dateOrder === undefined ? {} : { dateOrder: upload.dateOrder }),
  });
  const parsed = parseTable(peopleTable, converted.table);
  const rowIssues = [...converted.issues, ...parsed.issues];
  rejectIfErrors(rowIssues, fileName);
  if (parsed.rows.length === 0)
    throw new ApiProblem('import-rejected', `${fileName} has no rows of people`, {
      issues: [{ file: fileName, code: 'empty-file', message: 'no rows' }],
    });

  const exported = await exportScenario(store, ctx, scenarioId);
  if (!exported.ok)
    throw exported.error.kind === 'forbidden'
      ? new ApiProblem('forbidden', 'not allowed to export the scenario')
      : new Error(`export failed: ${exported.error.kind}`);
  const before = exported.value;
  const referenceYear = new Date(Date.parse(before.manifest.start_time)).getUTCFullYear();
  const assembled = assembleScenario(
    before.manifest,
    withPeople(before, parsed.rows),
    before.controlAreas,
    { people: fileName },
    { referenceYear },
  );
  rejectIfErrors(assembled.issues, fileName);

  const imported = await importScenario(store, ctx, assembled.scenario);
  if (!imported.ok)
    throw imported.error.kind === 'forbidden'
      ? new ApiProblem('forbidden', 'not allowed to import')
      : new Error(`import failed: ${imported.error.message}`);
  await carryGrants(store, ctx, scenarioId, imported.value.scenarioId);

  const rows = raw.rows.filter((r) => r.cells.some((c) => c.trim() !== '')).length;
  return {
    files: [
      {
        file: fileName,
        rows,
        accepted: parsed.rows.length,
        rejected: 0,
        headers: converted.headers,
        changes: converted.changes,
      },
    ],
    issues: [...rowIssues, ...assembled.issues].filter((i) => i.severity !== 'error'),
    written: parsed.rows.length,
    scenario_id: imported.value.scenarioId,
  };
}

/** Re-grants every live grant of the old version's cases to the same household's case in the new version. */
async function carryGrants(store: Store, ctx: AccessContext, fromScenario: string, toScenario: string): Promise<void> {
  const grants = await store.db
    .selectFrom('sharing_grants')
    .innerJoin('cases', 'cases.id', 'sharing_grants.case_id')
    .innerJoin('households', 'households.id', 'cases.household_record_id')
    .select(['households.household_id', 'sharing_grants.organisation_id', 'sharing_grants.fields'])
    .where('cases.scenario_id', '=', fromScenario)
    .where('sharing_grants.revoked_at', 'is', null)
    .execute();
  if (grants.length === 0) return;
  const newCases = await store.db
    .selectFrom('cases')
    .innerJoin('households', 'households.id', 'cases.household_record_id')
    .select(['cases.id', 'households.household_id'])
    .where('cases.scenario_id', '=', toScenario)
    .execute();
  const caseOf = new Map(newCases.map((c) => [c.household_id, c.id]));
  for (const g of grants) {
    const caseId = caseOf.get(g.household_id);
    if (caseId !== undefined) await shareCase(store, ctx, caseId, g.organisation_id, g.fields);
  }
}
