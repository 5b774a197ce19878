// Building a SchedulingNetwork from arc lists, its reverse adjacency, and free-flow distances to a node.
import { INF_WEIGHT, type RoadGraph } from '../graph/road-graph.ts';
import { IndexedMinHeap } from '../routing/indexed-heap.ts';
import { INF_STEPS, type SchedulingNetwork } from './types.ts';

/** One directed arc as a caller describes it. */
export interface ArcSpec {
  readonly tail: number;
  readonly head: number;
  readonly travelTimeSteps: number;
  readonly capacityPerStep: number;
}

/**
 * Builds the forward CSR. Arc ids follow the order of `arcs` sorted stably by tail; `arcIdOfSpec[i]` maps back.
 * @example buildNetwork(2, [{ tail: 0, head: 1, travelTimeSteps: 3, capacityPerStep: 10 }])
 */
export function buildNetwork(
  nodeCount: number,
  arcs: readonly ArcSpec[],
): { network: SchedulingNetwork; arcIdOfSpec: Uint32Array } {
  const arcCount = arcs.length;
  const firstOut = new Uint32Array(nodeCount + 1);
  for (const arc of arcs) firstOut[arc.tail + 1]!++;
  for (let v = 0; v < nodeCount; v++) firstOut[v + 1]! += firstOut[v]!;
  const fill = firstOut.slice(0, nodeCount);
  const head = new Uint32Array(arcCount);
  const travelTimeSteps = new Uint32Array(arcCount);
  const capacityPerStep = new Uint32Array(arcCount);
  const arcIdOfSpec = new Uint32Array(arcCount);
  arcs.forEach((arc, i) => {
    const a = fill[arc.tail]!++;
    head[a] = arc.head;
    travelTimeSteps[a] = arc.travelTimeSteps;
    capacityPerStep[a] = arc.capacityPerStep;
    arcIdOfSpec[i] = a;
  });
  return { network: { nodeCount, arcCount, firstOut, head, travelTimeSteps, capacityPerStep }, arcIdOfSpec };
}

/**
 * Maps the shared RoadGraph: travel time rounded up to whole steps of `stepDs` deciseconds, capacity given per arc.
 * @example fromRoadGraph(graph, 600, capacityPerStep) // 1-minute steps
 */
export function fromRoadGraph(graph: RoadGraph, stepDs: number, capacityPerStep: Uint32Array): SchedulingNetwork {
  const travelTimeSteps = new Uint32Array(graph.arcCount);
  for (let a = 0; a < graph.arcCount; a++) {
    const ds = graph.travelTimeDs[a]!;
    travelTimeSteps[a] = ds >= INF_WEIGHT ? INF_STEPS : Math.ceil(ds / stepDs);
  }
  return {
    nodeCount: graph.nodeCount,
    arcCount: graph.arcCount,
    firstOut: graph.firstOut,
    head: graph.head,
    travelTimeSteps,
    capacityPerStep,
  };
}

/** Incoming arcs per node: `inArc[firstIn[v] .. firstIn[v+1]-1]` are the ids of arcs entering `v`; `tail` per arc. */
export interface ReverseAdjacency {
  readonly firstIn: Uint32Array;
  readonly inArc: Uint32Array;
  readonly tail: Uint32Array;
}

export function reverseAdjacency(network: SchedulingNetwork): ReverseAdjacency {
  const { nodeCount, arcCount, firstOut, head } = network;
  const tail = new Uint32Array(arcCount);
  const firstIn = new Uint32Array(nodeCount + 1);
  for (let v = 0; v < nodeCount; v++) {
    for (let a = firstOut[v]!; a < firstOut[v + 1]!; a++) {
      tail[a] = v;
      firstIn[head[a]! + 1]!++;
    }
  }
  for (let v = 0; v < nodeCount; v++) firstIn[v + 1]! += firstIn[v]!;
  const fill = firstIn.slice(0, nodeCount);
  const inArc = new Uint32Array(arcCount);
  for (let a = 0; a < arcCount; a++) inArc[fill[head[a]!]!++] = a;
  return { firstIn, inArc, tail };
}

/** Free-flow steps from every node to `target` under `metric` (INF_STEPS where unreachable); ignores capacity. */
export function distancesToNode(
  network: SchedulingNetwork,
  reverse: ReverseAdjacency,
  metric: Uint32Array,
  target: number,
): Int32Array {
  const dist = new Int32Array(network.nodeCount).fill(INF_STEPS);
  const heap = new IndexedMinHeap(network.nodeCount);
  dist[target] = 0;
  heap.pushOrDecrease(target, 0);
  while (heap.size > 0) {
    const v = heap.popMin();
    const dv = dist[v]!;
    for (let i = reverse.firstIn[v]!; i < reverse.firstIn[v + 1]!; i++) {
      const a = reverse.inArc[i]!;
      const w = metric[a]!;
      if (w >= INF_STEPS) continue;
      const u = reverse.tail[a]!;
      const du = dv + w;
      if (du < dist[u]!) {
        dist[u] = du;
        heap.pushOrDecrease(u, du);
      }
    }
  }
  return dist;
}
