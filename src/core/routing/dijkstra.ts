// Plain and bidirectional Dijkstra over a CSR graph: the correctness oracle for CCH and the baseline in benchmarks.
import { type ArcTopology, type BackwardCsr, buildBackwardCsr } from '../graph/backward-csr.ts';
import { INF_WEIGHT, INVALID_ID } from '../graph/road-graph.ts';
import { IndexedMinHeap } from './indexed-heap.ts';

/** A shortest path: its cost and the input arc ids from source to target (empty when source = target). */
export interface ShortestPath {
  /** Sum of arc weights; INF_WEIGHT when the target cannot be reached. */
  readonly distance: number;
  readonly arcs: Uint32Array;
}

const NO_PATH: ShortestPath = Object.freeze({ distance: INF_WEIGHT, arcs: new Uint32Array(0) });

/**
 * One-directional Dijkstra with reusable scratch (timestamps: no clearing, no allocation per settled node).
 * Weights are per input arc; INF_WEIGHT (or more) forbids the arc. Paths reaching INF_WEIGHT count as unreachable.
 * @example const q = new DijkstraQuery(graph); const { distance, arcs } = q.run(0, 5, graph.travelTimeDs);
 */
export class DijkstraQuery {
  private readonly dist: Float64Array;
  private readonly predArc: Uint32Array;
  private readonly stamp: Uint32Array;
  private generation = 0;
  private readonly heap: IndexedMinHeap;

  constructor(private readonly graph: ArcTopology) {
    this.dist = new Float64Array(graph.nodeCount);
    this.predArc = new Uint32Array(graph.nodeCount);
    this.stamp = new Uint32Array(graph.nodeCount);
    this.heap = new IndexedMinHeap(graph.nodeCount);
  }

  /** Shortest path from `source` to `target` under `weights`. */
  run(source: number, target: number, weights: Uint32Array): ShortestPath {
    this.search(source, target, weights);
    if (this.stamp[target] !== this.generation || this.dist[target]! >= INF_WEIGHT) return NO_PATH;
    return { distance: this.dist[target]!, arcs: this.tracePath(source, target) };
  }

  /**
   * Distances from `source` to every node (INF_WEIGHT when unreachable), written into `out`.
   * @example const d = q.distancesFrom(0, weights, new Float64Array(graph.nodeCount));
   */
  distancesFrom(source: number, weights: Uint32Array, out: Float64Array): Float64Array {
    this.search(source, INVALID_ID, weights);
    for (let v = 0; v < this.graph.nodeCount; v++) {
      const d = this.stamp[v] === this.generation ? this.dist[v]! : INF_WEIGHT;
      out[v] = Math.min(d, INF_WEIGHT);
    }
    return out;
  }

  private search(source: number, target: number, weights: Uint32Array): void {
    const { firstOut, head } = this.graph;
    const { dist, predArc, stamp, heap } = this;
    const gen = this.nextGeneration();
    heap.clear();
    dist[source] = 0;
    predArc[source] = INVALID_ID;
    stamp[source] = gen;
    heap.pushOrDecrease(source, 0);
    while (!heap.isEmpty()) {
      const v = heap.popMin();
      if (v === target) return;
      const dv = dist[v]!;
      for (let a = firstOut[v]!, end = firstOut[v + 1]!; a < end; a++) {
        const w = weights[a]!;
        if (w >= INF_WEIGHT) continue;
        const nd = dv + w;
        if (nd >= INF_WEIGHT) continue;
        const u = head[a]!;
        if (stamp[u] !== gen) {
          stamp[u] = gen;
          dist[u] = nd;
          predArc[u] = a;
          heap.pushOrDecrease(u, nd);
        } else if (nd < dist[u]!) {
          dist[u] = nd;
          predArc[u] = a;
          heap.pushOrDecrease(u, nd);
        }
      }
    }
  }

  private tracePath(source: number, target: number): Uint32Array {
    const { firstOut } = this.graph;
    let length = 0;
    for (let v = target; v !== source; length++) v = tailOf(firstOut, this.predArc[v]!);
    const arcs = new Uint32Array(length);
    for (let v = target, i = length - 1; v !== source; i--) {
      const a = this.predArc[v]!;
      arcs[i] = a;
      v = tailOf(firstOut, a);
    }
    return arcs;
  }

  private nextGeneration(): number {
    if (++this.generation === 0xffff_ffff) {
      this.stamp.fill(0);
      this.generation = 1;
    }
    return this.generation;
  }
}

