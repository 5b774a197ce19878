// The level search's static tables: each free household's options and penalties, the budget, each country's residual
// state space (persons × households × medical) and its terminal table with the exclusive households folded in.
import type { Fixing, PricedModel } from './fixing.ts';
import type { AllocationModel } from './model.ts';

/**
 * Stands for "no exact fill": far above any budget (budgets are points, ≤ ~15 on the benchmark instances), and kept
 * from overflowing by capping sums at it. A cost ≥ NO_FILL / 2 has NO_FILL in it (a real cost is never that large).
 */
export const NO_FILL = 1e18;

/** 2^32: a 32-bit key's range, so `random() / UINT32_RANGE` is uniform in [0, 1) and `a · UINT32_RANGE` shifts a. */
export const UINT32_RANGE = 4294967296;

/** Two 32-bit Zobrist keys as one number key: 21 bits of a above 32 of b, 53 bits, the most a double holds exactly. */
export function key53(a: number, b: number): number {
  return (a & 0x1fffff) * UINT32_RANGE + (b >>> 0);
}

/** Counts DP cell updates and search nodes (the deterministic budget: the core reads no clock). */
export interface WorkCounter {
  cells: number;
}

/**
 * Everything the search reads but never changes. Household `i` is the i-th free household of the neighbourhood; its
 * options (country, or unplaced) are `optionStart[i] .. optionStart[i + 1] − 1`, and its option mask bit `j −
 * optionStart[i]` marks option j as still open.
 */
export interface SearchTables {
  readonly countryCount: number;
  readonly freeCount: number;
  readonly household: Int32Array;
  readonly optionStart: Int32Array;
  /** Country of each option (−1 unplaced), its pair (−1 unplaced), and its penalty above the household's least. */
  readonly optionCountry: Int32Array;
  readonly optionPair: Int32Array;
  readonly optionExcess: Float64Array;
  /** Option index of (household i, country c), or −1: at i · countryCount + c. */
  readonly optionOfCountry: Int32Array;
  /** Options within the budget, at the root. */
  readonly rootMask: Int32Array;
  /** The options that are countries (not unplaced). */
  readonly countryBits: Int32Array;
  /** Budget: UB − target − fixed households' penalties − Σ free households' least penalties (+1e-7 for rounding). */
  readonly budget: number;
  /** Per country × capacity kind (persons, households, medical): table dimension (residual + 1, or 1 without a row). */
  readonly dim: Int32Array;
  readonly stateCount: Int32Array;
  /** Per country, per state: the residual persons / households / medical the state stands for. */
  readonly stateA: Int32Array[];
  readonly stateB: Int32Array[];
  readonly stateE: Int32Array[];
  /** Per household × country (i · countryCount + c): what it uses of each of the country's rows (0 without a row). */
  readonly needA: Int32Array;
  readonly needB: Int32Array;
  readonly needE: Int32Array;
  /** Households open to a single country (and maybe unplaced), folded into that country's terminal table. */
  readonly isExclusive: Uint8Array;
  readonly exclusiveOf: number[][];
  /** Per country: rows q of the exclusive fold (q = 0 is the terminal table used by the search). */
  readonly exclusiveTables: Float64Array[];
  readonly terminal: Float64Array[];
}

/** Least excess over the options in `mask` (NO_FILL when none). */
export function leastExcess(tables: SearchTables, i: number, mask: number): number {
  const { optionStart, optionExcess } = tables;
  let best = NO_FILL;
  for (let j = optionStart[i]!; j < optionStart[i + 1]!; j++) {
    if ((mask >> (j - optionStart[i]!)) & 1) best = Math.min(best, optionExcess[j]!);
  }
  return best;
}

/** Whether household i fits in country c's residual state s. */
export function fitsState(tables: SearchTables, c: number, s: number, i: number): boolean {
  const at = i * tables.countryCount + c;
  return (
    tables.stateA[c]![s]! >= tables.needA[at]! &&
    tables.stateB[c]![s]! >= tables.needB[at]! &&
    tables.stateE[c]![s]! >= tables.needE[at]!
  );
}

