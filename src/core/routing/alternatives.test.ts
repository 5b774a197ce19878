// Alternatives and the engine facade: stretch and sharing bounds, checkpoint avoidance, unreachable results.
import { describe, expect, it } from 'vitest';
import type { RoadGraph } from '../graph/road-graph.ts';
import { INF_WEIGHT } from '../graph/road-graph.ts';
import { BidirectionalDijkstraQuery } from './dijkstra.ts';
import { createRoutingEngine } from './engine.ts';
import { csrFromArcList, randomGridGraph, seededRandom } from './random-test-graph.ts';

function sumWeights(arcs: Uint32Array, weights: Uint32Array): number {
  let sum = 0;
  for (const arc of arcs) sum += weights[arc]!;
  return sum;
}

function expectWalk(graph: RoadGraph, from: number, to: number, arcs: Uint32Array): void {
  let at = from;
  for (const arc of arcs) {
    expect(graph.firstOut[at]! <= arc && arc < graph.firstOut[at + 1]!).toBe(true);
    at = graph.head[arc]!;
  }
  expect(at).toBe(to);
}

/** A two-way road graph from [u, v, cost] triples; roads listed in `checkpointRoads` are marked both ways. */
function roadGraph(nodeCount: number, roads: [number, number, number][], checkpointRoads: number[] = []) {
  const tails = roads.flatMap((road) => [road[0], road[1]]);
  const heads = roads.flatMap(([u, v]) => [v, u]);
  const coordinate = Float64Array.from({ length: nodeCount }, (_, v) => v);
  const graph = csrFromArcList(
    nodeCount,
    tails,
    heads,
    coordinate,
    coordinate.map((c) => c % 2),
    seededRandom(1),
  );
  const weights = new Uint32Array(graph.arcCount);
  const marked = new Uint8Array(graph.arcCount);
  for (let v = 0; v < nodeCount; v++) {
    for (let a = graph.firstOut[v]!; a < graph.firstOut[v + 1]!; a++) {
      const w = graph.head[a]!;
      const road = roads.findIndex(([x, y]) => (x === v && y === w) || (x === w && y === v));
      weights[a] = roads[road]![2];
      if (checkpointRoads.includes(road)) marked[a] = 1;
    }
  }
  return { graph, weights, marked };
}

/** Three parallel roads from 0 to 4: via 1 (cost 10), via 2 (11), via 3 (12). */
function threeRoads() {
  return roadGraph(5, [
    [0, 1, 5],
    [1, 4, 5],
    [0, 2, 5],
    [2, 4, 6],
    [0, 3, 6],
    [3, 4, 6],
  ]);
}

describe('routing engine', () => {
  it('routes, updates one arc partially, and reports unreachable as a typed error', () => {
    const { graph, weights } = threeRoads();
    const engine = createRoutingEngine(graph, { weights });
    const best = engine.route(0, 4);
    expect(best.ok && best.value.cost).toBe(10);
    const closed = Array.from(best.ok ? best.value.arcs : []);
    engine.updateWeights(closed, [INF_WEIGHT, INF_WEIGHT]);
    const detour = engine.route(0, 4);
    expect(detour.ok && detour.value.cost).toBe(11);
    const all = Array.from({ length: graph.arcCount }, (_, a) => a);
    engine.updateWeights(all, new Array(graph.arcCount).fill(INF_WEIGHT));
    expect(engine.route(0, 4)).toEqual({ ok: false, error: { kind: 'unreachable', from: 0, to: 4 } });
    engine.setWeights(weights);
    expect(engine.route(4, 0)).toMatchObject({ ok: true, value: { cost: 10 } });
  });

  it('finds the three roads as alternatives', () => {
    const { graph, weights } = threeRoads();
    const engine = createRoutingEngine(graph, { weights });
    const routes = engine.alternatives(0, 4, 3);
    expect(routes.map((r) => r.cost)).toEqual([10, 11, 12]);
    for (const route of routes) expectWalk(graph, 0, 4, route.arcs);
    expect(engine.alternatives(0, 4, 1).map((r) => r.cost)).toEqual([10]);
  });

  it('steers the next route off the checkpoint the best route passes', () => {
    // Best 0-1-2-5 (10) crosses the checkpoint road 1-2; 0-3-1-2-4-5 (11) crosses it too; 0-6-5 (14) avoids it.
    const roads: [number, number, number][] = [
      [0, 1, 2],
      [1, 2, 1],
      [2, 5, 7],
      [0, 3, 2],
      [3, 1, 1],
      [2, 4, 1],
      [4, 5, 6],
      [0, 6, 7],
      [6, 5, 7],
    ];
    const { graph, weights, marked } = roadGraph(7, roads, [1]);
    const engine = createRoutingEngine(graph, { weights });
    expect(engine.alternatives(0, 5, 2).map((r) => r.cost)).toEqual([10, 11]);
    expect(engine.alternatives(0, 5, 2, { markedArcs: marked }).map((r) => r.cost)).toEqual([10, 14]);
  });

  it('keeps stretch and sharing bounds on random grids', () => {
    const graph = randomGridGraph(11, { width: 30, height: 30, onewayRate: 0.1 });
    const weights = graph.travelTimeDs;
    const engine = createRoutingEngine(graph, { weights });
    const oracle = new BidirectionalDijkstraQuery(graph);
    const random = seededRandom(4);
    let found = 0;
    for (let i = 0; i < 30; i++) {
      const s = Math.floor(random() * graph.nodeCount);
      const t = Math.floor(random() * graph.nodeCount);
      const routes = engine.alternatives(s, t, 3);
      const best = oracle.run(s, t, weights).distance;
      if (best >= INF_WEIGHT) {
        expect(routes).toEqual([]);
        continue;
      }
      expect(routes[0]!.cost).toBe(best);
      // The router undoes its penalties between calls: asking again gives the same routes.
      expect(engine.alternatives(s, t, 3).map((r) => r.cost)).toEqual(routes.map((r) => r.cost));
      found += routes.length;
      for (const [index, route] of routes.entries()) {
        expectWalk(graph, s, t, route.arcs);
        expect(sumWeights(route.arcs, weights)).toBe(route.cost);
        expect(route.cost).toBeLessThanOrEqual(1.4 * best);
        for (const earlier of routes.slice(0, index)) {
          const earlierArcs = new Set(earlier.arcs);
          const shared = sumWeights(
            route.arcs.filter((a) => earlierArcs.has(a)),
            weights,
          );
          expect(shared).toBeLessThanOrEqual(0.5 * route.cost);
        }
      }
    }
    expect(found).toBeGreaterThan(45);
  });
});
