// Imports field teams' people lists (CSV/XLSX) into a scenario's people file: every valid row, none half-written.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import type { DateOrder } from '../../core/registry/field-dates.ts';
import { convertFieldList, type HeaderMapping } from '../../core/registry/field-list.ts';
import { placeResolver, resolveLocation } from '../../core/scenario/assemble.ts';
import { issue, type ScenarioIssue } from '../../core/scenario/issues.ts';
import { headerKey, headerLookup, parseTable } from '../../core/scenario/parse-table.ts';
import { closestName } from '../../core/scenario/suggest.ts';
import { peopleTable } from '../../core/scenario/tables.ts';
import { loadScenario } from '../scenario/load-scenario.ts';
import { writeFileAtomic } from '../tables/atomic-write.ts';
import { readDelimited, readTable, sniffDelimiter } from '../tables/read-table.ts';
import { csvLine } from '../tables/write-csv.ts';

export interface ImportOptions {
  readonly mapping?: Readonly<Record<string, string>>;
  readonly dateOrder?: DateOrder;
  readonly sourceList?: string;
  /** Check and report, write nothing. */
  readonly dryRun?: boolean;
}

export interface FileImportReport {
  readonly file: string;
  readonly rows: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly headers: readonly HeaderMapping[];
  readonly changes: readonly { row: number; column: string; from: string; to: string }[];
}

export interface ImportReport {
  readonly files: readonly FileImportReport[];
  readonly issues: readonly ScenarioIssue[];
  /** Rows written to the scenario's people file (0 on a dry run or when the scenario is invalid). */
  readonly written: number;
  readonly peopleFile?: string;
  /** False when the scenario itself was invalid, so nothing could be imported. */
  readonly scenarioValid: boolean;
}

type Row = Record<string, unknown> & { _row: number; person_id: string; location: string };

/** Checks every file, then appends every valid row to the people file in one atomic write. */
export async function importPeople(
  files: readonly string[],
  scenarioDir: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const loaded = await loadScenario(scenarioDir);
  if (!loaded.scenario) {
    const problems = loaded.issues.filter((i) => i.severity === 'error');
    return { files: [], issues: problems, written: 0, scenarioValid: false };
  }
  const scenario = loaded.scenario;
  const { findPlace, placeNames } = placeResolver(scenario.places);
  const ids = new Map(scenario.people.map((p) => [p.person_id, 'the scenario']));
  const issues: ScenarioIssue[] = [];
  const reports: FileImportReport[] = [];
  const accepted: Row[] = [];

  for (const path of files) {
    const name = basename(path);
    const raw = await readTable(path, name);
    if (!raw.ok) {
      issues.push(issue('error', 'unreadable-file', name, `cannot read the file: ${raw.error.reason}`));
      reports.push({ file: name, rows: 0, accepted: 0, rejected: 0, headers: [], changes: [] });
      continue;
    }
    const converted = convertFieldList(raw.value, {
      ...(options.mapping ? { mapping: options.mapping } : {}),
      ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}),
      ...(options.sourceList ? { sourceList: options.sourceList } : {}),
    });
    const parsed = parseTable(peopleTable, converted.table);
    const fileIssues = [...converted.issues, ...parsed.issues];
    const rowErrors = new Set(
      fileIssues.filter((i) => i.severity === 'error' && i.row !== undefined).map((i) => i.row),
    );
    const fileLevelError = fileIssues.some((i) => i.severity === 'error' && (i.row === undefined || i.row === 1));
    let good = 0;
    for (const row of parsed.rows as unknown as Row[]) {
      if (rowErrors.has(row._row) || fileLevelError) continue;
      const where = { row: row._row };
      const seenIn = ids.get(row.person_id);
      if (seenIn !== undefined) {
        fileIssues.push(
          issue('error', 'duplicate-id', name, `person_id "${row.person_id}" already exists in ${seenIn}`, {
            ...where,
            column: 'person_id',
          }),
        );
        continue;
      }
      if (resolveLocation(row.location, findPlace) === undefined) {
        const guess = closestName(row.location, placeNames);
        fileIssues.push(
          issue(
            'error',
            'unknown-place',
            name,
            `unknown place "${row.location}"${guess ? `; did you mean "${guess}"?` : ''}`,
            { ...where, column: 'location' },
          ),
        );
        continue;
      }
      ids.set(row.person_id, `${name} row ${row._row}`);
      accepted.push(row);
      good++;
    }
    issues.push(...fileIssues);
    reports.push({
      file: name,
      rows: raw.value.rows.filter((r) => r.cells.some((c) => c.trim() !== '')).length,
      accepted: good,
      rejected: raw.value.rows.filter((r) => r.cells.some((c) => c.trim() !== '')).length - good,
      headers: converted.headers,
      changes: converted.changes,
    });
  }

  if (options.dryRun || accepted.length === 0) return { files: reports, issues, written: 0, scenarioValid: true };
  const peopleFile = existsSync(join(scenarioDir, 'people.xlsx')) ? 'people.xlsx' : 'people.csv';
  const before = await readFile(join(scenarioDir, peopleFile));
  const dropped = await appendPeople(
    scenarioDir,
    accepted.map((row) => rowCells(row)),
  );
  for (const column of dropped) {
    issues.push(
      issue(
        'warning',
        'column-not-in-file',
        peopleFile,
        `imported values of "${column}" were dropped: the file has no such column`,
      ),
    );
  }
  // Safety net: the scenario must still load. If it does not (a bug, or a concurrent edit), put the file back.
  const after = await loadScenario(scenarioDir);
  if (!after.scenario) {
    await writeFileAtomic(join(scenarioDir, peopleFile), before);
    issues.push(
      issue(
        'error',
        'import-rolled-back',
        peopleFile,
        'the scenario no longer validated after the import; the file was restored',
      ),
    );
    issues.push(...after.issues.filter((i) => i.severity === 'error'));
    return { files: reports, issues, written: 0, scenarioValid: true };
  }
  return { files: reports, issues, written: accepted.length, peopleFile, scenarioValid: true };
}

