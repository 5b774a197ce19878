// Exact search for a plan of the price neighbourhood scoring at least a target level, country by country.
//
// A plan scores ≥ target iff its priced penalties plus prices × unused capacity fit in UB − target (fixing.ts). The
// search commits one whole country per depth: it lists that country's exact fills (every priced row filled to within
// its slack) over its undecided households, cheapest first, from a DP over the country's residual (persons ×
// households × medical). Look-ahead at every depth: each open country must keep an exact fill within the budget;
// inside a fill, forward checks keep every other country sharing households fillable after each in/out decision.
// Failed sub-problems are remembered (Zobrist hashing); `find` mode adds Luby restarts with random tie-breaks. The
// forward checks live in level-search-forward.ts, the static tables and the DP step in level-search-tables.ts.
// "Level" means only the target; a depth is the number of countries committed so far.
// See docs/allocation.md, "Level search first".
import type { Fixing, PricedModel } from './fixing.ts';
import { ForwardChecker, type ForwardNode } from './level-search-forward.ts';
import {
  buildSearchTables,
  costIfIn,
  dpStep,
  key53,
  leastExcess,
  MASK_SLOTS,
  NO_FILL,
  placeExclusive,
  type SearchTables,
  UINT32_RANGE,
  useOffset,
  type WorkCounter,
  zobristKey,
} from './level-search-tables.ts';
import type { AllocationModel } from './model.ts';

export interface LevelSearchOptions {
  /** `prove`: complete search, no restarts. `find`: restarts with random tie-breaks, to find a plan quickly. */
  readonly mode: 'prove' | 'find';
  /** Work budget in DP cell updates (deterministic: the core reads no clock). */
  readonly maxWork: number;
  /** Seed of the restarts' random tie-breaks (find mode) and of the Zobrist keys. */
  readonly seed?: number;
}

export type LevelSearchOutcome =
  /** The whole plan: fixed and searched households, −1 unplaced. */
  | { readonly kind: 'found'; readonly chosenPair: Int32Array; readonly work: number }
  /** The search was complete: no plan of the neighbourhood reaches the target. */
  | { readonly kind: 'none'; readonly work: number }
  | { readonly kind: 'gave-up'; readonly work: number };

/** Seed of the Zobrist keys and tie-breaks when none is given (any fixed value; this one is what was calibrated). */
const DEFAULT_SEED = 12345;
/**
 * Find mode: the first run's budget in countries committed, then Luby(r) × RESTART_BASE; a run's budget in search
 * nodes is NODES_PER_COMMIT times its budget in countries committed. Tuned by hand on 1,000 × 10 seeds 1–24 (session 4,
 * scratch runs): the search's time is heavy-tailed, so restarts rescue the seeds where an early commitment is wrong
 * (seeds 4, 14: no answer in 2 s without them), but restarting too early lost seeds a complete search settles quickly
 * (seed 10: 46 ms complete, 0.6–2.3 s with restarts from the start) — hence a complete first run of 300 commits.
 */
const FIRST_RUN_COMMITS = 300;
const RESTART_BASE = 12;
const NODES_PER_COMMIT = 50;
/**
 * Find mode, restarts: weight of the random noise in the country choice (below one shared household, so it reorders
 * near-ties only), and chance of flipping an in/out tie (enough to vary a run, not to make it a random walk).
 */
const CHOICE_NOISE = 0.5;
const TIE_FLIP = 0.2;
/** Costs this close are equal: they are floating-point sums of penalties, and 1e-9 only absorbs their rounding. */
const COST_EPS = 1e-9;
/** In/out costs this close are a tie, broken towards the LP solution. */
const LP_TIE = COST_EPS;

/**
 * @example
 * const outcome = searchLevel(model, priced, neighbourhood, lpValue, 612_285, { mode: 'prove', maxWork: 4e6 });
 * if (outcome.kind === 'none') { // no plan of the neighbourhood reaches 612,285
 * }
 */
