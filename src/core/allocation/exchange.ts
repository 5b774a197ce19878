// Exchange local search for an allocation plan: shifts, swaps, and chains of equal-size households across countries.
import { type AllocationModel, capacityUse } from './model.ts';

/** Households offered per (from, to, size) bucket to the chain search. */
const BUCKET_DEPTH = 3;
/** Largest household size the chain buckets index; larger households still shift and swap. */
const BUCKET_SIZES = 12;
/**
 * Longest chain: 4 places (a cycle of 4 moves, or a path of 3 moves). With at most 3 countries (4 places with
 * unplaced) that is every simple chain, which makes the search exact for unit-size households under person quotas.
 */
const MAX_CHAIN_PLACES = 4;
/** Below this an objective change is floating-point noise. */
const EPSILON = 1e-9;

/**
 * Improves `chosen` (pair per household, −1 unplaced) in place until no move below gains, and returns the total
 * gained. Moves, each kept only when it raises the score and keeps every capacity row within its limit:
 * - shift: one household to another country, or in or out of the plan (pinned households never out);
 * - chain: households of one size move along 2 to 4 places (a swap a ⇄ b, a path a → b → c whose last place has room,
 *   or a cycle a → b → c → a; unplaced counts as a place), so every place on the way keeps its persons and
 *   households. Full quotas make these the moves that matter: a better fit in one country usually needs someone
 *   else to make room. Swaps of unequal sizes and one-for-two exchanges are the knapsack refill's (refill.ts).
 * Families move whole by construction: a move changes a household's pair, never part of it.
 */
export function improveByExchanges(model: AllocationModel, chosen: Int32Array, maxRounds = 50): number {
  const search = new ExchangeSearch(model, chosen);
  let total = 0;
  for (let round = 0; round < maxRounds; round++) {
    const gained = search.shifts() + search.chains();
    total += gained;
    if (gained <= EPSILON) break;
  }
  search.writeTo(chosen);
  return total;
}

class ExchangeSearch {
  private readonly countries: number;
  /** Place of each household: a country index, or `countries` for unplaced. */
  private readonly placeOf: Int32Array;
  private readonly residual: Float64Array;
  /** pairOf[h * countries + c]: the pair of household h in country c, −1 when not eligible. */
  private readonly pairOf: Int32Array;

  constructor(
    private readonly model: AllocationModel,
    chosen: Int32Array,
  ) {
    const { householdCount, countryCount, pairStart, pairCountry } = model;
    this.countries = countryCount;
    this.pairOf = new Int32Array(householdCount * countryCount).fill(-1);
    for (let h = 0; h < householdCount; h++) {
      for (let p = pairStart[h]!; p < pairStart[h + 1]!; p++) this.pairOf[h * countryCount + pairCountry[p]!] = p;
    }
    this.placeOf = Int32Array.from(chosen, (p) => (p < 0 ? countryCount : pairCountry[p]!));
    this.residual = model.capacityLimit.slice();
    for (let h = 0; h < householdCount; h++) this.book(h, this.placeOf[h]!, -1);
  }

  writeTo(chosen: Int32Array): void {
    this.placeOf.forEach((place, h) => {
      chosen[h] = place === this.countries ? -1 : this.pairOf[h * this.countries + place]!;
    });
  }

  /** Score of household h at a place; −Infinity where it may not go (not eligible, or pinned and unplaced). */
  private value(h: number, place: number): number {
    if (place === this.countries) return this.model.mustPlace[h] === 1 ? -Infinity : 0;
    const p = this.pairOf[h * this.countries + place]!;
    return p < 0 ? -Infinity : this.model.pairScore[p]!;
  }

  /** Adds (sign −1: uses room) or returns (sign 1) household h's use of a place's capacity rows. */
  private book(h: number, place: number, sign: 1 | -1): void {
    if (place === this.countries) return;
    const { countryCapacityStart, capacityKind } = this.model;
    for (let k = countryCapacityStart[place]!; k < countryCapacityStart[place + 1]!; k++) {
      this.residual[k]! += sign * capacityUse(this.model, capacityKind[k]!, h);
    }
  }

  /** Whether a place keeps within its rows when household `arriving` comes and `leaving` (−1: none) goes. */
  private fits(place: number, arriving: number, leaving: number): boolean {
    if (place === this.countries) return true;
    const { countryCapacityStart, capacityKind } = this.model;
    for (let k = countryCapacityStart[place]!; k < countryCapacityStart[place + 1]!; k++) {
      const kind = capacityKind[k]!;
      const freed = leaving < 0 ? 0 : capacityUse(this.model, kind, leaving);
      if (capacityUse(this.model, kind, arriving) - freed > this.residual[k]! + EPSILON) return false;
    }
    return true;
  }

