// Node separators by inertial flow (Schild & Sommer 2015): sort by a projection, max-flow between the two ends.
import type { UndirectedGraph } from '../../graph/undirected-graph.ts';

/** Label of each node of a cell after a cut. */
export const SIDE_A = 0;
export const SIDE_B = 1;
export const SIDE_SEPARATOR = 2;

const ROLE_NONE = 0;
const ROLE_SOURCE = 1;
const ROLE_SINK = 2;
const PACK_SLOTS = 2 ** 21;
const KEY_SCALE = 2 ** 31;

/**
 * Finds a small balanced node separator of one cell (the nodes `perm[lo..hi)` with `cellOf[v] === cell`).
 * With coordinates it tries four directions; without, two pseudo-directions from BFS double sweeps.
 * Node capacities are 1 (each node split into in/out), so the min cut is a node separator directly.
 * Scratch is sized once for the whole graph; nothing is allocated per cell.
 */
export class InertialFlowSeparator {
  /** The chosen cut, per node id: SIDE_A, SIDE_B or SIDE_SEPARATOR. Valid for the last cell separated. */
  readonly side: Uint8Array;
  private readonly trialSide: Uint8Array;
  private readonly role: Uint8Array;
  private readonly nodeFlow: Uint8Array;
  private readonly edgeFlow: Int32Array;
  private readonly stateStamp: Uint32Array;
  private readonly parentState: Int32Array;
  private readonly parentEdge: Int32Array;
  private readonly queue: Int32Array;
  private readonly projection: Float64Array;
  private readonly packed: Float64Array;
  private readonly sources: Uint32Array;
  private readonly bfsDistA: Int32Array;
  private readonly bfsDistB: Int32Array;
  private generation = 0;

  constructor(
    private readonly graph: UndirectedGraph,
    private readonly x: Float64Array | null,
    private readonly y: Float64Array | null,
    /** Share of the projected order pinned to the source and to the sink end (the balance bound b). */
    private readonly terminalShare: number,
  ) {
    const n = graph.nodeCount;
    this.side = new Uint8Array(n);
    this.trialSide = new Uint8Array(n);
    this.role = new Uint8Array(n);
    this.nodeFlow = new Uint8Array(n);
    this.edgeFlow = new Int32Array(graph.adjacent.length);
    this.stateStamp = new Uint32Array(2 * n);
    this.parentState = new Int32Array(2 * n);
    this.parentEdge = new Int32Array(2 * n);
    this.queue = new Int32Array(2 * n);
    this.projection = new Float64Array(n);
    this.packed = new Float64Array(n);
    this.sources = new Uint32Array(n);
    this.bfsDistA = new Int32Array(n);
    this.bfsDistB = new Int32Array(n);
  }

  /** Separates the cell; returns the separator size. Labels are in `side`. */
  separate(perm: Uint32Array, lo: number, hi: number, cellOf: Int32Array, cell: number): number {
    let bestSize = Number.POSITIVE_INFINITY;
    let bestBalance = -1;
    const directionCount = this.x && this.y ? 4 : 2;
    for (let direction = 0; direction < directionCount; direction++) {
      if (this.x && this.y) this.projectOnCoordinates(perm, lo, hi, direction);
      else this.projectOnBfsSweeps(perm, lo, hi, cellOf, cell, direction);
      const separatorSize = this.cutAlongProjection(perm, lo, hi, cellOf, cell, bestSize);
      if (separatorSize < 0) continue;
      let sizeA = 0;
      for (let i = lo; i < hi; i++) if (this.trialSide[perm[i]!] === SIDE_A) sizeA++;
      const balance = Math.min(sizeA, hi - lo - separatorSize - sizeA);
      if (separatorSize < bestSize || (separatorSize === bestSize && balance > bestBalance)) {
        bestSize = separatorSize;
        bestBalance = balance;
        for (let i = lo; i < hi; i++) this.side[perm[i]!] = this.trialSide[perm[i]!]!;
      }
    }
    return bestSize;
  }

