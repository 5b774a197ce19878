// `safepassage dedupe FILE… | --scenario DIR`: the people entered more than once, with the evidence for each merge.
import { basename } from 'node:path';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { PersonRecord } from '../../core/matching/person-record.ts';
import { convertFieldList } from '../../core/registry/field-list.ts';
import { formatIssue, type ScenarioIssue } from '../../core/scenario/issues.ts';
import { parseTable } from '../../core/scenario/parse-table.ts';
import type { Person } from '../../core/scenario/scenario.ts';
import { peopleTable } from '../../core/scenario/tables.ts';
import { loadScenario } from '../../io/scenario/load-scenario.ts';
import { readTable } from '../../io/tables/read-table.ts';
import { toPersonRecord } from '../../pipeline/adapters/people.ts';
import { dedupeRecords } from '../../pipeline/stages/dedupe-stage.ts';
import type { CommandRegistration } from '../command.ts';
import { EXIT } from '../exit-codes.ts';
import { count, plural, printIssues } from '../format.ts';

export const registerDedupe: CommandRegistration = (program, run) => {
  program
    .command('dedupe')
    .description('Find people entered more than once (across lists and spellings), with confidence and reasons.')
    .argument('[files...]', 'people lists (.csv or .xlsx) to compare with each other')
    .option('--scenario <dir>', "compare the scenario's people (and the files, if given)")
    .option('--json', 'print clusters and the review queue as JSON')
    .action(
      run(async (files: string[], options: { scenario?: string; json?: boolean }) => {
        if (files.length === 0 && options.scenario === undefined) {
          process.stderr.write('give people lists, or --scenario DIR\n');
          return EXIT.usage;
        }
        const records: PersonRecord[] = [];
        const issues: ScenarioIssue[] = [];
        if (options.scenario) {
          const loaded = await loadScenario(options.scenario);
          if (!loaded.scenario) {
            printIssues(loaded.issues);
            return EXIT.invalidInput;
          }
          records.push(...loaded.scenario.people.map(toPersonRecord));
        }
        for (const path of files) {
          const raw = await readTable(path, basename(path));
          if (!raw.ok) {
            process.stderr.write(`${basename(path)}: cannot read the file: ${raw.error.reason}\n`);
            return EXIT.invalidInput;
          }
          const converted = convertFieldList(raw.value);
          // A list without household ids can still be compared: each row is then its own household.
          const householdColumn = converted.table.header.indexOf('household_id');
          const table = {
            ...converted.table,
            rows: converted.table.rows.map((r) => ({
              ...r,
              cells: r.cells.map((c, i) => (i === householdColumn && c === '' ? `row-${r.rowNumber}` : c)),
            })),
          };
          const parsed = parseTable(peopleTable, table);
          // A date that could not be read only costs the matcher one field; a row the schema refuses is left out.
          for (const i of converted.issues) process.stderr.write(`${formatIssue(i)} (field ignored)\n`);
          issues.push(...parsed.issues);
          for (const row of parsed.rows) {
            // Records from lists are named file:row so that every source row stays traceable.
            const phone = row.phone ? parsePhoneNumberFromString(row.phone, 'SY')?.number : undefined;
            const person = {
              ...row,
              person_id: `${basename(path)}:${row._row}`,
              resolved_location: { lat: Number.NaN, lon: Number.NaN },
            } as Person;
            records.push({
              ...toPersonRecord({ ...person, ...(phone ? { phone_e164: phone } : {}) }),
              location: { kind: 'place', placeId: row.location.toLowerCase() },
            });
          }
        }
        const skipped = issues.filter((i) => i.severity === 'error');
        for (const i of skipped) process.stderr.write(`${formatIssue(i)} (row left out)\n`);
        const { section } = dedupeRecords(records);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(section, null, 2)}\n`);
          return EXIT.ok;
        }
        process.stdout.write(
          `${count(section.records)} records are ${count(section.persons)} people; ${plural(section.duplicates.length, 'person')} entered more than once; ${plural(section.review.length, 'pair')} to review\n`,
        );
        for (const c of section.duplicates) {
          process.stdout.write(`\n${c.recordIds.join(' = ')}  (confidence ${Math.round(c.confidence * 100)} %)\n`);
          for (const m of c.merges) {
            for (const r of m.reasons)
              process.stdout.write(
                `    ${r.contribution >= 0 ? '+' : ''}${r.contribution.toFixed(1)}  ${r.field}: ${r.evidence}\n`,
              );
          }
        }
        if (section.review.length > 0) {
          process.stdout.write('\nto review (a person decides):\n');
          for (const p of section.review.slice(0, 20))
            process.stdout.write(`  ${p.a} ? ${p.b}  score ${p.score.toFixed(1)} (${p.why})\n`);
        }
        return EXIT.ok;
      }),
    );
};
