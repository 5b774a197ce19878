// CCRP (Lu, George, Shekhar 2005) with priorities, household integrity and exit windows: the evacuation planner.
import { EarliestArrivalSearch, type FoundPath, type SearchSources } from './earliest-arrival.ts';
import { type ReverseAdjacency, reverseAdjacency } from './network.ts';
import { NO_STEP, ReservationTable } from './reservation-table.ts';
import { type Leftover, summarize } from './summary.ts';
import type { Movement, Schedule, SchedulingInstance } from './types.ts';

export interface PlanOptions {
  /** Goal-directed search keyed by the exits' queues (default true). false = the plain CCRP search. */
  readonly goalDirected?: boolean;
  /**
   * Search reuse (default true): recent paths are re-walked against the table before searching again, and one is
   * taken when it reaches an exit no later than the last search's earliest step plus `reuseSlackSteps`. With
   * slack 0 this is exact CCRP (that step is a lower bound for every later path); a slack trades order for speed.
   */
  readonly reusePaths?: boolean;
  readonly reuseSlackSteps?: number;
}

/** Work done, for benchmarks and the docs. */
export interface PlanStats {
  searches: number;
  reusedPaths: number;
  poppedNodes: number;
}

/** Persons of a group waiting at `node` from `readyStep`; the planner's unit of supply. */
export interface PendingUnit {
  readonly groupIndex: number;
  persons: number;
  readonly node: number;
  readonly readyStep: number;
}

/**
 * Plans the evacuation: most endangered (lowest priority number) first; within a priority, repeatedly the path
 * with the earliest exit step over all waiting groups, carrying as much as the path's tightest arc, the exit
 * and whole households allow.
 * @example const { schedule } = planEvacuation(instance); schedule.makespanStep
 */
export function planEvacuation(
  instance: SchedulingInstance,
  options: PlanOptions = {},
): { schedule: Schedule; stats: PlanStats } {
  const reverse = reverseAdjacency(instance.network);
  const table = new ReservationTable(instance.network, instance.exits, instance.horizonSteps);
  const units: PendingUnit[] = instance.groups.map((g, i) => ({
    groupIndex: i,
    persons: g.persons,
    node: g.originNode,
    readyStep: g.readyStep ?? 0,
  }));
  return planFrom(instance, reverse, table, units, [], options);
}

/** Plans `units` on top of an already filled table (used by re-planning); `kept` movements are reported as-is. */
export function planFrom(
  instance: SchedulingInstance,
  reverse: ReverseAdjacency,
  table: ReservationTable,
  units: PendingUnit[],
  kept: readonly Movement[],
  options: PlanOptions,
): { schedule: Schedule; stats: PlanStats } {
  const goalDirected = options.goalDirected ?? true;
  const stats: PlanStats = { searches: 0, reusedPaths: 0, poppedNodes: 0 };
  const exitNodes = instance.exits.map((e) => e.node);
  const exitActive = Uint8Array.from(instance.exits, (e) => (e.conditionMet ? 1 : 0));
  const searches = new Map<number, EarliestArrivalSearch>();
  const searchFor = (profile: number): EarliestArrivalSearch => {
    let search = searches.get(profile);
    if (!search) {
      const metric = profile < 0 ? instance.network.travelTimeSteps : instance.profileTravelTimeSteps![profile]!;
      search = new EarliestArrivalSearch(instance.network, reverse, table, metric, exitNodes, goalDirected);
      searches.set(profile, search);
    }
    return search;
  };
  const movements: Movement[] = [...kept];
  const leftovers: Leftover[] = [];
  for (const batch of batchesByPriorityAndProfile(instance, units)) {
    const search = searchFor(batch.profile);
    const reuse = { enabled: options.reusePaths ?? goalDirected, slackSteps: options.reuseSlackSteps ?? 0 };
    planBatch(instance, table, search, batch.units, exitActive, movements, leftovers, stats, reuse);
  }
  for (const search of searches.values()) stats.poppedNodes += search.popped;
  return { schedule: { ...summarize(instance, reverse, movements, leftovers), movements }, stats };
}

/** Units grouped by (priority, profile), most endangered first, input order kept within a batch. */
function batchesByPriorityAndProfile(
  instance: SchedulingInstance,
  units: readonly PendingUnit[],
): { profile: number; units: PendingUnit[] }[] {
  const keyed = new Map<string, { priority: number; profile: number; units: PendingUnit[] }>();
  for (const unit of units) {
    if (unit.persons <= 0) continue;
    const g = instance.groups[unit.groupIndex]!;
    const profile = g.profile ?? -1;
    const key = `${g.priority}|${profile}`;
    let batch = keyed.get(key);
    if (!batch) {
      batch = { priority: g.priority, profile, units: [] };
      keyed.set(key, batch);
    }
    batch.units.push(unit);
  }
  return [...keyed.values()].sort((a, b) => a.priority - b.priority || a.profile - b.profile);
}

