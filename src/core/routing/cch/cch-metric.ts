// CCH metric: upward and downward weights of every CCH arc, from input weights by full or partial customization.
import { INF_WEIGHT, INVALID_ID } from '../../graph/road-graph.ts';
import type { CchTopology } from './cch-topology.ts';

/** Module-local copy: hot loops read a local constant rather than an imported live binding. */
const INF = INF_WEIGHT;
const INVALID = INVALID_ID;

/**
 * Shortest-path weights on the CCH arcs for one input metric, interleaved: `upDown[2a]` is the cost of going
 * tail → head of CCH arc `a` (lower rank to higher), `upDown[2a+1]` head → tail. INF_WEIGHT means no path.
 * Interleaving puts both directions of an arc in one cache line: the triangle loop reads both.
 * Customization is the basic triangle relaxation (Dibbelt, Strasser, Wagner 2016, section 4): arcs are
 * processed in id order, which is tail-rank order, so both lower arcs of a triangle are final when used.
 * @example const metric = new CchMetric(topology); metric.customize(graph.travelTimeDs);
 */
export class CchMetric {
  readonly upDown: Uint32Array;
  /** Signed views of `upDown` and of the triangle arrays for the customization loop (see `customize`). */
  private readonly upDown32: Int32Array;
  private readonly firstTriangle32: Int32Array;
  private readonly triangleSlots32: Int32Array;
  /** The input weights last customized with (kept by reference: path unpacking reads them). */
  private inputWeights: Uint32Array;
  private readonly pending: ArcQueue;
  private revisionCount = 0;

  constructor(readonly topology: CchTopology) {
    this.upDown = new Uint32Array(2 * topology.arcCount).fill(INF_WEIGHT);
    this.upDown32 = new Int32Array(this.upDown.buffer);
    const { firstTriangle, triangleSlots } = topology;
    this.firstTriangle32 = new Int32Array(firstTriangle.buffer, firstTriangle.byteOffset, firstTriangle.length);
    this.triangleSlots32 = new Int32Array(triangleSlots.buffer, triangleSlots.byteOffset, triangleSlots.length);
    this.inputWeights = new Uint32Array(topology.inputArcCount).fill(INF_WEIGHT);
    this.pending = new ArcQueue(topology.arcCount);
  }

  get weights(): Uint32Array {
    return this.inputWeights;
  }

  /** Increases on every change of values: lets a derived metric know whether it can undo by delta. */
  get revision(): number {
    return this.revisionCount;
  }

  /**
   * Makes this metric equal to `source` without customizing: `weights` must hold the same values as
   * `source.weights` (a private copy the caller may later change and pass to updateArcs).
   */
  copyFrom(source: CchMetric, weights: Uint32Array): void {
    this.upDown.set(source.upDown);
    this.inputWeights = weights;
    this.revisionCount++;
  }

  /** Copies `source`'s values for the CCH arcs listed (used to undo a few partial updates cheaply). */
  copyArcsFrom(source: CchMetric, arcs: Uint32Array, count: number, weights: Uint32Array): void {
    const from = source.upDown;
    const to = this.upDown;
    for (let i = 0; i < count; i++) {
      const a = 2 * arcs[i]!;
      to[a] = from[a]!;
      to[a + 1] = from[a + 1]!;
    }
    this.inputWeights = weights;
    this.revisionCount++;
  }

  /**
   * Full customization for input arc weights `weights` (one per input arc; INF_WEIGHT forbids). The input weights are
   * scattered onto the CCH arcs in input order (sequential reads: gathering them in CCH order read them at random and
   * took 8 of Moscow's 18 ms), then the triangle pass runs on signed 32-bit views (every stored value is at most
   * INF_WEIGHT = 2^31 − 1, and V8 keeps int32 loads in integer registers). Moscow: 18.3 → 15.6–16.2 ms.
   */
  customize(weights: Uint32Array): void {
    const { inputToCch, arcCount } = this.topology;
    this.inputWeights = weights;
    this.revisionCount++;
    scatterInputs(this.upDown, weights, inputToCch);
    relaxTriangles(this.upDown32, this.firstTriangle32, this.triangleSlots32, arcCount);
  }

