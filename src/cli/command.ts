// How a command file plugs into the CLI: it registers itself on the program and its action returns an exit code.
import type { Command } from 'commander';
import type { ExitCode } from './exit-codes.ts';

/** A command module's one export: adds its subcommand to the program. */
export type CommandRegistration = (program: Command, run: RunAction) => void;

/**
 * Wraps an action so that its returned exit code becomes the process exit code, and a thrown error
 * (a bug, never bad input) is printed as one line instead of a stack trace.
 */
export type RunAction = <A extends unknown[]>(
  action: (...args: A) => Promise<ExitCode>,
) => (...args: A) => Promise<void>;
