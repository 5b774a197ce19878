// `safepassage wipe [--data DIR] [--key FILE] --yes`: destroys the store's keys and data at once, without a question.

import { openStore } from '../../store/store.ts';
import { chooseStore, loadKeyring } from '../../store/store-environment.ts';
import { wipe, wipeUnopened } from '../../store/wipe.ts';
import type { CommandRegistration } from '../command.ts';
import { EXIT } from '../exit-codes.ts';

export const registerWipe: CommandRegistration = (program, run) => {
  program
    .command('wipe')
    .description(
      'Emergency wipe: destroy the key file and all data (embedded folder, or every table of DATABASE_URL). ' +
        'Earlier backups become unreadable. Cannot be undone.',
    )
    .option('--data <dir>', 'embedded data folder (default .safepassage-data; ignored when DATABASE_URL is set)')
    .option('--key <file>', 'key file (default <data>.key)')
    .option('--yes', 'really wipe (required: there is no prompt, so it can run from a script or a panic button)')
    .action(
      run(async (options: { data?: string; key?: string; yes?: boolean }) => {
        if (!options.yes) {
          process.stderr.write('wipe destroys every key and record and cannot be undone; add --yes to do it\n');
          return EXIT.usage;
        }
        const choice = chooseStore({ dataDir: options.data, keyFile: options.key });
        const keyring = await loadKeyring(choice, false);
        const store = keyring.ok ? await openStore(choice.config, keyring.value) : undefined;
        // Whatever fails to open (lost key, wrong passphrase, damaged data), the wipe still goes ahead.
        const report =
          store?.ok && keyring.ok
            ? await wipe(store.value, keyring.value)
            : await wipeUnopened(choice.config, choice.keySource);
        for (const item of report.destroyed) process.stdout.write(`destroyed: ${item}\n`);
        process.stdout.write(`wiped in ${Math.round(report.durationMs)} ms\n`);
        return EXIT.ok;
      }),
    );
};