  /**
   * Partial customization after the weights of `changedArcs` changed in `weights` (the full new input
   * weight array, adopted as the current one). Arcs are recomputed lowest tail first; a recomputed arc
   * that changed wakes only the arcs above it whose value it can lower, or whose value it was realising.
   * When `changeLog` is given, every CCH arc whose value changed is appended to it.
   */
  updateArcs(changedArcs: ArrayLike<number>, weights: Uint32Array, changeLog?: CchChangeLog): void {
    const { inputToCch } = this.topology;
    this.inputWeights = weights;
    this.revisionCount++;
    const pending = this.pending;
    for (let i = 0; i < changedArcs.length; i++) {
      const code = inputToCch[changedArcs[i]!]!;
      if (code !== INVALID_ID) pending.push(code >>> 1);
    }
    while (!pending.isEmpty()) {
      const arc = pending.popMin();
      const oldUp = this.upDown[2 * arc]!;
      const oldDown = this.upDown[2 * arc + 1]!;
      if (!this.recomputeArc(arc)) continue;
      changeLog?.add(arc);
      this.enqueueDependants(arc, oldUp, oldDown);
    }
  }

  /** Recomputes one CCH arc from its input arcs and lower triangles; returns whether it changed. */
  private recomputeArc(arc: number): boolean {
    const { upDown, inputWeights } = this;
    const { firstInput, inputOfCch, firstTriangle, triangleSlots } = this.topology;
    let bestUp = INF_WEIGHT;
    let bestDown = INF_WEIGHT;
    for (let i = firstInput[arc]!, end = firstInput[arc + 1]!; i < end; i++) {
      const code = inputOfCch[i]!;
      const w = inputWeights[code >>> 1]!;
      if (code & 1) {
        if (w < bestDown) bestDown = w;
      } else if (w < bestUp) bestUp = w;
    }
    for (let k = 2 * firstTriangle[arc]!, end = 2 * firstTriangle[arc + 1]!; k < end; k += 2) {
      const zx = triangleSlots[k]!;
      const zy = triangleSlots[k + 1]!;
      const viaUp = upDown[zx + 1]! + upDown[zy]!;
      if (viaUp < bestUp) bestUp = viaUp;
      const viaDown = upDown[zy + 1]! + upDown[zx]!;
      if (viaDown < bestDown) bestDown = viaDown;
    }
    if (bestUp === upDown[2 * arc] && bestDown === upDown[2 * arc + 1]) return false;
    upDown[2 * arc] = bestUp;
    upDown[2 * arc + 1] = bestDown;
    return true;
  }

  /**
   * Arc (x,y) is a lower arc of the triangle it forms with every other upward arc (x,w); the top arc joins
   * y and w. Going y → w costs down(x,y) + up(x,w), w → y costs down(x,w) + up(x,y). The top arc needs a
   * recomputation only if a new via-cost beats its value, or an old via-cost was its value (it may rise).
   */
  private enqueueDependants(arc: number, oldUp: number, oldDown: number): void {
    const topology = this.topology;
    const { upDown } = this;
    const { firstUp, upHead, upTail } = topology;
    const x = upTail[arc]!;
    const y = upHead[arc]!;
    const newUp = upDown[2 * arc]!;
    const newDown = upDown[2 * arc + 1]!;
    // For w > y the top arc (y, w) is found by walking y's ascending upward list alongside x's.
    let walk = firstUp[y]!;
    for (let i = firstUp[x]!, end = firstUp[x + 1]!; i < end; i++) {
      const w = upHead[i]!;
      if (w === y) continue;
      const otherUp = upDown[2 * i]!;
      const otherDown = upDown[2 * i + 1]!;
      let top: number;
      if (w < y) top = topology.findArc(w, y);
      else {
        while (upHead[walk]! < w) walk++;
        top = walk;
      }
      // Directions of the top arc seen from y: y → w and w → y, mapped onto its up/down slots.
      const yToW = w < y ? 2 * top + 1 : 2 * top;
      const wToY = w < y ? 2 * top : 2 * top + 1;
      const currentYToW = upDown[yToW]!;
      const currentWToY = upDown[wToY]!;
      const oldYToW = oldDown + otherUp;
      const newYToW = newDown + otherUp;
      const oldWToY = otherDown + oldUp;
      const newWToY = otherDown + newUp;
      if (
        newYToW < currentYToW ||
        newWToY < currentWToY ||
        (oldYToW === currentYToW && newYToW > oldYToW) ||
        (oldWToY === currentWToY && newWToY > oldWToY)
      ) {
        this.pending.push(top);
      }
    }
  }
}

