// CCH against the Dijkstra oracle: random road-like graphs, random directed metrics, partial customization.
import { describe, expect, it } from 'vitest';
import type { RoadGraph } from '../../graph/road-graph.ts';
import { INF_WEIGHT } from '../../graph/road-graph.ts';
import { undirectedFromArcs } from '../../graph/undirected-graph.ts';
import { BidirectionalDijkstraQuery } from '../dijkstra.ts';
import { csrFromArcList, randomGridGraph, randomWeights, seededRandom } from '../random-test-graph.ts';
import { CchMetric } from './cch-metric.ts';
import { CchQuery } from './cch-query.ts';
import { CchTopology } from './cch-topology.ts';
import { computeNestedDissectionOrder } from './nested-dissection-order.ts';

function buildTopology(graph: RoadGraph, withCoordinates: boolean): CchTopology {
  const coordinates = withCoordinates ? { x: graph.lon, y: graph.lat } : null;
  return CchTopology.build(graph, computeNestedDissectionOrder(undirectedFromArcs(graph), coordinates));
}

/** Checks that `arcs` is a walk from s to t in `graph` whose weights sum to `distance`. */
function expectRealPath(
  graph: RoadGraph,
  weights: Uint32Array,
  s: number,
  t: number,
  arcs: Uint32Array,
  distance: number,
) {
  let at = s;
  let sum = 0;
  for (const arc of arcs) {
    expect(graph.firstOut[at]! <= arc && arc < graph.firstOut[at + 1]!).toBe(true);
    sum += weights[arc]!;
    at = graph.head[arc]!;
  }
  expect(at).toBe(t);
  expect(sum).toBe(distance);
}

function compareWithOracle(graph: RoadGraph, query: CchQuery, weights: Uint32Array, seed: number, pairs: number) {
  const oracle = new BidirectionalDijkstraQuery(graph);
  const random = seededRandom(seed);
  for (let i = 0; i < pairs; i++) {
    const s = Math.floor(random() * graph.nodeCount);
    const t = Math.floor(random() * graph.nodeCount);
    const expected = oracle.run(s, t, weights).distance;
    expect(query.run(s, t)).toBe(expected);
    if (expected < INF_WEIGHT) expectRealPath(graph, weights, s, t, query.path(), expected);
    else expect(query.path().length).toBe(0);
  }
}

describe('CCH', () => {
  it('answers a hand-made one-way triangle with the detour, and unpacks the shortcut', () => {
    // 0 → 1 → 2 one way, 2 → 0 direct; from 0 to 2 the only way is through 1.
    const graph = csrFromArcList(3, [0, 1, 2], [1, 2, 0], new Float64Array(3), new Float64Array(3), seededRandom(1));
    const weights = Uint32Array.from([5, 7, 100]);
    const metric = new CchMetric(buildTopology(graph, false));
    metric.customize(weights);
    const query = new CchQuery(metric);
    expect(query.run(0, 2)).toBe(12);
    expect(Array.from(query.path())).toEqual([0, 1]);
    expect(query.run(2, 1)).toBe(105);
    expect(Array.from(query.path())).toEqual([2, 0]);
    expect(query.run(1, 1)).toBe(0);
    expect(query.path().length).toBe(0);
  });

  it('matches Dijkstra exactly on random grids with oneways, gaps and forbidden arcs', () => {
    for (let trial = 0; trial < 6; trial++) {
      const graph = randomGridGraph(10 + trial, { width: 18 + trial, height: 14, dropRate: 0.1 + trial * 0.03 });
      const topology = buildTopology(graph, trial % 2 === 0);
      const metric = new CchMetric(topology);
      const query = new CchQuery(metric);
      for (let m = 0; m < 3; m++) {
        const weights = randomWeights(1000 * trial + m, graph.arcCount, m === 2 ? 3 : 1000, 0.05 * m);
        metric.customize(weights);
        compareWithOracle(graph, query, weights, 77 * trial + m, 150);
      }
    }
  });

  it('partial customization equals full customization after random weight changes', () => {
    const graph = randomGridGraph(42, { width: 25, height: 20 });
    const topology = buildTopology(graph, true);
    const weights = randomWeights(5, graph.arcCount, 500, 0.02);
    const partial = new CchMetric(topology);
    partial.customize(weights.slice());
    const full = new CchMetric(topology);
    const random = seededRandom(9);
    const current = weights.slice();
    for (let round = 0; round < 80; round++) {
      const changed: number[] = [];
      const changeCount = 1 + Math.floor(random() * 8);
      for (let i = 0; i < changeCount; i++) {
        const arc = Math.floor(random() * graph.arcCount);
        const roll = random();
        current[arc] = roll < 0.2 ? INF_WEIGHT : roll < 0.3 ? 0 : Math.floor(random() * 800);
        changed.push(arc);
      }
      partial.updateArcs(changed, current);
      full.customize(current.slice());
      expect(partial.upDown).toEqual(full.upDown);
    }
    compareWithOracle(graph, new CchQuery(partial), current, 3, 200);
  });

  it('builds a chordal topology: every lower triangle exists and the order is a permutation', () => {
    const graph = randomGridGraph(3, { width: 30, height: 30 });
    const topology = buildTopology(graph, true);
    expect(new Set(topology.order).size).toBe(graph.nodeCount);
    for (let x = 0; x < topology.nodeCount; x++) {
      for (let i = topology.firstUp[x]!; i < topology.firstUp[x + 1]!; i++) {
        for (let j = i + 1; j < topology.firstUp[x + 1]!; j++) {
          expect(topology.findArc(topology.upHead[i]!, topology.upHead[j]!)).not.toBe(0xffff_ffff);
        }
      }
    }
    expect(topology.eliminationTreeHeight()).toBeLessThan(graph.nodeCount / 4);
  });
});
