// The resumed search against a fresh one: same earliest exit step after every reservation, on random grids.
import { describe, expect, it } from 'vitest';
import { EarliestArrivalSearch, type FoundPath, type SearchSources } from './earliest-arrival.ts';
import { buildNetwork, reverseAdjacency } from './network.ts';
import { ReservationTable } from './reservation-table.ts';
import { lcg, randomGridArcs } from './test-instances.ts';
import type { Exit } from './types.ts';

/** A w×w two-way grid with travel times 0–2 and capacities 1–3, exits at two corners passing 2 per step. */
function grid(seed: number, width: number) {
  const random = lcg(seed);
  const arcs = randomGridArcs(random, width, { minTravel: 0, travelSpan: 3, maxCapacity: 3 });
  const { network } = buildNetwork(width * width, arcs);
  const exits: Exit[] = [0, width * width - 1].map((node) => ({
    id: `x${node}`,
    mode: 'ground',
    node,
    capacityPerStep: 2,
    windows: [{ startStep: 0, endStep: 300 }],
    conditionMet: true,
  }));
  const origins = [0, 1, 2, 3].map(() => 1 + Math.floor(random() * (width * width - 2)));
  return { network, exits, origins, random };
}

describe('EarliestArrivalSearch.resume', () => {
  for (const seed of Array.from({ length: 24 }, (_, i) => i + 1)) {
    it(`seed ${seed}: after each reservation and dry source, resume finds the fresh search's exit step`, () => {
      const { network, exits, origins, random } = grid(seed, 6);
      const reverse = reverseAdjacency(network);
      const table = new ReservationTable(network, exits, 300);
      const exitNodes = exits.map((e) => e.node);
      const exitActive = Uint8Array.of(1, 1);
      const resumed = new EarliestArrivalSearch(network, reverse, table, network.travelTimeSteps, exitNodes, true);
      const fresh = new EarliestArrivalSearch(network, reverse, table, network.travelTimeSteps, exitNodes, true);
      const persons = origins.map(() => 6 + Math.floor(random() * 10));
      const sources: SearchSources = {
        count: origins.length,
        node: Int32Array.from(origins),
        readyStep: Int32Array.from(origins, (_, i) => i),
      };
      const dry = new Uint8Array(origins.length);
      let reserved: FoundPath[] = [];
      let rounds = 0;
      while (persons.some((p) => p > 0)) {
        const path =
          rounds === 0
            ? resumed.toExits(sources, 1, 1, exitActive)
            : resumed.resume(sources, dry, reserved, 1, 1, exitActive);
        const live = origins.flatMap((_, i) => (persons[i]! > 0 ? [i] : []));
        const freshSources: SearchSources = {
          count: live.length,
          node: Int32Array.from(live, (i) => origins[i]!),
          readyStep: Int32Array.from(live, (i) => i),
        };
        const expected = fresh.toExits(freshSources, 1, 1, exitActive);
        expect(path?.arrivalStep ?? null).toBe(expected?.arrivalStep ?? null);
        if (!path) break;
        // Send as many as the path, the exit and the unit allow, as the planner does.
        let room = table.exitResidual(path.exit, path.arrivalStep);
        path.arcs.forEach((a, i) => {
          room = Math.min(room, table.arcResidual(a, path.entrySteps[i]!));
        });
        const sent = Math.min(room, persons[path.source]!);
        expect(sent).toBeGreaterThan(0);
        for (let i = 0; i < path.arcs.length; i++) table.reserveArc(path.arcs[i]!, path.entrySteps[i]!, sent);
        table.reserveExit(path.exit, path.arrivalStep, sent);
        persons[path.source]! -= sent;
        if (persons[path.source] === 0) dry[path.source] = 1;
        reserved = [path];
        rounds++;
      }
      expect(rounds).toBeGreaterThan(5);
    });
  }
});