/** Tail of arc `a` by binary search on firstOut (paths are traced rarely; no tail array is kept). */
function tailOf(firstOut: Uint32Array, a: number): number {
  let lo = 0;
  let hi = firstOut.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (firstOut[mid]! <= a) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Bidirectional Dijkstra: forward from the source, backward from the target, stopping when the two radii
 * together exceed the best meeting cost. The oracle the property tests compare CCH against.
 * @example const q = new BidirectionalDijkstraQuery(graph); q.run(s, t, weights).distance;
 */
export class BidirectionalDijkstraQuery {
  private readonly backward: BackwardCsr;
  private readonly distF: Float64Array;
  private readonly distB: Float64Array;
  private readonly predF: Uint32Array;
  private readonly predB: Uint32Array;
  private readonly stampF: Uint32Array;
  private readonly stampB: Uint32Array;
  private generation = 0;
  private readonly heapF: IndexedMinHeap;
  private readonly heapB: IndexedMinHeap;

  constructor(private readonly graph: ArcTopology) {
    const n = graph.nodeCount;
    this.backward = buildBackwardCsr(graph);
    this.distF = new Float64Array(n);
    this.distB = new Float64Array(n);
    this.predF = new Uint32Array(n);
    this.predB = new Uint32Array(n);
    this.stampF = new Uint32Array(n);
    this.stampB = new Uint32Array(n);
    this.heapF = new IndexedMinHeap(n);
    this.heapB = new IndexedMinHeap(n);
  }

  run(source: number, target: number, weights: Uint32Array): ShortestPath {
    const { firstOut, head } = this.graph;
    const { firstIn, tail, arcId } = this.backward;
    const { distF, distB, predF, predB, stampF, stampB, heapF, heapB } = this;
    if (++this.generation === 0xffff_ffff) {
      stampF.fill(0);
      stampB.fill(0);
      this.generation = 1;
    }
    const gen = this.generation;
    heapF.clear();
    heapB.clear();
    distF[source] = 0;
    predF[source] = INVALID_ID;
    stampF[source] = gen;
    heapF.pushOrDecrease(source, 0);
    distB[target] = 0;
    predB[target] = INVALID_ID;
    stampB[target] = gen;
    heapB.pushOrDecrease(target, 0);
    let best = source === target ? 0 : INF_WEIGHT;
    let meet = source === target ? source : INVALID_ID;
    while (!heapF.isEmpty() || !heapB.isEmpty()) {
      const radiusF = heapF.isEmpty() ? INF_WEIGHT : heapF.peekMinKey();
      const radiusB = heapB.isEmpty() ? INF_WEIGHT : heapB.peekMinKey();
      if (radiusF + radiusB >= best) break;
      if (radiusF <= radiusB) {
        const v = heapF.popMin();
        const dv = distF[v]!;
        for (let a = firstOut[v]!, end = firstOut[v + 1]!; a < end; a++) {
          const w = weights[a]!;
          const nd = dv + w;
          if (w >= INF_WEIGHT || nd >= INF_WEIGHT) continue;
          const u = head[a]!;
          if (stampF[u] !== gen || nd < distF[u]!) {
            stampF[u] = gen;
            distF[u] = nd;
            predF[u] = a;
            heapF.pushOrDecrease(u, nd);
            if (stampB[u] === gen && nd + distB[u]! < best) {
              best = nd + distB[u]!;
              meet = u;
            }
          }
        }
      } else {
        const v = heapB.popMin();
        const dv = distB[v]!;
        for (let slot = firstIn[v]!, end = firstIn[v + 1]!; slot < end; slot++) {
          const a = arcId[slot]!;
          const w = weights[a]!;
          const nd = dv + w;
          if (w >= INF_WEIGHT || nd >= INF_WEIGHT) continue;
          const u = tail[slot]!;
          if (stampB[u] !== gen || nd < distB[u]!) {
            stampB[u] = gen;
            distB[u] = nd;
            predB[u] = a;
            heapB.pushOrDecrease(u, nd);
            if (stampF[u] === gen && nd + distF[u]! < best) {
              best = nd + distF[u]!;
              meet = u;
            }
          }
        }
      }
    }
    if (best >= INF_WEIGHT) return NO_PATH;
    return { distance: best, arcs: this.tracePath(source, target, meet) };
  }

  private tracePath(source: number, target: number, meet: number): Uint32Array {
    const { head, firstOut } = this.graph;
    let forwardLength = 0;
    for (let v = meet; v !== source; forwardLength++) v = tailOf(firstOut, this.predF[v]!);
    let backwardLength = 0;
    for (let v = meet; v !== target; backwardLength++) v = head[this.predB[v]!]!;
    const arcs = new Uint32Array(forwardLength + backwardLength);
    for (let v = meet, i = forwardLength - 1; v !== source; i--) {
      const a = this.predF[v]!;
      arcs[i] = a;
      v = tailOf(firstOut, a);
    }
    for (let v = meet, i = forwardLength; v !== target; i++) {
      const a = this.predB[v]!;
      arcs[i] = a;
      v = head[a]!;
    }
    return arcs;
  }
}
