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
   * arc pair `(z, x)`, `(z, y)` with z < x < y, stored as metric slots: `triangleSlots[2k] = 2 * (z,x)`,
   * `triangleSlots[2k+1] = 2 * (z,y)` (pre-doubled: the metric interleaves up and down per arc).
   */
  readonly firstTriangle: Uint32Array;
  readonly triangleSlots: Uint32Array;
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
    [this.firstTriangle, this.triangleSlots] = this.enumerateLowerTriangles();
    this.inputToCch = new Uint32Array(inputHead.length);
    [this.firstInput, this.inputOfCch] = this.mapInputArcs(inputFirstOut, inputHead);
  }

  get arcCount(): number {
    return this.upHead.length;
  }

  get triangleCount(): number {
    return this.triangleSlots.length / 2;
  }

  /**
   * Contracts `graph` in `order` (order[rank] = node) by symbolic elimination, typed arrays only:
   * the elimination tree by Liu's ancestor algorithm, then the CCH arcs into each node x as the "row
   * subtree" of x: walking up the tree from every lower input neighbour of x until x (or a node already
   * seen for x) visits exactly the nodes w < x that get arc (w, x) (Liu 1990; chordal completion).
   */
  static build(graph: ArcTopology, order: Uint32Array): CchTopology {
    const n = graph.nodeCount;
    const { firstLower, lower } = lowerNeighbours(graph, ranksOfOrder(order));
    const parent = new Uint32Array(n).fill(INVALID_ID);
    const ancestor = new Uint32Array(n).fill(INVALID_ID);
    for (let x = 0; x < n; x++) {
      for (let i = firstLower[x]!; i < firstLower[x + 1]!; i++) {
        let r = lower[i]!;
        // Climb to the root of r's current subtree, pointing every visited node at x (path compression).
        while (ancestor[r] !== INVALID_ID && ancestor[r] !== x) {
          const next = ancestor[r]!;
          ancestor[r] = x;
          r = next;
        }
        if (ancestor[r] === INVALID_ID) {
          ancestor[r] = x;
          parent[r] = x;
        }
      }
    }
    // Two passes over the row subtrees: count arcs per tail, then fill heads (ascending, since x ascends).
    const firstUp = new Uint32Array(n + 1);
    const seen = new Uint32Array(n).fill(INVALID_ID);
    let upHead = new Uint32Array(0);
    for (let pass = 0; pass < 2; pass++) {
      const fill = pass === 1 ? firstUp.slice(0, n) : null;
      seen.fill(INVALID_ID);
      for (let x = 0; x < n; x++) {
        seen[x] = x;
        for (let i = firstLower[x]!; i < firstLower[x + 1]!; i++) {
          for (let w = lower[i]!; seen[w] !== x; w = parent[w]!) {
            seen[w] = x;
            if (fill) upHead[fill[w]!++] = x;
            else firstUp[w + 1]!++;
          }
        }
      }
      if (pass === 0) {
        for (let x = 0; x < n; x++) firstUp[x + 1]! += firstUp[x]!;
        upHead = new Uint32Array(firstUp[n]!);
      }
    }
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
              triangleArcs[2 * k] = 2 * i;
              triangleArcs[2 * k + 1] = 2 * j;
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

/** Lower neighbours of every rank in the input graph (both arc directions; duplicates are harmless). */
function lowerNeighbours(graph: ArcTopology, rank: Uint32Array): { firstLower: Uint32Array; lower: Uint32Array } {
  const n = graph.nodeCount;
  const firstLower = new Uint32Array(n + 1);
  for (let v = 0; v < n; v++) {
    for (let a = graph.firstOut[v]!; a < graph.firstOut[v + 1]!; a++) {
      const rv = rank[v]!;
      const rw = rank[graph.head[a]!]!;
      if (rv !== rw) firstLower[Math.max(rv, rw) + 1]!++;
    }
  }
  for (let x = 0; x < n; x++) firstLower[x + 1]! += firstLower[x]!;
  const fill = firstLower.slice(0, n);
  const lower = new Uint32Array(firstLower[n]!);
  for (let v = 0; v < n; v++) {
    for (let a = graph.firstOut[v]!; a < graph.firstOut[v + 1]!; a++) {
      const rv = rank[v]!;
      const rw = rank[graph.head[a]!]!;
      if (rv !== rw) lower[fill[Math.max(rv, rw)]!++] = Math.min(rv, rw);
    }
  }
  return { firstLower, lower };
}