/** Each CCH arc slot starts at its cheapest input arc (parallel input arcs share a slot), INF_WEIGHT if none. */
function scatterInputs(upDown: Uint32Array, weights: Uint32Array, inputToCch: Uint32Array): void {
  upDown.fill(INF);
  for (let input = 0; input < weights.length; input++) {
    const slot = inputToCch[input]!;
    if (slot === INVALID) continue;
    const w = weights[input]!;
    if (w < upDown[slot]!) upDown[slot] = w;
  }
}

/** The triangle pass of full customization, arcs in id order (see `CchMetric.customize`). */
function relaxTriangles(
  upDown: Int32Array,
  firstTriangle: Int32Array,
  triangleSlots: Int32Array,
  arcCount: number,
): void {
  let k = 0;
  for (let arc = 0; arc < arcCount; arc++) {
    let bestUp = upDown[2 * arc]!;
    let bestDown = upDown[2 * arc + 1]!;
    // Triangle z < x < y: x → z → y costs down(z,x) + up(z,y); y → z → x costs down(z,y) + up(z,x).
    for (const end = 2 * firstTriangle[arc + 1]!; k < end; k += 2) {
      const zx = triangleSlots[k]!;
      const zy = triangleSlots[k + 1]!;
      const viaUp = upDown[zx + 1]! + upDown[zy]!;
      if (viaUp < bestUp) bestUp = viaUp;
      const viaDown = upDown[zy + 1]! + upDown[zx]!;
      if (viaDown < bestDown) bestDown = viaDown;
    }
    upDown[2 * arc] = bestUp;
    upDown[2 * arc + 1] = bestDown;
  }
}

/**
 * Min-queue of CCH arc ids for partial customization. The key is the id itself (tail-rank order), so no key
 * array or decrease-key is needed: a flag per arc (1 byte) keeps ids unique, and the heap grows on demand.
 */
class ArcQueue {
  private heap = new Uint32Array(1024);
  private size = 0;
  private readonly queued: Uint8Array;

  constructor(arcCount: number) {
    this.queued = new Uint8Array(arcCount);
  }

  isEmpty(): boolean {
    return this.size === 0;
  }

  push(arc: number): void {
    if (this.queued[arc]) return;
    this.queued[arc] = 1;
    if (this.size === this.heap.length) {
      const bigger = new Uint32Array(2 * this.heap.length);
      bigger.set(this.heap);
      this.heap = bigger;
    }
    const heap = this.heap;
    let at = this.size++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (heap[parent]! <= arc) break;
      heap[at] = heap[parent]!;
      at = parent;
    }
    heap[at] = arc;
  }

  popMin(): number {
    const heap = this.heap;
    const min = heap[0]!;
    this.queued[min] = 0;
    const last = heap[--this.size]!;
    const n = this.size;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= n) break;
      if (child + 1 < n && heap[child + 1]! < heap[child]!) child++;
      if (heap[child]! >= last) break;
      heap[at] = heap[child]!;
      at = child;
    }
    if (n > 0) heap[at] = last;
    return min;
  }
}

/** A growable list of arc ids (CCH arcs changed by partial customization, or input arcs); reset with clear(). */
export class CchChangeLog {
  arcs = new Uint32Array(256);
  count = 0;

  clear(): void {
    this.count = 0;
  }

  add(arc: number): void {
    if (this.count === this.arcs.length) {
      const bigger = new Uint32Array(2 * this.arcs.length);
      bigger.set(this.arcs);
      this.arcs = bigger;
    }
    this.arcs[this.count++] = arc;
  }
}
