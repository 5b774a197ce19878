// `safepassage status DIR --events FILE…`: merges field devices' event logs and prints where everyone is.
import { readFile } from 'node:fs/promises';
import {
  type ConvoyAssignment,
  convoyKey,
  deriveStatuses,
  mergeLogs,
  type PersonStatus,
  reconcile,
  STATUSES,
  type StatusEvent,
  type SyncConflict,
} from '../../core/operation/index.ts';
import { parseEventLog } from '../../io/instructions/event-log.ts';
import { loadScenario } from '../../io/scenario/load-scenario.ts';
import { runPlan } from '../../pipeline/plan.ts';
import { planFromStatus, type StatusReplanSection } from '../../pipeline/replan-from-status.ts';
import type { CommandRegistration } from '../command.ts';
import { EXIT } from '../exit-codes.ts';
import { count, plural, printIssues, table } from '../format.ts';

export const registerStatus: CommandRegistration = (program, run) => {
  program
    .command('status')
    .description('Merge the event logs of field devices and print every status, per convoy and exit, and conflicts.')
    .argument('<dir>', 'scenario folder')
    .requiredOption('--events <files...>', 'event logs (JSON lines), one per device')
    .option('--json', 'print the merge, the statuses and the reconciliation as JSON')
    .option(
      '--replan-at <time>',
      're-plan from the events up to this time (ISO 8601 with offset): out stays out, boarded keeps its vehicle',
    )
    .action(
      run(async (dir: string, options: { events: string[]; json?: boolean; replanAt?: string }) => {
        const loaded = await loadScenario(dir);
        if (!loaded.scenario) {
          printIssues(loaded.issues);
          return EXIT.invalidInput;
        }
        const logs: StatusEvent[][] = [];
        for (const file of options.events) {
          const content = await readFile(file, 'utf8').catch(() => undefined);
          if (content === undefined) {
            process.stderr.write(`${file}: cannot read the file\n`);
            return EXIT.invalidInput;
          }
          const parsed = parseEventLog(content, file);
          if (parsed.errors.length > 0) {
            for (const e of parsed.errors) process.stderr.write(`${e.file}:${e.line}: ${e.message}\n`);
            return EXIT.invalidInput;
          }
          logs.push(parsed.events);
        }
        const scenario = loaded.scenario;
        const plan = await runPlan(scenario, { scenarioDir: dir });
        const convoys: readonly ConvoyAssignment[] = plan.schedule?.convoys ?? [];
        const allocation = new Map((plan.allocation?.assignments ?? []).map((a) => [a.household, a.country]));
        const merged = mergeLogs(logs);
        const personIds = scenario.people.map((p) => p.person_id);
        const states = deriveStatuses(merged.events, personIds);
        const known = new Set(personIds);
        const unknownPersons = [...states.keys()].filter((id) => !known.has(id));
        const report = reconcile(scenario, convoys, states, allocation);
        const byConvoy = convoys.map((c) => {
          const members = c.households.flatMap(
            (h) => scenario.households.find((x) => x.household_id === h.household_id)?.member_ids ?? [],
          );
          const counts: Partial<Record<PersonStatus, number>> = {};
          for (const id of members) {
            const s = states.get(id)?.status ?? 'not_contacted';
            counts[s] = (counts[s] ?? 0) + 1;
          }
          return {
            convoy: convoyKey(c),
            assembly_point: c.assembly_point,
            boards_at: c.boards_at,
            exit: c.exit,
            planned: members.length,
            ...counts,
          };
        });

        let replan: StatusReplanSection | undefined;
        if (options.replanAt !== undefined) {
          const replanned = await planFromStatus(scenario, {
            scenarioDir: dir,
            events: merged.events,
            at: options.replanAt,
          });
          if (!replanned.ok) {
            process.stderr.write(
              replanned.error.kind === 'bad-time'
                ? `--replan-at: not a time with an offset: ${options.replanAt} (e.g. 2018-07-21T23:00+03:00)\n`
                : `cannot re-plan: ${replanned.error.message}\n`,
            );
            return replanned.error.kind === 'bad-time' ? EXIT.usage : EXIT.invalidInput;
          }
          replan = replanned.value.summary;
        }

        if (options.json) {
          const output = {
            events: merged.events.length,
            repeated: merged.repeated,
            conflicts: merged.conflicts,
            unknown_persons: unknownPersons,
            by_status: report.byStatus,
            by_convoy: byConvoy,
            reconciliation: report,
            ...(replan ? { replan } : {}),
          };
          process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
          return EXIT.ok;
        }
        const out = process.stdout;
        out.write(`${plural(merged.events.length, 'event')} from ${plural(options.events.length, 'log')}`);
        out.write(` (${count(merged.repeated)} received more than once, counted once)\n\n`);
        out.write(`${table([['status', 'persons'], ...STATUSES.map((s) => [s, count(report.byStatus[s] ?? 0)])])}\n\n`);
        const shown: PersonStatus[] = ['at_assembly_point', 'boarded', 'crossed', 'missing'];
        out.write(
          `${table([
            ['convoy', 'assembly point', 'boards at', 'exit', 'planned', ...shown],
            ...byConvoy.map((c) => [
              c.convoy,
              c.assembly_point,
              c.boards_at.slice(11, 16),
              c.exit,
              String(c.planned),
              ...shown.map((s) => String((c as Partial<Record<PersonStatus, number>>)[s] ?? 0)),
            ]),
          ])}\n\n`,
        );
        const totalsHeader = [
          'planned',
          'crossed',
          'arrived',
          'missing',
          'detained',
          'turned_back',
          'declined',
          'other',
        ] as const;
        out.write(
          `${table([['exit', ...totalsHeader], ...report.byExit.map((t) => [t.exit, ...totalsHeader.map((k) => String(t[k]))])])}\n\n`,
        );
        out.write(
          `${table([['pledge', ...totalsHeader], ...report.byCountry.map((t) => [t.country, ...totalsHeader.map((k) => String(t[k]))])])}\n\n`,
        );
        const notOut = report.persons.filter((p) => p.outcome === 'not_out');
        for (const p of notOut) out.write(`not out: ${p.person_id} (${p.household_id}) ${p.reason}\n`);
        const split = report.households.filter((h) => h.split);
        if (split.length > 0)
          out.write(`households whose members differ: ${split.map((h) => h.household_id).join(', ')}\n`);
        if (unknownPersons.length > 0)
          out.write(`events for people not in the scenario: ${unknownPersons.join(', ')}\n`);
        out.write(`${plural(merged.conflicts.length, 'conflict')}\n`);
        for (const c of merged.conflicts) out.write(`  ${describeConflict(c)}\n`);
        if (replan) out.write(`\n${describeReplan(replan)}`);
        return EXIT.ok;
      }),
    );
};

