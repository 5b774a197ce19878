// `safepassage triage DIR`: who is in imminent danger and why, per household and person, with what would change each level.
import { loadScenario } from '../../io/scenario/load-scenario.ts';
import { runTriage } from '../../pipeline/stages/triage-stage.ts';
import type { CommandRegistration } from '../command.ts';
import { EXIT } from '../exit-codes.ts';
import { count, plural, printIssues, table } from '../format.ts';

export const registerTriage: CommandRegistration = (program, run) => {
  program
    .command('triage')
    .description('Danger level of every household and person, with each factor and what would change the level.')
    .argument('<dir>', 'scenario folder')
    .option('--json', 'print every household with its members, factors and level changes as JSON')
    .option('--limit <n>', 'households to list (most endangered first)', '20')
    .action(
      run(async (dir: string, options: { json?: boolean; limit: string }) => {
        const loaded = await loadScenario(dir);
        if (!loaded.scenario) {
          printIssues(loaded.issues);
          process.stderr.write(`invalid: ${plural(loaded.errorCount, 'error')} in ${dir}\n`);
          return EXIT.invalidInput;
        }
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 0) {
          process.stderr.write(`--limit must be a whole number, not "${options.limit}"\n`);
          return EXIT.usage;
        }
        const triage = runTriage(loaded.scenario);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(triage, null, 2)}\n`);
          return EXIT.ok;
        }
        const levels = ['imminent', 'high', 'medium', 'low'] as const;
        process.stdout.write(
          `${table([
            ['', ...levels],
            ['people', ...levels.map((l) => count(triage.persons_by_level[l]))],
            ['households', ...levels.map((l) => count(triage.households_by_level[l]))],
          ])}\n\n`,
        );
        const rows = [['rank', 'household', 'level', 'score', 'why (points)', 'what would change it']];
        triage.households.slice(0, limit).forEach((h, i) => {
          const top = h.members[0]!;
          const why = [
            ...top.factors.map((f) => `${f.factor} ${f.points}`),
            ...h.factors.filter((f) => f.factor === 'dependents').map((f) => `dependents ${f.points}`),
          ];
          // The household's level is its most endangered member's (plus dependents): that member's factors decide it.
          const up =
            h.change.pointsToNextLevel !== undefined ? `+${h.change.pointsToNextLevel} → ${h.change.nextLevel}` : '';
          const down = top.change.droppedBy.map((d) => `without ${d.factor} → ${d.levelWithout}`).join('; ');
          const change = [up, down].filter(Boolean).join('; ') || 'no single factor changes it';
          rows.push([String(i + 1), h.householdId, h.level, String(h.score), why.join(', '), change]);
        });
        process.stdout.write(`${table(rows)}\n`);
        if (triage.households.length > limit)
          process.stdout.write(`… ${count(triage.households.length - limit)} more (--limit, or --json for all)\n`);
        return EXIT.ok;
      }),
    );
};
