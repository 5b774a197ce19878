// Runs one of this folder's commands in-process (they are not in the command list yet), capturing what it prints.
import { Command } from 'commander';
import type { CommandRegistration } from '../../src/cli/command.ts';

export async function runCommand(
  register: CommandRegistration,
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const program = new Command('safepassage').exitOverride();
  let code = 0;
  register(program, (action) => async (...a) => {
    code = await action(...a);
  });
  const out: string[] = [];
  const err: string[] = [];
  const stdout = process.stdout.write.bind(process.stdout);
  const stderr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    await program.parseAsync(['node', 'safepassage', ...args]);
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}
