// The exact quickest evacuation of the splittable relaxation: max flow (Dinic) on a pruned time-expanded network.
import { earliestSteps, lastOpenSteps, latestSteps, minimumMetric } from './reach-steps.ts';
import { exitCapacityRows } from './reservation-table.ts';
import { INF_STEPS, type SchedulingInstance } from './types.ts';

/** Holdover arcs (waiting at a node) have no capacity limit; any value above every supply will do. */
const UNLIMITED = 0x3fff_ffff;

/** The answer of `quickestEvacuationFlow` and the work it took. */
export interface QuickestFlow {
  /**
   * The smallest step T in [lowerStep, upperStep] by which everyone can have passed an exit in the relaxation,
   * or `upperStep` when even that step is not enough (then it is only "at most upperStep", see `proven`).
   */
  readonly step: number;
  /** True when `step` is the exact optimum of the relaxation (feasible at `step`, infeasible at `step − 1`). */
  readonly proven: boolean;
  /** Max-flow computations done (one per horizon tried). */
  readonly maxFlowRuns: number;
  /** Size of the largest time-expanded network built (nodes, arcs without their reverse twins). */
  readonly largestNodes: number;
  readonly largestArcs: number;
}

/**
 * Quickest transshipment by bisection over the horizon T: feasible(T) iff the max flow from the groups (at their
 * origins from their ready steps) to the exits (capacity per step, windows exact) over the time-expanded network
 * with steps 0..T carries every person. Relaxations (the same as `makespanLowerBound`): households split, priorities
 * ignored, the per-arc minimum over profile metrics. So `step` is a lower bound on any plan's makespan, and the
 * exact optimum for splittable single-priority instances such as the benchmark's.
 *
 * The network holds node v only at steps it can matter: no earlier than the free-flow arrival from the nearest
 * source and no later than the last step from which an exit is still reachable by T. Zero-step arcs join copies
 * in the same step. `lowerStep` must be a proven lower bound (e.g. `makespanLowerBound`); `upperStep` a step
 * known or expected to be feasible (e.g. a plan's makespan): it is tried last.
 * @example quickestEvacuationFlow(instance, bound.lowerBoundStep, schedule.makespanStep).step
 */
export function quickestEvacuationFlow(
  instance: SchedulingInstance,
  lowerStep: number,
  upperStep: number,
): QuickestFlow {
  const total = instance.groups.reduce((sum, g) => sum + g.persons, 0);
  const work = { maxFlowRuns: 0, largestNodes: 0, largestArcs: 0 };
  const feasible = (step: number): boolean => {
    const out = maxPersonsOutBy(instance, step, total);
    work.maxFlowRuns++;
    work.largestNodes = Math.max(work.largestNodes, out.nodes);
    work.largestArcs = Math.max(work.largestArcs, out.arcs);
    return out.persons >= total;
  };
  let lo = Math.max(0, lowerStep);
  let hi = Math.max(lo, upperStep);
  if (total === 0) return { step: lo, proven: true, ...work };
  // Plans are usually close to optimal: one run at upperStep − 1 often settles it.
  let hiFeasible = false;
  if (hi > lo) {
    if (feasible(hi - 1)) {
      hi--;
      hiFeasible = true;
    } else lo = hi;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (feasible(mid)) {
      hi = mid;
      hiFeasible = true;
    } else lo = mid + 1;
  }
  if (!hiFeasible) hiFeasible = feasible(hi);
  return { step: hi, proven: hiFeasible, ...work };
}

/**
 * Max number of persons who can pass an exit at steps 0..`step` (the relaxation above), stopping early once
 * `enough` are out. Also an upper bound on how many any plan gets out by then. `sourceSide`: indices of the groups
 * on the source side of a minimum cut (when not everyone is out, the set whose temporally repeated max flow in
 * `makespanLowerBound` proves `step` too short).
 * @example maxPersonsOutBy(instance, 120).persons
 */
