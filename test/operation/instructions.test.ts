// Instructions on the demo: one per household carried, need-to-know only, SMS-sized, with unique codes.
import { describe, expect, it } from 'vitest';
import {
  buildInstructions,
  buildWithdrawalNotice,
  CODE_WORDS,
  checkCode,
  codeText,
  issueCodes,
  storeCode,
} from '../../src/core/operation/index.ts';
import { bytes, demoPlan } from './demo.ts';

const hash = (text: string) => `h(${[...text].reverse().join('')})`;

async function demoInstructions(options: Parameters<typeof buildInstructions>[3] = {}) {
  const { scenario, plan } = await demoPlan();
  const convoys = plan.schedule!.convoys;
  const ids = convoys.flatMap((c) => c.households.map((h) => h.household_id));
  const codes = issueCodes(ids, bytes(7));
  if (!codes.ok) throw new Error(codes.error.kind);
  const built = buildInstructions(scenario, convoys, codes.value, options);
  if (!built.ok) throw new Error(JSON.stringify(built.error));
  return { scenario, plan, ...built.value };
}

describe('instructions on the demo', () => {
  it('gives every household a convoy carries one instruction, in Arabic and English, and lists the others', async () => {
    const { scenario, plan, instructions, unscheduled } = await demoInstructions();
    const carried = plan.schedule!.convoys.flatMap((c) => c.households.map((h) => h.household_id));
    expect(instructions.map((i) => i.household_id).sort()).toEqual([...carried].sort());
    expect(instructions.length + unscheduled.length).toBe(scenario.households.length);
    for (const i of instructions) expect(i.texts.map((t) => t.lang)).toEqual(['ar', 'en']);
  });

  it('tells a household its assembly point by name, a window ending when boarding starts, and its code', async () => {
    const { scenario, plan, instructions } = await demoInstructions();
    const convoy = plan.schedule!.convoys[0]!;
    const first = instructions.find((i) => i.household_id === convoy.households[0]!.household_id)!;
    const place = scenario.places.find((p) => p.place_id === convoy.assembly_point)!;
    const en = first.texts.find((t) => t.lang === 'en')!.text;
    expect(en).toContain(place.name);
    expect(en).toContain(`-${convoy.boards_at.slice(11, 16)}`);
    expect(first.fields.window_to).toBe(convoy.boards_at);
    expect(en).toContain(codeText(first.code, 'en'));
    expect(first.texts.find((t) => t.lang === 'ar')!.text).toContain(codeText(first.code, 'ar'));
    expect(en).toMatch(/never be asked for money/);
    expect(first.texts.find((t) => t.lang === 'ar')!.text).toContain('لن يُطلب منك مال');
  });

  it('never shows another household, a destination, an exit or coordinates in a message (need-to-know)', async () => {
    const { scenario, instructions } = await demoInstructions();
    const countryWords = scenario.countries.flatMap((c) => [c.code, c.name]);
    const exitWords = scenario.exits.flatMap((e) => [e.name, e.id, ...(e.name_arabic ? [e.name_arabic] : [])]);
    const destinations = ['Jordan', 'Israel', 'الأردن', 'إسرائيل', 'JOR', 'ISR'];
    for (const mine of instructions) {
      const household = scenario.households.find((h) => h.household_id === mine.household_id)!;
      const members = new Set(household.member_ids);
      const others = instructions.filter((i) => i.household_id !== mine.household_id);
      const foreign = [
        ...others.map((i) => i.household_id),
        ...scenario.people
          .filter((p) => !members.has(p.person_id))
          .flatMap((p) => [p.person_id, p.phone_e164 ?? '', `${p.given_name} ${p.family_name}`, p.name_arabic ?? '']),
      ].filter((s) => s.length >= 4);
      for (const { text } of mine.texts) {
        for (const word of [...countryWords, ...exitWords, ...destinations, mine.household_id]) {
          expect(text, `${mine.household_id} mentions ${word}`).not.toContain(word);
        }
        expect(text).not.toMatch(/\d{2}\.\d{3}/);
        for (const s of foreign) if (text.includes(s)) expect.fail(`${mine.household_id}'s message contains ${s}`);
        for (const other of others.slice(0, 40)) {
          expect(text).not.toContain(codeText(other.code, 'en'));
          expect(text).not.toContain(codeText(other.code, 'ar'));
        }
      }
    }
  });

  it('names the exit or an organisation only when asked to', async () => {
    const { scenario, instructions } = await demoInstructions({
      showExit: true,
      organisation: 'Safe Passage',
      maxSeptets: 480,
      maxUcs2Units: 480,
    });
    const exit = scenario.exits.find((e) => e.id === instructions[0]!.fields.exit)!;
    expect(instructions[0]!.texts.find((t) => t.lang === 'en')!.text).toContain(exit.name);
    expect(instructions[0]!.texts.find((t) => t.lang === 'en')!.text).toContain('Safe Passage');
  });

  it('fits an SMS: English in 320 GSM-7 septets, Arabic in 280 UCS-2 units, with the part count', async () => {
    const { instructions } = await demoInstructions();
    for (const i of instructions) {
      const en = i.texts.find((t) => t.lang === 'en')!;
      const ar = i.texts.find((t) => t.lang === 'ar')!;
      expect(en.encoding).toBe('gsm7');
      expect(en.units).toBeLessThanOrEqual(320);
      expect(en.parts).toBe(en.units <= 160 ? 1 : Math.ceil(en.units / 153));
      expect(ar.encoding).toBe('ucs2');
      expect(ar.units).toBeLessThanOrEqual(280);
      expect(ar.parts).toBe(Math.ceil(ar.units / 67));
    }
  });

  it('refuses to write a message longer than the limit', async () => {
    const { scenario, plan } = await demoPlan();
    const convoys = plan.schedule!.convoys.slice(0, 1);
    const codes = issueCodes(
      convoys[0]!.households.map((h) => h.household_id),
      bytes(1),
    );
    if (!codes.ok) throw new Error('codes');
    const built = buildInstructions(scenario, convoys, codes.value, { maxSeptets: 100 });
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.error.kind).toBe('too-long');
  });
});

