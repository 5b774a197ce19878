// Re-issue after a plan change: which households' instructions changed (and in what), and who has not been told yet.
import type { InstructionFields } from './instructions.ts';

/** What happened to an instruction on a channel (recorded by the people sending it). */
export interface SentRecord {
  readonly household_id: string;
  readonly at: string;
  readonly channel: 'sms' | 'signal' | 'whatsapp' | 'slip' | 'voice';
  readonly outcome: 'sent' | 'acknowledged' | 'refused';
}

export type ChangedField = 'assembly_point' | 'window' | 'vehicle' | 'exit';

export interface InstructionChange {
  readonly household_id: string;
  /** `added`: new in this plan; `withdrawn`: no longer carried (tell them not to come); else the fields that changed. */
  readonly change: 'added' | 'withdrawn' | 'changed';
  readonly fields: readonly ChangedField[];
}

export interface Reissue {
  /** Only the households whose instruction differs, in household id order. */
  readonly changes: readonly InstructionChange[];
  /** Households with an instruction in the new plan and no `sent` or `acknowledged` record. */
  readonly notTold: readonly string[];
  /** Households who refused the instruction. */
  readonly refused: readonly string[];
  /** Who must be sent a message now: changed, added, withdrawn or not yet told. */
  readonly toSend: readonly string[];
}

/**
 * Compares two plans' instructions. Only the facts are compared, not the code: a re-issued instruction carries a
 * new code anyway (codes rotate), which is no reason to message a household whose plan did not change.
 * @example reissue(previous.map((i) => i.fields), next.map((i) => i.fields), sentRecords)
 */
export function reissue(
  previous: readonly InstructionFields[],
  next: readonly InstructionFields[],
  sent: readonly SentRecord[],
): Reissue {
  const before = new Map(previous.map((f) => [f.household_id, f]));
  const after = new Map(next.map((f) => [f.household_id, f]));
  const changes: InstructionChange[] = [];
  for (const id of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(id);
    const b = after.get(id);
    if (!a && b) changes.push({ household_id: id, change: 'added', fields: [] });
    else if (a && !b) changes.push({ household_id: id, change: 'withdrawn', fields: [] });
    else if (a && b) {
      const fields: ChangedField[] = [];
      if (a.assembly_point !== b.assembly_point) fields.push('assembly_point');
      if (a.window_from !== b.window_from || a.window_to !== b.window_to) fields.push('window');
      if (a.vehicle !== b.vehicle) fields.push('vehicle');
      if (a.exit !== b.exit) fields.push('exit');
      if (fields.length > 0) changes.push({ household_id: id, change: 'changed', fields });
    }
  }
  const told = new Set(sent.filter((r) => r.outcome !== 'refused').map((r) => r.household_id));
  const refusedSet = new Set(sent.filter((r) => r.outcome === 'refused').map((r) => r.household_id));
  const notTold = [...after.keys()].filter((id) => !told.has(id)).sort();
  // A vehicle change alone is not the household's business (they never see the vehicle): no new message.
  const mustTell = changes.filter((c) => c.change !== 'changed' || c.fields.some((f) => f !== 'vehicle'));
  const toSend = [...new Set([...mustTell.map((c) => c.household_id), ...notTold])].sort();
  return { changes, notTold, refused: [...refusedSet].sort(), toSend };
}
