// `safepassage allocate DIR`: households to partner countries, proven optimal, explained; caseworker overrides from a file.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Override } from '../../core/allocation/types.ts';
import { writeCountryLists } from '../../io/allocation/country-lists.ts';
import { loadScenario } from '../../io/scenario/load-scenario.ts';
import { readDelimited } from '../../io/tables/read-table.ts';
import { runAllocation } from '../../pipeline/stages/allocation-stage.ts';
import { runTriage } from '../../pipeline/stages/triage-stage.ts';
import type { CommandRegistration } from '../command.ts';
import { EXIT } from '../exit-codes.ts';
import { count, plural, printIssues, table } from '../format.ts';

const overrideSchema = z.object({
  household: z.string().min(1),
  country: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .transform((s) => s.toUpperCase()),
  kind: z.enum(['pin', 'forbid']),
  note: z.string().optional(),
});

/** Overrides from JSON (a list of {household, country, kind, note?}) or CSV (the same columns). */
export async function readOverrides(
  path: string,
): Promise<{ ok: true; value: Override[] } | { ok: false; message: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, message: `${path}: cannot read (${(error as NodeJS.ErrnoException).code})` };
  }
  let rows: { row: number; value: unknown }[];
  if (text.trimStart().startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return { ok: false, message: `${path}: not valid JSON (${(error as Error).message})` };
    }
    rows = (Array.isArray(json) ? json : []).map((value, i) => ({ row: i + 1, value }));
  } else {
    const raw = readDelimited(Buffer.from(text, 'utf8'), path);
    rows = raw.rows.map((r) => ({
      row: r.rowNumber,
      value: Object.fromEntries(raw.header.map((h, i) => [h.trim().toLowerCase(), r.cells[i] || undefined])),
    }));
  }
  const overrides: Override[] = [];
  for (const { row, value } of rows) {
    const parsed = overrideSchema.safeParse(value);
    if (!parsed.success) {
      const problem = parsed.error.issues[0]!;
      return { ok: false, message: `${path}:${row}:${String(problem.path[0] ?? '')}: ${problem.message}` };
    }
    const { note, ...rest } = parsed.data;
    overrides.push({ ...rest, ...(note ? { note } : {}) });
  }
  return { ok: true, value: overrides };
}

export const registerAllocate: CommandRegistration = (program, run) => {
  program
    .command('allocate')
    .description('Allocate households to partner countries under quotas and vetting; proven optimal and explained.')
    .argument('<dir>', 'scenario folder')
    .option('--override <file>', 'caseworker overrides: CSV or JSON with household, country, kind (pin|forbid), note')
    .option('--out <dir>', 'write the printable list of each country (CSV and HTML)')
    .option('--time-limit <s>', 'solver time limit in seconds', '30')
    .option('--json', 'print the allocation as JSON')
    .action(
      run(async (dir: string, options: { override?: string; out?: string; timeLimit: string; json?: boolean }) => {
        const loaded = await loadScenario(dir);
        if (!loaded.scenario) {
          printIssues(loaded.issues);
          return EXIT.invalidInput;
        }
        const timeLimitS = Number(options.timeLimit);
        if (!(timeLimitS > 0)) {
          process.stderr.write(`--time-limit must be a positive number of seconds, not "${options.timeLimit}"\n`);
          return EXIT.usage;
        }
        let overrides: Override[] = [];
        if (options.override) {
          const read = await readOverrides(options.override);
          if (!read.ok) {
            process.stderr.write(`${read.message}\n`);
            return EXIT.invalidInput;
          }
          overrides = read.value;
        }
        const triage = runTriage(loaded.scenario);
        const levels = new Map(triage.households.map((h) => [h.householdId, h.level]));
        const result = await runAllocation(loaded.scenario, levels, overrides, timeLimitS);
        if (!result.ok) {
          process.stderr.write(`${result.message}\n`);
          return EXIT.invalidInput;
        }
        const a = result.section;
        if (options.out) {
          await writeCountryLists(options.out, a, result.problem, {
            createdBy: 'safepassage allocate',
            createdAt: loaded.scenario.manifest.start_time,
            purpose: 'resettlement allocation for the receiving state',
            sensitivity: 'strictly confidential',
          });
        }
        if (options.json) {
          process.stdout.write(`${JSON.stringify(a, null, 2)}\n`);
          return EXIT.ok;
        }
        const proof = a.status === 'optimal' ? 'proven optimal' : `${a.status}, gap ${(a.gap * 100).toFixed(3)} %`;
        process.stdout.write(
          `${plural(a.assignments.length, 'household')} placed: ${proof} (objective ${count(a.objective)}, bound ${count(a.bound)})\n\n`,
        );
        const rows = [['household', 'country', 'people', 'score', 'why']];
        for (const x of a.assignments) {
          const why = x.reasons
            .map((r) => r.message)
            .slice(0, 3)
            .join('; ');
          rows.push([x.household, x.country, String(x.persons), count(x.score), why]);
        }
        process.stdout.write(`${table(rows)}\n`);
        for (const u of a.unplaced)
          process.stdout.write(`not placed: ${u.household} (${u.persons} people): ${u.reason}\n`);
        if (a.overrides) {
          process.stdout.write(
            `\noverrides: ${a.overrides.applied.length} applied; they cost ${count(-a.overrides.objective_delta)} points\n`,
          );
          for (const m of a.overrides.moved)
            process.stdout.write(`  ${m.household}: ${m.from ?? 'unplaced'} → ${m.to ?? 'unplaced'}\n`);
        }
        if (options.out) process.stdout.write(`\nlists per country written to ${options.out}\n`);
        return EXIT.ok;
      }),
    );
};
