// One vehicle's earliest-arrival search on the reservation table, and its passengers' passage through an exit.

import { IndexedMinHeap } from '../routing/indexed-heap.ts';
import type { ExitPassage } from './convoy-types.ts';
import { NO_STEP, type ReservationTable } from './reservation-table.ts';
import { INF_STEPS, type SchedulingNetwork } from './types.ts';

/**
 * Time-dependent Dijkstra for a single vehicle (1 unit of arc capacity): the earliest step it can reach every node
 * leaving `source` at `readyStep`, waiting at nodes where an arc is full. Labels are FIFO (waiting allowed), so
 * label-setting is exact. Buffers are reused between runs (timestamps instead of clearing).
 */
export class VehicleRouter {
  private readonly network: SchedulingNetwork;
  private readonly table: ReservationTable;
  private readonly tail: Uint32Array;
  private readonly label: Int32Array;
  private readonly pred: Int32Array;
  private readonly entry: Int32Array;
  private readonly stamp: Uint32Array;
  private currentStamp = 0;
  private readonly heap: IndexedMinHeap;
  /** Work counter: runs since construction. */
  runs = 0;

  constructor(network: SchedulingNetwork, table: ReservationTable) {
    const n = network.nodeCount;
    this.network = network;
    this.table = table;
    this.tail = new Uint32Array(network.arcCount);
    for (let v = 0; v < n; v++) for (let a = network.firstOut[v]!; a < network.firstOut[v + 1]!; a++) this.tail[a] = v;
    this.label = new Int32Array(n);
    this.pred = new Int32Array(n);
    this.entry = new Int32Array(n);
    this.stamp = new Uint32Array(n);
    this.heap = new IndexedMinHeap(n);
  }

  /** Runs the search; stops once `target` is settled (`-1`: settle every node reachable before the horizon). */
  run(source: number, readyStep: number, metric: Uint32Array, target = -1): void {
    this.runs++;
    this.currentStamp++;
    if (this.currentStamp === 0xffff_ffff) {
      this.stamp.fill(0);
      this.currentStamp = 1;
    }
    const h = this.table.horizonSteps;
    if (readyStep >= h) return;
    const { firstOut, head } = this.network;
    this.set(source, readyStep, -1, -1);
    this.heap.pushOrDecrease(source, readyStep);
    while (this.heap.size > 0) {
      const v = this.heap.popMin();
      if (v === target) break;
      const lv = this.label[v]!;
      for (let a = firstOut[v]!; a < firstOut[v + 1]!; a++) {
        const tt = metric[a]!;
        if (tt >= INF_STEPS) continue;
        const t = this.table.firstArcStep(a, lv, 1);
        if (t === NO_STEP) continue;
        const arrival = t + tt;
        const w = head[a]!;
        if (arrival >= h || arrival >= this.arrivalAt(w)) continue;
        this.set(w, arrival, a, t);
        this.heap.pushOrDecrease(w, arrival);
      }
    }
    this.heap.clear();
  }

  /** Earliest arrival at `v` found by the last run, INF_STEPS if not reached. */
  arrivalAt(v: number): number {
    return this.stamp[v] === this.currentStamp ? this.label[v]! : INF_STEPS;
  }

  /** The last run's route to `v` (which must have been reached). */
  pathTo(v: number): { arcs: number[]; entrySteps: number[] } {
    const arcs: number[] = [];
    const entrySteps: number[] = [];
    while (this.pred[v]! >= 0) {
      arcs.push(this.pred[v]!);
      entrySteps.push(this.entry[v]!);
      v = this.tail[this.pred[v]!]!;
    }
    return { arcs: arcs.reverse(), entrySteps: entrySteps.reverse() };
  }

  private set(v: number, step: number, arc: number, entryStep: number): void {
    this.stamp[v] = this.currentStamp;
    this.label[v] = step;
    this.pred[v] = arc;
    this.entry[v] = entryStep;
  }
}

/**
 * When the passengers of a vehicle reaching exit `e` at `arrivalStep` pass it, without reserving: households in
 * load order, each through the earliest steps with spare capacity. A household may take consecutive open steps
 * (a crossing passing 2–3 persons a minute) but never straddles a closed step (a window's end, the gap between
 * flights): then it starts again at the next opening. Null if someone cannot pass before the horizon.
 */
export function exitPassages(
  table: ReservationTable,
  e: number,
  arrivalStep: number,
  load: readonly { readonly groupId: string; readonly persons: number }[],
): ExitPassage[] | null {
  const passages: ExitPassage[] = [];
  // Own use per step (the load is small: a linear scan beats a Map).
  const ownSteps: number[] = [];
  const ownUsed: number[] = [];
  const spareAt = (t: number) => {
    const i = ownSteps.indexOf(t);
    return table.exitResidual(e, t) - (i < 0 ? 0 : ownUsed[i]!);
  };
  const use = (t: number, persons: number) => {
    const i = ownSteps.indexOf(t);
    if (i < 0) {
      ownSteps.push(t);
      ownUsed.push(persons);
    } else ownUsed[i]! += persons;
  };
  let t = arrivalStep;
  for (const g of load) {
    let parts: ExitPassage[] = [];
    let remaining = g.persons;
    while (remaining > 0) {
      t = table.firstExitStep(e, t, 1);
      while (t !== NO_STEP && spareAt(t) <= 0) t = table.firstExitStep(e, t + 1, 1);
      if (t === NO_STEP) return null;
      const last = parts.length > 0 ? parts[parts.length - 1]!.step : t;
      if (parts.length > 0 && closedBetween(table, e, last, t)) {
        for (const p of parts) use(p.step, -p.persons);
        parts = [];
        remaining = g.persons;
      }
      const take = Math.min(remaining, spareAt(t));
      parts.push({ groupId: g.groupId, persons: take, step: t });
      use(t, take);
      remaining -= take;
    }
    passages.push(...parts);
  }
  return passages;
}

/** True when exit `e` is closed at some step strictly between `from` and `to`. */
function closedBetween(table: ReservationTable, e: number, from: number, to: number): boolean {
  for (let s = from + 1; s < to; s++) if (table.exitCapacityAt(e, s) === 0) return true;
  return false;
}

/** Reserves passages found by `exitPassages` (same table state). */
export function reservePassages(table: ReservationTable, e: number, passages: readonly ExitPassage[]): void {
  for (const p of passages) table.reserveExit(e, p.step, p.persons);
}

/** A metric for a vehicle of `speedFactor`: ceil(t / speedFactor), forbidden arcs kept forbidden. */
export function scaledMetric(metric: Uint32Array, speedFactor: number): Uint32Array {
  if (speedFactor === 1) return metric;
  const scaled = new Uint32Array(metric.length);
  for (let a = 0; a < metric.length; a++) {
    const t = metric[a]!;
    scaled[a] = t >= INF_STEPS ? INF_STEPS : Math.ceil(t / speedFactor);
  }
  return scaled;
}

/** Per-arc maximum of the profiles in `mask` (bit p = profile p): the arcs all those passengers may use. */
export function combinedMetric(profiles: readonly Uint32Array[], mask: number): Uint32Array {
  let combined: Uint32Array | null = null;
  for (let p = 0; p < profiles.length; p++) {
    if ((mask & (1 << p)) === 0) continue;
    const metric = profiles[p]!;
    if (!combined) {
      combined = metric.slice();
      continue;
    }
    for (let a = 0; a < combined.length; a++) if (metric[a]! > combined[a]!) combined[a] = metric[a]!;
  }
  if (!combined) throw new Error(`no profile in mask ${mask}`);
  return combined;
}
