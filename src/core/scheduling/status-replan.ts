// Re-planning convoys from what actually happened (who is out, on which bus, waiting, withdrawn) at an operation step.
import { convoyViolations } from './convoy-check.ts';
import { ConvoyPlanner, expandVehicles, type PendingHousehold, type VehicleState } from './convoy-planner.ts';
import type {
  Convoy,
  ConvoyGroup,
  ConvoyInstance,
  ConvoyOptions,
  ConvoySchedule,
  ConvoyStats,
  ExitPassage,
} from './convoy-types.ts';
import { summarizeConvoys } from './convoys.ts';
import { justInTime } from './just-in-time.ts';
import { reverseAdjacency } from './network.ts';
import { ReservationTable } from './reservation-table.ts';
import type { NotEvacuated } from './types.ts';
import { driveOn, passagesFit, positionAt, stopOnApproach, withDetour } from './vehicle-position.ts';
import { reservePassages, VehicleRouter } from './vehicle-router.ts';

/**
 * Where a household stands at the re-plan step, as the check-in events say. `persons` (waiting, not there): how
 * many members are still to be carried when some are out or withdrawn (default: the whole household); (boarded):
 * how many are aboard when only part of the household boarded (the caller reports the others).
 */
export type HouseholdProgress =
  /** Crossed or arrived: never planned again. */
  | { readonly kind: 'out' }
  /** On board the vehicle of index `vehicleIndex` (expanded order, as `Convoy.vehicleIndex`). */
  | { readonly kind: 'boarded'; readonly vehicleIndex: number; readonly persons?: number }
  /** Checked in at its assembly point. */
  | { readonly kind: 'waiting'; readonly persons?: number }
  /** Not recorded anywhere yet (the default for a household without progress). */
  | { readonly kind: 'not-there'; readonly persons?: number }
  /** Missing, detained, declined or turned back: not planned. */
  | { readonly kind: 'withdrawn' };

/** Where a household is told to be, and what takes it out. */
export interface HouseholdAssignment {
  readonly vehicleId: string;
  readonly vehicleIndex: number;
  readonly trip: number;
  readonly assemblyPointId: string;
  readonly boardingStep: number;
  readonly exitId: string;
  /** The household's last exit passage. */
  readonly exitStep: number;
}

export type ChangedField = 'assembly-point' | 'time' | 'vehicle' | 'exit';

/**
 * A household whose instruction is no longer right: `after` absent = no convoy takes it any more (see `stranded`),
 * `before` absent = newly planned. Households out or withdrawn are never listed.
 */
export interface HouseholdChange {
  readonly groupId: string;
  readonly progress: HouseholdProgress['kind'];
  readonly before?: HouseholdAssignment;
  readonly after?: HouseholdAssignment;
  readonly changed: readonly ChangedField[];
}

export interface StatusReplan {
  /** The instance planned (households with members out or withdrawn carry only the others). */
  readonly instance: ConvoyInstance;
  readonly schedule: ConvoySchedule;
  /** Convoys under way with their passengers as planned. */
  readonly keptConvoys: number;
  /** Convoys under way that lost passengers (not on board) or were late and got new exit passages or a new road. */
  readonly changedConvoys: number;
  /** Planned convoys that had not loaded: dropped and planned again. */
  readonly droppedConvoys: number;
  /** Everyone not evacuated after the re-plan (households out or withdrawn are not counted here). */
  readonly stranded: readonly NotEvacuated[];
  /** Of those, the households the previous schedule did evacuate. */
  readonly newlyStranded: readonly NotEvacuated[];
  /** Households whose instruction changed (to re-tell only them), in instance order. */
  readonly changes: readonly HouseholdChange[];
  readonly out: readonly string[];
  readonly withdrawn: readonly string[];
  readonly stats: ConvoyStats;
}

const NOT_THERE = 0;
const OUT = 1;
const BOARDED = 2;
const WAITING = 3;
const WITHDRAWN = 4;
const CODE: Record<HouseholdProgress['kind'], number> = {
  'not-there': NOT_THERE,
  out: OUT,
  boarded: BOARDED,
  waiting: WAITING,
  withdrawn: WITHDRAWN,
};
const KIND = ['not-there', 'out', 'boarded', 'waiting', 'withdrawn'] as const;

