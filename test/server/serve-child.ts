// Runs `safepassage serve` with the given arguments in a child process (the command list is the lead's to extend).
import { Command } from 'commander';
import type { RunAction } from '../../src/cli/command.ts';
import { registerServe } from '../../src/cli/commands/serve.ts';

const run: RunAction =
  (action) =>
  async (...args) => {
    process.exitCode = await action(...args);
  };
const program = new Command('safepassage');
registerServe(program, run);
await program.parseAsync(process.argv);
