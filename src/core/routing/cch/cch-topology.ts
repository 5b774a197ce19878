// CCH topology: contraction of the graph in a fixed node order into the chordal "upward" graph, built once.
import type { ArcTopology } from '../../graph/backward-csr.ts';
import { INVALID_ID } from '../../graph/road-graph.ts';
import { ranksOfOrder } from './nested-dissection-order.ts';

/**
 * The metric-independent half of a CCH (Dibbelt, Strasser, Wagner 2016, section 3), in rank space:
 * CCH node `r` is input node `order[r]`. Arcs point upward: arc `a` of node `x` is `upHead[a] > x`,
 * `a` in `firstUp[x] .. firstUp[x+1]-1`, heads sorted ascending, so arc ids ascend with their tail's rank.
 * A CCH arc carries two weights in a metric: up (tail → head) and down (head → tail), because roads are one-way.
 * @example const topology = CchTopology.build(graph, computeNestedDissectionOrder(undirectedFromArcs(graph), null));
 */
export class CchTopology {
  /** `rank[inputNode]`; `order[rank]` is the inverse. */
  readonly rank: Uint32Array;
  /** Elimination-tree parent of each CCH node (its lowest upper neighbour), INVALID_ID for a root. */
  readonly eliminationParent: Uint32Array;
  readonly upTail: Uint32Array;
  /**
   * Lower triangles of arc `a = (x, y)` are `firstTriangle[a] .. firstTriangle[a+1]-1`; triangle `k` is the
   * arc pair `(z, x) = triangleArcs[2k]`, `(z, y) = triangleArcs[2k+1]` with z < x < y.
   */
  readonly firstTriangle: Uint32Array;
  readonly triangleArcs: Uint32Array;
  /** Per input arc: `2 * cchArc + 1` when it runs downward (higher rank to lower), `2 * cchArc` upward; INVALID_ID for loops. */
  readonly inputToCch: Uint32Array;
  /**
   * Input arcs mapped onto CCH arc `a`, as `2 * inputArc + downward`, in `firstInput[a] .. firstInput[a+1]-1`
   * (parallel arcs take the min). Direction is packed in so customization reads one array sequentially.
   */
  readonly firstInput: Uint32Array;
  readonly inputOfCch: Uint32Array;

  private constructor(
    readonly nodeCount: number,
    readonly inputArcCount: number,
    readonly order: Uint32Array,
    readonly firstUp: Uint32Array,
    readonly upHead: Uint32Array,
    inputHead: Uint32Array,
    inputFirstOut: Uint32Array,
  ) {
    this.rank = ranksOfOrder(order);
    this.upTail = new Uint32Array(upHead.length);
    this.eliminationParent = new Uint32Array(nodeCount).fill(INVALID_ID);
    for (let x = 0; x < nodeCount; x++) {
      if (firstUp[x + 1]! > firstUp[x]!) this.eliminationParent[x] = upHead[firstUp[x]!]!;
      this.upTail.fill(x, firstUp[x]!, firstUp[x + 1]!);
    }
    [this.firstTriangle, this.triangleArcs] = this.enumerateLowerTriangles();
    this.inputToCch = new Uint32Array(inputHead.length);
    [this.firstInput, this.inputOfCch] = this.mapInputArcs(inputFirstOut, inputHead);
  }

  get arcCount(): number {
    return this.upHead.length;
  }

  get triangleCount(): number {
    return this.triangleArcs.length / 2;
  }

  /** Contracts `graph` in `order` (order[rank] = node). */
  static build(graph: ArcTopology, order: Uint32Array): CchTopology {
    const n = graph.nodeCount;
    const rank = ranksOfOrder(order);
    const upper: number[][] = new Array(n);
    for (let x = 0; x < n; x++) upper[x] = [];
    for (let v = 0; v < n; v++) {
      for (let a = graph.firstOut[v]!; a < graph.firstOut[v + 1]!; a++) {
        const rv = rank[v]!;
        const rw = rank[graph.head[a]!]!;
        if (rv < rw) upper[rv]!.push(rw);
        else if (rw < rv) upper[rw]!.push(rv);
      }
    }
    for (let x = 0; x < n; x++) upper[x] = sortedUnique(upper[x]!);
    // Contract in rank order: a node's upper neighbours become a clique, which chordality lets us
    // represent by merging them into the lowest one (its elimination-tree parent).
    for (let x = 0; x < n; x++) {
      const neighbours = upper[x]!;
      if (neighbours.length < 2) continue;
      const parent = neighbours[0]!;
      upper[parent] = mergeSortedSkippingFirst(upper[parent]!, neighbours);
    }
    const firstUp = new Uint32Array(n + 1);
    for (let x = 0; x < n; x++) firstUp[x + 1] = firstUp[x]! + upper[x]!.length;
    const upHead = new Uint32Array(firstUp[n]!);
    for (let x = 0; x < n; x++) upHead.set(upper[x]!, firstUp[x]!);
    return new CchTopology(n, graph.arcCount, order, firstUp, upHead, graph.head, graph.firstOut);
  }

