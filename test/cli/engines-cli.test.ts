// triage and dedupe from the command line, on the tiny scenario and on the demo's planted duplicates.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TINY } from '../scenario/fixture.ts';

const BIN = resolve(import.meta.dirname, '../../bin/safepassage.mjs');
const DEMO = resolve(import.meta.dirname, '../../scenarios/southern-syria-2018');

function safepassage(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('safepassage triage', () => {
  it('ranks the volunteer known to the authorities first and lists each factor', () => {
    const r = safepassage('triage', TINY, '--json');
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout) as {
      households: {
        householdId: string;
        level: string;
        members: { factors: { factor: string; points: number }[] }[];
      }[];
    };
    expect(t.households[0]!.householdId).toBe('h1');
    expect(t.households[0]!.level).toBe('imminent');
    const factors = t.households[0]!.members[0]!.factors.map((f) => f.factor);
    expect(factors).toEqual(expect.arrayContaining(['volunteer', 'knownToAuthorities', 'militaryAgeMan']));
  });
});

describe('safepassage dedupe', () => {
  it('finds the same man entered by two teams with different spellings, with reasons', () => {
    const r = safepassage('dedupe', '--scenario', TINY, '--json');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as {
      duplicates: { recordIds: string[]; merges: { reasons: { field: string }[] }[] }[];
    };
    expect(d.duplicates.map((c) => c.recordIds)).toEqual([['p1', 'p8']]);
    expect(d.duplicates[0]!.merges[0]!.reasons.map((x) => x.field)).toEqual(
      expect.arrayContaining(['givenName', 'familyName', 'phone']),
    );
  });

  it("finds every duplicate planted in the demo's people", () => {
    const planted = readFileSync(join(DEMO, 'generate/planted-duplicates.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    const r = safepassage('dedupe', '--scenario', DEMO, '--json');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as { duplicates: { recordIds: string[] }[] };
    const together = (a: string, b: string) =>
      d.duplicates.some((c) => c.recordIds.includes(a) && c.recordIds.includes(b));
    const missed = planted.filter(([a, b]) => !together(a!, b!));
    expect(missed).toEqual([]);
  }, 120_000);
});
