// `safepassage schedule DIR`: convoys through the exits' windows with the proven bound; events replayed; manifests written.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writePlanManifests } from '../../io/manifests/plan-manifests.ts';
import { loadScenario } from '../../io/scenario/load-scenario.ts';
import { parseEvent } from '../../pipeline/events.ts';
import { runPlan } from '../../pipeline/plan.ts';
import type { PlanEvent, SchedulingRun } from '../../pipeline/stages/scheduling-stage.ts';
import type { CommandRegistration } from '../command.ts';
import { EXIT } from '../exit-codes.ts';
import { printIssues } from '../format.ts';
import { printSchedule } from './plan-print.ts';

export const registerSchedule: CommandRegistration = (program, run) => {
  program
    .command('schedule')
    .description('Schedule convoys (most endangered first) through exits and their windows, with the lower bound.')
    .argument('<dir>', 'scenario folder')
    .option('--event <text...>', 'replay an event, e.g. "checkpoint cp-03 closed at 02:10", "exit X window FROM/TO"')
    .option('--events <file>', 'a text file of events, one per line')
    .option('--out <dir>', 'write the convoy and exit-slot manifests (CSV) here')
    .option('--json', 'print the schedule as JSON')
    .action(
      run(async (dir: string, options: { event?: string[]; events?: string; out?: string; json?: boolean }) => {
        const loaded = await loadScenario(dir);
        if (!loaded.scenario) {
          printIssues(loaded.issues);
          return EXIT.invalidInput;
        }
        const texts = [...(options.event ?? [])];
        if (options.events) {
          const content = await readFile(options.events, 'utf8').catch(() => undefined);
          if (content === undefined) {
            process.stderr.write(`${options.events}: cannot read the file\n`);
            return EXIT.invalidInput;
          }
          texts.push(...content.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#')));
        }
        const events: PlanEvent[] = [];
        for (const [i, text] of texts.entries()) {
          const parsed = parseEvent(text, loaded.scenario, i + 1);
          if ('message' in parsed) {
            process.stderr.write(`event "${parsed.text}": ${parsed.message}\n`);
            return EXIT.invalidInput;
          }
          events.push(parsed);
        }
        let scheduling: SchedulingRun | undefined;
        const plan = await runPlan(loaded.scenario, { scenarioDir: dir, events, onSchedule: (s) => (scheduling = s) });
        if (!plan.schedule || !scheduling) {
          process.stderr.write(`nothing could be scheduled: ${plan.problems.join('; ') || 'no routing'}\n`);
          return EXIT.invalidInput;
        }
        if (options.out) {
          const { schedule, clock } = scheduling as SchedulingRun;
          const files = await writePlanManifests(join(options.out), loaded.scenario, schedule, clock.toIso);
          if (!options.json) process.stdout.write(`${files.length} manifests written to ${options.out}\n`);
        }
        if (options.json) process.stdout.write(`${JSON.stringify(plan.schedule, null, 2)}\n`);
        else printSchedule(plan, process.stdout);
        return EXIT.ok;
      }),
    );
};