  /** Id of the CCH arc between ranks x < y, or INVALID_ID. */
  findArc(x: number, y: number): number {
    let lo = this.firstUp[x]!;
    let hi = this.firstUp[x + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const h = this.upHead[mid]!;
      if (h === y) return mid;
      if (h < y) lo = mid + 1;
      else hi = mid;
    }
    return INVALID_ID;
  }

  /** Longest root path in the elimination tree (node count): bounds the work of one query. */
  eliminationTreeHeight(): number {
    const depth = new Uint32Array(this.nodeCount);
    let height = 0;
    for (let x = this.nodeCount - 1; x >= 0; x--) {
      const parent = this.eliminationParent[x]!;
      depth[x] = parent === INVALID_ID ? 1 : depth[parent]! + 1;
      if (depth[x]! > height) height = depth[x]!;
    }
    return height;
  }

  /** For every node z and every pair of its upward arcs (z,x), (z,y): one lower triangle of arc (x,y). */
  private enumerateLowerTriangles(): [Uint32Array, Uint32Array] {
    const { firstUp, upHead, nodeCount } = this;
    const firstTriangle = new Uint32Array(this.arcCount + 1);
    for (let pass = 0; pass < 2; pass++) {
      const triangleArcs = pass === 1 ? new Uint32Array(2 * firstTriangle[this.arcCount]!) : null;
      const fill = pass === 1 ? firstTriangle.slice(0, this.arcCount) : null;
      for (let z = 0; z < nodeCount; z++) {
        const end = firstUp[z + 1]!;
        for (let i = firstUp[z]!; i < end; i++) {
          const x = upHead[i]!;
          let xy = firstUp[x]!;
          for (let j = i + 1; j < end; j++) {
            const y = upHead[j]!;
            while (upHead[xy]! < y) xy++;
            if (fill && triangleArcs) {
              const k = fill[xy]!++;
              triangleArcs[2 * k] = i;
              triangleArcs[2 * k + 1] = j;
            } else firstTriangle[xy + 1]!++;
          }
        }
      }
      if (triangleArcs) return [firstTriangle, triangleArcs];
      for (let a = 0; a < this.arcCount; a++) firstTriangle[a + 1]! += firstTriangle[a]!;
    }
    throw new Error('unreachable');
  }

  private mapInputArcs(inputFirstOut: Uint32Array, inputHead: Uint32Array): [Uint32Array, Uint32Array] {
    const firstInput = new Uint32Array(this.arcCount + 1);
    for (let v = 0; v < this.nodeCount; v++) {
      const rv = this.rank[v]!;
      for (let a = inputFirstOut[v]!; a < inputFirstOut[v + 1]!; a++) {
        const rw = this.rank[inputHead[a]!]!;
        if (rv === rw) {
          this.inputToCch[a] = INVALID_ID;
          continue;
        }
        const arc = rv < rw ? this.findArc(rv, rw) : this.findArc(rw, rv);
        this.inputToCch[a] = 2 * arc + (rv < rw ? 0 : 1);
        firstInput[arc + 1]!++;
      }
    }
    for (let a = 0; a < this.arcCount; a++) firstInput[a + 1]! += firstInput[a]!;
    const inputOfCch = new Uint32Array(firstInput[this.arcCount]!);
    const fill = firstInput.slice(0, this.arcCount);
    for (let a = 0; a < this.inputArcCount; a++) {
      const code = this.inputToCch[a]!;
      if (code !== INVALID_ID) inputOfCch[fill[code >>> 1]!++] = 2 * a + (code & 1);
    }
    return [firstInput, inputOfCch];
  }
}

function sortedUnique(values: number[]): number[] {
  values.sort((a, b) => a - b);
  let out = 0;
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[i - 1]) values[out++] = values[i]!;
  values.length = out;
  return values;
}

/** Merges sorted `into` with sorted `from[1..]` (from[0] is the parent itself), without duplicates. */
function mergeSortedSkippingFirst(into: number[], from: number[]): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 1;
  while (i < into.length || j < from.length) {
    const a = i < into.length ? into[i]! : Number.POSITIVE_INFINITY;
    const b = j < from.length ? from[j]! : Number.POSITIVE_INFINITY;
    if (a <= b) {
      merged.push(a);
      i++;
      if (a === b) j++;
    } else {
      merged.push(b);
      j++;
    }
  }
  return merged;
}