/** Offset between the state before and after household i enters country c. */
export function useOffset(tables: SearchTables, c: number, i: number): number {
  const at = i * tables.countryCount + c;
  const d1 = tables.dim[c * 3 + 1]!,
    d2 = tables.dim[c * 3 + 2]!;
  return (tables.needA[at]! * d1 + tables.needB[at]!) * d2 + tables.needE[at]!;
}

/**
 * The "in" side of a household's in/out choice read from backward table `table` (row `next` = least cost of completing
 * country c from each state with the households after i undecided): i's in-cost plus the completion from state s less
 * i's use `u`, or NO_FILL when i does not fit in s. The "out" side is `table[next + s] + outCost`.
 */
export function costIfIn(
  tables: SearchTables,
  table: Float64Array,
  next: number,
  c: number,
  s: number,
  i: number,
  u: number,
  inCost: number,
): number {
  return s >= u && fitsState(tables, c, s, i) ? table[next + s - u]! + inCost : NO_FILL;
}

/**
 * One DP step for household i in country c: row `off` = min(row `src` + outCost, row `src` shifted by i's use +
 * inCost) over the states where i fits, row `src` + outCost elsewhere. `src === off` rolls in place (cells in
 * decreasing order, so each reads its not-yet-updated smaller neighbour).
 */
export function dpStep(
  tables: SearchTables,
  work: WorkCounter,
  row: Float64Array,
  off: number,
  src: number,
  c: number,
  i: number,
  inCost: number,
  outCost: number,
): void {
  const { dim, countryCount } = tables;
  const d0 = dim[c * 3]!,
    d1 = dim[c * 3 + 1]!,
    d2 = dim[c * 3 + 2]!;
  const na = tables.needA[i * countryCount + c]!,
    nb = tables.needB[i * countryCount + c]!;
  const ne = tables.needE[i * countryCount + c]!;
  const u = (na * d1 + nb) * d2 + ne;
  const states = d0 * d1 * d2;
  work.cells += states;
  if (src !== off) {
    if (outCost >= NO_FILL) row.fill(NO_FILL, off, off + states);
    else {
      for (let st = 0; st < states; st++) {
        const x = row[src + st]! + outCost;
        row[off + st] = Math.min(x, NO_FILL);
      }
    }
    for (let a = d0 - 1; a >= na; a--) {
      for (let b = d1 - 1; b >= nb; b--) {
        const base = (a * d1 + b) * d2;
        for (let e = d2 - 1; e >= ne; e--) {
          const st = base + e;
          const alt = row[src + st - u]! + inCost;
          if (alt < row[off + st]!) row[off + st] = alt;
        }
      }
    }
    return;
  }
  if (outCost >= NO_FILL) {
    for (let a = d0 - 1; a >= 0; a--) {
      for (let b = d1 - 1; b >= 0; b--) {
        const base = off + (a * d1 + b) * d2;
        for (let e = d2 - 1; e >= 0; e--) {
          const st = base + e;
          if (a >= na && b >= nb && e >= ne) {
            const x = row[st - u]! + inCost;
            row[st] = Math.min(x, NO_FILL);
          } else row[st] = NO_FILL;
        }
      }
    }
    return;
  }
  const inMinusOut = inCost - outCost;
  for (let a = d0 - 1; a >= na; a--) {
    for (let b = d1 - 1; b >= nb; b--) {
      const base = off + (a * d1 + b) * d2;
      for (let e = d2 - 1; e >= ne; e--) {
        const st = base + e;
        const alt = row[st - u]! + inMinusOut;
        if (alt < row[st]!) row[st] = alt;
      }
    }
  }
  if (outCost !== 0) {
    for (let st = off; st < off + states; st++) {
      const x = row[st]! + outCost;
      row[st] = Math.min(x, NO_FILL);
    }
  }
}