  private move(h: number, place: number): void {
    this.book(h, this.placeOf[h]!, 1);
    this.placeOf[h] = place;
    this.book(h, place, -1);
  }

  /** One pass of best-improvement shifts over every household. */
  shifts(): number {
    const { householdCount } = this.model;
    const places = this.countries + 1;
    let gained = 0;
    for (let h = 0; h < householdCount; h++) {
      const from = this.placeOf[h]!;
      const here = this.value(h, from);
      let bestPlace = from;
      let bestGain = EPSILON;
      for (let to = 0; to < places; to++) {
        if (to === from) continue;
        const gain = this.value(h, to) - here;
        if (gain > bestGain && this.fits(to, h, -1)) {
          bestGain = gain;
          bestPlace = to;
        }
      }
      if (bestPlace === from) continue;
      this.move(h, bestPlace);
      gained += bestGain;
    }
    return gained;
  }

  /**
   * Chains of households of one size: a path p0 → p1 → … → pk (each pi gives one household to the next, the last
   * place takes one more and needs room for it) or a cycle back to p0 (a swap when k = 1), over distinct places
   * (unplaced counts as a place). One sweep buckets the households once and applies every improving chain it meets;
   * a household moved in the sweep is not used again until the next sweep (its bucketed gain is stale).
   */
  chains(): number {
    const places = this.countries + 1;
    const sweep: ChainSweep = {
      buckets: this.buildBuckets(places),
      places,
      size: 0,
      moved: new Uint8Array(this.model.householdCount),
      order: new Int32Array(MAX_CHAIN_PLACES),
      onChain: new Uint8Array(places),
      pick: new Int32Array(MAX_CHAIN_PLACES),
      best: new Int32Array(MAX_CHAIN_PLACES),
      bestGain: 0,
      bestFromUnplaced: new Float64Array(BUCKET_SIZES + 1),
      bestFromCountry: new Float64Array(BUCKET_SIZES + 1),
      gained: 0,
    };
    // The best arc out of unplaced, and out of any country, per size (at least 0: a path may stop where it is).
    for (let size = 1; size <= BUCKET_SIZES; size++) {
      for (let from = 0; from < places; from++) {
        const bests = from === this.countries ? sweep.bestFromUnplaced : sweep.bestFromCountry;
        for (let to = 0; to < places; to++) {
          bests[size] = Math.max(bests[size]!, sweep.buckets.gain[bucketSlot(from, to, size, places)]!);
        }
      }
    }
    for (let size = 1; size <= BUCKET_SIZES; size++) {
      sweep.size = size;
      for (let start = 0; start < places; start++) {
        sweep.order[0] = start;
        sweep.onChain[start] = 1;
        this.extendChain(sweep, 1, 0);
        sweep.onChain[start] = 0;
      }
    }
    return sweep.gained;
  }

  /**
   * Depth-first over sequences of distinct places; `gain` adds each arc's best bucketed household (an upper bound on
   * what the buckets can do). A chain uses at most one arc out of unplaced, so `gain` plus that arc and the best
   * country arc for every arc left bounds every extension: sequences that cannot gain are cut.
   */
  private extendChain(sweep: ChainSweep, length: number, gain: number): void {
    const { order, onChain, buckets, places, size } = sweep;
    const last = order[length - 1]!;
    const unplaced = this.countries;
    const fromUnplacedLeft = onChain[unplaced] === 1 && last !== unplaced ? 0 : sweep.bestFromUnplaced[size]!;
    if (gain + fromUnplacedLeft + (MAX_CHAIN_PLACES - length + 1) * sweep.bestFromCountry[size]! <= EPSILON) return;
    if (length >= 2 && gain + buckets.gain[bucketSlot(last, order[0]!, size, places)]! > EPSILON) {
      sweep.gained += this.tryChain(sweep, length, true);
    }
    if (length >= 3 && gain > EPSILON) sweep.gained += this.tryChain(sweep, length, false);
    if (length === MAX_CHAIN_PLACES) return;
    for (let next = 0; next < places; next++) {
      if (onChain[next] === 1) continue;
      const arc = buckets.gain[bucketSlot(last, next, size, places)]!;
      if (arc === -Infinity) continue;
      order[length] = next;
      onChain[next] = 1;
      this.extendChain(sweep, length + 1, gain + arc);
      onChain[next] = 0;
    }
  }

