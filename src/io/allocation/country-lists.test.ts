// Per-country lists: the right households in each file, stamped, and HTML-escaped.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AllocationPlan, AllocationProblem } from '../../core/allocation/types.ts';
import { countryListHtml, type ListStamp, writeCountryLists } from './country-lists.ts';

const problem: AllocationProblem = {
  countries: [
    { code: 'CAN', name: 'Canada', languages: ['en'] },
    { code: 'GBR', name: 'United Kingdom', languages: ['en'] },
  ],
  households: [
    {
      id: 'H1',
      size: 3,
      priorityWeight: 2,
      needs: { medicalCount: 1, schoolAgeCount: 1 },
      languages: ['ar', 'en'],
      ties: [],
      preferences: [],
      vetting: {},
    },
    {
      id: 'H<2>',
      size: 1,
      priorityWeight: 1,
      needs: { medicalCount: 0, schoolAgeCount: 0 },
      languages: ['ar'],
      ties: [],
      preferences: [],
      vetting: {},
    },
  ],
};

const plan: AllocationPlan = {
  status: 'optimal',
  objective: 720,
  bound: 720,
  gap: 0,
  assignments: [
    {
      household: 'H1',
      country: 'CAN',
      persons: 3,
      score: 620,
      reasons: [{ kind: 'first-preference', country: 'CAN', message: 'first preference CAN' }],
    },
    { household: 'H<2>', country: 'GBR', persons: 1, score: 100, reasons: [] },
  ],
  unplaced: [],
};

const stamp: ListStamp = {
  createdBy: 'caseworker-7',
  createdAt: '2018-07-20T10:00:00Z',
  purpose: 'arrival planning',
  sensitivity: 'strictly confidential',
};

describe('country lists', () => {
  it('writes one CSV and one HTML per country with its households only', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lists-'));
    try {
      const written = await writeCountryLists(dir, plan, problem, stamp);
      expect(written.map((file) => path.basename(file))).toEqual(['CAN.csv', 'CAN.html', 'GBR.csv', 'GBR.html']);
      const csv = (await readFile(path.join(dir, 'CAN.csv'), 'utf8')).split('\n');
      expect(csv[0]).toBe('# STRICTLY CONFIDENTIAL - CAN - arrival planning - caseworker-7 - 2018-07-20T10:00:00Z');
      expect(csv[1]).toBe('household,persons,medical_needs,school_age,languages,priority,score,why');
      expect(csv[2]).toBe('H1,3,1,1,ar en,2,620,first preference CAN');
      expect(csv).toHaveLength(4);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('escapes text in the printable page and prints the stamp', () => {
    const html = countryListHtml(plan, problem, 'GBR', stamp);
    expect(html).toContain('<td>H&lt;2&gt;</td>');
    expect(html).toContain('STRICTLY CONFIDENTIAL · arrival planning · caseworker-7 · 2018-07-20T10:00:00Z');
    expect(html).toContain('1 household(s), 1 person(s)');
  });
});