/** The row back as cells of the people columns (the form the scenario file stores). */
function rowCells(row: Row): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const c of peopleTable.columns) cells[c.name] = cellText(row[c.name]);
  if (cells.sex) cells.sex = cells.sex.toUpperCase();
  return cells;
}

/**
 * Appends rows to people.csv (keeping its separator, line ending and header order) or people.xlsx, atomically.
 * Returns the columns that had values but no place in the file.
 */
async function appendPeople(dir: string, rows: readonly Record<string, string>[]): Promise<string[]> {
  const xlsx = join(dir, 'people.xlsx');
  if (existsSync(xlsx)) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map((v) => String(v ?? ''));
    const order = columnOrder(header);
    for (const row of rows) sheet.addRow(order.map((column) => (column ? (row[column] ?? '') : '')));
    await writeFileAtomic(xlsx, new Uint8Array(await workbook.xlsx.writeBuffer()));
    return droppedColumns(order, rows);
  }
  const csvPath = join(dir, 'people.csv');
  const original = await readFile(csvPath);
  const textContent = original.toString('utf8');
  const firstLine = textContent.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  const separator = sniffDelimiter(firstLine);
  const eol = textContent.includes('\r\n') ? '\r\n' : '\n';
  const order = columnOrder(readDelimited(original, 'people.csv').header);
  const lines = rows.map((row) =>
    csvLine(
      order.map((column) => (column ? (row[column] ?? '') : '')),
      separator,
    ),
  );
  const base = textContent.endsWith('\n') || textContent === '' ? textContent : `${textContent}${eol}`;
  await writeFileAtomic(csvPath, `${base}${lines.join(eol)}${eol}`);
  return droppedColumns(order, rows);
}

function droppedColumns(order: readonly (string | undefined)[], rows: readonly Record<string, string>[]): string[] {
  const present = new Set(order);
  return peopleTable.columns
    .filter((c) => !present.has(c.name))
    .filter((c) => {
      // A value equal to the column's default (e.g. nationality SYR) is not lost when the column is absent.
      const parsedDefault = c.schema.safeParse(undefined);
      const fallback = parsedDefault.success ? cellText(parsedDefault.data) : '';
      return rows.some((r) => (r[c.name] ?? '') !== '' && r[c.name] !== fallback);
    })
    .map((c) => c.name);
}

/** A typed cell value back to the text a spreadsheet holds. */
function cellText(value: unknown): string {
  if (Array.isArray(value)) return value.join(';');
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** For each header cell of the existing file, the people column it holds (by name or synonym). */
function columnOrder(header: readonly string[]): (string | undefined)[] {
  const lookup = headerLookup(peopleTable.columns);
  return header.map((h) => lookup.get(headerKey(h)));
}