export function maxPersonsOutBy(
  instance: SchedulingInstance,
  step: number,
  enough = Number.POSITIVE_INFINITY,
): { persons: number; nodes: number; arcs: number; sourceSide: number[] } {
  const ten = buildTimeExpanded(instance, step);
  const persons = ten.arcs === 0 ? 0 : dinic(ten, enough);
  return { persons, nodes: ten.nodeCount, arcs: ten.arcs, sourceSide: sourceSideGroups(ten) };
}

/**
 * Groups whose origin copy is on the source side of the minimum cut (reachable in the residual network): when
 * not everyone gets out, they are a source set that Hoppe and Tardos's condition proves short of capacity.
 */
function sourceSideGroups(g: ResidualNetwork): number[] {
  const seen = new Uint8Array(g.nodeCount);
  const stack = [g.source];
  seen[g.source] = 1;
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (let i = g.first[v]!; i < g.first[v + 1]!; i++) {
      const w = g.head[i]!;
      if (g.residual[i]! > 0 && seen[w] === 0) {
        seen[w] = 1;
        stack.push(w);
      }
    }
  }
  // The source's arcs are placed in group order (see buildTimeExpanded), one per group with a copy.
  const groups: number[] = [];
  for (let i = g.first[g.source]!; i < g.first[g.source + 1]!; i++) {
    if (seen[g.head[i]!] === 1) groups.push(g.sourceGroup[i - g.first[g.source]!]!);
  }
  return groups;
}

/** A residual network in CSR: arcs of node v at first[v]..first[v+1]-1, twin of arc i at pair[i]. */
interface ResidualNetwork {
  readonly nodeCount: number;
  readonly arcs: number;
  readonly source: number;
  readonly sink: number;
  readonly first: Int32Array;
  readonly head: Int32Array;
  readonly residual: Int32Array;
  readonly pair: Int32Array;
  /** Group index of each arc out of the source, in order. */
  readonly sourceGroup: Int32Array;
}

function buildTimeExpanded(instance: SchedulingInstance, lastStep: number): ResidualNetwork {
  const net = instance.network;
  const n = net.nodeCount;
  const metric = minimumMetric(instance);
  const horizon = instance.horizonSteps;
  const rows = exitCapacityRows(instance.exits, horizon);
  const exitCap = (e: number, t: number) => (t < horizon ? rows[e * horizon + t]! : 0);
  // Latest step at each exit node with any capacity by lastStep.
  const earliest = earliestSteps(instance, metric);
  const latest = latestSteps(instance, metric, lastOpenSteps(instance.exits, rows, horizon, lastStep));
  const offset = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) {
    const from = earliest[v]!;
    const to = Math.min(latest[v]!, lastStep);
    offset[v + 1] = offset[v]! + (from <= to ? to - from + 1 : 0);
  }
  const source = offset[n]!;
  const sink = source + 1;
  const nodeCount = sink + 1;
  const copyOf = (v: number, t: number) => offset[v]! + t - earliest[v]!;
  const hasCopy = (v: number, t: number) => t >= earliest[v]! && t < earliest[v]! + offset[v + 1]! - offset[v]!;

  // Every arc is visited twice by `forEachArc`: once to count degrees, once to place it.
  const forEachArc = (visit: (tail: number, head: number, capacity: number) => void) => {
    for (let u = 0; u < n; u++) {
      const uLayers = offset[u + 1]! - offset[u]!;
      if (uLayers === 0) continue;
      const uFrom = earliest[u]!;
      const uTo = uFrom + uLayers - 1;
      for (let t = uFrom; t < uTo; t++) visit(copyOf(u, t), copyOf(u, t + 1), UNLIMITED);
      for (let a = net.firstOut[u]!; a < net.firstOut[u + 1]!; a++) {
        const tau = metric[a]!;
        const w = net.head[a]!;
        if (tau >= INF_STEPS || w === u || offset[w + 1] === offset[w]) continue;
        const wFrom = earliest[w]!;
        const wTo = wFrom + offset[w + 1]! - offset[w]! - 1;
        const cap = net.capacityPerStep[a]!;
        if (cap === 0) continue;
        const from = Math.max(uFrom, wFrom - tau);
        const to = Math.min(uTo, wTo - tau);
        for (let t = from; t <= to; t++) visit(copyOf(u, t), copyOf(w, t + tau), cap);
      }
    }
    instance.exits.forEach((exit, e) => {
      for (let t = 0; t <= lastStep; t++) {
        const cap = exitCap(e, t);
        if (cap > 0 && hasCopy(exit.node, t)) visit(copyOf(exit.node, t), sink, cap);
      }
    });
    for (const g of instance.groups) {
      const ready = g.readyStep ?? 0;
      if (g.persons > 0 && hasCopy(g.originNode, ready)) visit(source, copyOf(g.originNode, ready), g.persons);
    }
  };

  const first = new Int32Array(nodeCount + 1);
  let arcs = 0;
  forEachArc((tail, head) => {
    first[tail + 1]!++;
    first[head + 1]!++;
    arcs++;
  });
  for (let v = 0; v < nodeCount; v++) first[v + 1]! += first[v]!;
  const fill = first.slice(0, nodeCount);
  const head = new Int32Array(2 * arcs);
  const residual = new Int32Array(2 * arcs);
  const pair = new Int32Array(2 * arcs);
  forEachArc((tail, to, capacity) => {
    const f = fill[tail]!++;
    const r = fill[to]!++;
    head[f] = to;
    residual[f] = capacity;
    head[r] = tail;
    pair[f] = r;
    pair[r] = f;
  });
  const sourceGroup: number[] = [];
  instance.groups.forEach((g, k) => {
    if (g.persons > 0 && hasCopy(g.originNode, g.readyStep ?? 0)) sourceGroup.push(k);
  });
  return { nodeCount, arcs, source, sink, first, head, residual, pair, sourceGroup: Int32Array.from(sourceGroup) };
}