  private projectOnCoordinates(perm: Uint32Array, lo: number, hi: number, direction: number): void {
    const x = this.x!;
    const y = this.y!;
    // Horizontal, vertical and both diagonals (Schild & Sommer use these four).
    const dx = direction === 1 ? 0 : 1;
    const dy = direction === 0 ? 0 : direction === 3 ? -1 : 1;
    for (let i = lo; i < hi; i++) {
      const v = perm[i]!;
      this.projection[v] = dx * x[v]! + dy * y[v]!;
    }
  }

  /** Pseudo-coordinates for graphs without geometry: distance differences between two far-apart BFS roots. */
  private projectOnBfsSweeps(
    perm: Uint32Array,
    lo: number,
    hi: number,
    cellOf: Int32Array,
    cell: number,
    direction: number,
  ): void {
    const distA = this.bfsDistA;
    const distB = this.bfsDistB;
    let start = perm[lo]!;
    if (direction === 1) {
      // Start from the node farthest from both ends of the first sweep: roughly "orthogonal" to it.
      let bestScore = -1;
      for (let i = lo; i < hi; i++) {
        const v = perm[i]!;
        const score = Math.min(distA[v]!, distB[v]!);
        if (score > bestScore) {
          bestScore = score;
          start = v;
        }
      }
    }
    const a = this.bfs(start, perm, lo, hi, cellOf, cell, distA);
    const b = this.bfs(a, perm, lo, hi, cellOf, cell, distA);
    this.bfs(b, perm, lo, hi, cellOf, cell, distB);
    for (let i = lo; i < hi; i++) {
      const v = perm[i]!;
      this.projection[v] = distA[v]! - distB[v]!;
    }
  }

  /** BFS inside the cell; unreachable nodes get distance = cell size. Returns the farthest reached node. */
  private bfs(
    root: number,
    perm: Uint32Array,
    lo: number,
    hi: number,
    cellOf: Int32Array,
    cell: number,
    dist: Int32Array,
  ): number {
    const { firstEdge, adjacent } = this.graph;
    for (let i = lo; i < hi; i++) dist[perm[i]!] = -1;
    const queue = this.queue;
    let head = 0;
    let tail = 0;
    queue[tail++] = root;
    dist[root] = 0;
    let last = root;
    while (head < tail) {
      const v = queue[head++]!;
      last = v;
      for (let e = firstEdge[v]!, end = firstEdge[v + 1]!; e < end; e++) {
        const w = adjacent[e]!;
        if (cellOf[w] !== cell || dist[w] !== -1) continue;
        dist[w] = dist[v]! + 1;
        queue[tail++] = w;
      }
    }
    for (let i = lo; i < hi; i++) if (dist[perm[i]!] === -1) dist[perm[i]!] = hi - lo;
    return last;
  }

