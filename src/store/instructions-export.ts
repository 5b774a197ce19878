// Opens the sealed messages in force for an export (SMS gateway, Signal text, slips): the only place a code is
// read back in clear after issue; withdrawal notices go with them to the households told before; every household
// exported is audited.
import type {
  HouseholdInstruction,
  InstructionLanguage,
  InstructionText,
  OutgoingMessage,
  WithdrawalNotice,
} from '../core/operation/index.ts';
import { err, ok, type Result } from '../core/result.ts';
import { type AccessContext, auditOf } from './access-context.ts';
import { appendAudit } from './audit.ts';
import { hasSealed, type SealedNotice } from './instructions-notices.ts';
import { fieldsOf, mustTell, scenarioDeliveryStates } from './instructions-versions.ts';
import { allowedOnScenario, type ScenarioAccessError } from './scenario-access.ts';
import { loadDataKeys, type OpenRecordError, openRecord } from './sealed-record.ts';
import type { Store } from './store.ts';

export type InstructionExportError = ScenarioAccessError | OpenRecordError;

export interface InstructionExport {
  /** In the scenario's household order. */
  readonly instructions: readonly HouseholdInstruction[];
  /**
   * "Do not come" notices, in household order: to households withdrawn after they were told (sent or acknowledged)
   * an earlier message. A household withdrawn before anyone told it gets none.
   */
  readonly notices: readonly WithdrawalNotice[];
  /** Instructions and notices together, in household order: what the channels render. */
  readonly messages: readonly OutgoingMessage[];
  /** Withdrawn households told before but with no notice text (withdrawn by an older version): tell them by hand. */
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
    const { states } = await scenarioDeliveryStates(trx, scenarioId);
    // A withdrawal concerns only a household that was told something: `not_issued` means nobody told it.
    const chosen = [...states.entries()].filter(
      ([, s]) =>
        s.current !== undefined &&
        (request.onlyUntold ? mustTell(s.state) : s.current.change !== 'withdrawn' || s.state !== 'not_issued'),
    );
    const withdrawals = chosen.map(([, s]) => s.current!).filter((v) => v.change === 'withdrawn');
    const withdrawn = withdrawals.filter((v) => !hasSealed(v)).map((v) => v.household_id);
    const opening = chosen.map(([, s]) => s.current!).filter((v) => v.change !== 'withdrawn' || hasSealed(v));
    const keys = await loadDataKeys(trx, [...new Set(opening.map((v) => v.message_id))]);
    const instructions: HouseholdInstruction[] = [];
    const notices: WithdrawalNotice[] = [];
    const messages: OutgoingMessage[] = [];
    for (const v of opening) {
      const opened = openRecord(store.keyring, v.message_id, keys.get(v.message_id), v.sealed);
      if (!opened.ok) return err(opened.error);
      if (v.change === 'withdrawn') {
        const notice = opened.value as unknown as SealedNotice;
        const language = (v.language ?? 'ar') as InstructionLanguage;
        const phone = notice.phone_e164 === undefined ? {} : { phone_e164: notice.phone_e164 };
        notices.push({ kind: 'withdrawal', household_id: v.household_id, language, ...phone, texts: notice.texts });
        messages.push(notices.at(-1)!);
        continue;
      }
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
      messages.push(instructions.at(-1)!);
    }
    await appendAudit(trx, store.keyring, [
      auditOf(ctx, `instruction:export:${request.channel}`, 'scenario', scenarioId),
      ...messages.map((m) => auditOf(ctx, `instruction:export:${request.channel}`, 'household', m.household_id)),
    ]);
    return ok({ instructions, notices, messages, withdrawn });
  });
}