export function searchLevel(
  model: AllocationModel,
  priced: PricedModel,
  fixing: Fixing,
  lpValue: Float64Array,
  target: number,
  options: LevelSearchOptions,
): LevelSearchOutcome {
  const work: WorkCounter = { cells: 0 };
  const tables = buildSearchTables(model, priced, fixing, target, work);
  if (tables === undefined) return { kind: 'none', work: work.cells };
  const search = new CountrySearch(tables, lpValue, options, work);
  const solved = search.run();
  if (solved === 'found') return { kind: 'found', chosenPair: search.plan(fixing.fixedPair), work: work.cells };
  return { kind: solved, work: work.cells };
}

/** Mutable state of one search; each depth (countries committed so far) owns its scratch buffers. */
class CountrySearch {
  /** The static tables (options, budget, state spaces): read-only. */
  private readonly t: SearchTables;
  private readonly n: number;
  private readonly countryCount: number;
  private readonly find: boolean;
  private readonly maxWork: number;
  /** Per household: open options (bits), least open excess, and the option taken (−3 while undecided). */
  private readonly mask: Int32Array;
  private readonly leastOpen: Float64Array;
  private readonly assigned: Int32Array;
  /** Running bound: Σ decided costs + Σ undecided households' least open excess + committed countries' terminals. */
  private bound = 0;
  private readonly countryDone: Uint8Array;
  private readonly finalState: Int32Array;
  /** Candidates of country c (undecided, non-exclusive, c open) in slots c · n ..: household, in/out costs, use. */
  private readonly candHousehold: Int32Array;
  private readonly candIn: Float64Array;
  private readonly candOut: Float64Array;
  private readonly candUse: Int32Array;
  private readonly candCount: Int32Array;
  private readonly roll: Float64Array;
  private readonly inSet: Uint8Array;
  // Zobrist hashing of sub-problems: two 32-bit keys per (household, mask), combined into a 53-bit number.
  private rngState: number;
  private readonly zobristA: Uint32Array;
  private readonly zobristB: Uint32Array;
  /** Keys of the committed countries: an open country still owes its fill, a committed one's cost is in the bound. */
  private readonly countryKeyA: Uint32Array;
  private readonly countryKeyB: Uint32Array;
  /** Failed sub-problems with the least running bound they failed at. */
  private readonly memo = new Map<number, number>();
  /** Per country: least exact-fill cost by its candidates' remaining options. */
  private readonly fillCache: Map<number, number>[];
  // Per depth scratch: the committed country's fill tables and candidates (the forward checks keep their own).
  private readonly fillTables: Float64Array[];
  private readonly depthHousehold: Int32Array[];
  private readonly depthIn: Float64Array[];
  private readonly depthOut: Float64Array[];
  private readonly depthUse: Int32Array[];
  private readonly depthOrder: Int32Array[];
  private readonly depthPriority: Float64Array[];
  private readonly leastAtNode: Float64Array[];
  private readonly saveMask: Int32Array[];
  private readonly saveLeast: Float64Array[];
  private readonly saveAssigned: Int32Array[];
  private readonly forward: ForwardChecker;
  private found = false;
  private stopped = false;
  // Restarts (find mode): run number, countries committed so far (all runs), the current run's limits in countries
  // committed and search nodes.
  private restartNo = 0;
  private restartHit = false;
  private commits = 0;
  private searchNodes = 0;
  private commitLimit = Infinity;
  private nodeLimit = Infinity;

