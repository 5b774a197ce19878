// Loads a scenario folder: scenario.json, every table (CSV or XLSX) and control areas, with every problem reported at once.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assembleScenario, type ParsedTables } from '../../core/scenario/assemble.ts';
import { type ControlAreaFeature, controlAreasSchema } from '../../core/scenario/control-areas.ts';
import { issue, type ScenarioIssue } from '../../core/scenario/issues.ts';
import { type ScenarioManifest, scenarioManifestSchema } from '../../core/scenario/manifest.ts';
import { parseTable } from '../../core/scenario/parse-table.ts';
import type { Scenario } from '../../core/scenario/scenario.ts';
import type { TableSpec } from '../../core/scenario/table-spec.ts';
import * as t from '../../core/scenario/tables.ts';
import { readTable, TABLE_EXTENSIONS } from '../tables/read-table.ts';

export interface LoadedScenario {
  /** Undefined when an error stops the scenario from being assembled. */
  readonly scenario?: Scenario;
  readonly issues: readonly ScenarioIssue[];
  readonly errorCount: number;
}

export const MANIFEST_FILE = 'scenario.json';
export const CONTROL_AREAS_FILE = 'control-areas.geojson';

/** Reads and checks the folder `dir`. Never throws for bad input: every problem is an issue. */
export async function loadScenario(dir: string): Promise<LoadedScenario> {
  const issues: ScenarioIssue[] = [];
  if (!existsSync(dir)) {
    issues.push(issue('error', 'missing-folder', dir, 'no such scenario folder'));
    return { issues, errorCount: 1 };
  }
  const manifest = await readManifest(dir, issues);
  const files: Record<string, string> = {};

  const load = async <T>(spec: TableSpec<T>) => {
    const candidates = TABLE_EXTENSIONS.map((ext) => `${spec.file}${ext}`).filter((name) =>
      existsSync(join(dir, name)),
    );
    if (candidates.length > 1) {
      issues.push(
        issue('error', 'ambiguous-file', candidates.join(', '), `both ${candidates.join(' and ')} exist; keep one`),
      );
    }
    const name = candidates[0];
    if (name === undefined) {
      if (!spec.optionalFile)
        issues.push(
          issue(
            'error',
            'missing-file',
            `${spec.file}.csv`,
            `missing file (${spec.description}); a .csv or .xlsx is expected`,
          ),
        );
      return [];
    }
    files[spec.file] = name;
    const raw = await readTable(join(dir, name), name);
    if (!raw.ok) {
      issues.push(issue('error', 'unreadable-file', name, `cannot read the file: ${raw.error.reason}`));
      return [];
    }
    const parsed = parseTable(spec, raw.value);
    issues.push(...parsed.issues);
    return parsed.rows;
  };

  const tables: ParsedTables = {
    places: await load(t.placesTable),
    roads: manifest?.network.kind === 'edge-list' ? await load({ ...t.roadsTable, optionalFile: false }) : [],
    checkpoints: await load(t.checkpointsTable),
    exits: await load(t.exitsTable),
    exitWindows: await load(t.exitWindowsTable),
    vehicles: await load(t.vehiclesTable),
    people: await load(t.peopleTable),
    households: await load(t.householdsTable),
    countries: await load(t.countriesTable),
    vetting: await load(t.vettingTable),
    fieldReports: await load(t.fieldReportsTable),
  };
  const controlAreas = await readControlAreas(dir, issues);
  if (manifest && manifest.network.kind !== 'edge-list' && !existsSync(join(dir, manifest.network.file))) {
    issues.push(
      issue('error', 'missing-file', MANIFEST_FILE, `network file "${manifest.network.file}" does not exist`, {
        column: 'network.file',
      }),
    );
  }

  if (manifest === undefined) return { issues, errorCount: countErrors(issues) };
  const referenceYear = new Date(Date.parse(manifest.start_time)).getUTCFullYear();
  const assembled = assembleScenario(manifest, tables, controlAreas, files, { referenceYear });
  issues.push(...assembled.issues);
  const errorCount = countErrors(issues);
  return errorCount === 0 ? { scenario: assembled.scenario, issues, errorCount } : { issues, errorCount };
}

function countErrors(issues: readonly ScenarioIssue[]): number {
  return issues.filter((i) => i.severity === 'error').length;
}

async function readJson(path: string, name: string, issues: ScenarioIssue[]): Promise<unknown> {
  let textContent: string;
  try {
    textContent = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch {
    issues.push(issue('error', 'missing-file', name, 'missing file'));
    return undefined;
  }
  try {
    return JSON.parse(textContent);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const line = position ? textContent.slice(0, Number(position[1])).split('\n').length : undefined;
    issues.push(issue('error', 'invalid-json', name, `not valid JSON: ${message}`, { row: line }));
    return undefined;
  }
}

async function readManifest(dir: string, issues: ScenarioIssue[]): Promise<ScenarioManifest | undefined> {
  const json = await readJson(join(dir, MANIFEST_FILE), MANIFEST_FILE, issues);
  if (json === undefined) return undefined;
  const parsed = scenarioManifestSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  for (const problem of parsed.error.issues) {
    issues.push(
      issue('error', 'invalid-manifest', MANIFEST_FILE, problem.message, {
        column: problem.path.join('.') || undefined,
      }),
    );
  }
  return undefined;
}

async function readControlAreas(dir: string, issues: ScenarioIssue[]): Promise<ControlAreaFeature[]> {
  if (!existsSync(join(dir, CONTROL_AREAS_FILE))) return [];
  const json = await readJson(join(dir, CONTROL_AREAS_FILE), CONTROL_AREAS_FILE, issues);
  if (json === undefined) return [];
  const parsed = controlAreasSchema.safeParse(json);
  if (parsed.success) return parsed.data.features;
  for (const problem of parsed.error.issues) {
    issues.push(
      issue('error', 'invalid-geojson', CONTROL_AREAS_FILE, problem.message, {
        column: problem.path.join('.') || undefined,
      }),
    );
  }
  return [];
}
