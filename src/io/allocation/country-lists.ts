// Printable per-country lists of an allocation: one CSV and one HTML page per receiving country, stamped.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { AllocationPlan, AllocationProblem, Assignment } from '../../core/allocation/types.ts';
import { writeFileAtomic } from '../tables/atomic-write.ts';
import { toCsv } from '../tables/write-csv.ts';

/** Who made the list, for whom, why, and when: printed on every page (DOMAIN.md: every export is stamped). */
export interface ListStamp {
  readonly createdBy: string;
  /** ISO 8601 time, passed in (no clock here). */
  readonly createdAt: string;
  readonly purpose: string;
  readonly sensitivity: 'public' | 'restricted' | 'confidential' | 'strictly confidential';
}

const HEADER = ['household', 'persons', 'medical_needs', 'school_age', 'languages', 'priority', 'score', 'why'];

/** The rows of one country's list, in household id order; only what a receiving state needs to plan arrival. */
function countryRows(plan: AllocationPlan, problem: AllocationProblem, country: string): string[][] {
  const byId = new Map(problem.households.map((household) => [household.id, household]));
  return plan.assignments
    .filter((assignment) => assignment.country === country)
    .sort((a, b) => a.household.localeCompare(b.household))
    .map((assignment) => {
      const household = byId.get(assignment.household)!;
      return [
        household.id,
        String(household.size),
        String(household.needs.medicalCount),
        String(household.needs.schoolAgeCount),
        household.languages.join(' '),
        String(household.priorityWeight),
        String(assignment.score),
        mainReasons(assignment),
      ];
    });
}

function mainReasons(assignment: Assignment): string {
  return assignment.reasons
    .filter((reason) => reason.kind !== 'factor' || reason.factor !== 'priority')
    .map((reason) => reason.message)
    .join('; ');
}

/** @example countryListCsv(plan, problem, 'CAN', stamp) */
export function countryListCsv(
  plan: AllocationPlan,
  problem: AllocationProblem,
  country: string,
  stamp: ListStamp,
): string {
  const note = `# ${stamp.sensitivity.toUpperCase()} - ${country} - ${stamp.purpose} - ${stamp.createdBy} - ${stamp.createdAt}\n`;
  return note + toCsv(HEADER, countryRows(plan, problem, country));
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** A self-contained page that prints cleanly (A4, repeated header row, watermark with who and when). */
export function countryListHtml(
  plan: AllocationPlan,
  problem: AllocationProblem,
  country: string,
  stamp: ListStamp,
): string {
  const rows = countryRows(plan, problem, country);
  const name = problem.countries.find((c) => c.code === country)?.name ?? country;
  const persons = rows.reduce((total, row) => total + Number(row[1]), 0);
  const stampLine = `${stamp.sensitivity.toUpperCase()} · ${stamp.purpose} · ${stamp.createdBy} · ${stamp.createdAt}`;
  const cells = (row: readonly string[], tag: 'td' | 'th'): string =>
    `<tr>${row.map((cell) => `<${tag}>${escapeHtml(cell)}</${tag}>`).join('')}</tr>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(`${name} (${country}) resettlement list`)}</title>
<style>
@page { size: A4; margin: 15mm; }
body { font-family: sans-serif; font-size: 10pt; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 2px 4px; text-align: start; vertical-align: top; }
thead { display: table-header-group; }
.stamp { font-weight: bold; }
.watermark { position: fixed; top: 45%; left: 0; right: 0; text-align: center; font-size: 28pt; opacity: 0.12; transform: rotate(-30deg); pointer-events: none; }
</style></head><body>
<div class="watermark">${escapeHtml(`${stamp.createdBy} ${stamp.createdAt}`)}</div>
<p class="stamp">${escapeHtml(stampLine)}</p>
<h1>${escapeHtml(`${name} (${country})`)}</h1>
<p>${rows.length} household(s), ${persons} person(s). Plan status: ${escapeHtml(plan.status)}, gap ${plan.gap}.</p>
<table><thead>${cells(HEADER, 'th')}</thead><tbody>
${rows.map((row) => cells(row, 'td')).join('\n')}
</tbody></table>
</body></html>
`;
}

/** Writes `<code>.csv` and `<code>.html` for every country with at least one household; returns the paths written. */
export async function writeCountryLists(
  dir: string,
  plan: AllocationPlan,
  problem: AllocationProblem,
  stamp: ListStamp,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  const countries = [...new Set(plan.assignments.map((assignment) => assignment.country))].sort();
  for (const country of countries) {
    const csvPath = path.join(dir, `${country}.csv`);
    const htmlPath = path.join(dir, `${country}.html`);
    await writeFileAtomic(csvPath, countryListCsv(plan, problem, country, stamp));
    await writeFileAtomic(htmlPath, countryListHtml(plan, problem, country, stamp));
    written.push(csvPath, htmlPath);
  }
  return written;
}
