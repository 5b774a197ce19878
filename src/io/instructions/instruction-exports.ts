// The channels field teams use: a CSV for an SMS gateway, text blocks for Signal/WhatsApp, printable slips.
// Instructions and withdrawal notices ("do not come") go through the same renderers: both are outgoing messages.
import type { InstructionLanguage, OutgoingMessage } from '../../core/operation/index.ts';
import { toCsv } from '../tables/write-csv.ts';

/**
 * One row per household with a phone, in the household's language: household_id, phone, language, text, parts.
 * Households without a phone are not in it (they need a slip or a visit): see `withoutPhone`.
 */
export function smsCsv(instructions: readonly OutgoingMessage[]): string {
  const rows = instructions.flatMap((i) => {
    const text = i.texts.find((t) => t.lang === i.language) ?? i.texts[0];
    if (i.phone_e164 === undefined || !text) return [];
    return [[i.household_id, i.phone_e164, text.lang, text.text, String(text.parts)]];
  });
  return toCsv(['household_id', 'phone_e164', 'language', 'text', 'parts'], rows);
}

/** Households an SMS cannot reach. */
export function withoutPhone(instructions: readonly OutgoingMessage[]): string[] {
  return instructions.filter((i) => i.phone_e164 === undefined).map((i) => i.household_id);
}

/** One block per household for copy-paste into Signal or WhatsApp; the header line is for the sender, not to paste. */
export function signalText(instructions: readonly OutgoingMessage[]): string {
  return instructions
    .map((i) => {
      const header = `### ${i.household_id} · ${i.phone_e164 ?? 'no phone'} · copy the text below ###`;
      return [header, ...orderedTexts(i).map((t) => t.text)].join('\n\n');
    })
    .join('\n\n\n')
    .concat('\n');
}

export interface SlipOptions {
  /** Who printed, for the watermark (an operator id, not a name if that is safer). */
  readonly printedBy: string;
  /** When it was printed (ISO 8601), for the watermark. */
  readonly printedAt: string;
}

/**
 * Printable slips, one per household with both languages, cut lines between them and a watermark on each. The
 * household reference is on a stub the field officer keeps, so a slip taken from someone names no household.
 */
export function slipsHtml(instructions: readonly OutgoingMessage[], options: SlipOptions): string {
  const mark = `printed by ${options.printedBy} at ${options.printedAt}`;
  const slips = instructions
    .map((i) => {
      const texts = orderedTexts(i)
        .map((t) => `<p lang="${t.lang}" dir="${t.lang === 'ar' ? 'rtl' : 'ltr'}">${escapeHtml(t.text)}</p>`)
        .join('\n    ');
      return `<section class="slip">
  <div class="stub">${escapeHtml(i.household_id)} · keep this stub · ${escapeHtml(mark)}</div>
  <div class="body">
    ${texts}
    <div class="mark">${escapeHtml(mark)}</div>
  </div>
</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="ar">
<head>
<meta charset="utf-8">
<title>Slips: ${instructions.length}</title>
<style>
  body { font-family: "Noto Naskh Arabic", "Noto Sans", sans-serif; margin: 1cm; }
  .slip { border-top: 2px dashed #000; padding: 0.4cm 0; page-break-inside: avoid; position: relative; }
  .slip:last-child { border-bottom: 2px dashed #000; }
  .stub { font-size: 8pt; color: #555; border-bottom: 1px dotted #000; padding-bottom: 0.2cm; }
  .body p { font-size: 12pt; margin: 0.25cm 0; }
  .body p[lang="ar"] { font-size: 14pt; }
  .mark { position: absolute; right: 0.3cm; bottom: 0.1cm; font-size: 7pt; color: #999; transform: rotate(-2deg); }
</style>
</head>
<body>
<p class="mark">${escapeHtml(mark)} · ✂ cut along the dashed lines</p>
${slips}
</body>
</html>
`;
}

function orderedTexts(i: OutgoingMessage) {
  const first: InstructionLanguage = i.language;
  return [...i.texts].sort((a, b) => Number(b.lang === first) - Number(a.lang === first));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