  constructor(
    tables: SearchTables,
    private readonly lp: Float64Array,
    options: LevelSearchOptions,
    private readonly work: WorkCounter,
  ) {
    this.t = tables;
    const n = tables.freeCount,
      C = tables.countryCount;
    this.n = n;
    this.countryCount = C;
    this.find = options.mode === 'find';
    this.maxWork = options.maxWork;
    this.mask = tables.rootMask.slice();
    this.leastOpen = new Float64Array(n);
    for (let i = 0; i < n; i++) this.leastOpen[i] = leastExcess(tables, i, this.mask[i]!);
    for (let i = 0; i < n; i++) this.bound += this.leastOpen[i]!;
    this.assigned = new Int32Array(n).fill(-3);
    this.countryDone = new Uint8Array(C);
    this.finalState = new Int32Array(C);
    this.candHousehold = new Int32Array(C * n);
    this.candIn = new Float64Array(C * n);
    this.candOut = new Float64Array(C * n);
    this.candUse = new Int32Array(C * n);
    this.candCount = new Int32Array(C);
    let maxStates = 0;
    for (let c = 0; c < C; c++) maxStates = Math.max(maxStates, tables.stateCount[c]!);
    this.roll = new Float64Array(maxStates);
    this.inSet = new Uint8Array(n);
    this.rngState = options.seed ?? DEFAULT_SEED;
    this.zobristA = new Uint32Array(n * MASK_SLOTS);
    this.zobristB = new Uint32Array(n * MASK_SLOTS);
    for (let q = 0; q < n * MASK_SLOTS; q++) {
      this.zobristA[q] = this.random() ^ (this.random() << 16);
      this.zobristB[q] = this.random() ^ (this.random() << 16);
    }
    this.countryKeyA = new Uint32Array(C);
    this.countryKeyB = new Uint32Array(C);
    for (let c = 0; c < C; c++) {
      this.countryKeyA[c] = this.random() ^ (this.random() << 16);
      this.countryKeyB[c] = this.random() ^ (this.random() << 16);
    }
    this.fillCache = Array.from({ length: C }, () => new Map());
    const depths = C + 1;
    this.fillTables = Array.from({ length: depths }, () => new Float64Array(0));
    this.depthHousehold = Array.from({ length: depths }, () => new Int32Array(n));
    this.depthIn = Array.from({ length: depths }, () => new Float64Array(n));
    this.depthOut = Array.from({ length: depths }, () => new Float64Array(n));
    this.depthUse = Array.from({ length: depths }, () => new Int32Array(n));
    this.depthOrder = Array.from({ length: depths }, () => new Int32Array(n));
    this.depthPriority = Array.from({ length: depths }, () => new Float64Array(n));
    this.leastAtNode = Array.from({ length: depths }, () => new Float64Array(n));
    this.saveMask = Array.from({ length: depths }, () => new Int32Array(n));
    this.saveLeast = Array.from({ length: depths }, () => new Float64Array(n));
    this.saveAssigned = Array.from({ length: depths }, () => new Int32Array(n));
    this.forward = new ForwardChecker(
      tables,
      work,
      this.mask,
      { household: this.candHousehold, inCost: this.candIn, outCost: this.candOut, count: this.candCount },
      this.countryDone,
      this.zobristA,
      this.zobristB,
      depths,
    );
  }

  /**
   * Linear congruential generator (deterministic: the core has no Math.random), as an unsigned 32-bit integer; the
   * multiplier and increment are those of the C standard's example rand(), full period modulo 2^32.
   */
  private random(): number {
    this.rngState = (Math.imul(this.rngState, 1103515245) + 12345) >>> 0;
    return this.rngState;
  }

  private overBudget(): boolean {
    return this.work.cells > this.maxWork;
  }

  run(): 'found' | 'none' | 'gave-up' {
    if (!this.find) this.commitNext(0);
    else {
      // Luby restarts: a run that commits too many countries (or visits too many nodes) starts over with new random
      // tie-breaks; the memo and fill caches persist, so each run starts from what the earlier ones proved.
      for (this.restartNo = 0; ; this.restartNo++) {
        const factor = this.restartNo === 0 ? FIRST_RUN_COMMITS / RESTART_BASE : luby(this.restartNo);
        this.commitLimit = this.commits + RESTART_BASE * factor;
        this.nodeLimit = this.searchNodes + RESTART_BASE * NODES_PER_COMMIT * factor;
        this.restartHit = false;
        this.stopped = false;
        this.commitNext(0);
        if (this.found || !this.restartHit) break;
        if (this.overBudget()) {
          this.stopped = true;
          break;
        }
      }
    }
    if (this.found) return 'found';
    return this.stopped ? 'gave-up' : 'none';
  }

