// The list of CLI commands, in the order --help shows them.
import type { CommandRegistration } from '../command.ts';
import { registerAllocate } from './allocate.ts';
import { registerAudit } from './audit.ts';
import { registerDedupe } from './dedupe.ts';
import { registerImport } from './import.ts';
import { registerInstructions } from './instructions.ts';
import { registerPlan } from './plan.ts';
import { registerRoute } from './route.ts';
import { registerSchedule } from './schedule.ts';
import { registerServe } from './serve.ts';
import { registerStatus } from './status.ts';
import { registerTriage } from './triage.ts';
import { registerValidate } from './validate.ts';
import { registerWipe } from './wipe.ts';

export const commands: readonly CommandRegistration[] = [
  registerValidate,
  registerPlan,
  registerImport,
  registerDedupe,
  registerTriage,
  registerRoute,
  registerSchedule,
  registerAllocate,
  registerInstructions,
  registerStatus,
  registerAudit,
  registerWipe,
  registerServe,
];