/**
 * Builds the tables, or returns undefined when the target is out of reach before any search (the budget is negative,
 * or the fixed households already overfill a capacity).
 */
export function buildSearchTables(
  model: AllocationModel,
  priced: PricedModel,
  fixing: Fixing,
  target: number,
  work: WorkCounter,
): SearchTables | undefined {
  const { sub, fixedPair } = fixing;
  const countryCount = model.countryCount;
  let fixedLoss = 0;
  fixedPair.forEach((p, h) => {
    if (p === -2) return;
    fixedLoss += p < 0 ? priced.best[h]! : priced.best[h]! - priced.reduced[p]!;
  });
  const household = Int32Array.from(sub.households);
  const n = household.length;
  // Options per free household: unplaced first (when allowed), then its allowed pairs in pair order.
  const optionStart = new Int32Array(n + 1);
  const countries: number[] = [],
    pairs: number[] = [],
    penalties: number[] = [];
  for (let i = 0; i < n; i++) {
    const h = household[i]!;
    optionStart[i] = countries.length;
    if (model.mustPlace[h] === 0) {
      countries.push(-1);
      pairs.push(-1);
      penalties.push(priced.best[h]!);
    }
    for (let p = model.pairStart[h]!; p < model.pairStart[h + 1]!; p++) {
      if (sub.pairAllowed[p] !== 1) continue;
      countries.push(model.pairCountry[p]!);
      pairs.push(p);
      penalties.push(priced.best[h]! - priced.reduced[p]!);
    }
  }
  optionStart[n] = countries.length;
  const optionCountry = Int32Array.from(countries),
    optionPair = Int32Array.from(pairs);
  // Penalties are counted above each household's least, so the sum of the current least excesses is a running bound.
  let leastTotal = 0;
  const leastPenalty = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let m = NO_FILL;
    for (let j = optionStart[i]!; j < optionStart[i + 1]!; j++) m = Math.min(m, penalties[j]!);
    leastPenalty[i] = m;
    leastTotal += m;
  }
  // +1e-7: penalties are floating-point sums of prices; a plan scoring exactly the target must not miss by rounding.
  const budget = priced.upperBound - target - fixedLoss - leastTotal + 1e-7;
  if (budget < 0) return undefined;
  const optionExcess = new Float64Array(penalties.length);
  for (let i = 0; i < n; i++) {
    for (let j = optionStart[i]!; j < optionStart[i + 1]!; j++) optionExcess[j] = penalties[j]! - leastPenalty[i]!;
  }
  // Options whose excess alone exceeds the budget are closed from the start.
  const rootMask = new Int32Array(n);
  const countryBits = new Int32Array(n);
  const optionOfCountry = new Int32Array(n * countryCount).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let j = optionStart[i]!; j < optionStart[i + 1]!; j++) {
      if (optionCountry[j]! >= 0) countryBits[i] |= 1 << (j - optionStart[i]!);
      if (optionExcess[j]! > budget) continue;
      rootMask[i] |= 1 << (j - optionStart[i]!);
      if (optionCountry[j]! >= 0) optionOfCountry[i * countryCount + optionCountry[j]!] = j;
    }
  }
  // Row geometry: a state is the residual (persons, households, medical); a row without a limit has dimension 1. A
  // unit left unused costs the row's price, so at most budget / price units may stay unused.
  const dim = new Int32Array(countryCount * 3).fill(1);
  const slackUnits = new Int32Array(countryCount * 3),
    rowPrice = new Float64Array(countryCount * 3);
  const hasRow = new Uint8Array(countryCount * 3);
  const stateCount = new Int32Array(countryCount);
  for (let c = 0; c < countryCount; c++) {
    for (let k = model.countryCapacityStart[c]!; k < model.countryCapacityStart[c + 1]!; k++) {
      const t = model.capacityKind[k]!;
      const residual = Math.round(sub.capacityResidual[k]!);
      if (residual < 0) return undefined;
      const price = priced.prices[k]!;
      hasRow[c * 3 + t] = 1;
      dim[c * 3 + t] = residual + 1;
      rowPrice[c * 3 + t] = price;
      // A price ≤ 1e-12 is a zero dual in floating point: unused capacity is free, any amount may stay unused.
      slackUnits[c * 3 + t] = price > 1e-12 ? Math.min(residual, Math.floor(budget / price)) : residual;
    }
    stateCount[c] = dim[c * 3]! * dim[c * 3 + 1]! * dim[c * 3 + 2]!;
  }
  // Terminal table: the price of the capacity a country leaves unused, if within its slack.
  const rawTerminal: Float64Array[] = [];
  const stateA: Int32Array[] = [],
    stateB: Int32Array[] = [],
    stateE: Int32Array[] = [];
  for (let c = 0; c < countryCount; c++) {
    const d0 = dim[c * 3]!,
      d1 = dim[c * 3 + 1]!,
      d2 = dim[c * 3 + 2]!;
    const g = new Float64Array(stateCount[c]!).fill(NO_FILL);
    for (let a = 0; a < d0; a++) {
      for (let b = 0; b < d1; b++) {
        for (let e = 0; e < d2; e++) {
          const okA = !hasRow[c * 3] || a <= slackUnits[c * 3]!;
          const okB = !hasRow[c * 3 + 1] || b <= slackUnits[c * 3 + 1]!;
          const okE = !hasRow[c * 3 + 2] || e <= slackUnits[c * 3 + 2]!;
          if (okA && okB && okE) {
            g[(a * d1 + b) * d2 + e] = rowPrice[c * 3]! * a + rowPrice[c * 3 + 1]! * b + rowPrice[c * 3 + 2]! * e;
          }
        }
      }
    }
    rawTerminal.push(g);
    const states = stateCount[c]!;
    const A = new Int32Array(states),
      B = new Int32Array(states),
      E = new Int32Array(states);
    for (let s = 0; s < states; s++) {
      A[s] = Math.floor(s / (d1 * d2));
      B[s] = Math.floor(s / d2) % d1;
      E[s] = s % d2;
    }
    stateA.push(A);
    stateB.push(B);
    stateE.push(E);
  }
  const needA = new Int32Array(n * countryCount),
    needB = new Int32Array(n * countryCount);
  const needE = new Int32Array(n * countryCount);
  for (let c = 0; c < countryCount; c++) {
    for (let i = 0; i < n; i++) {
      const h = household[i]!;
      needA[i * countryCount + c] = hasRow[c * 3] ? model.persons[h]! : 0;
      needB[i * countryCount + c] = hasRow[c * 3 + 1] ? 1 : 0;
      needE[i * countryCount + c] = hasRow[c * 3 + 2] ? model.medical[h]! : 0;
    }
  }
  const isExclusive = new Uint8Array(n);
  const exclusiveOf: number[][] = Array.from({ length: countryCount }, () => []);
  const partial = {
    countryCount,
    freeCount: n,
    household,
    optionStart,
    optionCountry,
    optionPair,
    optionExcess,
    optionOfCountry,
    rootMask,
    countryBits,
    budget,
    dim,
    stateCount,
    stateA,
    stateB,
    stateE,
    needA,
    needB,
    needE,
    isExclusive,
    exclusiveOf,
    exclusiveTables: [] as Float64Array[],
    terminal: [] as Float64Array[],
  };
  // Households open to one country only never conflict with another: their best in/out choice depends only on that
  // country's residual, so they are folded into its terminal table once instead of being searched.
  for (let i = 0; i < n; i++) {
    const open = rootMask[i]! & countryBits[i]!;
    if (open === 0 || (open & (open - 1)) !== 0) continue;
    isExclusive[i] = 1;
    for (let j = optionStart[i]!; j < optionStart[i + 1]!; j++) {
      if ((open >> (j - optionStart[i]!)) & 1) exclusiveOf[optionCountry[j]!]!.push(i);
    }
  }
  for (let c = 0; c < countryCount; c++) {
    const table = foldExclusive(partial, work, c, rawTerminal[c]!);
    partial.exclusiveTables.push(table);
    partial.terminal.push(table.slice(0, stateCount[c]!));
  }
  return partial;
}