/** The re-plan summary: what stays, what changed, who is newly stranded, whom to tell again. */
function describeReplan(r: StatusReplanSection): string {
  const lines = [
    `re-plan from ${r.at}: ${plural(r.kept_convoys, 'convoy')} kept, ${count(r.changed_convoys)} changed, ${count(r.dropped_convoys)} planned again`,
    `households: ${count(r.out_households)} out, ${count(r.boarded_households)} on board, ${count(r.waiting_households)} waiting, ${count(r.withdrawn_households)} withdrawn`,
    `evacuated: ${count(r.evacuated)} (the plan before: ${count(r.previously_evacuated)})`,
  ];
  if (r.newly_stranded.length > 0)
    lines.push(
      `newly stranded: ${r.newly_stranded.map((h) => `${h.household_id} (${h.persons}, ${h.reason})`).join(', ')}`,
    );
  lines.push(`${plural(r.changed_households.length, 'household')} to tell again:`);
  for (const h of r.changed_households) {
    const after = h.after ? `${h.after.convoy} at ${h.after.assembly_point} ${h.after.boards_at}` : 'no convoy';
    lines.push(`  ${h.household_id}: ${h.changed.join(', ')} → ${after}`);
  }
  if (r.unknown_vehicles.length > 0) lines.push(`boarded on unknown vehicles: ${r.unknown_vehicles.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

function describeConflict(c: SyncConflict): string {
  switch (c.kind) {
    case 'duplicate':
      return `${c.personId} ${c.status} recorded twice: ${c.kept.id} (${c.kept.device}) counts, ${c.other.id} (${c.other.device}) does not`;
    case 'contradiction':
      return `${c.personId}: ${c.event.id} (${c.event.device}, ${c.event.at}) ${c.event.status} refused: ${c.error.kind}`;
    case 'same-id-different-content':
      return `event id ${c.id} sent with different content: the ${c.kept.device} version is kept`;
  }
}
