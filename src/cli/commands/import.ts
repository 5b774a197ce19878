// `safepassage import FILE… --scenario DIR`: adds field teams' people lists to a scenario, reporting every rejected row.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { DateOrder } from '../../core/registry/field-dates.ts';
import { importPeople } from '../../io/registry/import-people.ts';
import type { CommandRegistration } from '../command.ts';
import { EXIT } from '../exit-codes.ts';
import { count, plural, printIssues, table } from '../format.ts';

const mappingSchema = z.record(z.string(), z.string());

export const registerImport: CommandRegistration = (program, run) => {
  program
    .command('import')
    .description("Import people lists (CSV/XLSX) into a scenario's people file; valid rows go in, bad rows are listed.")
    .argument('<files...>', 'field lists, .csv or .xlsx')
    .requiredOption('--scenario <dir>', 'scenario folder to import into')
    .option(
      '--mapping <file>',
      'JSON object {"header in the list": "people column"} for headers that are not recognised',
    )
    .option(
      '--date-order <order>',
      'how to read slash dates such as 03/07/1985: dmy or mdy (otherwise ambiguous ones are refused)',
    )
    .option('--source-list <name>', 'source_list for rows that do not name one (default: the file name)')
    .option('--dry-run', 'check and report, write nothing')
    .option('--json', 'print the report as JSON')
    .action(
      run(
        async (
          files: string[],
          options: {
            scenario: string;
            mapping?: string;
            dateOrder?: string;
            sourceList?: string;
            dryRun?: boolean;
            json?: boolean;
          },
        ) => {
          if (options.dateOrder !== undefined && options.dateOrder !== 'dmy' && options.dateOrder !== 'mdy') {
            process.stderr.write(`--date-order must be dmy or mdy, not "${options.dateOrder}"\n`);
            return EXIT.usage;
          }
          let mapping: Record<string, string> | undefined;
          if (options.mapping) {
            const parsed = mappingSchema.safeParse(
              await readFile(options.mapping, 'utf8').then(JSON.parse, () => undefined),
            );
            if (!parsed.success) {
              process.stderr.write(`${options.mapping}: not a JSON object of "header": "column" pairs\n`);
              return EXIT.invalidInput;
            }
            mapping = parsed.data;
          }
          const report = await importPeople(files, options.scenario, {
            ...(mapping ? { mapping } : {}),
            ...(options.dateOrder ? { dateOrder: options.dateOrder as DateOrder } : {}),
            ...(options.sourceList ? { sourceList: options.sourceList } : {}),
            ...(options.dryRun ? { dryRun: true } : {}),
          });
          if (options.json) {
            process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
          } else {
            printIssues(report.issues);
            if (!report.scenarioValid) {
              process.stderr.write(
                `the scenario ${options.scenario} is invalid; fix it first (safepassage validate ${options.scenario})\n`,
              );
            }
            for (const f of report.files) {
              process.stdout.write(
                `\n${f.file}: ${plural(f.rows, 'row')}, ${count(f.accepted)} accepted, ${count(f.rejected)} rejected\n`,
              );
              const rows = f.headers.map((h) => [h.header, h.column ?? '(ignored)', h.how === 'ignored' ? '' : h.how]);
              process.stdout.write(`${table([['header', 'column', 'matched by'], ...rows])}\n`);
              if (f.changes.length > 0)
                process.stdout.write(`${plural(f.changes.length, 'cell')} normalised (dates, phones)\n`);
            }
            const where = report.peopleFile ? ` to ${options.scenario}/${report.peopleFile}` : '';
            process.stdout.write(
              `\n${options.dryRun ? 'dry run: nothing written' : `${plural(report.written, 'person', 'people')} written${where}`}\n`,
            );
          }
          if (!report.scenarioValid) return EXIT.invalidInput;
          return report.issues.some((i) => i.severity === 'error') ? EXIT.invalidInput : EXIT.ok;
        },
      ),
    );
};
