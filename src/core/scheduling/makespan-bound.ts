// A proven lower bound on the makespan: max flow over time (Ford–Fulkerson temporally repeated flows) per source set.
import { IndexedMinHeap } from '../routing/indexed-heap.ts';
import { earliestSteps, lastOpenSteps, latestSteps, minimumMetric } from './reach-steps.ts';
import { exitCapacityRows } from './reservation-table.ts';
import { INF_STEPS, type Schedule, type SchedulingInstance } from './types.ts';

const INF_CAPACITY = 0x3fff_ffff;

/** A lower bound and where it comes from. */
export interface MakespanBound {
  /** No plan, however clever, gets everyone out before this step. */
  readonly lowerBoundStep: number;
  /** Group ids of the source set whose max flow over time gives the bound (all groups, or one origin). */
  readonly bindingGroupIds: readonly string[];
  /** Successive-shortest-path augmentations done (work measure for benchmarks). */
  readonly augmentations: number;
}

/**
 * Lower bound on the makespan of any plan for `instance` (Hoppe–Tardos feasibility: for every source set A, the
 * persons of A cannot exceed the max flow over time out of A). For a set A, the max flow over time by step T is
 * `o_A(T) = Σ_i δ_i · max(0, T + 1 − c_i)` where (δ_i, c_i) are the successive shortest augmenting paths of a
 * static min-cost flow with arc cost = travel steps (Ford & Fulkerson 1958; discrete time: a path of c steps can
 * start at 0..T−c). Checked for A = all groups, every single origin and each of `extraSourceSets` (e.g. the groups
 * a plan sent through one exit); the bound is the largest minimal T.
 *
 * Relaxations that keep it a valid bound: household integrity, priorities and ready steps are ignored; a group
 * profile's metric is replaced by the per-arc minimum over metrics; an exit counts its largest per-step capacity
 * from its first to its last open step (exact when windows are one interval with constant capacity).
 * `upperBoundStep` (e.g. a plan's makespan) stops the search: the result is at most that step.
 * @example makespanLowerBound(instance, schedule.makespanStep).lowerBoundStep
 */
export function makespanLowerBound(
  instance: SchedulingInstance,
  upperBoundStep: number,
  extraSourceSets: readonly (readonly string[])[] = [],
): MakespanBound {
  const flow = new TemporallyRepeatedFlow(instance, upperBoundStep);
  const byOrigin = new Map<number, { persons: number; ids: string[] }>();
  let total = 0;
  let trivial = 0;
  for (const g of instance.groups) {
    total += g.persons;
    const entry = byOrigin.get(g.originNode) ?? { persons: 0, ids: [] };
    entry.persons += g.persons;
    entry.ids.push(g.id);
    byOrigin.set(g.originNode, entry);
    trivial = Math.max(trivial, g.readyStep ?? 0);
  }
  const origins = [...byOrigin.keys()];
  let best: MakespanBound = {
    lowerBoundStep: Math.min(trivial, upperBoundStep),
    bindingGroupIds: [],
    augmentations: 0,
  };
  let augmentations = 0;
  const consider = (nodes: number[], persons: number, ids: readonly string[]) => {
    const step = flow.quickestStep(nodes, persons, upperBoundStep, best.lowerBoundStep);
    augmentations += flow.lastAugmentations;
    if (step > best.lowerBoundStep) best = { lowerBoundStep: step, bindingGroupIds: ids, augmentations: 0 };
  };
  if (total > 0)
    consider(
      origins,
      total,
      instance.groups.map((g) => g.id),
    );
  const groupById = new Map(instance.groups.map((g) => [g.id, g]));
  for (const ids of extraSourceSets) {
    const members = ids.map((id) => groupById.get(id)).filter((g) => g !== undefined);
    const nodes = [...new Set(members.map((g) => g.originNode))];
    consider(
      nodes,
      members.reduce((sum, g) => sum + g.persons, 0),
      members.map((g) => g.id),
    );
  }
  for (const origin of origins) {
    const entry = byOrigin.get(origin)!;
    consider([origin], entry.persons, entry.ids);
  }
  return { ...best, augmentations };
}

/**
 * Static residual network (paired arcs in CSR) with a super source and sink, and successive shortest paths with
 * Johnson potentials so every search is a Dijkstra on non-negative reduced costs.
 */
