import { describe, expect, it } from 'vitest';
import { dedupe } from './dedupe.ts';
import { DEFAULT_MATCH_CONFIG } from './match-config.ts';
import { applyDecisions, withoutDecision } from './merge-decisions.ts';
import type { PersonRecord } from './person-record.ts';

function person(
  id: string,
  fields: Partial<PersonRecord> & Pick<PersonRecord, 'givenName' | 'familyName'>,
): PersonRecord {
  return {
    id,
    householdId: `${id}:H`,
    fatherName: '',
    sex: 'M',
    role: 'family',
    flags: [],
    medicalNeeds: [],
    sourceList: id.split(':')[0]!,
    ...fields,
  };
}

/** Background people so that name frequencies are not degenerate. */
const crowd: PersonRecord[] = ['Omar', 'Khaled', 'Yousef', 'Ibrahim', 'Samir', 'Tariq', 'Ziad', 'Bilal'].flatMap(
  (g, i) =>
    ['Masri', 'Zoubi', 'Rifai', 'Hourani'].map((f, j) =>
      person(`crowd:${i}-${j}`, { givenName: g, familyName: f, fatherName: 'Salem', birthYear: 1960 + i + j }),
    ),
);

const clusterOf = (result: ReturnType<typeof dedupe>, id: string): readonly string[] =>
  result.clusters.find((c) => c.recordIds.includes(id))!.recordIds;

