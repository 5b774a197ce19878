// The "do not come" notice to a household a re-plan no longer carries after it was told where and when to be.
//
// Need-to-know, stricter than an instruction: the notice names the day of the cancelled trip and nothing else — no
// assembly point, no time, no exit, no code, no organisation unless the operation signs its messages. The meeting
// point it cancels is still used by other families: a phone seized after the notice must not reveal it (the
// household already knows which trip is meant; the day tells an earlier message from a later one).
import { err, ok, type Result } from '../result.ts';
import { type InstructionLanguage, INSTRUCTION_MESSAGES as M } from './instruction-messages.ts';
import type { HouseholdInstruction, InstructionError, InstructionText } from './instructions.ts';
import { parseInstant, wallClock } from './local-time.ts';
import { smsLength } from './sms-length.ts';

/** What any export channel needs of a message: who, in which language, to which phone, and the texts. */
export type OutgoingMessage = Pick<HouseholdInstruction, 'household_id' | 'language' | 'phone_e164' | 'texts'>;

/** A withdrawal notice: a message without facts or code. */
export interface WithdrawalNotice extends OutgoingMessage {
  readonly kind: 'withdrawal';
}

export interface WithdrawalNoticeRequest {
  readonly household_id: string;
  /** The language the household was sent its instruction in. */
  readonly language: InstructionLanguage;
  /** The languages its instruction was written in, in the same order (the notice is written in the same). */
  readonly languages: readonly InstructionLanguage[];
  /** The phone its instruction went to (the notice must reach the same phone). */
  readonly phone_e164?: string;
  /** When its cancelled window opened (ISO 8601 with offset): only the day is said. */
  readonly windowFrom: string;
  /** An organisation name to sign with, as the instructions were signed (none by default). */
  readonly organisation?: string;
  /** Most GSM-7 septets (default 320) and UCS-2 units (default 280), as for instructions. */
  readonly maxSeptets?: number;
  readonly maxUcs2Units?: number;
}

/**
 * Writes the notice telling a household its trip is cancelled: the day, "do not go", "wait for a new message",
 * "never pay anyone", "delete this SMS". Fails on a window without offset or a text over the SMS limit.
 * @example buildWithdrawalNotice({ household_id: 'h3', language: 'ar', languages: ['ar', 'en'], windowFrom: '2018-07-21T20:15+03:00' })
 */
export function buildWithdrawalNotice(request: WithdrawalNoticeRequest): Result<WithdrawalNotice, InstructionError> {
  const from = parseInstant(request.windowFrom);
  if (!from) return err({ kind: 'bad-time', value: request.windowFrom });
  const day = wallClock(from).shortDay;
  const languages = request.languages.length > 0 ? request.languages : [request.language];
  const texts: InstructionText[] = [];
  for (const lang of languages) {
    const text = [
      M.tripCancelled[lang](day),
      M.doNotGo[lang](),
      M.waitForNew[lang](),
      M.noMoney[lang](),
      ...(request.organisation ? [M.organisation[lang](request.organisation)] : []),
      M.deleteNotice[lang](),
    ].join(' ');
    const length = smsLength(text);
    const limit = length.encoding === 'gsm7' ? (request.maxSeptets ?? 320) : (request.maxUcs2Units ?? 280);
    if (length.units > limit)
      return err({ kind: 'too-long', household_id: request.household_id, lang, units: length.units, limit });
    texts.push({ lang, text, ...length });
  }
  return ok({
    kind: 'withdrawal',
    household_id: request.household_id,
    language: request.language,
    ...(request.phone_e164 === undefined ? {} : { phone_e164: request.phone_e164 }),
    texts,
  });
}