class TemporallyRepeatedFlow {
  private readonly nodeCount: number;
  private readonly first: Uint32Array;
  private readonly head: Uint32Array;
  private readonly cost: Int32Array;
  private readonly baseCapacity: Int32Array;
  private readonly residual: Int32Array;
  private readonly pairOf: Uint32Array;
  /** Residual arc index of the super-source arc to each node, or -1. */
  private readonly sourceArcOf: Int32Array;
  private readonly superSource: number;
  private readonly superSink: number;
  /** Scratch of the augmenting-path searches, reused across source sets. */
  private readonly potential: Float64Array;
  private readonly dist: Float64Array;
  private readonly predArc: Int32Array;
  private readonly heap: IndexedMinHeap;
  lastAugmentations = 0;

  constructor(instance: SchedulingInstance, upperBoundStep: number) {
    const net = instance.network;
    const n = net.nodeCount;
    this.nodeCount = n + 2;
    this.superSource = n;
    this.superSink = n + 1;
    const metric = minimumMetric(instance);
    const h = instance.horizonSteps;
    const rows = exitCapacityRows(instance.exits, h);
    // Only arcs that some unit can use by upperBoundStep: entered no earlier than the free-flow arrival from the
    // nearest origin (ready steps counted), left with time to reach an exit's last open step. No plan finishing by
    // upperBoundStep uses another arc, so the bound stays valid (and is unchanged when every group is ready at 0);
    // the searches get smaller.
    const earliest = earliestSteps(instance, metric);
    const latest = latestSteps(instance, metric, lastOpenSteps(instance.exits, rows, h, upperBoundStep));
    const tails: number[] = [];
    const heads: number[] = [];
    const costs: number[] = [];
    const caps: number[] = [];
    for (let v = 0; v < n; v++) {
      for (let a = net.firstOut[v]!; a < net.firstOut[v + 1]!; a++) {
        if (metric[a]! >= INF_STEPS || net.head[a] === v) continue;
        if (earliest[v]! + metric[a]! > latest[net.head[a]!]!) continue;
        tails.push(v);
        heads.push(net.head[a]!);
        costs.push(metric[a]!);
        caps.push(net.capacityPerStep[a]!);
      }
    }
    instance.exits.forEach((exit, e) => {
      let peak = 0;
      for (let t = 0; t < h; t++) peak = Math.max(peak, rows[e * h + t]!);
      if (peak === 0) return;
      tails.push(exit.node);
      heads.push(this.superSink);
      costs.push(0);
      caps.push(peak);
    });
    for (let v = 0; v < n; v++) {
      tails.push(this.superSource);
      heads.push(v);
      costs.push(0);
      caps.push(0); // opened per query
    }
    const m = tails.length;
    this.first = new Uint32Array(this.nodeCount + 1);
    for (let i = 0; i < m; i++) {
      this.first[tails[i]! + 1]!++;
      this.first[heads[i]! + 1]!++;
    }
    for (let v = 0; v < this.nodeCount; v++) this.first[v + 1]! += this.first[v]!;
    const fill = this.first.slice(0, this.nodeCount);
    this.head = new Uint32Array(2 * m);
    this.cost = new Int32Array(2 * m);
    this.baseCapacity = new Int32Array(2 * m);
    this.pairOf = new Uint32Array(2 * m);
    this.sourceArcOf = new Int32Array(n).fill(-1);
    for (let i = 0; i < m; i++) {
      const f = fill[tails[i]!]!++;
      const r = fill[heads[i]!]!++;
      this.head[f] = heads[i]!;
      this.cost[f] = costs[i]!;
      this.baseCapacity[f] = caps[i]!;
      this.head[r] = tails[i]!;
      this.cost[r] = -costs[i]!;
      this.pairOf[f] = r;
      this.pairOf[r] = f;
      if (tails[i] === this.superSource) this.sourceArcOf[heads[i]!] = f;
    }
    this.residual = new Int32Array(2 * m);
    this.potential = new Float64Array(this.nodeCount);
    this.dist = new Float64Array(this.nodeCount);
    this.predArc = new Int32Array(this.nodeCount);
    this.heap = new IndexedMinHeap(this.nodeCount);
  }

