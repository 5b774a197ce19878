// Re-planning from the actual state: out stays out, boarded stays on its bus, withdrawn frees seats, late trips re-pass.
import { describe, expect, it } from 'vitest';
import { seededRandom as seeded } from '../random.ts';
import { convoyViolations } from './convoy-check.ts';
import type { ConvoyInstance } from './convoy-types.ts';
import { planConvoys } from './convoys.ts';
import { type HouseholdProgress, replanFromStatus } from './status-replan.ts';
import {
  twoRoadInstance as base,
  twoRoadLine as line,
  randomConvoyInstance as randomInstance,
} from './test-instances.ts';

const progress = (entries: Record<string, HouseholdProgress>) => new Map(Object.entries(entries));
const carried = (convoys: readonly { pickups: readonly { groupId: string }[] }[]) =>
  convoys.flatMap((c) => c.pickups.map((p) => p.groupId));

describe('replanFromStatus', () => {
  const { schedule } = planConvoys(base);

  it('starts from three shuttles of one bus on the short road', () => {
    expect(schedule.convoys.map((c) => [c.pickups[0]!.groupId, c.loadedDepartureStep, c.exitStep])).toEqual([
      ['a', 1, 3],
      ['b', 6, 8],
      ['c', 11, 13],
    ]);
  });

  it('keeps the trips under way with their passengers, and a trip ahead whose household is still coming', () => {
    const r = replanFromStatus(
      base,
      schedule,
      7,
      progress({ a: { kind: 'out' }, b: { kind: 'boarded', vehicleIndex: 0 }, c: { kind: 'waiting' } }),
    );
    expect(r.keptConvoys).toBe(3);
    expect(r.droppedConvoys).toBe(0);
    expect(r.schedule.convoys.map((c) => [c.pickups[0]!.groupId, c.trip, c.exitStep])).toEqual([
      ['a', 1, 3],
      ['b', 2, 8],
      ['c', 3, 13],
    ]);
    expect(r.changes).toEqual([]);
    expect(r.stranded).toEqual([]);
    expect(convoyViolations(r.instance, r.schedule)).toEqual([]);
  });

  it('does not carry a household again that is already out, even before its planned trip', () => {
    // At step 2, b is reported across (it went by other means): its trip is not planned, c moves up.
    const r = replanFromStatus(
      base,
      schedule,
      2,
      progress({ a: { kind: 'boarded', vehicleIndex: 0 }, b: { kind: 'out' } }),
    );
    expect(carried(r.schedule.convoys)).toEqual(['a', 'c']);
    expect(r.out).toEqual(['b']);
    expect(r.changes).toEqual([
      {
        groupId: 'c',
        progress: 'not-there',
        before: expect.objectContaining({ trip: 3, boardingStep: 10 }),
        after: expect.objectContaining({ trip: 2, boardingStep: 5 }),
        changed: ['time', 'vehicle'],
      },
    ]);
    expect(convoyViolations(r.instance, r.schedule)).toEqual([]);
  });

  it('keeps a boarded household on the bus it is on, not the one planned', () => {
    const two: ConvoyInstance = { ...base, vehicles: [{ id: 'bus', seats: 4, count: 2, startNode: 0 }] };
    const { schedule: planned } = planConvoys(two);
    const planA = planned.convoys.find((c) => c.pickups.some((p) => p.groupId === 'a'))!;
    expect(planA.vehicleIndex).toBe(0);
    // a boarded bus #1 at the assembly point before anything left.
    const r = replanFromStatus(two, planned, 0, progress({ a: { kind: 'boarded', vehicleIndex: 1 } }));
    const nowA = r.schedule.convoys.find((c) => c.pickups.some((p) => p.groupId === 'a'))!;
    expect(nowA.vehicleIndex).toBe(1);
    expect(r.changes.find((c) => c.groupId === 'a')?.changed).toEqual(['vehicle']);
    expect(convoyViolations(r.instance, r.schedule)).toEqual([]);
  });

  it('gives the seats of a withdrawn household to the next in priority', () => {
    const pairs: ConvoyInstance = {
      ...base,
      groups: ['a', 'b', 'c'].map((id, i) => ({ id, persons: 2, priority: i + 1, assemblyPointId: 'ap', profile: 0 })),
    };
    const { schedule: planned } = planConvoys(pairs);
    expect(planned.convoys.map((c) => carried([c]))).toEqual([['a', 'b'], ['c']]);
    const r = replanFromStatus(pairs, planned, 0, progress({ b: { kind: 'withdrawn' } }));
    expect(r.schedule.convoys.map((c) => carried([c]))).toEqual([['a', 'c']]);
    expect(r.withdrawn).toEqual(['b']);
    expect(r.stranded).toEqual([]);
    expect(convoyViolations(r.instance, r.schedule)).toEqual([]);
  });

  it('carries only the members still to come when some of a household are out', () => {
    const r = replanFromStatus(base, schedule, 0, progress({ a: { kind: 'waiting', persons: 1 } }));
    expect(r.schedule.convoys[0]!.pickups[0]).toEqual({ groupId: 'a', persons: 1 });
    expect(convoyViolations(r.instance, r.schedule)).toEqual([]);
  });

  it('carries only the members boarded when part of a household boarded, on a trip under way or still to load', () => {
    // At step 2, a's trip (loaded at 1, out at 3) is under way with two of a's four members aboard.
    const underWay = replanFromStatus(
      base,
      schedule,
      2,
      progress({ a: { kind: 'boarded', vehicleIndex: 0, persons: 2 } }),
    );
    const trip = underWay.schedule.convoys.find((c) => c.pickups.some((p) => p.groupId === 'a'))!;
    expect(trip.pickups).toEqual([{ groupId: 'a', persons: 2 }]);
    expect(trip.persons).toBe(2);
    expect(trip.exitPassages.reduce((n, p) => n + p.persons, 0)).toBe(2);
    expect(convoyViolations(underWay.instance, underWay.schedule)).toEqual([]);
    // At step 0 the bus has not loaded: its trip for a is planned again with the two aboard.
    const loading = replanFromStatus(
      base,
      schedule,
      0,
      progress({ a: { kind: 'boarded', vehicleIndex: 0, persons: 2 } }),
    );
    const again = loading.schedule.convoys.find((c) => c.pickups.some((p) => p.groupId === 'a'))!;
    expect(again.pickups).toEqual([{ groupId: 'a', persons: 2 }]);
    expect(convoyViolations(loading.instance, loading.schedule)).toEqual([]);
  });

  it('drops a trip that left with nobody recorded on board: its household is planned again', () => {
    // At step 4, a's trip should be out (3) but a is still checked in at the assembly point.
    const r = replanFromStatus(base, schedule, 4, progress({ a: { kind: 'waiting' } }));
    const nowA = r.schedule.convoys.find((c) => c.pickups.some((p) => p.groupId === 'a'))!;
    expect(nowA.boardingStep).toBeGreaterThanOrEqual(4);
    expect(carried(r.schedule.convoys)).toEqual(['a', 'b', 'c']);
    expect(convoyViolations(r.instance, r.schedule)).toEqual([]);
  });

  it('gives a late convoy new exit passages from now, and strands it when the window has closed', () => {
    // b was due across at 8; at 10 it is still recorded on board: it passes from 10.
    const r = replanFromStatus(
      base,
      schedule,
      10,
      progress({ a: { kind: 'out' }, b: { kind: 'boarded', vehicleIndex: 0 }, c: { kind: 'waiting' } }),
    );
    const nowB = r.schedule.convoys.find((c) => c.pickups.some((p) => p.groupId === 'b'))!;
    expect(nowB.exitStep).toBe(10);
    expect(r.changedConvoys).toBe(1);
    expect(convoyViolations(r.instance, r.schedule)).toEqual([]);

    const closing: ConvoyInstance = { ...base, exits: [{ ...line, windows: [{ startStep: 0, endStep: 9 }] }] };
    const { schedule: tight } = planConvoys(closing);
    const late = replanFromStatus(
      closing,
      tight,
      10,
      progress({ a: { kind: 'out' }, b: { kind: 'boarded', vehicleIndex: 0 } }),
    );
    expect(carried(late.schedule.convoys)).toEqual(['a']);
    expect(late.stranded.map((s) => s.groupId)).toEqual(['b', 'c']);
    expect(late.newlyStranded.map((s) => s.groupId)).toEqual(['b']);
    expect(convoyViolations(late.instance, late.schedule)).toEqual([]);
  });
});

