// The CCRP inner search: earliest arrival over time from many sources to the exits, waiting for spare capacity.
import { IndexedMinHeap } from '../routing/indexed-heap.ts';
import { distancesToNode, type ReverseAdjacency } from './network.ts';
import { NO_STEP, type ReservationTable } from './reservation-table.ts';
import { INF_STEPS, type SchedulingNetwork } from './types.ts';

/** Sources of one search, in caller-owned typed buffers (the first `count` entries are used). */
export interface SearchSources {
  count: number;
  readonly node: Int32Array;
  readonly readyStep: Int32Array;
}

/** A path found by the search; `source` indexes the SearchSources entry it starts from. */
export interface FoundPath {
  readonly source: number;
  /** Index into the exits the search was built with, or -1 for a node target. */
  readonly exit: number;
  /** Exit step (or arrival step at the target node). */
  readonly arrivalStep: number;
  readonly arcs: number[];
  readonly entrySteps: number[];
}

/**
 * Time-dependent Dijkstra on the reservation table. Entering arc `a` at step `t` needs `arcUnits` spare at `t`;
 * a unit may wait at any node (no node capacity), so labels are FIFO and label-setting is exact.
 *
 * Goal direction (the speedup over plain CCRP): the key of node `v` reached at step `L` is
 * `min_e firstExitStep(e, L + d_e(v))`, a lower bound on the exit step of every path through `v` that also sees
 * the exits' queues. When exits are the bottleneck the bound is nearly exact and a search touches only the
 * corridors that can still beat the best exit step. Plain mode keys by `L` (the original CCRP search).
 */
export class EarliestArrivalSearch {
  private readonly network: SchedulingNetwork;
  private readonly tail: Uint32Array;
  private readonly table: ReservationTable;
  private readonly metric: Uint32Array;
  /** Exits at a node as a chain: first exit index at node, next exit at the same node. */
  private readonly firstExitAt: Int32Array;
  private readonly nextExitAt: Int32Array;
  private readonly goalDirected: boolean;
  /** Gates: the arcs into exit nodes (goal-directed mode only), with the exit each leads to. */
  private readonly gateArc: Int32Array;
  private readonly gateExit: Int32Array;
  /** distToGate[g * nodeCount + v]: free-flow steps from v to the tail of gate g. */
  private readonly distToGate: Int32Array;
  private readonly label: Int32Array;
  private readonly pred: Int32Array;
  private readonly entry: Int32Array;
  private readonly sourceOf: Int32Array;
  private readonly stamp: Uint32Array;
  private currentStamp = 0;
  private readonly heap: IndexedMinHeap;
  /** Work counter for benchmarks: nodes popped over the search's life. */
  popped = 0;

  constructor(
    network: SchedulingNetwork,
    reverse: ReverseAdjacency,
    table: ReservationTable,
    metric: Uint32Array,
    exitNodes: readonly number[],
    goalDirected: boolean,
  ) {
    const n = network.nodeCount;
    this.network = network;
    this.tail = reverse.tail;
    this.table = table;
    this.metric = metric;
    this.firstExitAt = new Int32Array(n).fill(-1);
    this.nextExitAt = new Int32Array(exitNodes.length).fill(-1);
    for (let e = exitNodes.length - 1; e >= 0; e--) {
      this.nextExitAt[e] = this.firstExitAt[exitNodes[e]!]!;
      this.firstExitAt[exitNodes[e]!] = e;
    }
    this.goalDirected = goalDirected;
    const gateArcs: number[] = [];
    const gateExits: number[] = [];
    if (goalDirected) {
      exitNodes.forEach((node, e) => {
        for (let i = reverse.firstIn[node]!; i < reverse.firstIn[node + 1]!; i++) {
          const a = reverse.inArc[i]!;
          if (metric[a]! >= INF_STEPS || reverse.tail[a] === node) continue;
          gateArcs.push(a);
          gateExits.push(e);
        }
      });
    }
    this.gateArc = Int32Array.from(gateArcs);
    this.gateExit = Int32Array.from(gateExits);
    this.distToGate = new Int32Array(gateArcs.length * n);
    gateArcs.forEach((a, g) => {
      this.distToGate.set(distancesToNode(network, reverse, metric, reverse.tail[a]!), g * n);
    });
    this.label = new Int32Array(n);
    this.pred = new Int32Array(n);
    this.entry = new Int32Array(n);
    this.sourceOf = new Int32Array(n);
    this.stamp = new Uint32Array(n);
    this.heap = new IndexedMinHeap(n);
  }

  /** Travel steps of arc `a` in this search's metric. */
  travelTimeOf(a: number): number {
    return this.metric[a]!;
  }

