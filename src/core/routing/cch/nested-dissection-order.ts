// Metric-independent CCH node order: peel trees and degree-2 chains, then recursive inertial-flow dissection.
import { type UndirectedGraph, undirectedFromEdgeList } from '../../graph/undirected-graph.ts';
import { InertialFlowSeparator, SIDE_A, SIDE_B, SIDE_SEPARATOR } from './inertial-flow-separator.ts';

/** Planar coordinates per node (any consistent unit); absent for topology-only graphs. */
export interface PlanarCoordinates {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/** Cells this small are left in any order: their fill-in is bounded by their size anyway. */
const SMALL_CELL = 2;

export interface NestedDissectionOptions {
  /** Share of a cell pinned to each end of a projection as flow source/sink: the balance bound (default 0.25). */
  readonly terminalShare?: number;
}

/**
 * Computes a nested-dissection order: `order[rank] = node`, lowest rank contracted first.
 * Trees hanging off the network and degree-2 chains (shape points) go first, because contracting them adds
 * at most one shortcut each; chains are ordered by bisection to keep the elimination tree shallow.
 * The remaining core is cut recursively with inertial flow; each separator takes the top ranks of its cell.
 * @example const order = computeNestedDissectionOrder(undirectedFromArcs(graph), { x: graph.lon, y: graph.lat });
 */
export function computeNestedDissectionOrder(
  graph: UndirectedGraph,
  coordinates: PlanarCoordinates | null,
  options: NestedDissectionOptions = {},
): Uint32Array {
  const n = graph.nodeCount;
  const order = new Uint32Array(n);
  const removed = new Uint8Array(n);
  let next = peelTrees(graph, removed, order, 0);
  const chainEnds: number[] = [];
  next = peelChains(graph, removed, order, next, chainEnds);
  const core = buildCore(graph, removed, chainEnds, coordinates);
  const coreOrder = dissect(core.graph, core.coordinates, options.terminalShare ?? 0.25);
  for (let i = 0; i < coreOrder.length; i++) order[next++] = core.toOriginal[coreOrder[i]!]!;
  if (next !== n) throw new Error(`order covers ${next} of ${n} nodes`);
  return order;
}

/** Inverse permutation: `rank[node]`. */
export function ranksOfOrder(order: Uint32Array): Uint32Array {
  const rank = new Uint32Array(order.length);
  for (let r = 0; r < order.length; r++) rank[order[r]!] = r;
  return rank;
}

function liveDegree(graph: UndirectedGraph, removed: Uint8Array, v: number): number {
  let degree = 0;
  for (let e = graph.firstEdge[v]!; e < graph.firstEdge[v + 1]!; e++) if (!removed[graph.adjacent[e]!]) degree++;
  return degree;
}

/** Repeatedly removes nodes of degree 0 or 1; each is ranked below its one remaining neighbour. */
function peelTrees(graph: UndirectedGraph, removed: Uint8Array, order: Uint32Array, next: number): number {
  const n = graph.nodeCount;
  const { firstEdge, adjacent } = graph;
  const degree = new Uint32Array(n);
  const queue = new Uint32Array(n);
  let tail = 0;
  for (let v = 0; v < n; v++) {
    degree[v] = firstEdge[v + 1]! - firstEdge[v]!;
    if (degree[v]! <= 1) queue[tail++] = v;
  }
  for (let head = 0; head < tail; head++) {
    const v = queue[head]!;
    removed[v] = 1;
    order[next++] = v;
    for (let e = firstEdge[v]!; e < firstEdge[v + 1]!; e++) {
      const w = adjacent[e]!;
      if (removed[w]) continue;
      if (--degree[w]! === 1) queue[tail++] = w;
    }
  }
  return next;
}

/** Removes maximal runs of degree-2 nodes; records each run's two ends so the core gets the shortcut edge. */
function peelChains(
  graph: UndirectedGraph,
  removed: Uint8Array,
  order: Uint32Array,
  next: number,
  chainEnds: number[],
): number {
  const n = graph.nodeCount;
  const inChain = new Uint8Array(n);
  const left: number[] = [];
  const right: number[] = [];
  const chain: number[] = [];
  for (let v = 0; v < n; v++) {
    if (removed[v] || inChain[v] || liveDegree(graph, removed, v) !== 2) continue;
    const [first, second] = liveNeighbours(graph, removed, v);
    left.length = 0;
    right.length = 0;
    const endRight = walkChain(graph, removed, v, first, right, inChain);
    if (endRight === v) {
      // A ring of degree-2 nodes: keep v as the core node, the rest is one chain closing on it.
      right.pop();
      for (const c of right) inChain[c] = 1;
      next = emitRulerOrder(right, order, next);
      continue;
    }
    const endLeft = walkChain(graph, removed, v, second, left, inChain);
    chain.length = 0;
    for (let i = left.length - 1; i >= 0; i--) chain.push(left[i]!);
    chain.push(v);
    for (const c of right) chain.push(c);
    for (const c of chain) inChain[c] = 1;
    next = emitRulerOrder(chain, order, next);
    if (endLeft !== endRight) chainEnds.push(endLeft, endRight);
  }
  // Chain nodes leave only now, so every node's degree above counted the chains it touches.
  for (let v = 0; v < n; v++) if (inChain[v]) removed[v] = 1;
  return next;
}

function liveNeighbours(graph: UndirectedGraph, removed: Uint8Array, v: number): [number, number] {
  let first = -1;
  let second = -1;
  for (let e = graph.firstEdge[v]!; e < graph.firstEdge[v + 1]!; e++) {
    const w = graph.adjacent[e]!;
    if (removed[w]) continue;
    if (first < 0) first = w;
    else second = w;
  }
  return [first, second];
}

/** Walks from `start` through `towards` while nodes have degree 2; collects them; returns the end node. */
function walkChain(
  graph: UndirectedGraph,
  removed: Uint8Array,
  start: number,
  towards: number,
  collected: number[],
  inChain: Uint8Array,
): number {
  let previous = start;
  let current = towards;
  while (current !== start && !inChain[current] && liveDegree(graph, removed, current) === 2) {
    collected.push(current);
    const [a, b] = liveNeighbours(graph, removed, current);
    const following = a === previous ? b : a;
    previous = current;
    current = following;
  }
  if (current === start) collected.push(start);
  return current;
}

/** Ranks a chain so its middle node is highest, recursively: elimination-tree depth log2(length). */
function emitRulerOrder(chain: number[], order: Uint32Array, next: number): number {
  const stack: number[] = [0, chain.length, 0];
  while (stack.length > 0) {
    const expanded = stack.pop()!;
    const hi = stack.pop()!;
    const lo = stack.pop()!;
    if (lo >= hi) continue;
    const mid = (lo + hi) >> 1;
    if (expanded) {
      order[next++] = chain[mid]!;
      continue;
    }
    // Post-order: left half, right half, then the middle.
    stack.push(lo, hi, 1, mid + 1, hi, 0, lo, mid, 0);
  }
  return next;
}

function buildCore(
  graph: UndirectedGraph,
  removed: Uint8Array,
  chainEnds: readonly number[],
  coordinates: PlanarCoordinates | null,
): { graph: UndirectedGraph; toOriginal: Uint32Array; coordinates: PlanarCoordinates | null } {
  const n = graph.nodeCount;
  const toCore = new Int32Array(n).fill(-1);
  let coreCount = 0;
  for (let v = 0; v < n; v++) if (!removed[v]) toCore[v] = coreCount++;
  const toOriginal = new Uint32Array(coreCount);
  for (let v = 0; v < n; v++) if (toCore[v]! >= 0) toOriginal[toCore[v]!] = v;
  const tails: number[] = [];
  const heads: number[] = [];
  for (let v = 0; v < n; v++) {
    if (removed[v]) continue;
    for (let e = graph.firstEdge[v]!; e < graph.firstEdge[v + 1]!; e++) {
      const w = graph.adjacent[e]!;
      if (!removed[w] && v < w) {
        tails.push(toCore[v]!);
        heads.push(toCore[w]!);
      }
    }
  }
  for (let i = 0; i < chainEnds.length; i += 2) {
    tails.push(toCore[chainEnds[i]!]!);
    heads.push(toCore[chainEnds[i + 1]!]!);
  }
  const coreGraph = undirectedFromEdgeList(coreCount, Uint32Array.from(tails), Uint32Array.from(heads));
  if (!coordinates) return { graph: coreGraph, toOriginal, coordinates: null };
  const x = new Float64Array(coreCount);
  const y = new Float64Array(coreCount);
  for (let c = 0; c < coreCount; c++) {
    x[c] = coordinates.x[toOriginal[c]!]!;
    y[c] = coordinates.y[toOriginal[c]!]!;
  }
  return { graph: coreGraph, toOriginal, coordinates: { x, y } };
}

/** Recursive bisection with an explicit stack of cells, each a segment of `perm`; returns perm as the order. */
function dissect(graph: UndirectedGraph, coordinates: PlanarCoordinates | null, terminalShare: number): Uint32Array {
  const n = graph.nodeCount;
  const perm = new Uint32Array(n);
  for (let v = 0; v < n; v++) perm[v] = v;
  const cellOf = new Int32Array(n);
  const buffer = new Uint32Array(n);
  const separator = new InertialFlowSeparator(graph, coordinates?.x ?? null, coordinates?.y ?? null, terminalShare);
  const stack: number[] = [0, n];
  let nextCell = 1;
  while (stack.length > 0) {
    const hi = stack.pop()!;
    const lo = stack.pop()!;
    if (hi - lo <= SMALL_CELL) continue;
    separator.separate(perm, lo, hi, cellOf, cellOf[perm[lo]!]!);
    const side = separator.side;
    // Stable three-way partition: side A, side B, then the separator on top.
    let out = lo;
    for (let i = lo; i < hi; i++) if (side[perm[i]!] === SIDE_A) buffer[out++] = perm[i]!;
    const endA = out;
    for (let i = lo; i < hi; i++) if (side[perm[i]!] === SIDE_B) buffer[out++] = perm[i]!;
    const endB = out;
    for (let i = lo; i < hi; i++) if (side[perm[i]!] === SIDE_SEPARATOR) buffer[out++] = perm[i]!;
    stack.push(lo, endA, endA, endB);
    perm.set(buffer.subarray(lo, hi), lo);
    const cellA = nextCell++;
    const cellB = nextCell++;
    for (let i = lo; i < hi; i++) {
      const v = perm[i]!;
      cellOf[v] = side[v] === SIDE_A ? cellA : side[v] === SIDE_B ? cellB : -1;
    }
  }
  return perm;
}
