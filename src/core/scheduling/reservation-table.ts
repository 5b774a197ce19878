// Capacity reserved per arc and per exit for every time step (a time-expanded reservation table in typed arrays).
import { type Exit, INF_STEPS, type SchedulingNetwork } from './types.ts';

/** "No step": returned when nothing fits before the horizon. */
export const NO_STEP = -1;

/**
 * Used capacity of each arc and exit at each step `0 <= t < horizonSteps`.
 * Arc rows are allocated on first reservation (most arcs of a large network are never used), so memory is
 * proportional to the arcs a plan touches, not to arcs × horizon. Each row has a "next step with spare
 * capacity" forest (union-find with path halving) so a search skips saturated steps in near O(1).
 */
export class ReservationTable {
  readonly horizonSteps: number;
  readonly exitCount: number;
  private readonly arcCapacity: Uint32Array;
  private readonly rowOfArc: Int32Array;
  private arcUsed: Uint32Array;
  private arcNextFree: Int32Array;
  private rowCount = 0;
  /** Exit capacity per step (0 when closed), exits × horizon. */
  private readonly exitCapacity: Uint32Array;
  private readonly exitUsed: Uint32Array;
  private readonly exitNextFree: Int32Array;

  constructor(network: SchedulingNetwork, exits: readonly Exit[], horizonSteps: number) {
    this.horizonSteps = horizonSteps;
    this.exitCount = exits.length;
    this.arcCapacity = network.capacityPerStep;
    this.rowOfArc = new Int32Array(network.arcCount).fill(-1);
    this.arcUsed = new Uint32Array(16 * horizonSteps);
    this.arcNextFree = new Int32Array(16 * (horizonSteps + 1));
    this.exitCapacity = exitCapacityRows(exits, horizonSteps);
    this.exitUsed = new Uint32Array(exits.length * horizonSteps);
    this.exitNextFree = new Int32Array(exits.length * (horizonSteps + 1));
    const stride = horizonSteps + 1;
    for (let e = 0; e < exits.length; e++) {
      // Next-free pointer chain over closed steps starts already compressed: closed steps point past themselves.
      for (let t = horizonSteps; t >= 0; t--) {
        const open = t < horizonSteps && this.exitCapacity[e * horizonSteps + t]! > 0;
        this.exitNextFree[e * stride + t] = open || t === horizonSteps ? t : this.exitNextFree[e * stride + t + 1]!;
      }
    }
  }

  /** Spare capacity of arc `a` for entries at step `t`. */
  arcResidual(a: number, t: number): number {
    const row = this.rowOfArc[a]!;
    const cap = this.arcCapacity[a]!;
    return row < 0 ? cap : cap - this.arcUsed[row * this.horizonSteps + t]!;
  }

  /** First step `>= t` at which `need` units can enter arc `a`, or NO_STEP. */
  firstArcStep(a: number, t: number, need: number): number {
    const cap = this.arcCapacity[a]!;
    if (cap < need || t >= this.horizonSteps) return NO_STEP;
    const row = this.rowOfArc[a]!;
    if (row < 0) return t;
    const h = this.horizonSteps;
    const used = this.arcUsed;
    const base = row * h;
    t = findNextFree(this.arcNextFree, row * (h + 1), t);
    while (t < h && cap - used[base + t]! < need) t = findNextFree(this.arcNextFree, row * (h + 1), t + 1);
    return t < h ? t : NO_STEP;
  }

  reserveArc(a: number, t: number, units: number): void {
    let row = this.rowOfArc[a]!;
    if (row < 0) row = this.allocateRow(a);
    const i = row * this.horizonSteps + t;
    const used = this.arcUsed[i]! + units;
    if (used > this.arcCapacity[a]!) throw new Error(`arc ${a} over capacity at step ${t}`);
    this.arcUsed[i] = used;
    if (used === this.arcCapacity[a]) this.arcNextFree[row * (this.horizonSteps + 1) + t] = t + 1;
  }

  /** Spare exit capacity (persons) at step `t`. */
  exitResidual(e: number, t: number): number {
    const i = e * this.horizonSteps + t;
    return this.exitCapacity[i]! - this.exitUsed[i]!;
  }

  /** First step `>= t` at which `persons` can pass exit `e`, or NO_STEP. */
  firstExitStep(e: number, t: number, persons: number): number {
    const h = this.horizonSteps;
    if (t >= h) return NO_STEP;
    const base = e * h;
    const fBase = e * (h + 1);
    t = findNextFree(this.exitNextFree, fBase, t);
    while (t < h && this.exitCapacity[base + t]! - this.exitUsed[base + t]! < persons) {
      t = findNextFree(this.exitNextFree, fBase, t + 1);
    }
    return t < h ? t : NO_STEP;
  }

  reserveExit(e: number, t: number, persons: number): void {
    const i = e * this.horizonSteps + t;
    const used = this.exitUsed[i]! + persons;
    if (used > this.exitCapacity[i]!) throw new Error(`exit ${e} over capacity at step ${t}`);
    this.exitUsed[i] = used;
    if (used === this.exitCapacity[i]) this.exitNextFree[e * (this.horizonSteps + 1) + t] = t + 1;
  }

  /** Capacity of exit `e` at step `t` (0 when closed). */
  exitCapacityAt(e: number, t: number): number {
    return this.exitCapacity[e * this.horizonSteps + t]!;
  }

  private allocateRow(a: number): number {
    const h = this.horizonSteps;
    const row = this.rowCount++;
    if ((row + 1) * h > this.arcUsed.length) {
      const grownUsed = new Uint32Array(this.arcUsed.length * 2);
      grownUsed.set(this.arcUsed);
      this.arcUsed = grownUsed;
      const grownFree = new Int32Array(this.arcNextFree.length * 2);
      grownFree.set(this.arcNextFree);
      this.arcNextFree = grownFree;
    }
    const fBase = row * (h + 1);
    for (let t = 0; t <= h; t++) this.arcNextFree[fBase + t] = t;
    this.rowOfArc[a] = row;
    return row;
  }
}

/** Root of `t` in a next-free forest stored at `forest[base + ...]`, halving paths on the way. */
function findNextFree(forest: Int32Array, base: number, t: number): number {
  let parent = forest[base + t]!;
  while (parent !== t) {
    const grand = forest[base + parent]!;
    forest[base + t] = grand;
    t = parent;
    parent = grand;
  }
  return t;
}

/** Capacity per step of every exit over the horizon: windows for ground exits, seats at flight steps for air. */
export function exitCapacityRows(exits: readonly Exit[], horizonSteps: number): Uint32Array {
  const rows = new Uint32Array(exits.length * horizonSteps);
  exits.forEach((exit, e) => {
    if (!exit.conditionMet) return;
    const base = e * horizonSteps;
    if (exit.mode === 'ground') {
      const cap = Math.min(exit.capacityPerStep, INF_STEPS);
      for (const w of exit.windows) {
        for (let t = Math.max(0, w.startStep); t < Math.min(horizonSteps, w.endStep); t++) rows[base + t] = cap;
      }
    } else {
      for (const f of exit.flights) if (f.step >= 0 && f.step < horizonSteps) rows[base + f.step] += f.seats;
    }
  });
  return rows;
}
