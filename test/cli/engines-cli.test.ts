// triage and dedupe from the command line, on the tiny scenario and on the demo's planted duplicates.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

describe('safepassage allocate', () => {
  it('proves the allocation optimal, never exceeds a quota, and honours overrides with their cost', () => {
    const base = safepassage('allocate', DEMO, '--json');
    expect(base.code).toBe(0);
    type Allocation = {
      status: string;
      gap: number;
      assignments: { household: string; country: string; persons: number }[];
      by_country: { country: string; persons: number; quota_persons?: number }[];
      overrides?: { objective_delta: number; moved: { household: string }[] };
    };
    const a = JSON.parse(base.stdout) as Allocation;
    expect(a.status).toBe('optimal');
    expect(a.gap).toBe(0);
    for (const c of a.by_country)
      if (c.quota_persons !== undefined) expect(c.persons).toBeLessThanOrEqual(c.quota_persons);
    expect(new Set(a.assignments.map((x) => x.household)).size).toBe(a.assignments.length);
    const file = join(mkdtempSync(join(tmpdir(), 'sp-ov-')), 'overrides.csv');
    writeFileSync(file, 'household,country,kind\nHH-0001,GBR,forbid\nHH-0095,GBR,pin\n');
    const withOverrides = JSON.parse(safepassage('allocate', DEMO, '--json', '--override', file).stdout) as Allocation;
    const where = (h: string) => withOverrides.assignments.find((x) => x.household === h)?.country;
    expect(where('HH-0095')).toBe('GBR');
    expect(where('HH-0001')).not.toBe('GBR');
    expect(withOverrides.overrides!.objective_delta).toBeLessThanOrEqual(0);
    expect(withOverrides.overrides!.moved.map((m) => m.household)).toContain('HH-0095');
  }, 120_000);

  it('refuses a pin to a country that has not cleared the household, naming both', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sp-ov-')), 'o.csv');
    writeFileSync(file, 'household,country,kind\nHH-0095,DEU,pin\n');
    const r = safepassage('allocate', DEMO, '--override', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('HH-0095');
    expect(r.stderr).toContain('DEU');
  }, 120_000);
});