/** Row q of the result: least cost of finishing country c from a state with exclusive households q.. still to decide. */
function foldExclusive(tables: SearchTables, work: WorkCounter, c: number, rawTerminal: Float64Array): Float64Array {
  const states = tables.stateCount[c]!;
  const list = tables.exclusiveOf[c]!;
  const k = list.length;
  const table = new Float64Array((k + 1) * states);
  table.set(rawTerminal, k * states);
  for (let q = k - 1; q >= 0; q--) {
    const i = list[q]!;
    const { inCost, outCost } = exclusiveCosts(tables, i, c);
    const u = useOffset(tables, c, i);
    const next = (q + 1) * states,
      cur = q * states;
    work.cells += states;
    for (let st = 0; st < states; st++) {
      const best = Math.min(table[next + st]! + outCost, costIfIn(tables, table, next, c, st, i, u, inCost));
      table[cur + st] = Math.min(best, NO_FILL);
    }
  }
  return table;
}

/**
 * Unfolds the exclusive households (those open to one country only) once a plan is found: walking each country's
 * folded table from the state its committed fill left (`finalState`), in or out as the table's cheaper side says.
 */
export function placeExclusive(tables: SearchTables, finalState: Int32Array, chosen: Int32Array): void {
  for (let c = 0; c < tables.countryCount; c++) {
    const states = tables.stateCount[c]!;
    const list = tables.exclusiveOf[c]!;
    const table = tables.exclusiveTables[c]!;
    let st = finalState[c]!;
    for (let q = 0; q < list.length; q++) {
      const i = list[q]!;
      const j = tables.optionOfCountry[i * tables.countryCount + c]!;
      const { inCost, outCost } = exclusiveCosts(tables, i, c);
      const u = useOffset(tables, c, i);
      const next = (q + 1) * states;
      if (costIfIn(tables, table, next, c, st, i, u, inCost) <= table[next + st]! + outCost) {
        chosen[tables.household[i]!] = tables.optionPair[j]!;
        st -= u;
      } else chosen[tables.household[i]!] = -1;
    }
  }
}

