// `safepassage audit verify [--data DIR] [--key FILE]`: re-computes the audit hash chain and names the first broken row.
import { verifyAudit } from '../../store/audit.ts';
import { chooseStore, describeOpenError, openChosenStore } from '../../store/store-environment.ts';
import type { CommandRegistration } from '../command.ts';
import { EXIT } from '../exit-codes.ts';

const REASONS = {
  edited: 'its content does not match its hash (edited, or forged without the key)',
  relinked: 'it does not link to the row before it',
  missing: 'it is missing (deleted, or cut from the end)',
  inserted: 'it was inserted beyond the recorded end of the chain',
} as const;

export const registerAudit: CommandRegistration = (program, run) => {
  const audit = program.command('audit').description('Inspect the audit log of personal-data access.');
  audit
    .command('verify')
    .description('Check that no audit row was edited, inserted or deleted.')
    .option('--data <dir>', 'embedded data folder (default .safepassage-data; ignored when DATABASE_URL is set)')
    .option('--key <file>', 'key file (default <data>.key)')
    .action(
      run(async (options: { data?: string; key?: string }) => {
        const opened = await openChosenStore(chooseStore({ dataDir: options.data, keyFile: options.key }), {
          create: false,
        });
        if (!opened.ok) {
          process.stderr.write(`cannot open the store: ${describeOpenError(opened.error)}\n`);
          return EXIT.invalidInput;
        }
        try {
          const result = await verifyAudit(opened.value);
          if (result.ok) {
            process.stdout.write(`audit chain intact: ${result.rows} rows\n`);
            return EXIT.ok;
          }
          process.stdout.write(`audit chain broken at row ${result.seq}: ${REASONS[result.kind]}\n`);
          return EXIT.invalidInput;
        } finally {
          await opened.value.close();
        }
      }),
    );
};
