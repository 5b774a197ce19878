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
 * A goal-directed search can be continued after reservations with `resume` instead of being run again.
 */
export class EarliestArrivalSearch {
  private readonly network: SchedulingNetwork;
  private readonly tail: Uint32Array;
  private readonly reverse: ReverseAdjacency;
  private readonly table: ReservationTable;
  private readonly metric: Uint32Array;
  private readonly exitNodeOf: Int32Array;
  /** Exits at a node as a chain: first exit index at node, next exit at the same node. */
  private readonly firstExitAt: Int32Array;
  private readonly nextExitAt: Int32Array;
  private readonly goalDirected: boolean;
  /** Gates: the arcs into exit nodes (goal-directed mode only), with the exit each leads to. */
  private readonly gateArc: Int32Array;
  private readonly gateExit: Int32Array;
  /** distToGate[v * gateCount + g]: free-flow steps from v to the tail of gate g (node-major: one cache line per node). */
  private readonly distToGate: Int32Array;
  private readonly label: Int32Array;
  private readonly pred: Int32Array;
  private readonly entry: Int32Array;
  private readonly sourceOf: Int32Array;
  private readonly stamp: Uint32Array;
  private currentStamp = 0;
  /** Nodes expanded with their current label in this search (=== currentStamp); reopened when relabelled. */
  private readonly closed: Uint32Array;
  /** Nodes labelled in this search, in order (with repeats dropped), for `resume`. */
  private readonly labelled: Int32Array;
  private labelledCount = 0;
  /** === currentStamp when the node is in `labelled`. */
  private readonly listed: Uint32Array;
  /** Per node during `resume`: 0 unknown, 1 still valid, 2 lost its label. */
  private readonly validity: Uint8Array;
  /** Scratch of `resume`. */
  private readonly chainNodes: Int32Array;
  private readonly lostNodes: Int32Array;
  /** Whether the heap and labels are those of the last `toExits`, left for `resume`. */
  private resumable = false;
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
    this.reverse = reverse;
    this.table = table;
    this.metric = metric;
    this.exitNodeOf = Int32Array.from(exitNodes);
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
    const gates = gateArcs.length;
    this.distToGate = new Int32Array(gates * n);
    gateArcs.forEach((a, g) => {
      const dist = distancesToNode(network, reverse, metric, reverse.tail[a]!);
      for (let v = 0; v < n; v++) this.distToGate[v * gates + g] = dist[v]!;
    });
    this.label = new Int32Array(n);
    this.pred = new Int32Array(n);
    this.entry = new Int32Array(n);
    this.sourceOf = new Int32Array(n);
    this.stamp = new Uint32Array(n);
    this.closed = new Uint32Array(n);
    this.labelled = new Int32Array(n);
    this.listed = new Uint32Array(n);
    this.validity = new Uint8Array(n);
    this.chainNodes = new Int32Array(n);
    this.lostNodes = new Int32Array(n);
    this.heap = new IndexedMinHeap(n);
  }

  /** Whether `resume` may follow: the last `toExits` was goal-directed and found a path (plain mode prunes labels). */
  get canResume(): boolean {
    return this.goalDirected && this.resumable;
  }

  /** Travel steps of arc `a` in this search's metric. */
  travelTimeOf(a: number): number {
    return this.metric[a]!;
  }

  /**
   * Earliest exit passage for `persons` needing `arcUnits` on each arc, over exits with `exitActive[e] === 1`.
   * Returns null when no source can pass any active exit before the horizon. `otherExits`, if given, receives a
   * path to each other active exit whose node the search labelled (not the earliest there, but real).
   */
  toExits(
    sources: SearchSources,
    arcUnits: number,
    persons: number,
    exitActive: Uint8Array,
    otherExits?: FoundPath[],
  ): FoundPath | null {
    this.startSearch();
    const keyScale = this.table.horizonSteps + 1;
    for (let s = 0; s < sources.count; s++) {
      const v = sources.node[s]!;
      const ready = sources.readyStep[s]!;
      if (this.labelOf(v) <= ready) continue;
      this.setLabel(v, ready, -1, -1, s);
      const bound = this.exitBound(v, ready, arcUnits, persons, exitActive, INF_STEPS);
      if (bound !== NO_STEP) this.heap.pushOrDecrease(v, bound * keyScale + ready);
    }
    return this.run(arcUnits, persons, exitActive, INF_STEPS, -1, -1, otherExits);
  }

  /**
   * Continues the last `toExits` after paths were reserved and some sources ran dry, instead of searching again:
   * the table only filled, so every label whose tree path still fits stays the earliest arrival. Labels that hung
   * on a reserved arc at a step it no longer has room at, or on a dry source, are dropped with everything below
   * them, re-derived from their expanded neighbours, and the search goes on from the old heap until nothing left
   * in it can beat the best exit step. Same answer as a new `toExits` with the remaining sources (ties aside).
   * The caller must pass the same `sources` buffers, units and exits as that `toExits`.
   */
  resume(
    sources: SearchSources,
    drySource: Uint8Array,
    reserved: readonly { readonly arcs: readonly number[]; readonly entrySteps: readonly number[] }[],
    arcUnits: number,
    persons: number,
    exitActive: Uint8Array,
    otherExits?: FoundPath[],
  ): FoundPath | null {
    if (!this.canResume) throw new Error('resume without a goal-directed search to resume');
    const { stamp, label, pred, entry, closed, validity, labelled, table } = this;
    const searchStamp = this.currentStamp;
    const head = this.network.head;
    const keyScale = table.horizonSteps + 1;
    let broken = false;
    for (const path of reserved) {
      for (let i = 0; i < path.arcs.length; i++) {
        const a = path.arcs[i]!;
        const t = path.entrySteps[i]!;
        const w = head[a]!;
        if (stamp[w] !== searchStamp || pred[w] !== a || entry[w] !== t) continue;
        if (table.arcResidual(a, t) >= arcUnits) continue;
        validity[w] = 2;
        broken = true;
      }
    }
    for (let s = 0; s < sources.count; s++) {
      const v = sources.node[s]!;
      if (drySource[s] !== 1 || stamp[v] !== searchStamp || pred[v] !== -1 || this.sourceOf[v] !== s) continue;
      validity[v] = 2;
      broken = true;
    }
    let lostCount = 0;
    const lost = this.lostNodes;
    if (broken) {
      // A label is lost when its tree path passes a lost one; walk up once per node, remembering the answer.
      const chain = this.chainNodes;
      for (let i = 0; i < this.labelledCount; i++) {
        let v = labelled[i]!;
        if (stamp[v] !== searchStamp) continue;
        let depth = 0;
        while (validity[v] === 0 && pred[v]! >= 0) {
          chain[depth++] = v;
          v = this.tail[pred[v]!]!;
        }
        const status = validity[v] === 0 ? 1 : validity[v]!;
        validity[v] = status;
        for (let d = 0; d < depth; d++) validity[chain[d]!] = status;
      }
      for (let i = 0; i < this.labelledCount; i++) {
        const v = labelled[i]!;
        if (validity[v] === 2 && stamp[v] === searchStamp) {
          lost[lostCount++] = v;
          stamp[v] = 0;
          closed[v] = 0;
        }
        validity[v] = 0;
      }
    }
    // Sources still supplying come back where their node lost its label.
    for (let s = 0; s < sources.count; s++) {
      if (drySource[s] === 1) continue;
      const v = sources.node[s]!;
      const ready = sources.readyStep[s]!;
      if (this.labelOf(v) <= ready) continue;
      this.setLabel(v, ready, -1, -1, s);
      const bound = this.exitBound(v, ready, arcUnits, persons, exitActive, INF_STEPS);
      if (bound !== NO_STEP) this.heap.pushOrDecrease(v, bound * keyScale + ready);
    }
    // Lost nodes next to expanded ones get their labels again from them now; the others when their turn comes.
    for (let k = 0; k < lostCount; k++) {
      const v = lost[k]!;
      for (let i = this.reverse.firstIn[v]!; i < this.reverse.firstIn[v + 1]!; i++) {
        const a = this.reverse.inArc[i]!;
        const u = this.tail[a]!;
        if (stamp[u] === searchStamp && closed[u] === searchStamp)
          this.relax(u, a, arcUnits, persons, exitActive, INF_STEPS, keyScale);
      }
    }
    let best = INF_STEPS;
    let bestExit = -1;
    let bestNode = -1;
    for (let e = 0; e < exitActive.length; e++) {
      const x = this.exitNodeOf[e]!;
      if (exitActive[e] !== 1 || stamp[x] !== searchStamp) continue;
      const t = table.firstExitStep(e, label[x]!, persons);
      if (t !== NO_STEP && t < best) {
        best = t;
        bestExit = e;
        bestNode = x;
      }
    }
    return this.run(arcUnits, persons, exitActive, best, bestExit, bestNode, otherExits);
  }

  /** The label-setting loop shared by `toExits` and `resume`, from the heap as it is and the best exit so far. */
  private run(
    arcUnits: number,
    persons: number,
    exitActive: Uint8Array,
    bestStep: number,
    bestExitIndex: number,
    bestExitNode: number,
    otherExits?: FoundPath[],
  ): FoundPath | null {
    const h = this.table.horizonSteps;
    const keyScale = h + 1;
    let best = bestStep;
    let bestExit = bestExitIndex;
    let bestNode = bestExitNode;
    const { firstOut } = this.network;
    // Hot loop: fields in locals.
    const { metric, table, heap, label, stamp, closed } = this;
    const searchStamp = this.currentStamp;
    while (heap.size > 0) {
      if (Math.floor(heap.peekMinKey() / keyScale) >= best) break;
      const v = heap.popMin();
      // A node that lost its label in `resume` may still sit in the heap.
      if (stamp[v] !== searchStamp) continue;
      this.popped++;
      closed[v] = searchStamp;
      const lv = label[v]!;
      for (let e = this.firstExitAt[v]!; e >= 0; e = this.nextExitAt[e]!) {
        if (exitActive[e] !== 1) continue;
        const t = table.firstExitStep(e, lv, persons);
        if (t !== NO_STEP && t < best) {
          best = t;
          bestExit = e;
          bestNode = v;
        }
      }
      for (let a = firstOut[v]!; a < firstOut[v + 1]!; a++) {
        if (metric[a]! >= INF_STEPS) continue;
        this.relax(v, a, arcUnits, persons, exitActive, best, keyScale);
      }
    }
    this.resumable = bestNode >= 0;
    if (!this.resumable) {
      heap.clear();
      return null;
    }
    if (otherExits) {
      // Exits this search reached but did not pick: later paths for the reuse pool, free to extract.
      for (let e = 0; e < exitActive.length; e++) {
        const node = this.exitNodeOf[e]!;
        if (e === bestExit || exitActive[e] !== 1 || this.labelOf(node) >= INF_STEPS || node === bestNode) continue;
        const t = this.table.firstExitStep(e, this.label[node]!, persons);
        if (t !== NO_STEP) otherExits.push(this.extract(node, e, t));
      }
    }
    return this.extract(bestNode, bestExit, best);
  }

  /** Relaxes arc `a` out of labelled node `v`: labels its head if that is earlier and can still beat `best`. */
  private relax(
    v: number,
    a: number,
    arcUnits: number,
    persons: number,
    exitActive: Uint8Array,
    best: number,
    keyScale: number,
  ): void {
    const t = this.table.firstArcStep(a, this.label[v]!, arcUnits);
    if (t === NO_STEP) return;
    const arrival = t + this.metric[a]!;
    if (arrival >= this.table.horizonSteps) return;
    const w = this.network.head[a]!;
    if (this.stamp[w] === this.currentStamp && arrival >= this.label[w]!) return;
    const bound = this.exitBound(w, arrival, arcUnits, persons, exitActive, best);
    // A node that cannot beat `best` is still labelled in goal-directed mode: a later `resume` may need it once
    // `best` rises, and its expanded neighbour will not offer it again. The heap order keeps it from being expanded.
    if (bound === NO_STEP || (bound >= best && !this.goalDirected)) return;
    this.setLabel(w, arrival, a, t, this.sourceOf[v]!);
    this.heap.pushOrDecrease(w, bound * keyScale + arrival);
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
   * exit's first spare steps after the free-flow time to the gate. Returns `cutoff` or more when it cannot beat it.
   */
  private exitBound(
    v: number,
    step: number,
    arcUnits: number,
    persons: number,
    exitActive: Uint8Array,
    cutoff: number,
  ): number {
    if (!this.goalDirected) return step;
    const gates = this.gateArc.length;
    const table = this.table;
    // Gates that cannot beat `cutoff` (the best exit step found) are not looked at: the caller drops such nodes.
    let bound = cutoff;
    for (let e = this.firstExitAt[v]!; e >= 0; e = this.nextExitAt[e]!) {
      if (exitActive[e] !== 1) continue;
      const t = table.firstExitStep(e, step, persons);
      if (t !== NO_STEP && t < bound) bound = t;
    }
    for (let g = 0; g < gates; g++) {
      const d = this.distToGate[v * gates + g]!;
      // Free flow to the gate already at or past the best bound: the queues can only make it later.
      if (d >= INF_STEPS || step + d >= bound) continue;
      const e = this.gateExit[g]!;
      if (exitActive[e] !== 1) continue;
      const a = this.gateArc[g]!;
      const enter = table.firstArcStep(a, step + d, arcUnits);
      if (enter === NO_STEP || enter >= bound) continue;
      const t = table.firstExitStep(e, enter + this.metric[a]!, persons);
      if (t !== NO_STEP && t < bound) bound = t;
    }
    return bound === INF_STEPS ? NO_STEP : bound;
  }

  private startSearch(): void {
    this.heap.clear();
    this.labelledCount = 0;
    this.resumable = false;
    this.currentStamp++;
    if (this.currentStamp === 0xffff_ffff) {
      this.stamp.fill(0);
      this.closed.fill(0);
      this.listed.fill(0);
      this.currentStamp = 1;
    }
  }

  private labelOf(v: number): number {
    return this.stamp[v] === this.currentStamp ? this.label[v]! : INF_STEPS;
  }

  private setLabel(v: number, step: number, arc: number, entryStep: number, source: number): void {
    if (this.listed[v] !== this.currentStamp) {
      this.listed[v] = this.currentStamp;
      this.labelled[this.labelledCount++] = v;
    }
    this.closed[v] = 0;
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