/** Dinic's blocking flows with an explicit stack (paths can be thousands of arcs long); stops once `enough` flow. */
function dinic(g: ResidualNetwork, enough: number): number {
  const { nodeCount, source, sink, first, head, residual, pair } = g;
  const level = new Int32Array(nodeCount);
  const current = new Int32Array(nodeCount);
  const queue = new Int32Array(nodeCount);
  const pathArc = new Int32Array(nodeCount);
  const pathNode = new Int32Array(nodeCount);
  let flow = 0;
  for (;;) {
    level.fill(-1);
    level[source] = 0;
    let qHead = 0;
    let qTail = 0;
    queue[qTail++] = source;
    while (qHead < qTail) {
      const v = queue[qHead++]!;
      // Nodes at or beyond the sink's level cannot lie on a shortest augmenting path.
      if (level[sink]! >= 0 && level[v]! >= level[sink]!) break;
      const next = level[v]! + 1;
      for (let i = first[v]!; i < first[v + 1]!; i++) {
        const w = head[i]!;
        if (residual[i]! > 0 && level[w]! < 0) {
          level[w] = next;
          queue[qTail++] = w;
        }
      }
    }
    if (level[sink]! < 0) return flow;
    current.set(first.subarray(0, nodeCount));
    let depth = 0;
    let v = source;
    for (;;) {
      if (v === sink) {
        let delta = UNLIMITED;
        for (let d = 0; d < depth; d++) delta = Math.min(delta, residual[pathArc[d]!]!);
        let back = depth;
        for (let d = depth - 1; d >= 0; d--) {
          const a = pathArc[d]!;
          residual[a]! -= delta;
          residual[pair[a]!]! += delta;
          if (residual[a] === 0) back = d;
        }
        flow += delta;
        if (flow >= enough) return flow;
        depth = back;
        v = pathNode[depth]!;
        continue;
      }
      const want = level[v]! + 1;
      const end = first[v + 1]!;
      let i = current[v]!;
      while (i < end && (residual[i]! === 0 || level[head[i]!] !== want)) i++;
      current[v] = i;
      if (i < end) {
        pathArc[depth] = i;
        pathNode[depth] = v;
        depth++;
        v = head[i]!;
      } else {
        // Dead end for this phase: no later path passes v.
        level[v] = -1;
        if (depth === 0) break;
        depth--;
        v = pathNode[depth]!;
        current[v]!++;
      }
    }
  }
}
