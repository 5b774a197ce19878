// `safepassage instructions DIR --out DIR`: per-household instructions (SMS, Signal text, slips) and hashed pickup codes.
import { readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import {
  buildInstructions,
  INSTRUCTION_LANGUAGES,
  type InstructionError,
  type InstructionFields,
  type InstructionLanguage,
  issueCodes,
  reissue,
  storeCode,
} from '../../core/operation/index.ts';
import { parseSentLog } from '../../io/instructions/event-log.ts';
import { withoutPhone } from '../../io/instructions/instruction-exports.ts';
import { cryptoRandomByte, hmacHash, newKey, readKeyFile } from '../../io/instructions/operation-keys.ts';
import { writeInstructionFiles } from '../../io/instructions/write-instructions.ts';
import { loadScenario } from '../../io/scenario/load-scenario.ts';
import { runPlan } from '../../pipeline/plan.ts';
import type { CommandRegistration } from '../command.ts';
import { EXIT } from '../exit-codes.ts';
import { plural, printIssues } from '../format.ts';

interface InstructionsOptions {
  out: string;
  lang: string;
  keyFile?: string;
  marginMinutes: string;
  showExit?: boolean;
  organisation?: string;
  previous?: string;
  sent?: string;
  printedBy?: string;
}

const ERROR_MESSAGES: { [K in InstructionError['kind']]: (e: Extract<InstructionError, { kind: K }>) => string } = {
  'too-long': (e) => `the ${e.lang} message for ${e.household_id} takes ${e.units} units, more than ${e.limit}`,
  'unknown-place': (e) => `the plan names an assembly point ${e.place_id} the scenario does not have`,
  'bad-time': (e) => `the plan has a time without an offset: ${e.value}`,
  'no-code': (e) => `no pickup code for ${e.household_id}`,
};

export const registerInstructions: CommandRegistration = (program, run) => {
  program
    .command('instructions')
    .description('Write per-household instructions (SMS CSV, Signal text, printable slips) and hashed pickup codes.')
    .argument('<dir>', 'scenario folder')
    .requiredOption('--out <dir>', 'folder for sms.csv, signal.txt, slips.html, codes.json, fields.json')
    .option('--lang <list>', 'languages, in order of preference', 'ar,en')
    .option('--key-file <file>', 'the operation key for the code hashes (at least 32 bytes); a new one if absent')
    .option('--margin-minutes <n>', 'minutes before boarding starts that a household should arrive', '15')
    .option('--show-exit', 'name the exit in the message (off: a seized phone must not reveal the route)')
    .option('--organisation <name>', 'sign the message with this name (none by default)')
    .option('--previous <file>', "the previous plan's fields.json: list only the households whose instruction changed")
    .option('--sent <file>', 'JSON lines of {household_id, at, channel, outcome}: who has been told')
    .option('--printed-by <id>', 'operator id for the watermark on the slips')
    .action(
      run(async (dir: string, options: InstructionsOptions) => {
        const languages = options.lang.split(',').map((l) => l.trim());
        const unknown = languages.filter((l) => !(INSTRUCTION_LANGUAGES as readonly string[]).includes(l));
        const margin = Number(options.marginMinutes);
        if (unknown.length > 0 || !Number.isInteger(margin) || margin < 0) {
          process.stderr.write(`--lang takes ${INSTRUCTION_LANGUAGES.join(',')}; --margin-minutes a whole number\n`);
          return EXIT.usage;
        }
        const loaded = await loadScenario(dir);
        if (!loaded.scenario) {
          printIssues(loaded.issues);
          return EXIT.invalidInput;
        }
        const plan = await runPlan(loaded.scenario, { scenarioDir: dir });
        if (!plan.schedule) {
          process.stderr.write(`nothing was scheduled: ${plan.problems.join('; ') || 'no routing'}\n`);
          return EXIT.invalidInput;
        }
        let key: Uint8Array;
        if (options.keyFile) {
          const read = await readKeyFile(options.keyFile);
          if ('error' in read) {
            process.stderr.write(`${read.error}\n`);
            return EXIT.invalidInput;
          }
          key = read.key;
        } else key = newKey();

        const convoys = plan.schedule.convoys;
        const randomByte = cryptoRandomByte();
        const codes = issueCodes(
          convoys.flatMap((c) => c.households.map((h) => h.household_id)),
          randomByte,
        );
        if (!codes.ok) {
          process.stderr.write(`only ${codes.error.available} codes for ${codes.error.households} households\n`);
          return EXIT.invalidInput;
        }
        const built = buildInstructions(loaded.scenario, convoys, codes.value, {
          languages: languages as InstructionLanguage[],
          marginMinutes: margin,
          ...(options.showExit ? { showExit: true } : {}),
          ...(options.organisation ? { organisation: options.organisation } : {}),
        });
        if (!built.ok) {
          const describe = ERROR_MESSAGES[built.error.kind] as (e: InstructionError) => string;
          process.stderr.write(`${describe(built.error)}\n`);
          return EXIT.invalidInput;
        }
        const { instructions, unscheduled } = built.value;
        const hash = hmacHash(key);
        const stored = instructions.map((i) => storeCode(i.code, i.codeWindow, randomByte, hash));
        const files = await writeInstructionFiles(options.out, instructions, stored, {
          printedBy: options.printedBy ?? userInfo().username,
          printedAt: new Date().toISOString(),
        });
        if (!options.keyFile) {
          const keyPath = join(options.out, 'codes.key');
          await writeFile(keyPath, key, { mode: 0o600 });
          process.stderr.write(`a new key was written to ${keyPath}: move it away from codes.json\n`);
        }

        const out = process.stdout;
        out.write(`${plural(instructions.length, 'household')} instructed in ${languages.join(', ')}\n`);
        const parts = instructions.map((i) => i.texts.find((t) => t.lang === i.language)?.parts ?? 0);
        out.write(
          `SMS parts per message: at most ${Math.max(0, ...parts)}; ${parts.reduce((a, b) => a + b, 0)} in all\n`,
        );
        const noPhone = withoutPhone(instructions);
        if (noPhone.length > 0) out.write(`no phone (slip or visit): ${noPhone.join(', ')}\n`);
        if (unscheduled.length > 0) out.write(`not in any convoy (no instruction): ${unscheduled.join(', ')}\n`);
        out.write(`written: ${Object.values(files).join(', ')}\n`);

        if (options.previous || options.sent) {
          const previous = options.previous ? await readFields(options.previous) : [];
          if (previous === undefined) {
            process.stderr.write(`${options.previous}: not a fields.json written by safepassage instructions\n`);
            return EXIT.invalidInput;
          }
          const sentContent = options.sent ? await readFile(options.sent, 'utf8').catch(() => undefined) : '';
          if (sentContent === undefined) {
            process.stderr.write(`${options.sent}: cannot read the file\n`);
            return EXIT.invalidInput;
          }
          const sent = parseSentLog(sentContent, options.sent ?? '');
          for (const e of sent.errors) process.stderr.write(`${e.file}:${e.line}: ${e.message}\n`);
          const result = reissue(
            options.previous ? previous : instructions.map((i) => i.fields),
            instructions.map((i) => i.fields),
            sent.events,
          );
          await writeFile(join(options.out, 'reissue.json'), `${JSON.stringify(result, null, 2)}\n`);
          for (const c of result.changes) {
            out.write(`  ${c.household_id}: ${c.change}${c.fields.length ? ` (${c.fields.join(', ')})` : ''}\n`);
          }
          out.write(`changed: ${result.changes.length}; not told yet: ${result.notTold.length}; `);
          out.write(`refused: ${result.refused.length}; to send now: ${result.toSend.length} (reissue.json)\n`);
        }
        return EXIT.ok;
      }),
    );
};

async function readFields(path: string): Promise<InstructionFields[] | undefined> {
  const content = await readFile(path, 'utf8').catch(() => undefined);
  if (content === undefined) return undefined;
  try {
    const parsed = JSON.parse(content) as { format?: string; fields?: InstructionFields[] };
    return parsed.format === 'safepassage-instructions/1' && Array.isArray(parsed.fields) ? parsed.fields : undefined;
  } catch {
    return undefined;
  }
}
