// Opens the sealed messages in force for an export (SMS gateway, Signal text, slips): the only place a code is
// read back in clear after issue; every household exported is audited.
import type { HouseholdInstruction, InstructionLanguage, InstructionText } from '../core/operation/index.ts';
import { err, ok, type Result } from '../core/result.ts';
import { type AccessContext, auditOf } from './access-context.ts';
import { appendAudit } from './audit.ts';
import {
  allowedOnScenario,
  deliveryStates,
  fieldsOf,
  mustTell,
  type ScenarioAccessError,
  versionsOf,
} from './instructions-versions.ts';
import { loadDataKeys, type OpenRecordError, openRecord } from './sealed-record.ts';
import type { Store } from './store.ts';

export type InstructionExportError = ScenarioAccessError | OpenRecordError;

export interface InstructionExport {
  /** In the scenario's household order. */
  readonly instructions: readonly HouseholdInstruction[];
  /** Households whose instruction in force is a withdrawal: they are told by hand not to come (no text is made). */
  readonly withdrawn: readonly string[];
}

/**
 * The instructions in force, opened for an export by `channel`; with `onlyUntold`, only the households that must be
 * told now (never told this message, or told an earlier one).
 * @example const out = await exportInstructions(store, ctx, scenarioId, { channel: 'sms', onlyUntold: true })
 */
export async function exportInstructions(
  store: Store,
  ctx: AccessContext,
  scenarioId: string,
  request: { readonly channel: string; readonly onlyUntold: boolean },
): Promise<Result<InstructionExport, InstructionExportError>> {
  return store.db.transaction().execute(async (trx): Promise<Result<InstructionExport, InstructionExportError>> => {
    const allowed = await allowedOnScenario(trx, ctx, scenarioId, 'instruction.export');
    if (!allowed.ok) return allowed;
    const households = await trx
      .selectFrom('households')
      .select('household_id')
      .where('scenario_id', '=', scenarioId)
      .orderBy('position')
      .execute();
    const versions = await versionsOf(trx, scenarioId);
    const deliveries = await trx
      .selectFrom('instruction_deliveries')
      .selectAll()
      .where('scenario_id', '=', scenarioId)
      .execute();
    const states = deliveryStates(
      households.map((h) => h.household_id),
      versions,
      deliveries,
    );
    const chosen = [...states.entries()].filter(
      ([, s]) => s.current !== undefined && (!request.onlyUntold || mustTell(s.state)),
    );
    const withdrawn = chosen.filter(([, s]) => s.current?.change === 'withdrawn').map(([id]) => id);
    const inForce = chosen.map(([, s]) => s.current!).filter((v) => v.change !== 'withdrawn');
    const keys = await loadDataKeys(trx, [...new Set(inForce.map((v) => v.message_id))]);
    const instructions: HouseholdInstruction[] = [];
    for (const v of inForce) {
      const opened = openRecord(store.keyring, v.message_id, keys.get(v.message_id), v.sealed);
      if (!opened.ok) return err(opened.error);
      const secret = opened.value as {
        texts: InstructionText[];
        phone_e164?: string;
        code: { wordIndex: number; number: number };
      };
      instructions.push({
        household_id: v.household_id,
        language: (v.language ?? 'ar') as InstructionLanguage,
        ...(secret.phone_e164 === undefined ? {} : { phone_e164: secret.phone_e164 }),
        fields: fieldsOf(v),
        code: { householdId: v.household_id, ...secret.code },
        codeWindow: { validFrom: v.valid_from ?? '', validUntil: v.valid_until ?? '' },
        texts: secret.texts,
      });
    }
    await appendAudit(trx, store.keyring, [
      auditOf(ctx, `instruction:export:${request.channel}`, 'scenario', scenarioId),
      ...instructions.map((i) => auditOf(ctx, `instruction:export:${request.channel}`, 'household', i.household_id)),
    ]);
    return ok({ instructions, withdrawn });
  });
}
