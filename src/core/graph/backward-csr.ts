// Backward (incoming) adjacency of a forward CSR graph: what reverse searches and backward Dijkstra walk.
import type { RoadGraph } from './road-graph.ts';

/** The topology every routing algorithm needs: forward CSR only, no attributes. */
export type ArcTopology = Pick<RoadGraph, 'nodeCount' | 'arcCount' | 'firstOut' | 'head'>;

/** Incoming arcs of node `v` are `arcId[firstIn[v] .. firstIn[v+1]-1]`, coming from `tail[...]`. */
export interface BackwardCsr {
  readonly firstIn: Uint32Array;
  /** Tail node of each incoming arc, in the backward slot order. */
  readonly tail: Uint32Array;
  /** Forward arc id of each backward slot, so weights stay indexed by forward arc id. */
  readonly arcId: Uint32Array;
}

/** Builds the backward CSR by counting sort on heads (stable: arcs keep forward order per node). */
export function buildBackwardCsr(graph: ArcTopology): BackwardCsr {
  const { nodeCount, arcCount, firstOut, head } = graph;
  const firstIn = new Uint32Array(nodeCount + 1);
  for (let a = 0; a < arcCount; a++) firstIn[head[a]! + 1]!++;
  for (let v = 0; v < nodeCount; v++) firstIn[v + 1]! += firstIn[v]!;
  const next = firstIn.slice(0, nodeCount);
  const tail = new Uint32Array(arcCount);
  const arcId = new Uint32Array(arcCount);
  for (let v = 0; v < nodeCount; v++) {
    for (let a = firstOut[v]!; a < firstOut[v + 1]!; a++) {
      const slot = next[head[a]!]!++;
      tail[slot] = v;
      arcId[slot] = a;
    }
  }
  return { firstIn, tail, arcId };
}
