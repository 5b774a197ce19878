// Forward checks of the level search: while one country's fill is enumerated, every other open country sharing its
// households must keep an exact fill within the budget after each in/out decision (see level-search.ts).
import {
  dpStep,
  key53,
  leastExcess,
  NO_FILL,
  type SearchTables,
  type WorkCounter,
  zobristKey,
} from './level-search-tables.ts';

/**
 * The Y-cache (backward tables over a country's unshared households) is cleared beyond this many entries: a memory
 * cap (each entry is one table of ≤ a country's states), far above what 1,000 × 10 searches use.
 */
const Y_CACHE_LIMIT = 20000;

/** Per country c, its gathered candidates in slots c · n ..: household, in/out costs, and per country their count. */
export interface CandidateLists {
  readonly household: Int32Array;
  readonly inCost: Float64Array;
  readonly outCost: Float64Array;
  readonly count: Int32Array;
}

/** What a check reads of the node being enumerated. */
export interface ForwardNode {
  readonly fc: ForwardChecks;
  /** Least open excess of every household when the committed country was picked. */
  readonly leastNow: Float64Array;
  /** Running bound when the committed country was picked. */
  readonly boundAtNode: number;
}

/**
 * The forward checks of every depth of one search, with the buffers they share. It reads the search's candidate
 * lists, option masks and committed countries (the same arrays, updated by the search) and never writes them.
 */
export class ForwardChecker {
  private readonly n: number;
  private readonly countryCount: number;
  private readonly checks: ForwardChecks[];
  /** Position of each household in the committed country's shared prefix, −1 elsewhere (−1 between calls). */
  private readonly posInCommitted: Int32Array;
  /** Y-cache: row m of H (c2's terminal table folded with its candidates not shared with c), by their options. */
  private readonly yCache = new Map<number, Float64Array>();

  constructor(
    private readonly t: SearchTables,
    private readonly work: WorkCounter,
    private readonly mask: Int32Array,
    private readonly cand: CandidateLists,
    private readonly countryDone: Uint8Array,
    private readonly zobristA: Uint32Array,
    private readonly zobristB: Uint32Array,
    depths: number,
  ) {
    const n = t.freeCount,
      C = t.countryCount;
    this.n = n;
    this.countryCount = C;
    this.posInCommitted = new Int32Array(n).fill(-1);
    this.checks = Array.from({ length: depths }, () => newForwardChecks(n, C));
  }

