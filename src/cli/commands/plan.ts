// `safepassage plan DIR`: validates a scenario, runs every planning stage and prints (or writes) the plan.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AllocationProblem } from '../../core/allocation/types.ts';
import { writeCountryLists } from '../../io/allocation/country-lists.ts';
import { writePlanManifests } from '../../io/manifests/plan-manifests.ts';
import { loadScenario } from '../../io/scenario/load-scenario.ts';
import { runPlan } from '../../pipeline/plan.ts';
import type { AllocationSection } from '../../pipeline/stages/allocation-stage.ts';
import type { SchedulingRun } from '../../pipeline/stages/scheduling-stage.ts';
import type { CommandRegistration } from '../command.ts';
import { EXIT } from '../exit-codes.ts';
import { plural, printIssues } from '../format.ts';
import { printPlan } from './plan-print.ts';
import { describeSummary } from './validate.ts';

export const registerPlan: CommandRegistration = (program, run) => {
  program
    .command('plan')
    .description('Plan the evacuation of a scenario: triage, routes, schedule, resettlement.')
    .argument('<dir>', 'scenario folder')
    .option('--json', 'print the plan as JSON')
    .option('--out <dir>', 'write plan.json (and manifests) into this folder')
    .action(
      run(async (dir: string, options: { json?: boolean; out?: string }) => {
        const loaded = await loadScenario(dir);
        if (!loaded.scenario) {
          printIssues(loaded.issues);
          process.stderr.write(`invalid: ${plural(loaded.errorCount, 'error')} in ${dir}; nothing was planned\n`);
          return EXIT.invalidInput;
        }
        const warnings = loaded.issues.length - loaded.errorCount;
        if (warnings > 0 && !options.json) {
          process.stderr.write(`${plural(warnings, 'warning')} in the scenario (see: safepassage validate ${dir})\n`);
        }
        const progress = (stage: string, message: string) => {
          if (process.stderr.isTTY && !options.json) process.stderr.write(`[${stage}] ${message}\n`);
        };
        let scheduling: SchedulingRun | undefined;
        let allocation: { problem: AllocationProblem; section: AllocationSection } | undefined;
        const plan = await runPlan(loaded.scenario, {
          scenarioDir: dir,
          progress,
          onSchedule: (s) => (scheduling = s),
          onAllocation: (problem, section) => (allocation = { problem, section }),
        });
        let manifests: string[] = [];
        if (options.out) {
          await mkdir(options.out, { recursive: true });
          await writeFile(join(options.out, 'plan.json'), `${JSON.stringify(plan, null, 2)}\n`);
          if (scheduling) {
            const { schedule, clock } = scheduling;
            manifests = await writePlanManifests(
              join(options.out, 'manifests'),
              loaded.scenario,
              schedule,
              clock.toIso,
            );
          }
          if (allocation) {
            const lists = await writeCountryLists(
              join(options.out, 'countries'),
              allocation.section,
              allocation.problem,
              {
                createdBy: 'safepassage plan',
                createdAt: loaded.scenario.manifest.start_time,
                purpose: 'resettlement allocation for the receiving state',
                sensitivity: 'strictly confidential',
              },
            );
            manifests = [...manifests, ...lists];
          }
        }
        if (options.json) process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
        else {
          process.stdout.write(`${plan.scenario.name}\n${describeSummary(plan.summary)}\n`);
          printPlan(plan, process.stdout);
          if (options.out) {
            process.stdout.write(`\nwritten: ${join(options.out, 'plan.json')}`);
            process.stdout.write(
              manifests.length ? `, ${manifests.length} manifests and country lists in ${options.out}\n` : '\n',
            );
          }
        }
        return EXIT.ok;
      }),
    );
};
