// `safepassage instructions` and `safepassage status` on the demo: the files written, only hashes, merged logs.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerInstructions } from '../../src/cli/commands/instructions.ts';
import { registerStatus } from '../../src/cli/commands/status.ts';
import { CODE_WORDS } from '../../src/core/operation/index.ts';
import { runCommand } from './cli.ts';
import { DEMO, demoPlan } from './demo.ts';

describe('safepassage instructions', () => {
  it('writes sms.csv, signal.txt, slips.html, and codes.json with hashes and windows only', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sp-instructions-'));
    const key = join(out, 'key');
    writeFileSync(key, 'k'.repeat(40));
    const r = await runCommand(registerInstructions, ['instructions', DEMO, '--out', out, '--key-file', key]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+ households instructed in ar, en/);

    const sms = readFileSync(join(out, 'sms.csv'), 'utf8').trim().split('\n');
    expect(sms[0]).toBe('household_id,phone_e164,language,text,parts');
    expect(sms[1]).toMatch(/^HH-\d+,\+963\d+,(ar|en),.+,\d$/);
    const codes = JSON.parse(readFileSync(join(out, 'codes.json'), 'utf8')) as {
      codes: Record<string, string>[];
    };
    expect(Object.keys(codes.codes[0]!).sort()).toEqual(['hash', 'household_id', 'salt', 'valid_from', 'valid_until']);
    expect(new Set(codes.codes.map((c) => c.hash)).size).toBe(codes.codes.length);
    const secret = readFileSync(join(out, 'codes.json'), 'utf8') + readFileSync(join(out, 'fields.json'), 'utf8');
    const spoken = [...readFileSync(join(out, 'signal.txt'), 'utf8').matchAll(/Code word: ([a-z ]+ \d\d)/g)];
    expect(spoken.length).toBe(codes.codes.length);
    for (const [, code] of spoken) expect(secret).not.toContain(code);
    for (const w of CODE_WORDS.slice(0, 50)) expect(secret).not.toMatch(new RegExp(`\\b${w.en} \\d\\d`));

    const slips = readFileSync(join(out, 'slips.html'), 'utf8');
    expect(slips.match(/<section class="slip">/g)?.length).toBe(codes.codes.length);
    expect(slips).toMatch(/printed by .+ at \d{4}-/);
    expect(slips).toContain('dir="rtl"');
  });

  it('re-issue: with the same plan as previous, nothing changed, and everyone without a sent record is listed', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sp-reissue-'));
    await runCommand(registerInstructions, ['instructions', DEMO, '--out', out]);
    const previous = join(out, 'previous-fields.json');
    writeFileSync(previous, readFileSync(join(out, 'fields.json')));
    const sent = join(out, 'sent.jsonl');
    writeFileSync(sent, '{"household_id":"HH-0095","at":"2018-07-21T07:00+03:00","channel":"sms","outcome":"sent"}\n');
    const r = await runCommand(registerInstructions, [
      'instructions',
      DEMO,
      '--out',
      out,
      '--previous',
      previous,
      '--sent',
      sent,
    ]);
    expect(r.code).toBe(0);
    const reissue = JSON.parse(readFileSync(join(out, 'reissue.json'), 'utf8'));
    expect(reissue.changes).toEqual([]);
    expect(reissue.notTold).not.toContain('HH-0095');
    expect(reissue.notTold.length).toBeGreaterThan(200);
  });
});

describe('safepassage status', () => {
  it('merges two devices, counts a double check-in once and shows the conflict', async () => {
    const { scenario, plan } = await demoPlan();
    const convoy = plan.schedule!.convoys[0]!;
    const household = scenario.households.find((h) => h.household_id === convoy.households[0]!.household_id)!;
    const line = (id: string, person: string, status: string, at: string, device: string, more = {}) =>
      JSON.stringify({ id, personId: person, status, at, recordedBy: 'o1', device, ...more });
    const dir = mkdtempSync(join(tmpdir(), 'sp-status-'));
    const a = household.member_ids.map((p, i) => line(`a${i}`, p, 'at_assembly_point', '2018-07-21T08:10+03:00', 'A'));
    const b = household.member_ids.map((p, i) => line(`b${i}`, p, 'at_assembly_point', '2018-07-21T08:11+03:00', 'B'));
    const first = household.member_ids[0]!;
    a.push(line('a-board', first, 'boarded', '2018-07-21T08:25+03:00', 'A', { vehicle: 'bus-golan.0#1' }));
    writeFileSync(join(dir, 'a.jsonl'), `${a.join('\n')}\n`);
    writeFileSync(join(dir, 'b.jsonl'), `${b.join('\n')}\n${a[0]}\n`);
    const r = await runCommand(registerStatus, [
      'status',
      DEMO,
      '--events',
      join(dir, 'a.jsonl'),
      join(dir, 'b.jsonl'),
      '--json',
    ]);
    expect(r.code).toBe(0);
    const status = JSON.parse(r.stdout);
    expect(status.repeated).toBe(1);
    expect(status.by_status.at_assembly_point).toBe(household.member_ids.length - 1);
    expect(status.by_status.boarded).toBe(1);
    expect(status.conflicts.filter((c: { kind: string }) => c.kind === 'duplicate')).toHaveLength(
      household.member_ids.length,
    );
    expect(
      status.reconciliation.households.find((h: { household_id: string }) => h.household_id === household.household_id)
        .split,
    ).toBe(household.member_ids.length > 1);
    const text = await runCommand(registerStatus, [
      'status',
      DEMO,
      '--events',
      join(dir, 'a.jsonl'),
      join(dir, 'b.jsonl'),
    ]);
    expect(text.stdout).toContain('recorded twice');
  });

  it('refuses an event log with a bad line, naming the file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sp-status-'));
    writeFileSync(join(dir, 'bad.jsonl'), '{"id":"x","personId":"P-00001","status":"flying"}\n');
    const r = await runCommand(registerStatus, ['status', DEMO, '--events', join(dir, 'bad.jsonl')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.jsonl:1: /);
  });
});