  /**
   * Earliest exit passage for `persons` needing `arcUnits` on each arc, over exits with `exitActive[e] === 1`.
   * Returns null when no source can pass any active exit before the horizon.
   */
  toExits(sources: SearchSources, arcUnits: number, persons: number, exitActive: Uint8Array): FoundPath | null {
    const h = this.table.horizonSteps;
    const keyScale = h + 1;
    this.startSearch();
    for (let s = 0; s < sources.count; s++) {
      const v = sources.node[s]!;
      const ready = sources.readyStep[s]!;
      if (this.labelOf(v) <= ready) continue;
      this.setLabel(v, ready, -1, -1, s);
      const bound = this.exitBound(v, ready, arcUnits, persons, exitActive);
      if (bound !== NO_STEP) this.heap.pushOrDecrease(v, bound * keyScale + ready);
    }
    let best = INF_STEPS;
    let bestExit = -1;
    let bestNode = -1;
    const { firstOut, head } = this.network;
    while (this.heap.size > 0) {
      if (Math.floor(this.heap.peekMinKey() / keyScale) >= best) break;
      const v = this.heap.popMin();
      this.popped++;
      const lv = this.label[v]!;
      for (let e = this.firstExitAt[v]!; e >= 0; e = this.nextExitAt[e]!) {
        if (exitActive[e] !== 1) continue;
        const t = this.table.firstExitStep(e, lv, persons);
        if (t !== NO_STEP && t < best) {
          best = t;
          bestExit = e;
          bestNode = v;
        }
      }
      for (let a = firstOut[v]!; a < firstOut[v + 1]!; a++) {
        const tt = this.metric[a]!;
        if (tt >= INF_STEPS) continue;
        const t = this.table.firstArcStep(a, lv, arcUnits);
        if (t === NO_STEP) continue;
        const arrival = t + tt;
        if (arrival >= h) continue;
        const w = head[a]!;
        if (arrival >= this.labelOf(w)) continue;
        const bound = this.exitBound(w, arrival, arcUnits, persons, exitActive);
        if (bound === NO_STEP || bound >= best) continue;
        this.setLabel(w, arrival, a, t, this.sourceOf[v]!);
        this.heap.pushOrDecrease(w, bound * keyScale + arrival);
      }
    }
    this.heap.clear();
    if (bestNode < 0) return null;
    return this.extract(bestNode, bestExit, best);
  }

  /** Earliest arrival of `arcUnits` (e.g. one vehicle) at `target`; null if not before the horizon. */
  toNode(sources: SearchSources, arcUnits: number, target: number): FoundPath | null {
    const h = this.table.horizonSteps;
    this.startSearch();
    for (let s = 0; s < sources.count; s++) {
      const v = sources.node[s]!;
      const ready = sources.readyStep[s]!;
      if (this.labelOf(v) <= ready) continue;
      this.setLabel(v, ready, -1, -1, s);
      this.heap.pushOrDecrease(v, ready);
    }
    const { firstOut, head } = this.network;
    let found = false;
    while (this.heap.size > 0) {
      const v = this.heap.popMin();
      this.popped++;
      if (v === target) {
        found = true;
        break;
      }
      const lv = this.label[v]!;
      for (let a = firstOut[v]!; a < firstOut[v + 1]!; a++) {
        const tt = this.metric[a]!;
        if (tt >= INF_STEPS) continue;
        const t = this.table.firstArcStep(a, lv, arcUnits);
        if (t === NO_STEP) continue;
        const arrival = t + tt;
        const w = head[a]!;
        if (arrival >= h || arrival >= this.labelOf(w)) continue;
        this.setLabel(w, arrival, a, t, this.sourceOf[v]!);
        this.heap.pushOrDecrease(w, arrival);
      }
    }
    this.heap.clear();
    return found ? this.extract(target, -1, this.label[target]!) : null;
  }

  /**
   * Lower bound on the exit step of any path through `v` reached at `step`, NO_STEP if no exit is reachable:
   * every such path ends with a gate (an arc into an exit node), so it cannot pass before the gate's and the
   * exit's first spare steps after the free-flow time to the gate.
   */
  private exitBound(v: number, step: number, arcUnits: number, persons: number, exitActive: Uint8Array): number {
    if (!this.goalDirected) return step;
    const n = this.network.nodeCount;
    const table = this.table;
    let bound = INF_STEPS;
    for (let e = this.firstExitAt[v]!; e >= 0; e = this.nextExitAt[e]!) {
      if (exitActive[e] !== 1) continue;
      const t = table.firstExitStep(e, step, persons);
      if (t !== NO_STEP && t < bound) bound = t;
    }
    for (let g = 0; g < this.gateArc.length; g++) {
      const e = this.gateExit[g]!;
      if (exitActive[e] !== 1) continue;
      const d = this.distToGate[g * n + v]!;
      if (d >= INF_STEPS) continue;
      const a = this.gateArc[g]!;
      const enter = table.firstArcStep(a, step + d, arcUnits);
      if (enter === NO_STEP || enter >= bound) continue;
      const t = table.firstExitStep(e, enter + this.metric[a]!, persons);
      if (t !== NO_STEP && t < bound) bound = t;
    }
    return bound === INF_STEPS ? NO_STEP : bound;
  }

  private startSearch(): void {
    this.currentStamp++;
    if (this.currentStamp === 0xffff_ffff) {
      this.stamp.fill(0);
      this.currentStamp = 1;
    }
  }

  private labelOf(v: number): number {
    return this.stamp[v] === this.currentStamp ? this.label[v]! : INF_STEPS;
  }

  private setLabel(v: number, step: number, arc: number, entryStep: number, source: number): void {
    this.stamp[v] = this.currentStamp;
    this.label[v] = step;
    this.pred[v] = arc;
    this.entry[v] = entryStep;
    this.sourceOf[v] = source;
  }

  private extract(node: number, exit: number, arrivalStep: number): FoundPath {
    const arcs: number[] = [];
    const entrySteps: number[] = [];
    let v = node;
    while (this.pred[v]! >= 0) {
      arcs.push(this.pred[v]!);
      entrySteps.push(this.entry[v]!);
      v = this.tail[this.pred[v]!]!;
    }
    arcs.reverse();
    entrySteps.reverse();
    return { source: this.sourceOf[node]!, exit, arrivalStep, arcs, entrySteps };
  }
}
