// Local search for the rounded plan: per country, an exact knapsack over its weakest places and the best outsiders.
import { type AllocationModel, capacityUse } from './model.ts';

/** How wide each country's neighbourhood is. */
export interface RefillOptions {
  /** Persons' worth of the country's weakest placed households put back in play. */
  readonly marginPersons: number;
  /** Households from outside (unplaced or placed elsewhere) offered to the country. */
  readonly outsiders: number;
  readonly passes: number;
}

export const DEFAULT_REFILL: RefillOptions = Object.freeze({ marginPersons: 16, outsiders: 60, passes: 6 });

/**
 * Improves `chosen` (pair per household, −1 unplaced) in place. For each country: take its weakest placed
 * households (lowest priced score per person) and the most valuable outsiders, and choose the best subset that fits
 * the room they leave (persons, households, medical) by dynamic programming; an outsider placed elsewhere counts
 * by what it gains over its current place. Stops when a pass over all countries gains nothing.
 */
export function refillCountries(
  model: AllocationModel,
  chosen: Int32Array,
  priced: Float64Array,
  options: RefillOptions = DEFAULT_REFILL,
): void {
  const pairOf = pairIndex(model);
  let best = chosen.slice();
  let bestScore = scoreOf(model, chosen);
  for (let pass = 0; pass < options.passes; pass++) {
    let gained = false;
    for (let c = 0; c < model.countryCount; c++) {
      gained = refillCountry(model, chosen, priced, pairOf, c, options) || gained;
    }
    const score = scoreOf(model, chosen);
    if (score > bestScore) {
      best = chosen.slice();
      bestScore = score;
    }
    if (!gained) break;
  }
  chosen.set(best);
}

/** pairOf[h * countryCount + c]: the pair of household h in country c, or −1 when not eligible. */
function pairIndex(model: AllocationModel): Int32Array {
  const pairOf = new Int32Array(model.householdCount * model.countryCount).fill(-1);
  for (let h = 0; h < model.householdCount; h++) {
    for (let p = model.pairStart[h]!; p < model.pairStart[h + 1]!; p++)
      pairOf[h * model.countryCount + model.pairCountry[p]!] = p;
  }
  return pairOf;
}

interface Candidate {
  readonly h: number;
  readonly pair: number;
  /** Objective change if the household is (kept) here, relative to being wherever else it now is. */
  readonly value: number;
  readonly inside: boolean;
}

function refillCountry(
  model: AllocationModel,
  chosen: Int32Array,
  priced: Float64Array,
  pairOf: Int32Array,
  c: number,
  options: RefillOptions,
): boolean {
  const { countryCount, pairCountry, pairScore, mustPlace, countryCapacityStart, capacityKind, capacityLimit } = model;
  const rows: number[] = [];
  for (let k = countryCapacityStart[c]!; k < countryCapacityStart[c + 1]!; k++) rows.push(k);
  if (rows.length === 0) return false;
  const inside: Candidate[] = [];
  const outside: Candidate[] = [];
  for (let h = 0; h < model.householdCount; h++) {
    const p = pairOf[h * countryCount + c]!;
    if (p < 0) continue;
    const current = chosen[h]!;
    if (current === p) {
      if (mustPlace[h] === 0) inside.push({ h, pair: p, value: pairScore[p]!, inside: true });
    } else if (current < 0 || mustPlace[h] === 0) {
      const value = pairScore[p]! - (current < 0 ? 0 : pairScore[current]!);
      if (value > 0) outside.push({ h, pair: p, value, inside: false });
    }
  }
  inside.sort((a, b) => priced[a.pair]! / model.persons[a.h]! - priced[b.pair]! / model.persons[b.h]! || a.h - b.h);
  const inPlay: Candidate[] = [];
  let freedPersons = 0;
  for (const candidate of inside) {
    if (freedPersons >= options.marginPersons) break;
    inPlay.push(candidate);
    freedPersons += model.persons[candidate.h]!;
  }
  outside.sort((a, b) => b.value / model.persons[a.h]! - a.value / model.persons[b.h]! || a.h - b.h);
  inPlay.push(...outside.slice(0, options.outsiders));
  // Room per capacity row: what is free now plus what the in-play households inside hold.
  const room = rows.map((k) => capacityLimit[k]!);
  for (let h = 0; h < model.householdCount; h++) {
    if (chosen[h]! < 0 || pairCountry[chosen[h]!] !== c) continue;
    rows.forEach((k, i) => {
      room[i]! -= capacityUse(model, capacityKind[k]!, h);
    });
  }
  for (const candidate of inPlay) {
    if (!candidate.inside) continue;
    rows.forEach((k, i) => {
      room[i]! += capacityUse(model, capacityKind[k]!, candidate.h);
    });
  }
  const pick = bestSubset(model, rows, room, inPlay);
  if (pick === undefined) return false;
  let before = 0;
  for (const candidate of inPlay) if (candidate.inside) before += candidate.value;
  let after = 0;
  pick.forEach((taken, i) => {
    if (taken) after += inPlay[i]!.value;
  });
  if (after <= before + 1e-9) return false;
  pick.forEach((taken, i) => {
    const candidate = inPlay[i]!;
    if (candidate.inside && !taken) chosen[candidate.h] = -1;
    if (!candidate.inside && taken) chosen[candidate.h] = candidate.pair;
  });
  return true;
}