  /**
   * Prepares the checks of `depth` once the committed country c's households are ordered (fillHousehold, the first
   * `sharedCount` shared with other countries): for each other open country c2 sharing households with them,
   * backward tables H over (its shared households in c's order, then its other candidates) and forward tables F over
   * the decided ones; c2 stays fillable iff min over states of F[j] + H[j] fits the budget after decision j.
   */
  prepare(depth: number, fillHousehold: Int32Array, sharedCount: number): ForwardChecks {
    const { n, t, countryCount: C, cand } = this;
    const fc = this.checks[depth]!;
    for (let q = 0; q < sharedCount; q++) this.posInCommitted[fillHousehold[q]!] = q;
    fc.count = 0;
    let need = 0;
    let xAt = 0;
    for (let c2 = 0; c2 < C; c2++) {
      if (this.countryDone[c2]) continue;
      // (c2's candidates were gathered by the look-ahead of this node.)
      const start = xAt;
      for (let r = 0; r < cand.count[c2]!; r++) {
        if (this.posInCommitted[cand.household[c2 * n + r]!]! >= 0) fc.shared[xAt++] = r;
      }
      if (xAt === start) continue;
      fc.shared
        .subarray(start, xAt)
        .sort(
          (x, y) =>
            this.posInCommitted[cand.household[c2 * n + x]!]! - this.posInCommitted[cand.household[c2 * n + y]!]!,
        );
      const f = fc.count++;
      fc.country[f] = c2;
      fc.sharedStart[f] = start;
      fc.sharedCount[f] = xAt - start;
      need += 2 * (xAt - start + 1) * t.stateCount[c2]!;
    }
    if (fc.pool.length < need) fc.pool = new Float64Array(Math.max(need, 2 * fc.pool.length));
    const pool = fc.pool;
    fc.entryStart.fill(0, 0, sharedCount + 1);
    let off = 0;
    for (let f = 0; f < fc.count; f++) {
      const c2 = fc.country[f]!,
        states2 = t.stateCount[c2]!,
        m = fc.sharedCount[f]!,
        start = fc.sharedStart[f]!;
      const offH = off;
      off += (m + 1) * states2;
      const offF = off;
      off += (m + 1) * states2;
      fc.offH[f] = offH;
      fc.offF[f] = offF;
      // H row m: c2's terminal table folded with its candidates not shared with c (cached by their options).
      let ya = 0,
        yb = c2 * 104729 + 17; // any salt per country (104,729 is prime) keeps countries' keys apart
      for (let r = 0; r < cand.count[c2]!; r++) {
        const i = cand.household[c2 * n + r]!;
        if (this.posInCommitted[i]! >= 0) continue;
        ya ^= zobristKey(this.zobristA, i, this.mask[i]!);
        yb ^= zobristKey(this.zobristB, i, this.mask[i]!);
      }
      const yKey = key53(ya, yb);
      const hit = this.yCache.get(yKey);
      const lastRow = offH + m * states2;
      if (hit !== undefined) pool.set(hit, lastRow);
      else {
        pool.set(t.terminal[c2]!.subarray(0, states2), lastRow);
        for (let r = 0; r < cand.count[c2]!; r++) {
          const at = c2 * n + r;
          if (this.posInCommitted[cand.household[at]!]! >= 0) continue;
          dpStep(t, this.work, pool, lastRow, lastRow, c2, cand.household[at]!, cand.inCost[at]!, cand.outCost[at]!);
        }
        if (this.yCache.size > Y_CACHE_LIMIT) this.yCache.clear();
        this.yCache.set(yKey, pool.slice(lastRow, lastRow + states2));
      }
      for (let jx = m - 1; jx >= 0; jx--) {
        const at = c2 * n + fc.shared[start + jx]!;
        dpStep(
          t,
          this.work,
          pool,
          offH + jx * states2,
          offH + (jx + 1) * states2,
          c2,
          cand.household[at]!,
          cand.inCost[at]!,
          cand.outCost[at]!,
        );
      }
      pool.fill(NO_FILL, offF, offF + states2);
      pool[offF + states2 - 1] = 0;
      fc.sharedCost[f * (n + 1)] = 0;
      for (let jx = 0; jx < m; jx++) {
        const at = c2 * n + fc.shared[start + jx]!;
        fc.sharedIn[start + jx] = cand.inCost[at]!;
        fc.entryStart[this.posInCommitted[cand.household[at]!]! + 1]!++;
      }
    }
    // Entries per position of c's shared prefix (CSR, in forward-check order): which (f, jx) to step after it.
    for (let q = 0; q < sharedCount; q++) fc.entryStart[q + 1]! += fc.entryStart[q]!;
    fc.entryFill.set(fc.entryStart.subarray(0, sharedCount));
    for (let f = 0; f < fc.count; f++) {
      const c2 = fc.country[f]!,
        start = fc.sharedStart[f]!;
      for (let jx = 0; jx < fc.sharedCount[f]!; jx++) {
        const q = this.posInCommitted[cand.household[c2 * n + fc.shared[start + jx]!]!]!;
        const e = fc.entryFill[q]!++;
        fc.entryCountry[e] = f;
        fc.entryPos[e] = jx;
      }
    }
    for (let q = 0; q < sharedCount; q++) this.posInCommitted[fillHousehold[q]!] = -1;
    return fc;
  }

