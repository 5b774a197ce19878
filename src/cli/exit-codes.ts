// The one table of process exit codes every command uses (documented in the README).

export const EXIT = {
  /** The command did what was asked. */
  ok: 0,
  /** The input (a scenario, a file, a network) is invalid or the question has no answer; the message says why. */
  invalidInput: 1,
  /** The command line itself is wrong (unknown option, missing argument). */
  usage: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