  /** The whole plan once found: fixed households, searched ones, then each country's exclusive ones from its table. */
  plan(fixedPair: Int32Array): Int32Array {
    const t = this.t;
    const chosen = fixedPair.map((p) => (p === -2 ? -1 : p));
    for (let i = 0; i < this.n; i++) {
      if (t.isExclusive[i]) continue;
      const j = this.assigned[i]!;
      chosen[t.household[i]!] = j >= 0 ? t.optionPair[j]! : -1;
    }
    placeExclusive(t, this.finalState, chosen);
    return chosen;
  }

  /** Candidates of country c with their in-cost (excess above the least open) and out-cost (next least open). */
  private gather(c: number): void {
    const { n, t, countryCount } = this;
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (this.assigned[i] !== -3 || t.isExclusive[i]) continue;
      const j = t.optionOfCountry[i * countryCount + c]!;
      if (j < 0 || !((this.mask[i]! >> (j - t.optionStart[i]!)) & 1)) continue;
      const inCost = t.optionExcess[j]! - this.leastOpen[i]!;
      const outCost = leastExcess(t, i, this.mask[i]! & ~(1 << (j - t.optionStart[i]!))) - this.leastOpen[i]!;
      const at = c * n + k;
      this.candHousehold[at] = i;
      this.candIn[at] = inCost;
      this.candOut[at] = outCost >= NO_FILL / 2 ? NO_FILL : outCost;
      this.candUse[at] = useOffset(t, c, i);
      k++;
    }
    this.candCount[c] = k;
  }

  /** Least cost of an exact fill of c over its gathered candidates (rolling DP). */
  private fillMin(c: number): number {
    const states = this.t.stateCount[c]!;
    const roll = this.roll;
    roll.set(this.t.terminal[c]!.subarray(0, states));
    const base = c * this.n;
    for (let q = this.candCount[c]! - 1; q >= 0; q--) {
      dpStep(
        this.t,
        this.work,
        roll,
        0,
        0,
        c,
        this.candHousehold[base + q]!,
        this.candIn[base + q]!,
        this.candOut[base + q]!,
      );
    }
    return roll[states - 1]!;
  }

  /** Zobrist key of the undecided households' open countries (the sub-problem, up to the running bound). */
  private stateKey(): number {
    let a = 0,
      b = 0;
    for (let i = 0; i < this.n; i++) {
      const open = this.assigned[i] !== -3 ? 0 : this.mask[i]! & this.t.countryBits[i]!;
      if (open === 0) continue;
      a ^= zobristKey(this.zobristA, i, open);
      b ^= zobristKey(this.zobristB, i, open);
    }
    for (let c = 0; c < this.countryDone.length; c++) {
      if (this.countryDone[c] === 0) continue;
      a ^= this.countryKeyA[c]!;
      b ^= this.countryKeyB[c]!;
    }
    return key53(a, b);
  }

  /**
   * Commits the next country at `depth` (countries committed so far): skips a sub-problem already failed at a bound ≤
   * this one, and remembers it when it fails.
   */
  private commitNext(depth: number): void {
    if (this.found || this.stopped) return;
    this.commits++;
    this.work.cells++;
    const key = this.stateKey();
    const failedAt = this.memo.get(key);
    if (failedAt !== undefined && failedAt <= this.bound + COST_EPS) return;
    this.commitBody(depth);
    if (!this.found && !this.stopped) {
      const known = this.memo.get(key);
      if (known === undefined || this.bound < known) this.memo.set(key, this.bound);
    }
  }

  /** The look-ahead over the open countries, then the commitment of the one picked (or `found` when none is left). */
  private commitBody(depth: number): void {
    if (this.overBudget()) {
      this.stopped = true;
      return;
    }
    if (this.commits > this.commitLimit) {
      this.restartHit = true;
      this.stopped = true;
      return;
    }
    const { n, t, countryCount: C } = this;
    const budget = t.budget;
    // Look-ahead: every open country must keep an exact fill within the budget. Commit the one sharing the most
    // undecided households (prove: among those with a free fill first; find restarts: mixed rules with noise).
    let pick = -1,
      pickKey = -1,
      pickCount = 0;
    // Rules (keys, larger first): shared households, with the fill's cost × 1e-3 as a tie-breaker; or "a free fill
    // first" (cost 0 scores above any country that costs: 1000 + cost ranks the rest by cost), less shared ones; or
    // the cheapest fill. Restarts rotate the three with random noise so a bad early commitment is not repeated. A fill
    // costs at most the budget (a few points), so × 1e-3 never outweighs one shared household; keys within 1e-12 are
    // equal (rounding), and then the country with fewer candidates goes first.
    const mixRule = this.find && this.restartNo > 0 ? this.restartNo % 3 : -1;
    for (let c = 0; c < C; c++) {
      if (this.countryDone[c]) continue;
      this.gather(c);
      // Keyed by the country's candidates and their open options (c × 7919 keeps countries' keys apart).
      let a = 0,
        b = c * 7919, // any salt per country (7,919 is prime)
        shared = 0;
      for (let q = 0; q < this.candCount[c]!; q++) {
        const i = this.candHousehold[c * n + q]!;
        a ^= zobristKey(this.zobristA, i, this.mask[i]!);
        b ^= zobristKey(this.zobristB, i, this.mask[i]!);
        const ownBit = 1 << (t.optionOfCountry[i * C + c]! - t.optionStart[i]!);
        if (this.candOut[c * n + q]! < NO_FILL && (this.mask[i]! & t.countryBits[i]! & ~ownBit) !== 0) shared++;
      }
      const cacheKey = key53(a, b);
      let fill = this.fillCache[c]!.get(cacheKey);
      if (fill === undefined) {
        fill = this.fillMin(c);
        this.fillCache[c]!.set(cacheKey, fill);
      }
      if (this.bound + fill > budget) return;
      const freeFillFirst = (fill > COST_EPS ? 1000 + fill : 0) - shared;
      let key: number;
      if (mixRule === 1) key = fill + (this.random() / UINT32_RANGE) * 1e-3;
      else if (mixRule === 2) key = freeFillFirst + (this.random() / UINT32_RANGE) * CHOICE_NOISE;
      else if (!this.find) key = freeFillFirst;
      else if (this.restartNo > 0) key = -shared - fill * 1e-3 + (this.random() / UINT32_RANGE) * CHOICE_NOISE;
      else key = -shared - fill * 1e-3;
      if (pick < 0 || key > pickKey + 1e-12 || (Math.abs(key - pickKey) <= 1e-12 && this.candCount[c]! < pickCount)) {
        pick = c;
        pickKey = key;
        pickCount = this.candCount[c]!;
      }
    }
    if (pick < 0) {
      this.found = true;
      return;
    }
    if (this.bound > budget) return;
    this.commitCountry(depth, pick);
  }

  /** Enumerates the exact fills of country c, cheapest first, and recurses into each. */
  private commitCountry(depth: number, c: number): void {
    const { n, t, countryCount: C } = this;
    const k = this.candCount[c]!;
    const states = t.stateCount[c]!;
    if (this.fillTables[depth]!.length < (k + 1) * states) {
      this.fillTables[depth] = new Float64Array(Math.max((k + 1) * states, 2 * this.fillTables[depth]!.length));
    }
    const fillTable = this.fillTables[depth]!;
    const fillHousehold = this.depthHousehold[depth]!,
      fillIn = this.depthIn[depth]!,
      fillOut = this.depthOut[depth]!;
    const fillUse = this.depthUse[depth]!;
    // Households still shared with another country come first (their decisions are forward-checked); the rest are
    // completed optimally from the table at the end. Restarts shuffle the order within each group.
    const order = this.depthOrder[depth]!.subarray(0, k);
    const priority = this.depthPriority[depth]!;
    const isShared = (q: number): number => {
      const i = this.candHousehold[c * n + q]!;
      const ownBit = 1 << (t.optionOfCountry[i * C + c]! - t.optionStart[i]!);
      return (this.mask[i]! & t.countryBits[i]! & ~ownBit) !== 0 ? 1 : 0;
    };
    for (let q = 0; q < k; q++) {
      order[q] = q;
      priority[q] = this.find && this.restartNo > 0 ? this.random() : 0;
    }
    order.sort((x, y) => isShared(y) - isShared(x) || priority[x]! - priority[y]! || x - y);
    let sharedCount = 0;
    for (let r = 0; r < k; r++) {
      const q = order[r]!;
      fillHousehold[r] = this.candHousehold[c * n + q]!;
      fillIn[r] = this.candIn[c * n + q]!;
      fillOut[r] = this.candOut[c * n + q]!;
      fillUse[r] = this.candUse[c * n + q]!;
      if (isShared(q)) sharedCount = r + 1;
    }
    // Backward tables: fillTable row q = least cost of completing c exactly from each state, households q.. undecided.
    fillTable.set(t.terminal[c]!.subarray(0, states), k * states);
    for (let q = k - 1; q >= 0; q--)
      dpStep(t, this.work, fillTable, q * states, (q + 1) * states, c, fillHousehold[q]!, fillIn[q]!, fillOut[q]!);
    this.countryDone[c] = 1;
    const leastNow = this.leastAtNode[depth]!;
    leastNow.set(this.leastOpen);
    const fc = this.forward.prepare(depth, fillHousehold, sharedCount);
    const node: FillNode = { depth, c, k, sharedCount, states, boundAtNode: this.bound, fc, leastNow };
    this.enumerate(node, 0, states - 1, 0);
    if (!this.found) this.countryDone[c] = 0;
  }

  /** Decides candidate q of the committed country (in, then out, or the reverse), from state s at cost `cost`. */
  private enumerate(node: FillNode, q: number, s: number, cost: number): void {
    if (this.found || this.stopped) return;
    const { t, countryCount: C } = this;
    const { depth, c, k, sharedCount, states, boundAtNode } = node;
    const fillTable = this.fillTables[depth]!;
    const fillHousehold = this.depthHousehold[depth]!,
      fillIn = this.depthIn[depth]!,
      fillOut = this.depthOut[depth]!;
    const fillUse = this.depthUse[depth]!;
    if (q === k) {
      this.applyFill(node, s, cost);
      return;
    }
    if (q === sharedCount) {
      // The remaining candidates are open to c only: their best in/out choice follows from the table directly.
      let state = s,
        total = cost;
      for (let r = sharedCount; r < k; r++) {
        const i = fillHousehold[r]!;
        const next = (r + 1) * states;
        const outTotal = fillOut[r]! + fillTable[next + state]!;
        if (costIfIn(t, fillTable, next, c, state, i, fillUse[r]!, fillIn[r]!) <= outTotal) {
          this.inSet[i] = 1;
          total += fillIn[r]!;
          state -= fillUse[r]!;
        } else {
          this.inSet[i] = 0;
          total += fillOut[r]!;
        }
      }
      this.applyFill(node, state, total);
      for (let r = sharedCount; r < k; r++) this.inSet[fillHousehold[r]!] = 0;
      return;
    }
    const i = fillHousehold[q]!;
    const next = (q + 1) * states;
    const outCost = fillOut[q]! + fillTable[next + s]!;
    const inCost = costIfIn(t, fillTable, next, c, s, i, fillUse[q]!, fillIn[q]!);
    // Cheapest first; a tie goes the LP solution's way; restarts flip some ties at random.
    let inFirst = inCost <= outCost;
    if (Math.abs(inCost - outCost) <= LP_TIE && inCost < NO_FILL) {
      inFirst = this.lp[t.optionPair[t.optionOfCountry[i * C + c]!]!]! >= 0.5;
    }
    if (
      this.find &&
      this.restartNo > 0 &&
      Math.abs(inCost - outCost) <= LP_TIE &&
      inCost < NO_FILL &&
      this.random() < TIE_FLIP * UINT32_RANGE
    ) {
      inFirst = !inFirst;
    }
    this.searchNodes++;
    this.work.cells++;
    if (this.searchNodes > this.nodeLimit) {
      this.restartHit = true;
      this.stopped = true;
      return;
    }
    if (this.overBudget()) {
      this.stopped = true;
      return;
    }
    const fc = node.fc;
    for (let branch = 0; branch < 2; branch++) {
      const takeIn = branch === 0 ? inFirst : !inFirst;
      if (boundAtNode + cost + (takeIn ? inCost : outCost) > t.budget) continue;
      const j = t.optionOfCountry[i * C + c]!;
      const bit = 1 << (j - t.optionStart[i]!);
      const savedMask = this.mask[i]!,
        savedLeast = this.leastOpen[i]!;
      if (takeIn) this.assigned[i] = j;
      else {
        this.mask[i] = savedMask & ~bit;
        this.leastOpen[i] = leastExcess(t, i, this.mask[i]!);
      }
      const decision = takeIn ? fillIn[q]! : fillOut[q]!;
      let fillable = true;
      for (let e = fc.entryStart[q]!; e < fc.entryStart[q + 1]!; e++) {
        if (
          !this.forward.check(
            node,
            fc.entryCountry[e]!,
            fc.entryPos[e]!,
            i,
            takeIn,
            fillIn[q]!,
            cost + decision,
            decision,
          )
        ) {
          fillable = false;
          break;
        }
      }
      if (fillable) {
        if (takeIn) {
          this.inSet[i] = 1;
          this.enumerate(node, q + 1, s - fillUse[q]!, cost + fillIn[q]!);
          this.inSet[i] = 0;
        } else this.enumerate(node, q + 1, s, cost + fillOut[q]!);
      }
      if (this.found) return;
      this.assigned[i] = -3;
      this.mask[i] = savedMask;
      this.leastOpen[i] = savedLeast;
      if (this.stopped) return;
    }
  }

  /** A complete fill of the committed country: apply it (in-set assigned, the others lose c), recurse, undo. */
  private applyFill(node: FillNode, s: number, cost: number): void {
    const { t, countryCount: C } = this;
    const { depth, c, k, boundAtNode } = node;
    const fillHousehold = this.depthHousehold[depth]!;
    const saveMask = this.saveMask[depth]!,
      saveLeast = this.saveLeast[depth]!,
      saveAssigned = this.saveAssigned[depth]!;
    for (let r = 0; r < k; r++) {
      const i = fillHousehold[r]!;
      saveMask[r] = this.mask[i]!;
      saveLeast[r] = this.leastOpen[i]!;
      saveAssigned[r] = this.assigned[i]!;
      const j = t.optionOfCountry[i * C + c]!;
      if (this.inSet[i]) {
        this.assigned[i] = j;
        this.leastOpen[i] = t.optionExcess[j]!;
      } else {
        this.mask[i] = this.mask[i]! & ~(1 << (j - t.optionStart[i]!));
        this.leastOpen[i] = leastExcess(t, i, this.mask[i]!);
      }
    }
    this.bound = boundAtNode + cost + t.terminal[c]![s]!;
    this.finalState[c] = s;
    this.commitNext(depth + 1);
    if (!this.found) {
      for (let r = 0; r < k; r++) {
        const i = fillHousehold[r]!;
        this.mask[i] = saveMask[r]!;
        this.leastOpen[i] = saveLeast[r]!;
        this.assigned[i] = saveAssigned[r]!;
      }
    }
    this.bound = boundAtNode;
  }
}

/** The committed country at one depth, as the fill enumeration sees it (fc, leastNow, boundAtNode: ForwardNode). */
interface FillNode extends ForwardNode {
  readonly depth: number;
  readonly c: number;
  readonly k: number;
  readonly sharedCount: number;
  readonly states: number;
}

/** Luby's restart sequence 1, 1, 2, 1, 1, 2, 4, … (i ≥ 1). */
function luby(i: number): number {
  let k = 1;
  while ((1 << k) - 1 < i) k++;
  return (1 << k) - 1 === i ? 1 << (k - 1) : luby(i - (1 << (k - 1)) + 1);
}