  /**
   * Forward step of check f at position jx after household i's decision in c, then the check: c2's least exact fill
   * plus c's cost on households not shared with c2 must fit the budget.
   */
  check(
    node: ForwardNode,
    f: number,
    jx: number,
    i: number,
    takenIn: boolean,
    inCostC: number,
    costAfter: number,
    decisionCost: number,
  ): boolean {
    const { t, n } = this;
    const fc = node.fc;
    const sharedCost = fc.sharedCost;
    sharedCost[f * (n + 1) + jx + 1] = sharedCost[f * (n + 1) + jx]! + decisionCost;
    const c2 = fc.country[f]!,
      states2 = t.stateCount[c2]!,
      pool = fc.pool;
    const src = fc.offF[f]! + jx * states2,
      dst = src + states2;
    this.work.cells += states2;
    if (takenIn) {
      for (let st = 0; st < states2; st++) {
        const x = pool[src + st]! + inCostC;
        pool[dst + st] = Math.min(x, NO_FILL);
      }
    } else {
      const C = this.countryCount;
      const j2 = t.optionOfCountry[i * C + c2]!;
      const out = leastExcess(t, i, this.mask[i]! & ~(1 << (j2 - t.optionStart[i]!))) - node.leastNow[i]!;
      const outCost = out >= NO_FILL / 2 ? NO_FILL : out;
      const inCost = fc.sharedIn[fc.sharedStart[f]! + jx]!;
      const d0 = t.dim[c2 * 3]!,
        d1 = t.dim[c2 * 3 + 1]!,
        d2 = t.dim[c2 * 3 + 2]!;
      const na = t.needA[i * C + c2]!,
        nb = t.needB[i * C + c2]!,
        ne = t.needE[i * C + c2]!;
      const u = (na * d1 + nb) * d2 + ne;
      if (outCost >= NO_FILL) pool.fill(NO_FILL, dst, dst + states2);
      else {
        for (let st = 0; st < states2; st++) {
          const x = pool[src + st]! + outCost;
          pool[dst + st] = Math.min(x, NO_FILL);
        }
      }
      for (let a = 0; a + na < d0; a++) {
        for (let b = 0; b + nb < d1; b++) {
          const base = (a * d1 + b) * d2;
          for (let e = 0; e + ne < d2; e++) {
            const st = base + e;
            const alt = pool[src + st + u]! + inCost;
            if (alt < pool[dst + st]!) pool[dst + st] = alt;
          }
        }
      }
    }
    const h = fc.offH[f]! + (jx + 1) * states2;
    let best = NO_FILL;
    for (let st = 0; st < states2; st++) {
      const x = pool[dst + st]! + pool[h + st]!;
      if (x < best) best = x;
    }
    return node.boundAtNode + (costAfter - sharedCost[f * (n + 1) + jx + 1]!) + best <= t.budget;
  }
}

/** Forward checks of one depth: check f watches country[f] over its households shared with the committed country. */
export interface ForwardChecks {
  count: number;
  /** H and F tables of every check (offH, offF), grown on demand and reused. */
  pool: Float64Array;
  readonly country: Int32Array;
  readonly sharedStart: Int32Array;
  readonly sharedCount: Int32Array;
  /** Candidate slots (in country[f]'s gathered list) of its shared households, in the committed country's order. */
  readonly shared: Int32Array;
  readonly sharedIn: Float64Array;
  /** Running sum of the committed country's decision costs on check f's shared households: at f · (n + 1) + jx. */
  readonly sharedCost: Float64Array;
  readonly offH: Int32Array;
  readonly offF: Int32Array;
  readonly entryStart: Int32Array;
  readonly entryFill: Int32Array;
  readonly entryCountry: Int32Array;
  readonly entryPos: Int32Array;
}

function newForwardChecks(n: number, C: number): ForwardChecks {
  return {
    count: 0,
    pool: new Float64Array(0),
    country: new Int32Array(C),
    sharedStart: new Int32Array(C),
    sharedCount: new Int32Array(C),
    shared: new Int32Array(C * n),
    sharedIn: new Float64Array(C * n),
    sharedCost: new Float64Array(C * (n + 1)),
    offH: new Int32Array(C),
    offF: new Int32Array(C),
    entryStart: new Int32Array(n + 1),
    entryFill: new Int32Array(n + 1),
    entryCountry: new Int32Array(C * n),
    entryPos: new Int32Array(C * n),
  };
}
