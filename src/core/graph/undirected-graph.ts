// The simple undirected graph behind a road graph (no loops, no parallel edges): what node orderings cut.
import type { ArcTopology } from './backward-csr.ts';

/**
 * Symmetric CSR: neighbours of `v` are `adjacent[firstEdge[v] .. firstEdge[v+1]-1]`, each edge stored twice.
 * `reverse[e]` is the slot of the same edge seen from the other end (max-flow needs it).
 */
export interface UndirectedGraph {
  readonly nodeCount: number;
  readonly firstEdge: Uint32Array;
  readonly adjacent: Uint32Array;
  readonly reverse: Uint32Array;
}

/** Builds the simple undirected graph of a directed arc list given as tail/head pairs. */
export function undirectedFromEdgeList(nodeCount: number, tails: Uint32Array, heads: Uint32Array): UndirectedGraph {
  const degree = new Uint32Array(nodeCount + 1);
  for (let i = 0; i < tails.length; i++) {
    if (tails[i] === heads[i]) continue;
    degree[tails[i]! + 1]!++;
    degree[heads[i]! + 1]!++;
  }
  for (let v = 0; v < nodeCount; v++) degree[v + 1]! += degree[v]!;
  const next = degree.slice(0, nodeCount);
  const raw = new Uint32Array(degree[nodeCount]!);
  for (let i = 0; i < tails.length; i++) {
    const u = tails[i]!;
    const v = heads[i]!;
    if (u === v) continue;
    raw[next[u]!++] = v;
    raw[next[v]!++] = u;
  }
  // Deduplicate per node with a stamp array (why: parallel roads and two-way arcs collapse to one edge).
  const seen = new Int32Array(nodeCount).fill(-1);
  const firstEdge = new Uint32Array(nodeCount + 1);
  let out = 0;
  for (let v = 0; v < nodeCount; v++) {
    firstEdge[v] = out;
    for (let e = degree[v]!; e < degree[v + 1]!; e++) {
      const w = raw[e]!;
      if (seen[w] === v) continue;
      seen[w] = v;
      raw[out++] = w;
    }
  }
  firstEdge[nodeCount] = out;
  const adjacent = raw.slice(0, out);
  for (let v = 0; v < nodeCount; v++) sortRange(adjacent, firstEdge[v]!, firstEdge[v + 1]!);
  return { nodeCount, firstEdge, adjacent, reverse: reverseSlots(nodeCount, firstEdge, adjacent) };
}

/** The simple undirected graph of a directed CSR graph. */
export function undirectedFromArcs(graph: ArcTopology): UndirectedGraph {
  const tails = new Uint32Array(graph.arcCount);
  for (let v = 0; v < graph.nodeCount; v++) {
    for (let a = graph.firstOut[v]!; a < graph.firstOut[v + 1]!; a++) tails[a] = v;
  }
  return undirectedFromEdgeList(graph.nodeCount, tails, graph.head);
}

function sortRange(values: Uint32Array, from: number, to: number): void {
  if (to - from > 1) values.subarray(from, to).sort();
}

/** Slot of the twin of each edge slot; relies on sorted adjacency so a binary search finds it. */
function reverseSlots(nodeCount: number, firstEdge: Uint32Array, adjacent: Uint32Array): Uint32Array {
  const reverse = new Uint32Array(adjacent.length);
  for (let v = 0; v < nodeCount; v++) {
    for (let e = firstEdge[v]!; e < firstEdge[v + 1]!; e++) {
      const w = adjacent[e]!;
      let lo = firstEdge[w]!;
      let hi = firstEdge[w + 1]! - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (adjacent[mid]! < v) lo = mid + 1;
        else hi = mid;
      }
      reverse[e] = lo;
    }
  }
  return reverse;
}