/**
 * Re-plans at `atStep` from the households' actual progress. Vehicles are where the plan puts them (nothing tracks
 * them), passengers where the events put them: a trip that loaded before `atStep` stays with the households
 * really on board (or out) — as planned if its remaining exit passages are still ahead, else (late) with new
 * passages from where the vehicle is, by the best road still open; a planned trip nobody boarded, or not yet
 * loaded, is dropped with the vehicle's later trips (the vehicle goes on from its position). A household boarded on
 * a vehicle that no kept trip carries it on gets that vehicle's next trip, planned first. Households waiting or not
 * there yet are planned again from `atStep` with everyone else's reservations in force; out and withdrawn
 * households are not planned. Pure and deterministic.
 * @example replanFromStatus(instance, schedule, 40, new Map([['h1', { kind: 'out' }], ['h2', { kind: 'boarded', vehicleIndex: 0 }]]))
 */
export function replanFromStatus(
  instance: ConvoyInstance,
  schedule: ConvoySchedule,
  atStep: number,
  progress: ReadonlyMap<string, HouseholdProgress>,
  options: ConvoyOptions = {},
): StatusReplan {
  const t0 = atStep;
  const n = instance.groups.length;
  const state = new Uint8Array(n);
  const boardedOn = new Int32Array(n).fill(-1);
  const groups: ConvoyGroup[] = instance.groups.map((g, i) => {
    const p = progress.get(g.id);
    if (p === undefined) return g;
    state[i] = CODE[p.kind];
    if (p.kind === 'boarded') boardedOn[i] = p.vehicleIndex;
    if (p.kind !== 'out' && p.kind !== 'withdrawn' && p.persons !== undefined && p.persons < g.persons)
      return { ...g, persons: Math.max(0, p.persons) };
    return g;
  });
  const current: ConvoyInstance = { ...instance, groups };
  const reverse = reverseAdjacency(current.network);
  const table = new ReservationTable(current.network, current.exits, current.horizonSteps);
  const planner = new ConvoyPlanner(current, reverse, table);
  const router = new VehicleRouter(current.network, table);
  const vehicles = expandVehicles(current);
  const exitIndex = new Map(current.exits.map((e, i) => [e.id, i]));
  const groupIndex = new Map(current.groups.map((g, i) => [g.id, i]));
  const apNode = new Map(current.assemblyPoints.map((ap) => [ap.id, ap.node]));
  const handled = new Uint8Array(n);
  const dropped = new Uint8Array(vehicles.length);
  for (let i = 0; i < n; i++) if (state[i] === OUT || state[i] === WITHDRAWN) handled[i] = 1;
  let kept = 0;
  let changedConvoys = 0;
  let droppedConvoys = 0;
  const reserveArcs = (arcs: readonly number[], entries: readonly number[], count: number) => {
    // The past happened even if the table now disagrees: record what fits.
    for (let i = 0; i < count; i++)
      if (entries[i]! < table.horizonSteps && table.arcResidual(arcs[i]!, entries[i]!) > 0)
        table.reserveArc(arcs[i]!, entries[i]!, 1);
  };
  const reservePast = (e: number, passages: readonly ExitPassage[]) => {
    for (const p of passages) {
      const room = p.step < table.horizonSteps ? Math.min(p.persons, table.exitResidual(e, p.step)) : 0;
      if (room > 0) table.reserveExit(e, p.step, room);
    }
  };
  const keep = (v: VehicleState, c: Convoy) => {
    const { returnArrivalStep: _, ...rest } = c;
    planner.convoys.push(rest);
    v.trips = c.trip;
    v.lastConvoy = planner.convoys.length - 1;
    v.node = current.exits[exitIndex.get(c.exitId)!]!.node;
    v.freeStep = Math.max(c.exitStep, t0);
    for (const p of c.pickups) handled[groupIndex.get(p.groupId)!] = 1;
  };

  const boardedAt = (gi: number, vi: number) => state[gi] === BOARDED && boardedOn[gi] === vi;
  const boardedOnVehicle = new Map<number, number[]>();
  for (let gi = 0; gi < n; gi++) {
    if (state[gi] !== BOARDED) continue;
    const list = boardedOnVehicle.get(boardedOn[gi]!) ?? [];
    list.push(gi);
    boardedOnVehicle.set(boardedOn[gi]!, list);
  }
  /**
   * A trip not yet loaded stays when its households all still come in full (or board it now), the vehicle holds
   * no one else, and its roads and exit slots are still free; otherwise it is planned again, seats freed.
   */
  const untouched = (c: Convoy): boolean => {
    const vi = c.vehicleIndex;
    for (const p of c.pickups) {
      const gi = groupIndex.get(p.groupId)!;
      const coming = state[gi] === WAITING || state[gi] === NOT_THERE || boardedAt(gi, vi);
      if (!coming || handled[gi] === 1 || current.groups[gi]!.persons !== p.persons) return false;
    }
    const onIt = new Set(c.pickups.map((p) => p.groupId));
    for (const gi of boardedOnVehicle.get(vi) ?? []) if (handled[gi] === 0 && !onIt.has(groups[gi]!.id)) return false;
    const future = (arcs: readonly number[], entries: readonly number[]) =>
      arcs.every(
        (a, i) => entries[i]! < t0 || (entries[i]! < table.horizonSteps && table.arcResidual(a, entries[i]!) > 0),
      );
    return (
      future(c.approachArcs, c.approachEntrySteps) &&
      future(c.arcs, c.arcEntrySteps) &&
      passagesFit(table, exitIndex.get(c.exitId)!, c.exitPassages)
    );
  };
  const sorted = [...schedule.convoys].sort((a, b) => a.vehicleIndex - b.vehicleIndex || a.trip - b.trip);
  for (const c of sorted) {
    const v = vehicles[c.vehicleIndex]!;
    if (dropped[c.vehicleIndex] === 1 || !v.active) {
      droppedConvoys++;
      continue;
    }
    const e = exitIndex.get(c.exitId)!;
    // Those aboard are carried as many as boarded (part of a household may have stayed behind).
    const onBoard = c.pickups
      .filter((p) => {
        const gi = groupIndex.get(p.groupId)!;
        return state[gi] === OUT || (state[gi] === BOARDED && boardedOn[gi] === c.vehicleIndex);
      })
      .map((p) => {
        const gi = groupIndex.get(p.groupId)!;
        return state[gi] === BOARDED ? { ...p, persons: Math.min(p.persons, groups[gi]!.persons) } : p;
      });
    if (c.loadedDepartureStep >= t0 && untouched(c)) {
      // Nothing happened to this trip's households: it stays as they were told.
      reserveArcs(c.approachArcs, c.approachEntrySteps, c.approachArcs.length);
      reserveArcs(c.arcs, c.arcEntrySteps, c.arcs.length);
      reservePassages(table, e, c.exitPassages);
      keep(v, c);
      kept++;
      continue;
    }
    if (c.loadedDepartureStep >= t0 || onBoard.length === 0) {
      // Not loaded (or left with nobody recorded on board: then it has not really left): drop it and the
      // vehicle's later trips; the vehicle is where its approach got it by `atStep`.
      dropped[c.vehicleIndex] = 1;
      droppedConvoys++;
      const done = c.approachEntrySteps.filter((t) => t < t0).length;
      reserveArcs(c.approachArcs, c.approachEntrySteps, done);
      stopOnApproach(current.network, v, c, done, t0);
      continue;
    }
    const passages = passagesOf(c.exitPassages, onBoard);
    const trimmed: Convoy = {
      ...c,
      pickups: onBoard,
      persons: onBoard.reduce((s, p) => s + p.persons, 0),
      profiles: [...new Set(onBoard.map((p) => current.groups[groupIndex.get(p.groupId)!]!.profile))].sort(
        (a, b) => a - b,
      ),
      exitPassages: passages,
      exitStep: passages.reduce((m, p) => Math.max(m, p.step), 0),
    };
    const aboard = onBoard.filter((p) => state[groupIndex.get(p.groupId)!] === BOARDED);
    const late = passages.some((p) => p.step < t0 && aboard.some((a) => a.groupId === p.groupId));
    reserveArcs(c.approachArcs, c.approachEntrySteps, c.approachArcs.length);
    if (
      !late &&
      passagesFit(
        table,
        e,
        passages.filter((p) => p.step >= t0),
      )
    ) {
      reserveArcs(c.arcs, c.arcEntrySteps, c.arcs.length);
      reservePast(e, passages);
      keep(v, trimmed);
      if (onBoard.length === c.pickups.length) kept++;
      else changedConvoys++;
      continue;
    }
    // Late, or its slots are gone: the passengers still aboard pass from where the vehicle is now.
    changedConvoys++;
    dropped[c.vehicleIndex] = 1;
    const outIds = new Set(onBoard.filter((p) => !aboard.includes(p)).map((p) => p.groupId));
    const outPassages = passages.filter((p) => outIds.has(p.groupId));
    reservePast(e, outPassages);
    const done = c.arcEntrySteps.filter((t) => t < t0).length;
    reserveArcs(c.arcs, c.arcEntrySteps, done);
    const at = positionAt(current, v, c, done, apNode.get(c.assemblyPointId)!);
    const mask = trimmed.profiles.reduce((m, p) => m | (1 << p), 0);
    // Passengers already out passed this exit: the others may only use another if none did.
    const onlyExit = outIds.size > 0 ? e : -1;
    const detour = driveOn(planner, router, table, current, v, mask, at.node, Math.max(t0, at.step), aboard, onlyExit);
    if (detour) {
      reserveArcs(detour.arcs, detour.entrySteps, detour.arcs.length);
      reservePassages(table, detour.exit, detour.passages);
      keep(v, withDetour(current, trimmed, done, detour, outPassages));
      continue;
    }
    // No way out from here: the passengers aboard stay with the vehicle; those out are recorded as out.
    if (outIds.size > 0) {
      const pickups = onBoard.filter((p) => outIds.has(p.groupId));
      keep(v, {
        ...trimmed,
        pickups,
        persons: pickups.reduce((s, p) => s + p.persons, 0),
        exitPassages: outPassages,
        exitStep: outPassages.reduce((m, p) => Math.max(m, p.step), 0),
      });
    }
    for (const p of aboard) {
      const gi = groupIndex.get(p.groupId)!;
      handled[gi] = 1;
      planner.leftovers.push({ groupIndex: gi, persons: p.persons, node: at.node, readyStep: Math.max(t0, at.step) });
    }
    v.active = false;
  }
  for (const v of vehicles) v.freeStep = Math.max(v.freeStep, t0);
  const keptCount = planner.convoys.length;

  // Boarded on a vehicle whose kept trips do not carry them: that vehicle's next trip is theirs, planned first.
  const pendingOf = (i: number): PendingHousehold => ({
    groupIndex: i,
    readyStep: Math.max(t0, current.groups[i]!.readyStep ?? 0),
  });
  const forced = new Map<number, PendingHousehold[]>();
  for (let i = 0; i < n; i++) {
    if (handled[i] === 1 || state[i] !== BOARDED) continue;
    const vi = boardedOn[i]!;
    if (vi < 0 || vi >= vehicles.length || !vehicles[vi]!.active) continue;
    handled[i] = 1;
    const list = forced.get(vi) ?? [];
    list.push(pendingOf(i));
    forced.set(vi, list);
  }
  for (const [vi, list] of [...forced].sort(([a], [b]) => a - b)) planner.plan([vehicles[vi]!], list);

  const pending: PendingHousehold[] = [];
  for (let i = 0; i < n; i++) if (handled[i] === 0) pending.push(pendingOf(i));
  planner.plan(vehicles, pending);

  const summary = summarizeConvoys(current, reverse, planner.convoys, planner.leftovers, options);
  const next = laterWhereFree(current, summary, keptCount, t0);
  const wasOut = new Set(schedule.convoys.flatMap((c) => c.pickups.map((p) => p.groupId)));
  return {
    instance: current,
    schedule: next,
    keptConvoys: kept,
    changedConvoys,
    droppedConvoys,
    stranded: next.notEvacuated,
    newlyStranded: next.notEvacuated.filter((s) => wasOut.has(s.groupId)),
    changes: householdChanges(current, state, schedule.convoys, next.convoys),
    out: current.groups.filter((_, i) => state[i] === OUT).map((g) => g.id),
    withdrawn: current.groups.filter((_, i) => state[i] === WITHDRAWN).map((g) => g.id),
    stats: planner.stats,
  };
}

