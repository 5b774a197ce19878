// The plan pipeline end to end on the tiny scenario (known answers) and on the bundled demo (its story holds).
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/io/scenario/load-scenario.ts';
import { runPlan } from '../../src/pipeline/plan.ts';
import { copyOfTiny, TINY } from '../scenario/fixture.ts';

const DEMO = new URL('../../scenarios/southern-syria-2018', import.meta.url).pathname;

async function plan(dir: string) {
  const loaded = await loadScenario(dir);
  if (!loaded.scenario) throw new Error(`invalid scenario: ${JSON.stringify(loaded.issues.slice(0, 3))}`);
  return runPlan(loaded.scenario, { scenarioDir: dir });
}

describe('plan on the tiny scenario', () => {
  it('triages the volunteer known to the authorities first, with reasons', async () => {
    const p = await plan(TINY);
    expect(p.stages).toEqual(expect.arrayContaining(['triage', 'routing']));
    const first = p.triage.households[0]!;
    expect(first.householdId).toBe('h1');
    expect(first.members[0]!.factors.map((f) => f.factor)).toEqual(
      expect.arrayContaining(['volunteer', 'knownToAuthorities', 'militaryAgeMan']),
    );
  });

  it('routes a household with a military-age man around the Nawa checkpoint that a family of women passes', async () => {
    const p = await plan(TINY);
    // Nawa's assembly point is 1 km from Nawa; Quneitra is reached by the Nawa–Quneitra road through cp-nawa-north.
    const fromNawa = p.routing!.assembly_to_exits.find(
      (a) => a.assembly_point === 'ap-nawa' && a.profile === 'military_age_man',
    )!;
    const golan = fromNawa.exits.find((e) => e.exit_id === 'golan-line')!;
    // cp-nawa-north poses 80 % to a military-age man: too risky, so no acceptable route exists from Nawa.
    expect(golan.routes).toEqual([]);
    expect(golan.cut_off?.cutBy.map((c) => c.id)).toContain('cp-nawa-north');
  });

  it('applies the field report only once it is observed: at the start the Nawa checkpoint is still open', async () => {
    const p = await plan(TINY);
    expect(p.field_reports).toEqual([expect.objectContaining({ reportId: 'r1', effect: 'pending' })]);
  });

  it('marks the closed crossing as closed and the line crossing as open', async () => {
    const p = await plan(TINY);
    expect(p.exits.map((e) => [e.id, e.open])).toEqual([
      ['golan-line', true],
      ['nasib', false],
    ]);
  });

  it('a household of women and a grandmother is routed through the checkpoint a military-age man cannot pass', async () => {
    const s = copyOfTiny();
    // Make household h2 (Daraa) two women: its profile becomes "woman" or "elderly" (the grandmother).
    s.edit('people.csv', (t) =>
      t
        .replace('p4,h2,head,Khaled,Yousef,Masalmeh,,M', 'p4,h2,head,Khadija,Yousef,Masalmeh,,F')
        .replace('insulin-dependent diabetes', ''),
    );
    const p = await plan(s.dir);
    const h2 = p.routing!.households.find((h) => h.household_id === 'h2')!;
    // The grandmother (born 1948) makes the household "elderly": 10 % at cp-nawa-north, acceptable.
    expect(h2.profile).toBe('elderly');
    expect(h2.assembly_point).toBe('ap-nawa');
    // Sheikh Maskin is closed, so the way from Daraa goes round by Quneitra and through the Nawa checkpoint.
    expect(h2.route?.checkpoints.map((c) => c.id)).toEqual(['cp-nawa-north']);
    expect(h2.route?.distance_m).toBe(111_000);
  });
});

describe('plan on the southern-Syria demo', () => {
  it('finds the night line crossing as the way out and explains who is cut off', async () => {
    const p = await plan(DEMO);
    expect(p.problems).toEqual([]);
    expect(p.summary.people).toBeGreaterThan(900);
    expect(p.exits.filter((e) => e.open).map((e) => e.id)).toEqual(['exit-quneitra-line']);
    const routed = p.routing!.households.filter((h) => h.route).length;
    expect(routed).toBeGreaterThan(200);
    for (const h of p.routing!.households.filter((x) => !x.route)) expect(h.cut_off).toBeDefined();
    // The lone F6 report must not open its checkpoint.
    expect(p.field_reports).toContainEqual(expect.objectContaining({ effect: 'ignored-weak-opening' }));
    expect(p.triage.households_by_level.imminent).toBeGreaterThan(100);
  }, 60_000);
});

describe('schedule on the tiny scenario', () => {
  /** The tiny scenario with the Nawa checkpoint passable for men (10 %), so Nawa's households can go. */
  const passable = () => {
    const c = copyOfTiny();
    c.edit('checkpoints.csv', (t) => t.replace('10:00+03:00,0.8,0.1,0.05', '10:00+03:00,0.1,0.1,0.05'));
    return c.dir;
  };

  it('gets the households that have an acceptable route out through the night window, never beyond the seats', async () => {
    const p = await plan(passable());
    const s = p.schedule!;
    // All three households (8 people) reach Nawa's assembly point and fit the buses in the first night.
    expect(s.evacuated).toBe(8);
    expect(s.not_evacuated).toEqual([]);
    expect(s.convoys.length).toBeGreaterThan(0);
    // Most endangered first: h1 (volunteer known to the authorities) is out no later than h3.
    const outBy = (h: string) =>
      Date.parse(s.convoys.find((c) => c.households.some((x) => x.household_id === h))!.out_by);
    expect(outBy('h1')).toBeLessThanOrEqual(outBy('h3'));
    for (const c of s.convoys) {
      expect(c.persons).toBeLessThanOrEqual(c.seats);
      expect(c.exit).toBe('golan-line');
      // Out inside the window 21:00–04:00 local.
      expect(Date.parse(c.out_by)).toBeGreaterThanOrEqual(Date.parse('2018-07-21T21:00+03:00'));
      expect(Date.parse(c.out_by)).toBeLessThanOrEqual(Date.parse('2018-07-22T04:00+03:00'));
    }
    const households = s.convoys.flatMap((c) => c.households.map((h) => h.household_id));
    expect(new Set(households).size).toBe(households.length);
    expect(s.evacuated + s.not_evacuated.reduce((n, h) => n + h.persons, 0)).toBe(s.total);
    if (s.lower_bound_at && s.makespan_at)
      expect(Date.parse(s.lower_bound_at)).toBeLessThanOrEqual(Date.parse(s.makespan_at));
  });

  it('replays an event: closing the line at 21:00 strands who was not yet out', async () => {
    const dir = passable();
    const loaded = await loadScenario(dir);
    const before = await runPlan(loaded.scenario!, { scenarioDir: dir });
    expect(before.schedule!.evacuated).toBe(8);
    const after = await runPlan(loaded.scenario!, {
      scenarioDir: dir,
      events: [
        { kind: 'exit-changed', id: 'e1', exitId: 'golan-line', at: '2018-07-21T21:00+03:00', conditionMet: false },
      ],
    });
    const replan = after.schedule!.replans.find((r) => r.report_id === 'e1')!;
    expect(replan.evacuated).toBe(0);
    expect(replan.newly_stranded.reduce((n, h) => n + h.persons, 0)).toBe(before.schedule!.evacuated);
  });
});