/** The CCRP loop over one batch: search, fill the path, reserve, until every unit is out or stuck. */
function planBatch(
  instance: SchedulingInstance,
  table: ReservationTable,
  search: EarliestArrivalSearch,
  units: PendingUnit[],
  exitActive: Uint8Array,
  movements: Movement[],
  leftovers: Leftover[],
  stats: PlanStats,
  reuse: { enabled: boolean; slackSteps: number },
): void {
  const splittable = (u: PendingUnit) => instance.groups[u.groupIndex]!.allowSplit === true;
  let active = units.slice();
  const sources: SearchSources = {
    count: 0,
    node: new Int32Array(active.length),
    readyStep: new Int32Array(active.length),
  };
  const stuck = (u: PendingUnit) => {
    leftovers.push({ groupIndex: u.groupIndex, persons: u.persons, node: u.node, readyStep: u.readyStep });
    u.persons = 0;
  };
  const pool: PooledPath[] = [];
  const otherExits: FoundPath[] = [];
  let lowerBoundStep = 0;
  // The last search is resumed rather than repeated while its units and need hold (see EarliestArrivalSearch.resume):
  // the units behind `sources`, the need it ran with (-1: nothing to resume), the paths reserved since.
  let searchUnits: PendingUnit[] = [];
  let resumableNeed = -1;
  const reservedSince: FoundPath[] = [];
  const dry = new Uint8Array(active.length);
  while (active.length > 0) {
    // One source entry per unit; `need` is the smallest indivisible amount among them.
    let need = Number.POSITIVE_INFINITY;
    for (const u of active) need = Math.min(need, splittable(u) ? 1 : u.persons);
    let path: FoundPath | null = null;
    let node = -1;
    if (reuse.enabled) {
      const reused = bestPooledPath(table, search, pool, need, lowerBoundStep, lowerBoundStep + reuse.slackSteps);
      if (reused) {
        path = reused.path;
        node = reused.unit.node;
        stats.reusedPaths++;
      }
    }
    if (!path) {
      stats.searches++;
      otherExits.length = 0;
      const others = reuse.enabled ? otherExits : undefined;
      if (reuse.enabled && resumableNeed === need && search.canResume) {
        for (let i = 0; i < searchUnits.length; i++) dry[i] = searchUnits[i]!.persons === 0 ? 1 : 0;
        path = search.resume(sources, dry, reservedSince, need, need, exitActive, others);
      } else {
        searchUnits = active.slice();
        sources.count = active.length;
        active.forEach((u, i) => {
          sources.node[i] = u.node;
          sources.readyStep[i] = u.readyStep;
        });
        path = search.toExits(sources, need, need, exitActive, others);
      }
      reservedSince.length = 0;
      if (!path) {
        for (const u of active) stuck(u);
        break;
      }
      resumableNeed = need;
      lowerBoundStep = path.arrivalStep;
      node = searchUnits[path.source]!.node;
      if (reuse.enabled) {
        for (const other of otherExits) pool.push({ unit: searchUnits[other.source]!, path: other, failedAtStep: -1 });
        pool.push({ unit: searchUnits[path.source]!, path, failedAtStep: -1 });
        while (pool.length > POOL_SIZE) pool.shift();
      }
    }
    let placed = fillPath(instance, table, path, active, node, splittable, movements);
    if (placed) {
      reservedSince.push(path);
    } else {
      // The own-need search below takes over the search's state: the next search starts afresh.
      resumableNeed = -1;
      // The path fits the batch's smallest household but none at its node: search for this node's own need.
      const here = active.filter((u) => u.node === node);
      const ownNeed = Math.min(...here.map((u) => (splittable(u) ? 1 : u.persons)));
      sources.count = here.length;
      here.forEach((u, i) => {
        sources.node[i] = u.node;
        sources.readyStep[i] = u.readyStep;
      });
      stats.searches++;
      const own = search.toExits(sources, ownNeed, ownNeed, exitActive);
      placed = own ? fillPath(instance, table, own, active, node, splittable, movements) : false;
      // Nothing fits even a path searched for this node's smallest household: all of them are stuck.
      if (!placed) for (const u of here) stuck(u);
    }
    active = active.filter((u) => u.persons > 0);
    for (let i = pool.length - 1; i >= 0; i--) if (pool[i]!.unit.persons === 0) pool.splice(i, 1);
  }
}