  /** Max flow from the low end to the high end of the projection; -1 when it exceeds `limit`. */
  private cutAlongProjection(
    perm: Uint32Array,
    lo: number,
    hi: number,
    cellOf: Int32Array,
    cell: number,
    limit: number,
  ): number {
    const size = hi - lo;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = lo; i < hi; i++) {
      const p = this.projection[perm[i]!]!;
      if (p < min) min = p;
      if (p > max) max = p;
    }
    const scale = max > min ? (KEY_SCALE - 1) / (max - min) : 0;
    // Pack (quantized key, position) into one double so the native numeric sort does the work.
    const packed = this.packed.subarray(0, size);
    for (let i = 0; i < size; i++) {
      packed[i] = Math.floor((this.projection[perm[lo + i]!]! - min) * scale) * PACK_SLOTS + i;
    }
    packed.sort();
    const terminalCount = Math.max(1, Math.floor(size * this.terminalShare));
    for (let i = 0; i < terminalCount; i++) {
      const source = perm[lo + (packed[i]! % PACK_SLOTS)]!;
      this.role[source] = ROLE_SOURCE;
      this.sources[i] = source;
      this.role[perm[lo + (packed[size - 1 - i]! % PACK_SLOTS)]!] = ROLE_SINK;
    }
    let flow = 0;
    while (flow <= limit && this.augment(terminalCount, cellOf, cell)) flow++;
    const separatorSize = flow <= limit ? this.labelCut(perm, lo, hi) : -1;
    this.resetFlow(perm, lo, hi);
    return separatorSize;
  }

  /** One BFS in the residual split-node network; pushes one unit along the path found. */
  private augment(sourceCount: number, cellOf: Int32Array, cell: number): boolean {
    const { firstEdge, adjacent, reverse } = this.graph;
    const { stateStamp, parentState, parentEdge, queue, nodeFlow, edgeFlow, role } = this;
    const gen = ++this.generation;
    let head = 0;
    let tail = 0;
    for (let i = 0; i < sourceCount; i++) {
      const s = this.sources[i]!;
      stateStamp[2 * s] = gen;
      stateStamp[2 * s + 1] = gen;
      parentState[2 * s + 1] = -1;
      queue[tail++] = 2 * s + 1;
    }
    while (head < tail) {
      const state = queue[head++]!;
      const v = state >> 1;
      if (state & 1) {
        // Out-half: every edge is open forward (infinite capacity); undo the node's own unit if it carries one.
        for (let e = firstEdge[v]!, end = firstEdge[v + 1]!; e < end; e++) {
          const w = adjacent[e]!;
          const next = 2 * w;
          if (cellOf[w] !== cell || stateStamp[next] === gen) continue;
          stateStamp[next] = gen;
          parentState[next] = state;
          parentEdge[next] = e;
          queue[tail++] = next;
        }
        if (nodeFlow[v] === 1 && role[v] !== ROLE_SOURCE && stateStamp[state - 1] !== gen) {
          stateStamp[state - 1] = gen;
          parentState[state - 1] = state;
          parentEdge[state - 1] = -1;
          queue[tail++] = state - 1;
        }
      } else {
        if (nodeFlow[v] === 0 && stateStamp[state + 1] !== gen) {
          stateStamp[state + 1] = gen;
          parentState[state + 1] = state;
          parentEdge[state + 1] = -1;
          if (role[v] === ROLE_SINK) {
            this.pushUnit(state + 1);
            return true;
          }
          queue[tail++] = state + 1;
        }
        // In-half: residual arcs against flow that entered v from a neighbour.
        for (let e = firstEdge[v]!, end = firstEdge[v + 1]!; e < end; e++) {
          const w = adjacent[e]!;
          const next = 2 * w + 1;
          if (cellOf[w] !== cell || stateStamp[next] === gen || edgeFlow[reverse[e]!]! <= 0) continue;
          stateStamp[next] = gen;
          parentState[next] = state;
          parentEdge[next] = e;
          queue[tail++] = next;
        }
      }
    }
    return false;
  }

  private pushUnit(sinkState: number): void {
    const { parentState, parentEdge, nodeFlow, edgeFlow, graph } = this;
    let state = sinkState;
    while (parentState[state] !== -1) {
      const e = parentEdge[state]!;
      if (e === -1) {
        nodeFlow[state >> 1] = state & 1 ? 1 : 0;
      } else if ((state & 1) === 0) {
        const twin = graph.reverse[e]!;
        if (edgeFlow[twin]! > 0) edgeFlow[twin]!--;
        else edgeFlow[e]!++;
      } else {
        edgeFlow[graph.reverse[e]!]!--;
      }
      state = parentState[state]!;
    }
  }

  /** Reads the min cut off the last (failed) BFS: reached out-halves are side A, reached in-halves only cut nodes. */
  private labelCut(perm: Uint32Array, lo: number, hi: number): number {
    const gen = this.generation;
    let separatorSize = 0;
    for (let i = lo; i < hi; i++) {
      const v = perm[i]!;
      if (this.stateStamp[2 * v + 1] === gen) this.trialSide[v] = SIDE_A;
      else if (this.stateStamp[2 * v] === gen) {
        this.trialSide[v] = SIDE_SEPARATOR;
        separatorSize++;
      } else this.trialSide[v] = SIDE_B;
    }
    return separatorSize;
  }

  private resetFlow(perm: Uint32Array, lo: number, hi: number): void {
    const { firstEdge } = this.graph;
    for (let i = lo; i < hi; i++) {
      const v = perm[i]!;
      this.role[v] = ROLE_NONE;
      this.nodeFlow[v] = 0;
      this.edgeFlow.fill(0, firstEdge[v]!, firstEdge[v + 1]!);
    }
  }
}
