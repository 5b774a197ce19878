// Writes a plan's instructions to a folder: sms.csv, signal.txt, slips.html, codes.json (hashes only), fields.json.
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { HouseholdInstruction, InstructionFields, StoredCode } from '../../core/operation/index.ts';
import { writeFileAtomic } from '../tables/atomic-write.ts';
import { type SlipOptions, signalText, slipsHtml, smsCsv } from './instruction-exports.ts';

/** The files written, by role. */
export interface InstructionFiles {
  readonly sms: string;
  readonly signal: string;
  readonly slips: string;
  readonly codes: string;
  readonly fields: string;
}

/**
 * codes.json holds only salted hashes and validity windows; fields.json the facts of each instruction (to find what
 * changed when the plan changes: `safepassage instructions --previous`). Neither holds a code or a message.
 */
export async function writeInstructionFiles(
  dir: string,
  instructions: readonly HouseholdInstruction[],
  codes: readonly StoredCode[],
  slip: SlipOptions,
): Promise<InstructionFiles> {
  await mkdir(dir, { recursive: true });
  const files: InstructionFiles = {
    sms: join(dir, 'sms.csv'),
    signal: join(dir, 'signal.txt'),
    slips: join(dir, 'slips.html'),
    codes: join(dir, 'codes.json'),
    fields: join(dir, 'fields.json'),
  };
  const fields: InstructionFields[] = instructions.map((i) => i.fields);
  await writeFileAtomic(files.sms, smsCsv(instructions));
  await writeFileAtomic(files.signal, signalText(instructions));
  await writeFileAtomic(files.slips, slipsHtml(instructions, slip));
  await writeFileAtomic(files.codes, `${JSON.stringify({ format: 'safepassage-codes/1', codes }, null, 2)}\n`);
  await writeFileAtomic(files.fields, `${JSON.stringify({ format: 'safepassage-instructions/1', fields }, null, 2)}\n`);
  // The messages hold the codes and phones: readable by the operator only (a no-op on Windows).
  for (const path of Object.values(files)) await chmod(path, 0o600);
  return files;
}
