// Dijkstra and bidirectional Dijkstra: hand-made known answers and agreement of the two on random graphs.
import { describe, expect, it } from 'vitest';
import { INF_WEIGHT } from '../graph/road-graph.ts';
import { BidirectionalDijkstraQuery, DijkstraQuery } from './dijkstra.ts';
import { csrFromArcList, randomGridGraph, randomWeights, seededRandom } from './random-test-graph.ts';

function tinyGraph() {
  // 0→1 (4), 0→2 (1), 2→1 (2), 1→3 (1), 2→3 (7), 3→0 (1)
  const tails = [0, 0, 2, 1, 2, 3];
  const heads = [1, 2, 1, 3, 3, 0];
  const graph = csrFromArcList(4, tails, heads, new Float64Array(4), new Float64Array(4), seededRandom(1));
  const weightOf = new Map<string, number>([
    ['0,1', 4],
    ['0,2', 1],
    ['2,1', 2],
    ['1,3', 1],
    ['2,3', 7],
    ['3,0', 1],
  ]);
  const weights = new Uint32Array(graph.arcCount);
  for (let v = 0; v < 4; v++) {
    for (let a = graph.firstOut[v]!; a < graph.firstOut[v + 1]!; a++)
      weights[a] = weightOf.get(`${v},${graph.head[a]}`)!;
  }
  return { graph, weights };
}

function pathNodes(graph: { head: Uint32Array }, source: number, arcs: Uint32Array): number[] {
  return [source, ...Array.from(arcs, (a) => graph.head[a]!)];
}

describe('Dijkstra', () => {
  it('finds the known shortest path on a tiny directed graph', () => {
    const { graph, weights } = tinyGraph();
    for (const query of [new DijkstraQuery(graph), new BidirectionalDijkstraQuery(graph)]) {
      const path = query.run(0, 3, weights);
      expect(path.distance).toBe(4);
      expect(pathNodes(graph, 0, path.arcs)).toEqual([0, 2, 1, 3]);
      expect(query.run(3, 1, weights).distance).toBe(4);
      expect(query.run(2, 2, weights)).toMatchObject({ distance: 0 });
    }
  });

  it('treats INF_WEIGHT arcs as forbidden and reports unreachable targets', () => {
    const { graph, weights } = tinyGraph();
    weights.fill(INF_WEIGHT);
    const path = new BidirectionalDijkstraQuery(graph).run(0, 3, weights);
    expect(path.distance).toBe(INF_WEIGHT);
    expect(path.arcs.length).toBe(0);
  });

  it('agrees with the bidirectional oracle on random graphs, and paths sum to the distance', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 5; trial++) {
      const graph = randomGridGraph(100 + trial, { width: 15, height: 12 });
      const weights = randomWeights(200 + trial, graph.arcCount, 50, 0.05);
      const plain = new DijkstraQuery(graph);
      const bidirectional = new BidirectionalDijkstraQuery(graph);
      for (let i = 0; i < 100; i++) {
        const s = Math.floor(random() * graph.nodeCount);
        const t = Math.floor(random() * graph.nodeCount);
        const a = plain.run(s, t, weights);
        const b = bidirectional.run(s, t, weights);
        expect(b.distance).toBe(a.distance);
        let sum = 0;
        let at = s;
        for (const arc of b.arcs) {
          expect(graph.firstOut[at]! <= arc && arc < graph.firstOut[at + 1]!).toBe(true);
          sum += weights[arc]!;
          at = graph.head[arc]!;
        }
        if (b.distance < INF_WEIGHT) {
          expect(at).toBe(t);
          expect(sum).toBe(b.distance);
        }
      }
    }
  });
});
