// CCH query: elimination-tree search from both ends (no priority queue) and unpacking to input arc ids.
import { INF_WEIGHT, INVALID_ID } from '../../graph/road-graph.ts';
import type { CchMetric } from './cch-metric.ts';

/**
 * Point-to-point queries on one customized metric, with scratch reused between queries (nothing allocated
 * except the unpacked path). The forward search relaxes upward arcs along the elimination-tree path of the
 * source, the backward search downward arcs along the target's; they meet on common ancestors
 * (Dibbelt, Strasser, Wagner 2016, section 5.2; RoutingKit's stall-free variant with pruning).
 * @example const q = new CchQuery(metric); q.run(s, t); q.distance; q.path();
 */
export class CchQuery {
  private readonly distForward: Uint32Array;
  private readonly distBackward: Uint32Array;
  private readonly predForward: Uint32Array;
  private readonly predBackward: Uint32Array;
  private sourceRank = INVALID_ID;
  private targetRank = INVALID_ID;
  private meetRank = INVALID_ID;
  private best = INF_WEIGHT;
  /** Unpacking stack of `2 * cchArc + downward` (an index into upDown), and the output buffer; both grow on demand. */
  private stack: Uint32Array;
  private pathBuffer: Uint32Array;

  constructor(private readonly metric: CchMetric) {
    const n = metric.topology.nodeCount;
    this.distForward = new Uint32Array(n).fill(INF_WEIGHT);
    this.distBackward = new Uint32Array(n).fill(INF_WEIGHT);
    this.predForward = new Uint32Array(n);
    this.predBackward = new Uint32Array(n);
    this.stack = new Uint32Array(1024);
    this.pathBuffer = new Uint32Array(1024);
  }

  /** Cost of the last query's shortest path; INF_WEIGHT when unreachable. */
  get distance(): number {
    return this.best;
  }

  /** Runs a query between input nodes; returns the distance (INF_WEIGHT when unreachable). */
  run(source: number, target: number): number {
    const { rank, eliminationParent: parent, firstUp, upHead } = this.metric.topology;
    const upDown = this.metric.upDown;
    const { distForward: df, distBackward: db, predForward, predBackward } = this;
    this.resetLastSearch();
    const n = this.metric.topology.nodeCount;
    let x = rank[source]!;
    let y = rank[target]!;
    this.sourceRank = x;
    this.targetRank = y;
    df[x] = 0;
    db[y] = 0;
    let best = INF_WEIGHT;
    let meet = INVALID_ID;
    // Below the lowest common ancestor the two tree paths are disjoint: advance the lower one.
    while (x !== y) {
      if (x < y) {
        const dx = df[x]!;
        for (let a = firstUp[x]!, end = firstUp[x + 1]!; a < end; a++) {
          const d = dx + upDown[2 * a]!;
          const h = upHead[a]!;
          if (d < df[h]!) {
            df[h] = d;
            predForward[h] = a;
          }
        }
        x = parent[x]!;
        if (x === INVALID_ID) x = n;
      } else {
        const dy = db[y]!;
        for (let a = firstUp[y]!, end = firstUp[y + 1]!; a < end; a++) {
          const d = dy + upDown[2 * a + 1]!;
          const h = upHead[a]!;
          if (d < db[h]!) {
            db[h] = d;
            predBackward[h] = a;
          }
        }
        y = parent[y]!;
        if (y === INVALID_ID) y = n;
      }
    }
    // Common ancestors: both searches continue together, pruned by the best meeting cost so far.
    while (x < n) {
      const dx = df[x]!;
      const dy = db[x]!;
      if (dx + dy < best) {
        best = dx + dy;
        meet = x;
      }
      const relaxForward = dx < best;
      const relaxBackward = dy < best;
      if (relaxForward || relaxBackward) {
        for (let a = firstUp[x]!, end = firstUp[x + 1]!; a < end; a++) {
          const h = upHead[a]!;
          if (relaxForward) {
            const d = dx + upDown[2 * a]!;
            if (d < df[h]!) {
              df[h] = d;
              predForward[h] = a;
            }
          }
          if (relaxBackward) {
            const d = dy + upDown[2 * a + 1]!;
            if (d < db[h]!) {
              db[h] = d;
              predBackward[h] = a;
            }
          }
        }
      }
      x = parent[x]!;
      if (x === INVALID_ID) break;
    }
    this.best = best;
    this.meetRank = meet;
    return best;
  }

