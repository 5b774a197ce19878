// Per-household instructions from the convoy plan: where and when to be, what to bring, the code word, need-to-know only.
import { err, ok, type Result } from '../result.ts';
import type { Scenario } from '../scenario/scenario.ts';
import {
  DEFAULT_PACKING,
  type InstructionLanguage,
  joinItems,
  INSTRUCTION_MESSAGES as M,
  type PackingLists,
} from './instruction-messages.ts';
import { formatInstant, parseInstant, shiftMinutes, wallClock } from './local-time.ts';
import { codeText, type PickupCode } from './pickup-codes.ts';
import { type SmsLength, smsLength } from './sms-length.ts';

/** The part of a planned convoy an instruction needs (plan.json `schedule.convoys[]` has this shape). */
export interface ConvoyAssignment {
  readonly vehicle: string;
  readonly vehicle_index?: number;
  readonly trip?: number;
  readonly assembly_point: string;
  readonly boards_at: string;
  readonly leaves_at: string;
  readonly exit: string;
  readonly households: readonly { readonly household_id: string }[];
}

export interface InstructionOptions {
  /** Languages to write, in order of preference when a household speaks several. */
  readonly languages?: readonly InstructionLanguage[];
  /** Minutes before boarding starts that the household's window opens (default 15). */
  readonly marginMinutes?: number;
  /** Minutes after the convoy leaves that the code stays valid (default 60). */
  readonly codeGraceMinutes?: number;
  readonly packing?: PackingLists;
  /** Name the exit in the message (off by default: a seized phone must not reveal the route). */
  readonly showExit?: boolean;
  /** An organisation name to sign with (none by default). */
  readonly organisation?: string;
  /** Most GSM-7 septets for a GSM-7 text (default 320) and UCS-2 units for the others (default 280). */
  readonly maxSeptets?: number;
  readonly maxUcs2Units?: number;
}

/** One text of an instruction and what it costs as an SMS. */
export interface InstructionText extends SmsLength {
  readonly lang: InstructionLanguage;
  readonly text: string;
}

/** What a household is told: the fields (for re-issue comparisons) and the texts; the code is secret. */
export interface HouseholdInstruction {
  readonly household_id: string;
  /** The language the household gets by SMS (its first spoken language among those written). */
  readonly language: InstructionLanguage;
  readonly phone_e164?: string;
  readonly fields: InstructionFields;
  readonly code: PickupCode;
  readonly codeWindow: { readonly validFrom: string; readonly validUntil: string };
  readonly texts: readonly InstructionText[];
}

/** The facts of an instruction, comparable between two plans (no code, no text). */
export interface InstructionFields {
  readonly household_id: string;
  readonly assembly_point: string;
  readonly window_from: string;
  readonly window_to: string;
  readonly vehicle: string;
  readonly exit: string;
}

export type InstructionError =
  | {
      readonly kind: 'too-long';
      readonly household_id: string;
      readonly lang: InstructionLanguage;
      readonly units: number;
      readonly limit: number;
    }
  | { readonly kind: 'unknown-place'; readonly place_id: string }
  | { readonly kind: 'bad-time'; readonly value: string }
  | { readonly kind: 'no-code'; readonly household_id: string };

export interface Instructions {
  readonly instructions: readonly HouseholdInstruction[];
  /** Households in the scenario that no convoy carries: they get no instruction from this plan. */
  readonly unscheduled: readonly string[];
}

/**
 * Writes one instruction per household carried by a convoy. The message names only the household's own assembly
 * point, window and code: no other household, no destination, no exit or organisation unless the options say so.
 * @example buildInstructions(scenario, plan.schedule.convoys, codes.value, { languages: ['ar', 'en'] })
 */
