import { describe, expect, it } from 'vitest';
import { type TriagePerson, triageAll, triageHousehold, triagePerson } from './triage.ts';
import { DEFAULT_TRIAGE_CONFIG } from './triage-config.ts';

const july2018 = new Date('2018-07-20T00:00:00Z');
const person = (id: string, fields: Partial<TriagePerson>): TriagePerson => ({
  id,
  householdId: 'H1',
  sex: 'F',
  role: 'family',
  flags: [],
  medicalNeeds: [],
  ...fields,
});

describe('triagePerson', () => {
  it('puts a volunteer of military age in a hostile area at imminent, with every factor', () => {
    const t = triagePerson(person('v', { sex: 'M', birthYear: 1988, role: 'volunteer' }), true, july2018);
    expect(t.level).toBe('imminent');
    expect(t.score).toBe(85);
    expect(t.factors.map((f) => [f.factor, f.points])).toEqual([
      ['volunteer', 40],
      ['militaryAgeMan', 20],
      ['hostileArea', 25],
    ]);
    // 85 points, imminent from 70: removing any one of the three factors drops him to high.
    expect(t.change.droppedBy).toEqual([
      { factor: 'volunteer', levelWithout: 'high' },
      { factor: 'militaryAgeMan', levelWithout: 'high' },
      { factor: 'hostileArea', levelWithout: 'high' },
    ]);
    expect(t.change.pointsToNextLevel).toBeUndefined();
  });

  it('says how many points are missing to the next level', () => {
    const t = triagePerson(person('m', { sex: 'M', birthYear: 1990 }), true, july2018);
    expect(t.level).toBe('high');
    expect(t.change).toMatchObject({ pointsToNextLevel: 25, nextLevel: 'imminent' });
  });

  it('counts a man of 46 as out of military age, and a child as a child', () => {
    expect(triagePerson(person('o', { sex: 'M', birthYear: 1972 }), false, july2018).factors).toEqual([]);
    const child = triagePerson(person('c', { sex: 'M', birthYear: 2012 }), false, july2018);
    expect(child.level).toBe('low');
    expect(child.factors.map((f) => f.factor)).toEqual(['child']);
  });

  it('follows the configuration', () => {
    const config = { ...DEFAULT_TRIAGE_CONFIG, militaryAge: { from: 18, to: 50 } };
    expect(triagePerson(person('o', { sex: 'M', birthYear: 1972 }), false, july2018, config).factors[0]!.factor).toBe(
      'militaryAgeMan',
    );
  });
});

describe('households and priority', () => {
  it('scores a household as its most endangered member plus a bump per dependent', () => {
    const members = [
      person('dad', { sex: 'M', birthYear: 1980, role: 'volunteer' }),
      person('kid1', { birthYear: 2010 }),
      person('kid2', { birthYear: 2014, medicalNeeds: ['insulin'] }),
    ].map((p) => triagePerson(p, false, july2018));
    const h = triageHousehold(members);
    expect(h.score).toBe(60 + 2 * DEFAULT_TRIAGE_CONFIG.household.dependentBump);
    expect(h.level).toBe('high');
    expect(h.members[0]!.personId).toBe('dad');
  });

  it('orders households by score, ties broken by id', () => {
    const people = [
      person('a1', { householdId: 'B', sex: 'M', birthYear: 1990 }),
      person('b1', { householdId: 'A', sex: 'M', birthYear: 1991 }),
      person('c1', { householdId: 'C', role: 'volunteer', sex: 'M', birthYear: 1985 }),
      person('d1', { householdId: 'D', birthYear: 1950 }),
    ];
    const order = triageAll(people, () => false, july2018).map((h) => h.householdId);
    expect(order).toEqual(['C', 'A', 'B', 'D']);
  });

  it('reproduces the worked example of docs/triage.md', () => {
    const people = [
      person('khaled', { householdId: 'H7', sex: 'M', birthYear: 1988, role: 'volunteer' }),
      person('amal', { householdId: 'H7', birthYear: 1990 }),
      person('omar', { householdId: 'H7', sex: 'M', birthYear: 2012 }),
      person('lina', { householdId: 'H7', birthYear: 2015, medicalNeeds: ['insulin'] }),
      person('single', { householdId: 'H9', sex: 'M', birthYear: 1990 }),
    ];
    const [h7, h9] = triageAll(people, () => true, july2018);
    expect(h7!.householdId).toBe('H7');
    expect(h7!.score).toBe(91);
    expect(h7!.level).toBe('imminent');
    expect(h7!.members.map((m) => [m.personId, m.score, m.level])).toEqual([
      ['khaled', 85, 'imminent'],
      ['lina', 40, 'medium'],
      ['omar', 30, 'medium'],
      ['amal', 25, 'medium'],
    ]);
    expect(h7!.members[1]!.change.pointsToNextLevel).toBe(5);
    expect([h9!.score, h9!.level]).toEqual([45, 'high']);
  });
});