describe('pickup codes', () => {
  it('differ between households, and use different words while there are enough', () => {
    const ids = Array.from({ length: 300 }, (_, i) => `HH-${i}`);
    const codes = issueCodes(ids, bytes(3));
    if (!codes.ok) throw new Error('codes');
    const texts = codes.value.map((c) => codeText(c, 'en'));
    expect(new Set(texts).size).toBe(300);
    const words = new Set(codes.value.slice(0, CODE_WORDS.length).map((c) => c.wordIndex));
    expect(words.size).toBe(Math.min(300, CODE_WORDS.length));
  });

  it('refuses more households than codes', () => {
    const codes = issueCodes(['a', 'b', 'c'], bytes(1), [{ en: 'olive', ar: 'زيتون' }].slice(0, 0));
    expect(codes).toEqual({ ok: false, error: { kind: 'too-few-codes', households: 3, available: 0 } });
  });

  it('are stored as a salted hash only, and checked in either language, in the window, once', () => {
    const codes = issueCodes(['HH-1', 'HH-2'], bytes(5));
    if (!codes.ok) throw new Error('codes');
    const [a, b] = codes.value as [(typeof codes.value)[0], (typeof codes.value)[0]];
    const window = { validFrom: '2018-07-21T20:30+03:00', validUntil: '2018-07-21T22:00+03:00' };
    const stored = storeCode(a, window, bytes(9), hash);
    const json = JSON.stringify(stored);
    expect(json).not.toContain(codeText(a, 'en').split(' ')[0]);
    expect(json).not.toContain(codeText(a, 'ar').split(' ')[0]);
    expect(stored.salt).toMatch(/^[0-9a-f]{16}$/);
    expect(storeCode(a, window, bytes(10), hash).hash).not.toBe(stored.hash);

    const at = '2018-07-21T20:40+03:00';
    expect(checkCode(stored, codeText(a, 'en').toUpperCase(), at, hash)).toEqual({ ok: true, value: 'HH-1' });
    const arabicDigits = codeText(a, 'ar').replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
    expect(checkCode(stored, arabicDigits, at, hash).ok).toBe(true);
    expect(checkCode(stored, codeText(b, 'en'), at, hash)).toMatchObject({ ok: false, error: { kind: 'wrong-code' } });
    expect(checkCode(stored, codeText(a, 'en'), '2018-07-21T19:00+03:00', hash)).toMatchObject({
      ok: false,
      error: { kind: 'not-yet-valid' },
    });
    expect(checkCode(stored, codeText(a, 'en'), '2018-07-21T23:00+03:00', hash)).toMatchObject({
      ok: false,
      error: { kind: 'expired' },
    });
    expect(checkCode(stored, codeText(a, 'en'), at, hash, '2018-07-21T20:35+03:00')).toMatchObject({
      ok: false,
      error: { kind: 'already-used' },
    });
    expect(checkCode(stored, 'pineapple 12', at, hash)).toMatchObject({ ok: false, error: { kind: 'unknown-word' } });
  });
});

