// Where in time a node can matter: free-flow earliest arrival from the groups and latest departure to an exit.
import { IndexedMinHeap } from '../routing/indexed-heap.ts';
import { reverseAdjacency } from './network.ts';
import { type Exit, INF_STEPS, type SchedulingInstance } from './types.ts';

/** Per-arc minimum travel time over the default metric and every profile: a relaxation valid for all groups. */
export function minimumMetric(instance: SchedulingInstance): Uint32Array {
  const metric = instance.network.travelTimeSteps.slice();
  for (const profile of instance.profileTravelTimeSteps ?? []) {
    for (let a = 0; a < metric.length; a++) metric[a] = Math.min(metric[a]!, profile[a]!);
  }
  return metric;
}

/** Free-flow earliest step at each node from any group's origin and ready step (INF_STEPS if unreachable). */
export function earliestSteps(instance: SchedulingInstance, metric: Uint32Array): Int32Array {
  const net = instance.network;
  const step = new Int32Array(net.nodeCount).fill(INF_STEPS);
  const heap = new IndexedMinHeap(net.nodeCount);
  for (const g of instance.groups) {
    const ready = g.readyStep ?? 0;
    if (g.persons > 0 && ready < step[g.originNode]!) {
      step[g.originNode] = ready;
      heap.pushOrDecrease(g.originNode, ready);
    }
  }
  while (heap.size > 0) {
    const v = heap.popMin();
    for (let a = net.firstOut[v]!; a < net.firstOut[v + 1]!; a++) {
      const tau = metric[a]!;
      if (tau >= INF_STEPS) continue;
      const w = net.head[a]!;
      if (step[v]! + tau < step[w]!) {
        step[w] = step[v]! + tau;
        heap.pushOrDecrease(w, step[w]!);
      }
    }
  }
  return step;
}

/** Latest step at each node from which some exit's last open step is reachable on free roads (−INF_STEPS: none). */
export function latestSteps(
  instance: SchedulingInstance,
  metric: Uint32Array,
  lastOpenAt: ReadonlyMap<number, number>,
): Int32Array {
  const net = instance.network;
  const reverse = reverseAdjacency(net);
  const step = new Int32Array(net.nodeCount).fill(-INF_STEPS);
  const heap = new IndexedMinHeap(net.nodeCount);
  // Keys are −latest so the heap pops the largest latest step first.
  for (const [node, last] of lastOpenAt) {
    step[node] = last;
    heap.pushOrDecrease(node, -last);
  }
  while (heap.size > 0) {
    const v = heap.popMin();
    for (let i = reverse.firstIn[v]!; i < reverse.firstIn[v + 1]!; i++) {
      const a = reverse.inArc[i]!;
      const tau = metric[a]!;
      if (tau >= INF_STEPS) continue;
      const u = reverse.tail[a]!;
      if (step[v]! - tau > step[u]!) {
        step[u] = step[v]! - tau;
        heap.pushOrDecrease(u, -step[u]!);
      }
    }
  }
  return step;
}

/** Per exit node, its last step with capacity at or before `lastStep` (exits at the same node merged). */
export function lastOpenSteps(
  exits: readonly Exit[],
  capacityRows: Uint32Array,
  horizonSteps: number,
  lastStep: number,
): Map<number, number> {
  const lastOpenAt = new Map<number, number>();
  exits.forEach((exit, e) => {
    for (let t = Math.min(lastStep, horizonSteps - 1); t >= 0; t--) {
      if (capacityRows[e * horizonSteps + t]! > 0) {
        lastOpenAt.set(exit.node, Math.max(lastOpenAt.get(exit.node) ?? -1, t));
        break;
      }
    }
  });
  return lastOpenAt;
}