export function buildInstructions(
  scenario: Scenario,
  convoys: readonly ConvoyAssignment[],
  codes: readonly PickupCode[],
  options: InstructionOptions = {},
): Result<Instructions, InstructionError> {
  const languages = options.languages?.length ? options.languages : (['ar', 'en'] as const);
  const margin = options.marginMinutes ?? 15;
  const grace = options.codeGraceMinutes ?? 60;
  const places = new Map(scenario.places.map((p) => [p.place_id, p]));
  const exits = new Map(scenario.exits.map((e) => [e.id, e]));
  const households = new Map(scenario.households.map((h) => [h.household_id, h]));
  const phones = new Map(scenario.people.map((p) => [p.person_id, p.phone_e164]));
  const codeOf = new Map(codes.map((c) => [c.householdId, c]));

  const instructions: HouseholdInstruction[] = [];
  const carried = new Set<string>();
  for (const convoy of convoys) {
    const place = places.get(convoy.assembly_point);
    if (!place) return err({ kind: 'unknown-place', place_id: convoy.assembly_point });
    const boards = parseInstant(convoy.boards_at);
    if (!boards) return err({ kind: 'bad-time', value: convoy.boards_at });
    const leaves = parseInstant(convoy.leaves_at);
    if (!leaves) return err({ kind: 'bad-time', value: convoy.leaves_at });
    const from = shiftMinutes(boards, -margin);
    const window = { from: wallClock(from), to: wallClock(boards) };
    const exit = exits.get(convoy.exit);
    const placeName = { en: place.name, ar: place.name_arabic || place.name };
    const exitName = exit ? { en: exit.name, ar: exit.name_arabic || exit.name } : undefined;

    for (const { household_id } of convoy.households) {
      carried.add(household_id);
      const code = codeOf.get(household_id);
      if (!code) return err({ kind: 'no-code', household_id });
      const household = households.get(household_id);
      const spoken = household?.details?.languages ?? [];
      const language = languages.find((l) => spoken.includes(l)) ?? languages[0]!;
      const memberIds = household ? [household.head_id, ...household.member_ids] : [];
      const phone = memberIds.map((id) => phones.get(id)).find((p) => p !== undefined);

      const texts: InstructionText[] = [];
      for (const lang of languages) {
        const sentences = [
          M.beAt[lang](placeName[lang], window.from.shortDay, window.from.time, window.to.time),
          M.bring[lang](joinItems((options.packing ?? DEFAULT_PACKING).bring[lang], lang)),
          M.doNotCarry[lang](joinItems((options.packing ?? DEFAULT_PACKING).doNotCarry[lang], lang, 'or')),
          M.code[lang](codeText(code, lang)),
          ...(options.showExit && exitName ? [M.exit[lang](exitName[lang])] : []),
          M.noMoney[lang](),
          ...(options.organisation ? [M.organisation[lang](options.organisation)] : []),
          M.deleteAfter[lang](),
        ];
        const text = sentences.join(' ');
        const length = smsLength(text);
        const limit = length.encoding === 'gsm7' ? (options.maxSeptets ?? 320) : (options.maxUcs2Units ?? 280);
        if (length.units > limit) return err({ kind: 'too-long', household_id, lang, units: length.units, limit });
        texts.push({ lang, text, ...length });
      }
      instructions.push({
        household_id,
        language,
        ...(phone !== undefined ? { phone_e164: phone } : {}),
        fields: {
          household_id,
          assembly_point: convoy.assembly_point,
          window_from: formatInstant(from),
          window_to: formatInstant(boards),
          vehicle: convoyKey(convoy),
          exit: convoy.exit,
        },
        code,
        codeWindow: { validFrom: formatInstant(from), validUntil: formatInstant(shiftMinutes(leaves, grace)) },
        texts,
      });
    }
  }
  const unscheduled = scenario.households.map((h) => h.household_id).filter((id) => !carried.has(id));
  return ok({ instructions, unscheduled });
}

/** A convoy's name in instructions and reports: "bus-golan.0#1" (vehicle group, vehicle index, trip). */
export function convoyKey(convoy: Pick<ConvoyAssignment, 'vehicle' | 'vehicle_index' | 'trip'>): string {
  const index = convoy.vehicle_index === undefined ? '' : `.${convoy.vehicle_index}`;
  const trip = convoy.trip === undefined ? '' : `#${convoy.trip}`;
  return `${convoy.vehicle}${index}${trip}`;
}