  /** Input arc ids of the last query's path, source to target; empty when unreachable or source = target. */
  path(): Uint32Array {
    if (this.best >= INF_WEIGHT || this.meetRank === INVALID_ID) return new Uint32Array(0);
    const { upTail } = this.metric.topology;
    let length = 0;
    // Forward half: collect upward arcs meet → source, then unpack them in travel order (stack is LIFO).
    let stackSize = 0;
    for (let v = this.meetRank; v !== this.sourceRank; v = upTail[this.predForward[v]!]!) {
      stackSize = this.pushStack(stackSize, 2 * this.predForward[v]!);
    }
    length = this.unpack(stackSize, length);
    // Backward half: downward arcs meet → target, travel order is meet first; push them reversed.
    let count = 0;
    for (let v = this.meetRank; v !== this.targetRank; v = upTail[this.predBackward[v]!]!) count++;
    while (this.stack.length < count) this.stack = grow(this.stack);
    stackSize = count;
    let slot = count;
    for (let v = this.meetRank; v !== this.targetRank; v = upTail[this.predBackward[v]!]!) {
      this.stack[--slot] = 2 * this.predBackward[v]! + 1;
    }
    length = this.unpack(stackSize, length);
    return this.pathBuffer.slice(0, length);
  }

  /** Expands shortcuts on the stack into input arcs appended to pathBuffer; returns the new path length. */
  private unpack(stackSize: number, length: number): number {
    const { firstInput, inputOfCch, firstTriangle, triangleSlots } = this.metric.topology;
    const upDown = this.metric.upDown;
    const weights = this.metric.weights;
    while (stackSize > 0) {
      const code = this.stack[--stackSize]!;
      const arc = code >>> 1;
      const downward = code & 1;
      const value = upDown[code]!;
      let original = INVALID_ID;
      for (let i = firstInput[arc]!, end = firstInput[arc + 1]!; i < end; i++) {
        const input = inputOfCch[i]!;
        if ((input & 1) === downward && weights[input >>> 1] === value) {
          original = input >>> 1;
          break;
        }
      }
      if (original !== INVALID_ID) {
        if (length === this.pathBuffer.length) this.pathBuffer = grow(this.pathBuffer);
        this.pathBuffer[length++] = original;
        continue;
      }
      // A shortcut: find the lower triangle that realises its value and expand its two halves, second half
      // pushed first. Up x → y = down(z,x) then up(z,y); down y → x = down(z,y) then up(z,x).
      let found = false;
      for (let k = 2 * firstTriangle[arc]!, end = 2 * firstTriangle[arc + 1]!; k < end; k += 2) {
        const zx = triangleSlots[k]!;
        const zy = triangleSlots[k + 1]!;
        const first = downward ? zy + 1 : zx + 1;
        const second = downward ? zx : zy;
        if (upDown[first]! + upDown[second]! === value) {
          stackSize = this.pushStack(stackSize, second);
          stackSize = this.pushStack(stackSize, first);
          found = true;
          break;
        }
      }
      if (!found) throw new Error(`CCH arc ${arc} has no witness: metric not customized for these weights`);
    }
    return length;
  }

  private pushStack(stackSize: number, code: number): number {
    if (stackSize === this.stack.length) this.stack = grow(this.stack);
    this.stack[stackSize] = code;
    return stackSize + 1;
  }

  /** Restores INF on both tree paths of the previous query (cheaper than clearing n entries). */
  private resetLastSearch(): void {
    const parent = this.metric.topology.eliminationParent;
    for (let v = this.sourceRank; v !== INVALID_ID; v = parent[v]!) this.distForward[v] = INF_WEIGHT;
    for (let v = this.targetRank; v !== INVALID_ID; v = parent[v]!) this.distBackward[v] = INF_WEIGHT;
  }
}

function grow(buffer: Uint32Array): Uint32Array {
  const bigger = new Uint32Array(buffer.length * 2);
  bigger.set(buffer);
  return bigger;
}