/** In and out costs of an exclusive household in its country, above its least excess at the root. */
export function exclusiveCosts(tables: SearchTables, i: number, c: number): { inCost: number; outCost: number } {
  const j = tables.optionOfCountry[i * tables.countryCount + c]!;
  const bit = 1 << (j - tables.optionStart[i]!);
  const least = leastExcess(tables, i, tables.rootMask[i]!);
  const out = leastExcess(tables, i, tables.rootMask[i]! & ~bit) - least;
  return { inCost: tables.optionExcess[j]! - least, outCost: out >= NO_FILL / 2 ? NO_FILL : out };
}

/**
 * Zobrist slots per household: one per option mask below 32 (a household's first five options); a larger mask (rare
 * in a price neighbourhood; masks stay below 2^30, see MAX_CHOICES in level-cascade.ts) mixes its high bits into the
 * slot of its low five — a hash, so an alias is improbable, not impossible (it can only cost a missed plan).
 */
export const MASK_SLOTS = 32;

/** Zobrist key of household i with option mask `mask` (see MASK_SLOTS). */
export function zobristKey(table: Uint32Array, i: number, mask: number): number {
  const key = table[i * MASK_SLOTS + (mask & (MASK_SLOTS - 1))]!;
  if (mask < MASK_SLOTS) return key;
  // Multipliers of Fibonacci hashing (2^32 / golden ratio) and MurmurHash3's finaliser: they spread the high bits.
  return Math.imul(key ^ Math.imul(mask >>> 5, 0x9e3779b1), 0x85ebca6b) >>> 0;
}
