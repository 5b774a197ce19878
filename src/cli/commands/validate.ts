// `safepassage validate DIR`: checks a scenario folder and prints a one-line summary or every problem found.

import { type ScenarioSummary, summarise } from '../../core/scenario/scenario.ts';
import { loadScenario } from '../../io/scenario/load-scenario.ts';
import type { CommandRegistration } from '../command.ts';
import { EXIT } from '../exit-codes.ts';
import { plural, printIssues } from '../format.ts';

/** "1,012 people in 254 households, 38 checkpoints (12 closed), …". */
export function describeSummary(s: ScenarioSummary): string {
  return [
    `${plural(s.people, 'person', 'people')} in ${plural(s.households, 'household')} (${plural(s.volunteers, 'volunteer')})`,
    plural(s.places, 'place'),
    plural(s.roads, 'road link'),
    `${plural(s.checkpoints, 'checkpoint')} (${s.checkpointsClosed} closed)`,
    plural(s.exits, 'exit'),
    `${plural(s.vehicles, 'vehicle')} (${plural(s.seats, 'seat')})`,
    plural(s.countries, 'partner country', 'partner countries'),
    plural(s.fieldReports, 'field report'),
  ].join(', ');
}

export const registerValidate: CommandRegistration = (program, run) => {
  program
    .command('validate')
    .description('Check a scenario folder; list every problem as file:row:column: message.')
    .argument('<dir>', 'scenario folder')
    .option('--json', 'print the result as JSON')
    .action(
      run(async (dir: string, options: { json?: boolean }) => {
        const loaded = await loadScenario(dir);
        const summary = loaded.scenario ? summarise(loaded.scenario) : undefined;
        if (options.json) {
          process.stdout.write(
            `${JSON.stringify({ valid: loaded.errorCount === 0, summary, issues: loaded.issues }, null, 2)}\n`,
          );
        } else if (summary) {
          printIssues(loaded.issues);
          process.stdout.write(`valid: ${describeSummary(summary)}\n`);
        } else {
          printIssues(loaded.issues);
          process.stderr.write(`invalid: ${plural(loaded.errorCount, 'error')} in ${dir}\n`);
        }
        return loaded.errorCount === 0 ? EXIT.ok : EXIT.invalidInput;
      }),
    );
};
