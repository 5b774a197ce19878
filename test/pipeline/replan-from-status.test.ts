// Check-in events → household progress → re-plan, on the tiny scenario made passable (every household has a convoy).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusEvent } from '../../src/core/operation/status.ts';
import type { Scenario } from '../../src/core/scenario/scenario.ts';
import type { ConvoyInstance } from '../../src/core/scheduling/convoy-types.ts';
import { loadScenario } from '../../src/io/scenario/load-scenario.ts';
import { householdProgress, planFromStatus, vehicleIndexOf } from '../../src/pipeline/replan-from-status.ts';

const event = (personId: string, status: StatusEvent['status'], at: string, extra: Partial<StatusEvent> = {}) =>
  ({
    id: `${personId}-${status}`,
    personId,
    status,
    at: `2018-07-21T${at}+03:00`,
    recordedBy: 'u',
    device: 'd',
    ...extra,
  }) as StatusEvent;

describe('re-plan from check-in events', () => {
  let dir: string;
  let scenario: Scenario;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sp-replan-pipeline-'));
    cpSync(new URL('../fixtures/scenarios/tiny', import.meta.url).pathname, dir, { recursive: true });
    const file = join(dir, 'checkpoints.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace('10:00+03:00,0.8,0.1,0.05', '10:00+03:00,0.1,0.1,0.05'));
    scenario = (await loadScenario(dir)).scenario!;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a boarded event’s vehicle as a convoy key, a manifest key or a vehicle id', () => {
    const instance = {
      vehicles: [
        { id: 'bus', count: 2 },
        { id: 'van', count: 1 },
      ],
    } as unknown as ConvoyInstance;
    expect(vehicleIndexOf(instance, 'bus.1#2')).toBe(1);
    expect(vehicleIndexOf(instance, 'bus.0.1')).toBe(0);
    expect(vehicleIndexOf(instance, 'van.2')).toBe(2);
    expect(vehicleIndexOf(instance, 'van')).toBe(2);
    // Two buses: "bus" alone names none; index 2 is the van, not a bus.
    expect(vehicleIndexOf(instance, 'bus')).toBeUndefined();
    expect(vehicleIndexOf(instance, 'bus.2')).toBeUndefined();
  });

  it('maps members to household progress: one crossed and three waiting is three to carry', () => {
    const instance = { vehicles: [{ id: 'bus', count: 2 }] } as unknown as ConvoyInstance;
    const { progress, unknownVehicles } = householdProgress(scenario, instance, [
      event('p1', 'at_assembly_point', '19:40'),
      event('p1', 'boarded', '19:50', { vehicle: 'bus.0#1', id: 'p1-b' }),
      event('p1', 'crossed', '21:00', { exit: 'golan-line' }),
      ...['p2', 'p3', 'p8'].map((p) => event(p, 'at_assembly_point', '19:40')),
      event('p4', 'at_assembly_point', '19:40'),
      event('p4', 'boarded', '19:50', { vehicle: 'lorry' }),
      event('p6', 'declined', '19:00'),
      event('p7', 'declined', '19:00'),
    ]);
    expect(progress.get('h1')).toEqual({ kind: 'waiting', persons: 3 });
    expect(progress.get('h2')).toEqual({ kind: 'waiting' });
    expect(progress.get('h3')).toEqual({ kind: 'withdrawn' });
    expect(unknownVehicles).toEqual(['lorry']);
  });

  it('carries only the members boarded on the bus and reports the rest of a split household', async () => {
    // h1 = p1, p2, p3, p8: two boarded bus #0 (left 20:00), one declined, one still at the assembly point.
    const events = [
      ...['p1', 'p2', 'p8'].map((p) => event(p, 'at_assembly_point', '19:40')),
      ...['p1', 'p2'].map((p) => event(p, 'boarded', '19:55', { vehicle: 'bus.0#1' })),
      event('p3', 'declined', '19:30'),
    ];
    const result = await planFromStatus(scenario, { scenarioDir: dir, events, at: '2018-07-21T20:10+03:00' });
    if (!result.ok) throw new Error(result.error.kind);
    const { summary, section } = result.value;
    const bus = section.convoys.find((c) => c.households.some((h) => h.household_id === 'h1'));
    expect(bus?.vehicle_index).toBe(0);
    expect(bus?.households.find((h) => h.household_id === 'h1')?.persons).toBe(2);
    expect(section.convoys.flatMap((c) => c.households).filter((h) => h.household_id === 'h1')).toHaveLength(1);
    expect(summary.boarded_households).toBe(1);
    // p8 is not on any convoy: named, never silently dropped.
    expect(summary.split_households).toEqual([
      { household_id: 'h1', vehicle: 'bus.0#1', boarded: 2, waiting: 1, not_there: 0, on_other_vehicles: 0 },
    ]);
    // ... and among those to tell again, though the bus it is on did not change.
    expect(summary.changed_households.find((h) => h.household_id === 'h1')).toMatchObject({
      progress: 'boarded',
      changed: ['split'],
      after: { convoy: 'bus.0#1' },
    });
  });

  it('counts members on two vehicles on the one most of them boarded, and the others as on another vehicle', () => {
    const instance = { vehicles: [{ id: 'bus', count: 2 }] } as unknown as ConvoyInstance;
    const { progress, split } = householdProgress(scenario, instance, [
      ...['p1', 'p2', 'p3', 'p8'].map((p) => event(p, 'at_assembly_point', '19:40')),
      event('p1', 'boarded', '19:50', { vehicle: 'bus.1#1', id: 'p1-b' }),
      ...['p2', 'p3'].map((p) => event(p, 'boarded', '19:55', { vehicle: 'bus.0#1', id: `${p}-b` })),
    ]);
    expect(progress.get('h1')).toEqual({ kind: 'boarded', vehicleIndex: 0, persons: 2 });
    expect(split).toEqual([
      { household_id: 'h1', vehicle: 'bus.0#1', boarded: 2, waiting: 1, not_there: 0, on_other_vehicles: 1 },
    ]);
  });

  it('re-plans with the events up to `at` only, and names the households to tell again', async () => {
    const events = [
      ...['p1', 'p2', 'p3', 'p8'].flatMap((p) => [
        event(p, 'at_assembly_point', '19:40'),
        event(p, 'boarded', '19:55', { vehicle: 'bus.0#1' }),
      ]),
      // h3 declines at 20:30: after the re-plan time, so not yet known.
      event('p6', 'declined', '20:30'),
      event('p7', 'declined', '20:30'),
    ];
    const result = await planFromStatus(scenario, { scenarioDir: dir, events, at: '2018-07-21T20:10+03:00' });
    if (!result.ok) throw new Error(result.error.kind);
    const { summary, section } = result.value;
    expect(summary).toMatchObject({ boarded_households: 1, withdrawn_households: 0, newly_stranded: [] });
    // h3 was on bus #0, which left at 20:00 with only h1 aboard: h3 gets another trip and must be told.
    expect(section.convoys.find((c) => c.households.some((h) => h.household_id === 'h1'))?.vehicle_index).toBe(0);
    expect(summary.changed_households.map((h) => [h.household_id, h.progress])).toEqual([['h3', 'not-there']]);
    expect(section.convoys.flatMap((c) => c.households.map((h) => h.household_id)).sort()).toEqual(['h1', 'h2', 'h3']);
    const bad = await planFromStatus(scenario, { scenarioDir: dir, events, at: '20:10' });
    expect(bad.ok ? undefined : bad.error).toEqual({ kind: 'bad-time', at: '20:10' });
    const early = await planFromStatus(scenario, { scenarioDir: dir, events, at: '2018-07-21T17:59+03:00' });
    expect(early.ok ? undefined : early.error).toMatchObject({ kind: 'out-of-range', from: '2018-07-21T18:00+03:00' });
  });
});