/**
 * How many recent paths are kept for reuse. Each search adds its path and one per other exit it reached; a path
 * that missed the accept step is skipped until the step rises, so a larger pool costs little (Sydney 10 k: 16 → 64
 * paths, 334 → 201 searches with the other exits' paths).
 */
const POOL_SIZE = 64;

/** A recent path kept for reuse, and the accept step at which its last re-walk failed (-1: none). */
interface PooledPath {
  readonly unit: PendingUnit;
  readonly path: FoundPath;
  failedAtStep: number;
}

/**
 * Re-walks each pooled path from its unit's ready step (waiting where an arc or the exit is full) and returns the
 * earliest one if it passes its exit by `acceptStep`; the first to reach `lowerBoundStep` (no path can do better)
 * ends the scan. A path that missed `acceptStep` is not walked again until the accept step rises: the table only
 * fills and `need` only grows within a batch, so it would miss again.
 */
function bestPooledPath(
  table: ReservationTable,
  search: EarliestArrivalSearch,
  pool: readonly PooledPath[],
  need: number,
  lowerBoundStep: number,
  acceptStep: number,
): { unit: PendingUnit; path: FoundPath } | null {
  let best: { unit: PendingUnit; path: FoundPath } | null = null;
  for (const candidate of pool) {
    if (best && best.path.arrivalStep <= lowerBoundStep) break;
    if (candidate.failedAtStep === acceptStep) continue;
    const limit = best ? Math.min(acceptStep, best.path.arrivalStep - 1) : acceptStep;
    const walked = rewalk(table, search, candidate.path, candidate.unit.readyStep, need, limit);
    if (!walked && limit === acceptStep) candidate.failedAtStep = acceptStep;
    if (walked && walked.arrivalStep <= acceptStep && (!best || walked.arrivalStep < best.path.arrivalStep)) {
      best = { unit: candidate.unit, path: walked };
    }
  }
  return best;
}

function rewalk(
  table: ReservationTable,
  search: EarliestArrivalSearch,
  path: FoundPath,
  readyStep: number,
  need: number,
  limitStep: number,
): FoundPath | null {
  const entrySteps: number[] = new Array(path.arcs.length);
  let t = readyStep;
  for (let i = 0; i < path.arcs.length; i++) {
    const a = path.arcs[i]!;
    const enter = table.firstArcStep(a, t, need);
    // Steps only grow along a path: give up as soon as it cannot beat the limit.
    if (enter === NO_STEP || enter > limitStep) return null;
    entrySteps[i] = enter;
    t = enter + search.travelTimeOf(a);
  }
  const arrivalStep = table.firstExitStep(path.exit, t, need);
  if (arrivalStep === NO_STEP || arrivalStep > limitStep) return null;
  return { source: path.source, exit: path.exit, arrivalStep, arcs: path.arcs, entrySteps };
}

/**
 * Puts as many waiting persons at `node` as fit on `path` (tightest arc at its entry step, and the exit), whole
 * households only unless split is allowed, in batch order; reserves and records the movement.
 */
function fillPath(
  instance: SchedulingInstance,
  table: ReservationTable,
  path: FoundPath,
  active: readonly PendingUnit[],
  node: number,
  splittable: (u: PendingUnit) => boolean,
  movements: Movement[],
): boolean {
  let room = table.exitResidual(path.exit, path.arrivalStep);
  for (let i = 0; i < path.arcs.length; i++)
    room = Math.min(room, table.arcResidual(path.arcs[i]!, path.entrySteps[i]!));
  const departureStep = path.arcs.length > 0 ? path.entrySteps[0]! : path.arrivalStep;
  const onBoard: { groupId: string; persons: number }[] = [];
  let persons = 0;
  for (const u of active) {
    if (u.node !== node || u.persons === 0 || u.readyStep > departureStep) continue;
    const take = splittable(u) ? Math.min(u.persons, room - persons) : u.persons <= room - persons ? u.persons : 0;
    if (take <= 0) continue;
    onBoard.push({ groupId: instance.groups[u.groupIndex]!.id, persons: take });
    u.persons -= take;
    persons += take;
    if (persons === room) break;
  }
  if (persons === 0) return false;
  for (let i = 0; i < path.arcs.length; i++) table.reserveArc(path.arcs[i]!, path.entrySteps[i]!, persons);
  table.reserveExit(path.exit, path.arrivalStep, persons);
  movements.push({
    groups: onBoard,
    persons,
    originNode: node,
    arcs: path.arcs,
    arcEntrySteps: path.entrySteps,
    departureStep,
    exitId: instance.exits[path.exit]!.id,
    exitStep: path.arrivalStep,
  });
  return true;
}