describe('replanFromStatus on seeded random grids and random progress', () => {
  for (let seed = 1; seed <= 40; seed++) {
    it(`seed ${seed}: sound; nobody out or withdrawn carried again; boarded keep their vehicle`, () => {
      const random = seeded(seed);
      const instance = randomInstance(random);
      const { schedule } = planConvoys(instance);
      const atStep = Math.floor(random() * (schedule.makespanStep + 5));
      const vehicles = instance.vehicles.reduce((n, v) => n + v.count, 0);
      const planned = new Map(schedule.convoys.flatMap((c) => c.pickups.map((p) => [p.groupId, c] as const)));
      const progress = new Map<string, HouseholdProgress>();
      for (const g of instance.groups) {
        const c = planned.get(g.id);
        const roll = random();
        // Mostly as planned by atStep, sometimes anything at all.
        if (c && c.exitStep < atStep && roll < 0.6) progress.set(g.id, { kind: 'out' });
        else if (c && c.loadedDepartureStep < atStep && roll < 0.8)
          progress.set(g.id, { kind: 'boarded', vehicleIndex: c.vehicleIndex });
        else if (roll < 0.1) progress.set(g.id, { kind: 'withdrawn' });
        else if (roll < 0.2) progress.set(g.id, { kind: 'boarded', vehicleIndex: Math.floor(random() * vehicles) });
        else if (roll < 0.3) progress.set(g.id, { kind: 'out' });
        else if (roll < 0.5) progress.set(g.id, { kind: 'waiting', persons: Math.max(1, g.persons - 1) });
      }
      const r = replanFromStatus(instance, schedule, atStep, progress);
      expect(convoyViolations(r.instance, r.schedule)).toEqual([]);
      const carriedIds = carried(r.schedule.convoys);
      expect(new Set(carriedIds).size).toBe(carriedIds.length);
      for (const c of r.schedule.convoys) {
        const before = schedule.convoys.find((o) => o.vehicleIndex === c.vehicleIndex && o.trip === c.trip);
        for (const p of c.pickups) {
          const kind = progress.get(p.groupId)?.kind;
          expect(kind).not.toBe('withdrawn');
          // Someone out is only on a trip that had loaded them before atStep.
          if (kind === 'out') {
            expect(before?.loadedDepartureStep).toBeLessThan(atStep);
            expect(carried(before ? [before] : [])).toContain(p.groupId);
          }
          const on = progress.get(p.groupId);
          if (on?.kind === 'boarded') expect(c.vehicleIndex).toBe(on.vehicleIndex);
        }
      }
      // Everyone still to come is carried or stranded, nobody twice.
      const toCome = instance.groups.filter((g) => !['out', 'withdrawn'].includes(progress.get(g.id)?.kind ?? ''));
      const accounted = new Set([...carriedIds, ...r.stranded.map((s) => s.groupId)]);
      for (const g of toCome) expect(accounted.has(g.id), g.id).toBe(true);
    });
  }
});