/** 0/1 knapsack over up to three capacity rows (room capped at what the candidates could use), by DP. */
function bestSubset(
  model: AllocationModel,
  rows: readonly number[],
  room: readonly number[],
  items: readonly Candidate[],
): boolean[] | undefined {
  const uses = items.map((item) => rows.map((k) => capacityUse(model, model.capacityKind[k]!, item.h)));
  const dims = rows.map((_, i) => {
    let total = 0;
    for (const use of uses) total += use[i]!;
    return Math.max(0, Math.min(Math.floor(room[i]! + 1e-9), total)) + 1;
  });
  const states = dims.reduce((a, b) => a * b, 1);
  if (states * items.length > 4_000_000) return undefined;
  const strides = dims.map((_, i) => dims.slice(i + 1).reduce((a, b) => a * b, 1));
  let value = new Float64Array(states);
  const taken = new Uint8Array(states * items.length);
  let next = new Float64Array(states);
  items.forEach((item, i) => {
    const use = uses[i]!;
    let shift = 0;
    for (let d = 0; d < dims.length; d++) shift += use[d]! * strides[d]!;
    next.set(value);
    for (let s = 0; s < states; s++) {
      if (!fitsState(s, use, dims, strides)) continue;
      const candidate = value[s - shift]! + item.value;
      if (candidate > next[s]! + 1e-9) {
        next[s] = candidate;
        taken[i * states + s] = 1;
      }
    }
    [value, next] = [next, value];
  });
  // value[s] is the best total using at most the room s encodes; the full room is the last state.
  const pick = items.map(() => false);
  let s = states - 1;
  for (let i = items.length - 1; i >= 0; i--) {
    if (taken[i * states + s] === 0) continue;
    pick[i] = true;
    for (let d = 0; d < dims.length; d++) s -= uses[i]![d]! * strides[d]!;
  }
  return pick;
}

/** Whether state s (a mixed-radix index over the rows' room) has at least `use` in every row. */
function fitsState(s: number, use: readonly number[], dims: readonly number[], strides: readonly number[]): boolean {
  for (let d = 0; d < dims.length; d++) {
    if (Math.floor(s / strides[d]!) % dims[d]! < use[d]!) return false;
  }
  return true;
}

function scoreOf(model: AllocationModel, chosen: Int32Array): number {
  let total = 0;
  for (const p of chosen) if (p >= 0) total += model.pairScore[p]!;
  return total;
}