  /** For each (from, to, size): the BUCKET_DEPTH households with the largest gain from moving (best first). */
  private buildBuckets(places: number): Buckets {
    const slots = places * places * BUCKET_SIZES;
    const households = new Int32Array(slots * BUCKET_DEPTH).fill(-1);
    const gains = new Float64Array(slots * BUCKET_DEPTH).fill(-Infinity);
    const { householdCount, persons } = this.model;
    for (let h = 0; h < householdCount; h++) {
      const size = persons[h]!;
      if (size > BUCKET_SIZES) continue;
      const from = this.placeOf[h]!;
      const here = this.value(h, from);
      for (let to = 0; to < places; to++) {
        if (to === from) continue;
        const gain = this.value(h, to) - here;
        if (gain === -Infinity) continue;
        const base = bucketSlot(from, to, size, places) * BUCKET_DEPTH;
        if (!(gain > gains[base + BUCKET_DEPTH - 1]!)) continue;
        let i = BUCKET_DEPTH - 1;
        while (i > 0 && gain > gains[base + i - 1]!) {
          gains[base + i] = gains[base + i - 1]!;
          households[base + i] = households[base + i - 1]!;
          i--;
        }
        gains[base + i] = gain;
        households[base + i] = h;
      }
    }
    const gain = new Float64Array(slots);
    for (let s = 0; s < slots; s++) gain[s] = gains[s * BUCKET_DEPTH]!;
    return { households, gains, gain };
  }

  /**
   * Tries the bucketed households along the sweep's `order` (a cycle when `closed`) and applies the best feasible
   * improving choice. Arc i moves a household from order[i] to order[i + 1] (to order[0] for a cycle's last arc).
   */
  private tryChain(sweep: ChainSweep, length: number, closed: boolean): number {
    const arcs = closed ? length : length - 1;
    sweep.bestGain = EPSILON;
    sweep.best[0] = -1;
    this.visitChoices(sweep, length, arcs, 0, 0);
    if (sweep.best[0] === -1) return 0;
    for (let i = 0; i < arcs; i++) {
      const h = sweep.best[i]!;
      this.move(h, sweep.order[(i + 1) % length]!);
      sweep.moved[h] = 1;
    }
    return sweep.bestGain;
  }

  private visitChoices(sweep: ChainSweep, length: number, arcs: number, i: number, gain: number): void {
    const { order, pick, buckets } = sweep;
    if (i === arcs) {
      if (gain <= sweep.bestGain) return;
      // Place order[j] takes the household of arc j − 1 and gives the one of arc j (a path's first place only gives,
      // its last only takes).
      for (let j = arcs === length ? 0 : 1; j < length; j++) {
        if (!this.fits(order[j]!, pick[(j + arcs - 1) % arcs]!, j < arcs ? pick[j]! : -1)) return;
      }
      sweep.bestGain = gain;
      sweep.best.set(pick);
      return;
    }
    const base = bucketSlot(order[i]!, order[(i + 1) % length]!, sweep.size, sweep.places) * BUCKET_DEPTH;
    for (let r = 0; r < BUCKET_DEPTH; r++) {
      const h = buckets.households[base + r]!;
      if (h < 0) return;
      if (sweep.moved[h] === 1) continue;
      pick[i] = h;
      this.visitChoices(sweep, length, arcs, i + 1, gain + buckets.gains[base + r]!);
    }
  }
}

/** Scratch state of one chain sweep (reused across the depth-first search instead of closures and allocations). */
interface ChainSweep {
  readonly buckets: Buckets;
  readonly places: number;
  size: number;
  /** Households moved in this sweep (their bucketed gains are stale). */
  readonly moved: Uint8Array;
  readonly order: Int32Array;
  readonly onChain: Uint8Array;
  readonly pick: Int32Array;
  readonly best: Int32Array;
  bestGain: number;
  readonly bestFromUnplaced: Float64Array;
  readonly bestFromCountry: Float64Array;
  gained: number;
}

interface Buckets {
  readonly households: Int32Array;
  readonly gains: Float64Array;
  /** The best gain per bucket (−Infinity when empty). */
  readonly gain: Float64Array;
}

function bucketSlot(from: number, to: number, size: number, places: number): number {
  return (from * places + to) * BUCKET_SIZES + size - 1;
}