describe('dedupe', () => {
  const records = [
    ...crowd,
    person('teamA:1', {
      givenName: 'Mohammed',
      fatherName: 'Ahmad',
      familyName: 'Al-Hariri',
      birthYear: 1985,
      phoneE164: '+963944000001',
    }),
    person('teamB:7', { givenName: 'Muhammad', fatherName: 'Ahmed', familyName: 'el Hariri', birthYear: 1986 }),
    person('teamC:3', {
      givenName: '',
      fatherName: '',
      familyName: '',
      nameArabic: 'محمد أحمد الحريري',
      birthYear: 1985,
    }),
    // His son: same family, his father is our man; born 25 years later.
    person('teamA:2', { givenName: 'Ahmad', fatherName: 'Mohammed', familyName: 'Al-Hariri', birthYear: 2010 }),
    // His brother: same father and family, another given name.
    person('teamB:8', { givenName: 'Mahmoud', fatherName: 'Ahmad', familyName: 'Hariri', birthYear: 1988 }),
  ];
  const result = dedupe(records);

  it('finds the same man on three lists, in Latin and Arabic script, with reasons', () => {
    expect(clusterOf(result, 'teamA:1')).toEqual(['teamA:1', 'teamB:7', 'teamC:3']);
    const cluster = result.clusters.find((c) => c.id === 'teamA:1')!;
    expect(cluster.confidence).toBeGreaterThan(0.9);
    const fields = cluster.merges.flatMap((m) => m.reasons.map((r) => r.field));
    expect(fields).toContain('givenName');
    expect(fields).toContain('birthYear');
  });

  it('keeps his son and his brother apart', () => {
    expect(clusterOf(result, 'teamA:2')).toEqual(['teamA:2']);
    expect(clusterOf(result, 'teamB:8')).toEqual(['teamB:8']);
  });

  it('keeps every record id exactly once', () => {
    const ids = result.clusters.flatMap((c) => c.recordIds).sort();
    expect(ids).toEqual(records.map((r) => r.id).sort());
  });

  it('replays its decisions to the same clusters, and undoing a merge splits the person', () => {
    const ids = records.map((r) => r.id);
    expect(applyDecisions(ids, result.decisions, 5).clusters).toEqual(result.clusters);
    const index = result.decisions.findIndex((d) => d.kind === 'merge' && [d.a, d.b].includes('teamB:7'));
    const withoutB = applyDecisions(ids, withoutDecision(result.decisions, index), 5).clusters;
    const stillLinked = result.decisions.filter(
      (d, i) => i !== index && d.kind === 'merge' && [d.a, d.b].includes('teamB:7'),
    );
    if (stillLinked.length === 0)
      expect(withoutB.find((c) => c.recordIds.includes('teamB:7'))!.recordIds).toEqual(['teamB:7']);
    expect(withoutB.flatMap((c) => c.recordIds).length).toBe(ids.length);
  });

  it('refuses a chain that would join two people kept apart', () => {
    const ids = ['a', 'b', 'c'];
    const merge = (a: string, b: string, score: number) => ({
      kind: 'merge' as const,
      a,
      b,
      score,
      decidedBy: 'matcher' as const,
      reasons: [],
    });
    const replay = applyDecisions(
      ids,
      [merge('a', 'b', 12), merge('b', 'c', 10), { ...merge('a', 'c', -8), kind: 'keepApart' }],
      5,
    );
    expect(replay.clusters.map((c) => c.recordIds)).toEqual([['a', 'b'], ['c']]);
    expect(replay.refused).toHaveLength(1);
  });

  it('with requireCorroboration, sends a names-only pair to review instead of merging it', () => {
    const weak = dedupe(
      [
        ...crowd,
        person('teamA:9', { givenName: 'Yasser', familyName: 'Hamdan' }),
        person('teamB:9', { givenName: 'Yaser', familyName: 'Hamdan', sex: 'M' }),
      ],
      { ...DEFAULT_MATCH_CONFIG, requireCorroboration: true },
    );
    expect(clusterOf(weak, 'teamA:9')).toEqual(['teamA:9']);
    expect(weak.review.map((r) => [r.a, r.b])).toContainEqual(['teamA:9', 'teamB:9']);
  });

  it('merges two years apart (each list one year off, opposite ways) but not three', () => {
    const pair = (gap: number) =>
      dedupe([
        ...crowd,
        person('teamA:5', { givenName: 'Nizar', fatherName: 'Talal', familyName: 'Qabbani', birthYear: 1970 }),
        person('teamB:5', { givenName: 'Nizar', fatherName: 'Talal', familyName: 'Kabbani', birthYear: 1970 + gap }),
      ]);
    expect(clusterOf(pair(2), 'teamA:5')).toEqual(['teamA:5', 'teamB:5']);
    expect(clusterOf(pair(3), 'teamA:5')).toEqual(['teamA:5']);
    const reasons = pair(2).clusters.find((c) => c.id === 'teamA:5')!.merges[0]!.reasons;
    expect(reasons.find((r) => r.field === 'birthYear')!.evidence).toContain('two years apart');
  });

  it('lets the Arabic script settle a name both records carry in it: other letters, or another order', () => {
    const both = (a: Partial<PersonRecord>, b: Partial<PersonRecord>) =>
      dedupe([
        ...crowd,
        person('teamA:6', { givenName: 'Hmida', fatherName: 'Omer', familyName: 'Tamimi', sex: 'F', ...a }),
        person('teamB:6', { givenName: 'Hamadeh', fatherName: 'Amor', familyName: 'Tamimi', sex: 'F', ...b }),
      ]);
    // Hamida and Hamada share a Latin skeleton (hmd); in Arabic the long vowel tells them apart, and then
    // three years between them are two sisters rather than one woman whose name was misspelt.
    const sisters = both(
      { nameArabic: 'حميدة عمر التميمي', birthYear: 1990 },
      { nameArabic: 'حمادة عمر التميمي', birthYear: 1993 },
    );
    expect(clusterOf(sisters, 'teamA:6')).toEqual(['teamA:6']);
    // The same Arabic name overrules a Latin typo ("Hmida" / "Hamadeh" for one حميدة).
    const one = both({ nameArabic: 'حميدة عمر التميمي' }, { nameArabic: 'حميدة عمر التميمي' });
    expect(clusterOf(one, 'teamA:6')).toEqual(['teamA:6', 'teamB:6']);
  });

  it('reads a full Arabic name in order: Ali son of Ahmad Muhammad is not Muhammad son of Ahmad Ali', () => {
    const scored = dedupe([
      ...crowd,
      person('teamA:7', { givenName: 'Ali', fatherName: 'Ahmad', familyName: 'Muhammad', nameArabic: 'علي أحمد محمد' }),
      person('teamB:7', { givenName: 'Mohammed', fatherName: 'Ahmed', familyName: 'Aly', nameArabic: 'محمد أحمد علي' }),
    ]);
    const pairReasons = [...scored.review, ...scored.clusters.flatMap((c) => c.merges)]
      .filter((p) => [p.a, p.b].includes('teamA:7'))
      .flatMap((p) => p.reasons);
    expect(pairReasons.some((r) => r.field === 'nameArabic' && r.contribution > 0)).toBe(false);
  });
});
