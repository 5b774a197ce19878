// The `safepassage` command line: builds the program from one file per command and maps outcomes to exit codes.
import { Command, CommanderError } from 'commander';
import type { RunAction } from './command.ts';
import { commands } from './commands/index.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';

/** Runs the CLI on `argv` (as in process.argv) and resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const run: RunAction =
    (action) =>
    async (...args) => {
      try {
        code = await action(...args);
      } catch (error) {
        // Bad input is reported by the command itself; reaching here is a bug. Keep the trace out of the user's way.
        const message = error instanceof Error ? error.message : String(error);
        process.stderr.write(`safepassage: internal error: ${message}\n`);
        if (process.env.SAFEPASSAGE_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
        code = EXIT.invalidInput;
      }
    };

  const program = new Command('safepassage')
    .description('Plan, run and account for the evacuation of at-risk people.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const register of commands) register(program, run);

  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through exitOverride with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    throw error;
  }
  return code;
}