/**
 * The new trips (from `from` on, wholly after `t0`) moved as late as their exit slots allow, as the plan's own
 * trips were (just-in-time.ts): without it every trip not yet loaded would leave as early as it can and its
 * households be told a new time though nothing changed for them. Trips under way are never moved.
 */
function laterWhereFree(instance: ConvoyInstance, schedule: ConvoySchedule, from: number, t0: number): ConvoySchedule {
  return justInTime(instance, schedule, {
    only: (c, i) => i >= from && (c.approachEntrySteps[0] ?? c.departureStep) >= t0,
    // A shift may not add a problem; what the past left (e.g. a late trip's road over capacity) is not its doing.
    tolerated: new Set(convoyViolations(instance, schedule)),
  });
}

/** Each household's assignment in a list of convoys. */
export function assignmentsOf(convoys: readonly Convoy[]): Map<string, HouseholdAssignment> {
  const byGroup = new Map<string, HouseholdAssignment>();
  for (const c of convoys) {
    for (const p of c.pickups) {
      let exitStep = 0;
      for (const x of c.exitPassages) if (x.groupId === p.groupId) exitStep = Math.max(exitStep, x.step);
      byGroup.set(p.groupId, {
        vehicleId: c.vehicleId,
        vehicleIndex: c.vehicleIndex,
        trip: c.trip,
        assemblyPointId: c.assemblyPointId,
        boardingStep: c.boardingStep,
        exitId: c.exitId,
        exitStep,
      });
    }
  }
  return byGroup;
}

