// The list of CLI commands, in the order --help shows them.
import type { CommandRegistration } from '../command.ts';

export const commands: readonly CommandRegistration[] = [];