  /**
   * The smallest T ≤ upperBoundStep with o_A(T) ≥ persons for A = `sources`; upperBoundStep if none smaller.
   * Stops early with some step ≤ `uselessAtOrBelow` once the answer is known to be no larger (the answer only
   * falls as paths are added), for callers that only want to beat a bound they have.
   */
  quickestStep(sources: readonly number[], persons: number, upperBoundStep: number, uselessAtOrBelow = -1): number {
    let rate = 0;
    let costSum = 0;
    let candidate = Number.POSITIVE_INFINITY;
    this.augmentPaths(sources, (delta, cost) => {
      // Paths come in non-decreasing cost and a path of cost c only helps from T = c on: if the known paths
      // already suffice before this one's cost, the answer is final.
      if (candidate < cost || cost > upperBoundStep) return false;
      // For T >= every known cost, o(T) = (T + 1)·rate − costSum.
      rate += delta;
      costSum += delta * cost;
      candidate = Math.max(cost, Math.ceil((persons + costSum) / rate) - 1);
      return candidate > uselessAtOrBelow;
    });
    return Math.min(candidate, upperBoundStep);
  }

  /**
   * Successive shortest augmenting paths out of `sources`, cheapest first; `take(delta, cost)` is asked before each
   * augmentation and stops the run by returning false.
   */
  private augmentPaths(sources: readonly number[], take: (delta: number, cost: number) => boolean): void {
    this.residual.set(this.baseCapacity);
    for (const s of sources) this.residual[this.sourceArcOf[s]!] = INF_CAPACITY;
    const n = this.nodeCount;
    const { potential, dist, predArc, heap } = this;
    potential.fill(0);
    this.lastAugmentations = 0;
    for (;;) {
      dist.fill(Number.POSITIVE_INFINITY);
      dist[this.superSource] = 0;
      predArc[this.superSource] = -1;
      heap.pushOrDecrease(this.superSource, 0);
      while (heap.size > 0) {
        const v = heap.popMin();
        if (v === this.superSink) break;
        const dv = dist[v]!;
        for (let i = this.first[v]!; i < this.first[v + 1]!; i++) {
          if (this.residual[i]! <= 0) continue;
          const w = this.head[i]!;
          const d = dv + this.cost[i]! + potential[v]! - potential[w]!;
          if (d < dist[w]!) {
            dist[w] = d;
            predArc[w] = i;
            heap.pushOrDecrease(w, d);
          }
        }
      }
      heap.clear();
      const sinkDist = dist[this.superSink]!;
      if (sinkDist === Number.POSITIVE_INFINITY) return;
      for (let v = 0; v < n; v++) potential[v]! += Math.min(dist[v]!, sinkDist);
      const cost = Math.round(potential[this.superSink]! - potential[this.superSource]!);
      let delta = INF_CAPACITY;
      for (let v = this.superSink; v !== this.superSource; v = this.head[this.pairOf[predArc[v]!]!]!) {
        delta = Math.min(delta, this.residual[predArc[v]!]!);
      }
      if (!take(delta, cost)) return;
      for (let v = this.superSink; v !== this.superSource; v = this.head[this.pairOf[predArc[v]!]!]!) {
        this.residual[predArc[v]!]! -= delta;
        this.residual[this.pairOf[predArc[v]!]!]! += delta;
      }
      this.lastAugmentations++;
    }
  }
}

/**
 * Source sets a plan suggests for `makespanLowerBound`: for every exit (and for all exits together), the groups
 * that used it and finished at or after s, for each finishing step s of the plan. The set that proves a makespan
 * is usually the groups sharing the last bottleneck, less those with a road of their own that finish early
 * (Hoppe–Tardos: the condition fails for some set; the plan's queues point at it).
 * @example makespanLowerBound(instance, schedule.makespanStep, sourceSetsOfPlan(schedule))
 */
export function sourceSetsOfPlan(schedule: Schedule): string[][] {
  const finish = new Map<string, number>();
  const exitsOf = new Map<string, Set<string>>();
  for (const m of schedule.movements) {
    for (const g of m.groups) {
      finish.set(g.groupId, Math.max(finish.get(g.groupId) ?? 0, m.exitStep));
      exitsOf.set(g.groupId, (exitsOf.get(g.groupId) ?? new Set()).add(m.exitId));
    }
  }
  const steps = [...new Set(finish.values())].sort((a, b) => b - a);
  const exitIds = [...new Set(schedule.movements.map((m) => m.exitId))];
  const sets = new Map<string, string[]>();
  for (const exitId of [null, ...exitIds]) {
    for (const step of steps) {
      const ids: string[] = [];
      for (const [id, last] of finish) {
        if (last >= step && (exitId === null || exitsOf.get(id)!.has(exitId))) ids.push(id);
      }
      if (ids.length > 1) sets.set(ids.join('\u0000'), ids);
    }
  }
  return [...sets.values()];
}