function householdChanges(
  instance: ConvoyInstance,
  state: Uint8Array,
  before: readonly Convoy[],
  after: readonly Convoy[],
): HouseholdChange[] {
  const was = assignmentsOf(before);
  const now = assignmentsOf(after);
  const changes: HouseholdChange[] = [];
  instance.groups.forEach((g, i) => {
    if (state[i] === OUT || state[i] === WITHDRAWN) return;
    const b = was.get(g.id);
    const a = now.get(g.id);
    if (!b && !a) return;
    const changed: ChangedField[] = [];
    if (!b || !a || b.assemblyPointId !== a.assemblyPointId) changed.push('assembly-point');
    if (!b || !a || b.boardingStep !== a.boardingStep) changed.push('time');
    if (!b || !a || b.vehicleIndex !== a.vehicleIndex || b.trip !== a.trip) changed.push('vehicle');
    if (!b || !a || b.exitId !== a.exitId) changed.push('exit');
    if (changed.length === 0) return;
    changes.push({
      groupId: g.id,
      progress: KIND[state[i]!]!,
      ...(b ? { before: b } : {}),
      ...(a ? { after: a } : {}),
      changed,
    });
  });
  return changes;
}

/** The exit passages of `pickups` only, at most as many persons of each household as it has on board. */
function passagesOf(
  passages: readonly ExitPassage[],
  pickups: readonly { readonly groupId: string; readonly persons: number }[],
): ExitPassage[] {
  const left = new Map(pickups.map((p) => [p.groupId, p.persons]));
  const kept: ExitPassage[] = [];
  for (const x of passages) {
    const room = left.get(x.groupId) ?? 0;
    if (room <= 0) continue;
    const persons = Math.min(room, x.persons);
    left.set(x.groupId, room - persons);
    kept.push(persons === x.persons ? x : { ...x, persons });
  }
  return kept;
}
