// Quota priors from UNHCR resettlement statistics: Syrian-origin resettlement arrivals per country and year.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

/** Persons resettled in one country (ISO 3166 alpha-3) in the year asked for. */
export interface QuotaPrior {
  readonly country: string;
  readonly name: string;
  readonly persons: number;
}

/** The file, relative to the shared data folder, that `quotaPriors2018` reads. */
export const SYRIA_SOLUTIONS_FILE = 'unhcr-resettlement/unhcr_solutions_syria_origin.csv';

/**
 * Resettlement arrivals of Syrian-origin refugees per receiving country in `year`, largest first (pure: takes the
 * CSV text of `unhcr_solutions_syria_origin.csv` or the full solutions table; rows of other origins are skipped).
 * @example resettlementArrivals(csvText, 2018)[0] // { country: 'CAN', name: 'Canada', persons: 10694 }
 */
export function resettlementArrivals(csvText: string, year: number): QuotaPrior[] {
  const rows: Record<string, string>[] = parse(csvText, { columns: true, bom: true, skip_empty_lines: true });
  const byCountry = new Map<string, QuotaPrior>();
  for (const row of rows) {
    if (Number(row.year) !== year || row.coo_iso !== 'SYR') continue;
    const persons = Number(row.resettlement);
    const country = row.coa_iso;
    if (!Number.isFinite(persons) || persons <= 0 || country === undefined) continue;
    const previous = byCountry.get(country)?.persons ?? 0;
    byCountry.set(country, { country, name: row.coa_name ?? country, persons: previous + persons });
  }
  return [...byCountry.values()].sort((a, b) => b.persons - a.persons || a.country.localeCompare(b.country));
}

/** The 2018 priors (the southern Syria evacuation's year). @example quotaPriors2018(csvText).slice(0, 3) */
export function quotaPriors2018(csvText: string): QuotaPrior[] {
  return resettlementArrivals(csvText, 2018);
}

/** The shared data folder: SAFEPASSAGE_DATA, else `../shared/data` beside the repository. */
export function sharedDataDir(): string {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  return process.env.SAFEPASSAGE_DATA ?? path.resolve(repo, '..', 'shared', 'data');
}

/** Reads the UNHCR file from the shared data folder and returns its 2018 priors. */
export async function readQuotaPriors2018(dataDir: string = sharedDataDir()): Promise<QuotaPrior[]> {
  return quotaPriors2018(await readFile(path.join(dataDir, SYRIA_SOLUTIONS_FILE), 'utf8'));
}