describe('withdrawal notices ("do not come")', () => {
  const notice = (over: Partial<Parameters<typeof buildWithdrawalNotice>[0]> = {}) =>
    buildWithdrawalNotice({
      household_id: 'h-withdrawn',
      language: 'ar',
      languages: ['ar', 'en'],
      phone_e164: '+962700000001',
      windowFrom: '2018-07-21T20:15+03:00',
      ...over,
    });

  it('says the day is cancelled, not to go, to wait, never to pay, and to delete it, in both languages', () => {
    const built = notice();
    if (!built.ok) throw new Error(built.error.kind);
    expect(built.value).toMatchObject({ kind: 'withdrawal', household_id: 'h-withdrawn', language: 'ar' });
    expect(built.value.phone_e164).toBe('+962700000001');
    expect(built.value.texts.map((t) => t.lang)).toEqual(['ar', 'en']);
    const en = built.value.texts.find((t) => t.lang === 'en')!.text;
    expect(en).toBe(
      'Your trip on 21/07 is cancelled. Do not go to the meeting point. Wait for a new message. ' +
        'You will never be asked for money: pay no one. Delete this SMS.',
    );
    const ar = built.value.texts.find((t) => t.lang === 'ar')!.text;
    expect(ar).toContain('أُلغيت رحلتك يوم 21/07.');
    expect(ar).toContain('لا تذهب إلى نقطة التجمع.');
    expect(ar).toContain('لا تدفع لأحد');
  });

  it('fits the SMS limits signed or not (unsigned: one English part, two Arabic) and refuses a longer text', () => {
    for (const organisation of [undefined, 'Safe Passage']) {
      const built = notice(organisation ? { organisation } : {});
      if (!built.ok) throw new Error(built.error.kind);
      const en = built.value.texts.find((t) => t.lang === 'en')!;
      const ar = built.value.texts.find((t) => t.lang === 'ar')!;
      expect(en).toMatchObject({ encoding: 'gsm7' });
      expect(en.units).toBeLessThanOrEqual(320);
      expect(en.parts).toBe(organisation ? 2 : 1);
      expect(ar).toMatchObject({ encoding: 'ucs2' });
      expect(ar.units).toBeLessThanOrEqual(280);
      expect(ar.parts).toBe(organisation ? 3 : 2);
    }
    expect(notice({ maxSeptets: 60 })).toMatchObject({ ok: false, error: { kind: 'too-long', lang: 'en' } });
    expect(notice({ windowFrom: '2018-07-21 20:15' })).toMatchObject({ ok: false, error: { kind: 'bad-time' } });
  });

  it('names no place, exit, country, code, household or person of the demo (a seized phone reveals nothing)', async () => {
    const { scenario, instructions } = await demoInstructions();
    const mine = instructions[0]!;
    const built = notice({ household_id: mine.household_id, windowFrom: mine.fields.window_from });
    if (!built.ok) throw new Error(built.error.kind);
    const forbidden = [
      ...scenario.places.flatMap((p) => [p.place_id, p.name, p.name_arabic ?? '']),
      ...scenario.exits.flatMap((e) => [e.id, e.name, e.name_arabic ?? '']),
      ...scenario.countries.flatMap((c) => [c.code, c.name]),
      ...['Jordan', 'Israel', 'الأردن', 'إسرائيل'],
      ...scenario.households.map((h) => h.household_id),
      ...scenario.people.flatMap((p) => [p.person_id, p.phone_e164 ?? '', p.given_name, p.name_arabic ?? '']),
      ...instructions.flatMap((i) => [codeText(i.code, 'en'), codeText(i.code, 'ar')]),
      mine.fields.window_to.slice(11, 16),
    ].filter((s) => s.length >= 3);
    for (const { text } of built.value.texts) {
      for (const word of forbidden) if (text.includes(word)) expect.fail(`the notice contains ${word}`);
      expect(text).not.toMatch(/\d{2}:\d{2}/);
      expect(text).not.toMatch(/\d{2}\.\d{3}/);
    }
  });
});
