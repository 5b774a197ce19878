// The live picture: the plan's convoys and exit windows set against the recorded statuses at an operation clock.
import type { Convoy, Schedule } from '../../api/types.ts';

/** GET /api/status: ids and statuses only. */
export interface LiveStatus {
  readonly by_status: Readonly<Record<string, number>>;
  readonly people: readonly { person_id: string; household_id: string; status: string; at: string | null }[];
  readonly conflicts?: readonly unknown[];
}

/** Statuses that mean a person reached the assembly point (or went further along the way out). */
const AT_ASSEMBLY_OR_BEYOND = new Set(['at_assembly_point', 'boarded', 'crossed', 'arrived', 'in_resettlement']);
const CROSSED_OR_BEYOND = new Set(['crossed', 'arrived', 'in_resettlement']);

/** How many members of one household stand where. */
export interface HouseholdProgress {
  readonly atAssemblyPoint: number;
  readonly boarded: number;
  readonly crossed: number;
  /** At the assembly point, boarded or crossed: checked in. */
  readonly checkedIn: number;
}

export type ConvoyState = 'on-time' | 'late' | 'done';

export interface ConvoyPicture {
  readonly convoy: Convoy;
  readonly key: string;
  readonly plannedHouseholds: number;
  readonly plannedPersons: number;
  readonly actual: HouseholdProgress;
  readonly state: ConvoyState;
}

export interface WindowPicture {
  readonly exit: string;
  readonly closesAt: string;
  /** Persons whose convoys pass the exit by the close, as planned. */
  readonly plannedPersons: number;
  readonly crossed: number;
  /** Persons still expected through the exit before it closes. */
  readonly expected: number;
  /** Persons the exit can still pass before the close at its capacity; null when its capacity is unknown. */
  readonly canStillPass: number | null;
  readonly atRisk: boolean;
}

export interface OverdueHousehold {
  readonly householdId: string;
  readonly convoy: Convoy;
  readonly persons: number;
  readonly checkedIn: number;
}

/**
 * A convoy behind its plan: `behind` 'boarding' = not everyone checked in by its boarding time, 'exit' = not everyone
 * across by its planned exit time. `missesWindow`: at the planned pace from the clock it reaches its exit after the
 * window it was planned in closes (or that window has closed).
 */
export interface LateAlert {
  readonly key: string;
  readonly convoy: Convoy;
  readonly behind: 'boarding' | 'exit';
  /** Persons not checked in (boarding) or not across (exit). */
  readonly missing: number;
  readonly plannedPersons: number;
  readonly windowClosesAt?: string;
  readonly missesWindow: boolean;
}

export interface LivePicture {
  readonly convoys: readonly ConvoyPicture[];
  readonly windows: readonly WindowPicture[];
  readonly overdue: readonly OverdueHousehold[];
  /** Late convoys, those that miss their exit window first. */
  readonly alerts: readonly LateAlert[];
}

const NOBODY: HouseholdProgress = { atAssemblyPoint: 0, boarded: 0, crossed: 0, checkedIn: 0 };

/** Members per household by where they stand. */
export function progressByHousehold(status: LiveStatus): Map<string, HouseholdProgress> {
  const byHousehold = new Map<string, HouseholdProgress>();
  for (const p of status.people) {
    const h = byHousehold.get(p.household_id) ?? NOBODY;
    byHousehold.set(p.household_id, {
      atAssemblyPoint: h.atAssemblyPoint + (p.status === 'at_assembly_point' ? 1 : 0),
      boarded: h.boarded + (p.status === 'boarded' ? 1 : 0),
      crossed: h.crossed + (CROSSED_OR_BEYOND.has(p.status) ? 1 : 0),
      checkedIn: h.checkedIn + (AT_ASSEMBLY_OR_BEYOND.has(p.status) ? 1 : 0),
    });
  }
  return byHousehold;
}

/**
 * The default operation clock: the latest recorded status event, else the plan's first boarding, else `fallback`.
 */
export function defaultClock(status: LiveStatus | null, schedule: Schedule | undefined, fallback: string): string {
  let latestMs = Number.NEGATIVE_INFINITY;
  let latest: string | null = null;
  for (const p of status?.people ?? []) {
    if (p.at === null) continue;
    const ms = Date.parse(p.at);
    if (ms > latestMs) [latestMs, latest] = [ms, p.at];
  }
  if (latest !== null) return latest;
  let first: string | null = null;
  for (const c of schedule?.convoys ?? [])
    if (c.boards_at && (first === null || Date.parse(c.boards_at) < Date.parse(first))) first = c.boards_at;
  return first ?? fallback;
}

function sum(items: readonly HouseholdProgress[]): HouseholdProgress {
  return items.reduce(
    (a, b) => ({
      atAssemblyPoint: a.atAssemblyPoint + b.atAssemblyPoint,
      boarded: a.boarded + b.boarded,
      crossed: a.crossed + b.crossed,
      checkedIn: a.checkedIn + b.checkedIn,
    }),
    NOBODY,
  );
}

/**
 * Each convoy's share of its households' members, per household in the convoy's order. A household on two convoys
 * (a re-plan, or one too large for a vehicle) is counted once: its members are shared out in boarding order, each
 * convoy taking at most the persons it picks up.
 */
export function progressByConvoy(
  convoys: readonly Convoy[],
  progress: ReadonlyMap<string, HouseholdProgress>,
): HouseholdProgress[][] {
  const left = new Map(progress);
  const shares: HouseholdProgress[][] = convoys.map((c) => (c.households ?? []).map(() => NOBODY));
  const order = convoys
    .map((c, i) => ({ c, i }))
    .sort((a, b) => Date.parse(a.c.boards_at ?? '') - Date.parse(b.c.boards_at ?? '') || a.i - b.i);
  for (const { c, i } of order) {
    (c.households ?? []).forEach((h, k) => {
      const rest = left.get(h.household_id) ?? NOBODY;
      // Each member is in one place: the earlier convoy takes the furthest along first, up to its persons.
      let room = h.persons;
      const take = (n: number) => {
        const k = Math.min(n, room);
        room -= k;
        return k;
      };
      const crossed = take(rest.crossed);
      const boarded = take(rest.boarded);
      const atAssemblyPoint = take(rest.atAssemblyPoint);
      const share: HouseholdProgress = {
        atAssemblyPoint,
        boarded,
        crossed,
        checkedIn: crossed + boarded + atAssemblyPoint,
      };
      shares[i]![k] = share;
      left.set(h.household_id, {
        atAssemblyPoint: rest.atAssemblyPoint - share.atAssemblyPoint,
        boarded: rest.boarded - share.boarded,
        crossed: rest.crossed - share.crossed,
        checkedIn: rest.checkedIn - share.checkedIn,
      });
    });
  }
  return shares;
}

function plannedPersonsOf(c: Convoy): number {
  return c.persons ?? (c.households ?? []).reduce((n, h) => n + h.persons, 0);
}

/** Passed strictly before the clock; a missing time never has. */
function before(iso: string | undefined, clockMs: number): boolean {
  return iso !== undefined && Date.parse(iso) < clockMs;
}

/**
 * The live picture at `clock`. A convoy is late when not everyone is checked in by its boarding time, or not
 * everyone has crossed by its planned exit time; an exit window is at risk when the persons still expected cannot
 * pass at `capacityPerHour` (per exit id) before it closes.
 */
export function livePicture(
  schedule: Schedule,
  status: LiveStatus,
  clock: string,
  capacityPerHour: ReadonlyMap<string, number>,
): LivePicture {
  const clockMs = Date.parse(clock);
  const planned = schedule.convoys ?? [];
  const shares = progressByConvoy(planned, progressByHousehold(status));
  const convoys = planned.map((convoy, i): ConvoyPicture => {
    const households = convoy.households ?? [];
    const plannedPersons = plannedPersonsOf(convoy);
    const actual = sum(shares[i]!);
    const late =
      (before(convoy.boards_at, clockMs) && actual.checkedIn < plannedPersons) ||
      (before(convoy.out_by, clockMs) && actual.crossed < plannedPersons);
    const state: ConvoyState = actual.crossed >= plannedPersons ? 'done' : late ? 'late' : 'on-time';
    return {
      convoy,
      key: `${convoy.vehicle}-${convoy.vehicle_index ?? 0}-${convoy.trip}`,
      plannedHouseholds: households.length,
      plannedPersons,
      actual,
      state,
    };
  });

  const windows = (schedule.windows ?? []).map((w): WindowPicture => {
    const closesMs = Date.parse(w.closes_at);
    const through = convoys.filter(
      (c) => c.convoy.exit === w.exit && c.convoy.out_by !== undefined && Date.parse(c.convoy.out_by) <= closesMs,
    );
    const plannedPersons = through.reduce((n, c) => n + c.plannedPersons, 0);
    const crossed = through.reduce((n, c) => n + Math.min(c.actual.crossed, c.plannedPersons), 0);
    const expected = Math.max(0, plannedPersons - crossed);
    const capacity = capacityPerHour.get(w.exit);
    const hoursLeft = Math.max(0, closesMs - clockMs) / 3_600_000;
    const canStillPass = capacity === undefined ? null : Math.floor(capacity * hoursLeft);
    const atRisk = expected > 0 && (clockMs >= closesMs || (canStillPass !== null && expected > canStillPass));
    return { exit: w.exit, closesAt: w.closes_at, plannedPersons, crossed, expected, canStillPass, atRisk };
  });

  const overdue: OverdueHousehold[] = [];
  convoys.forEach((c, i) => {
    if (!before(c.convoy.boards_at, clockMs)) return;
    (c.convoy.households ?? []).forEach((h, k) => {
      const checkedIn = shares[i]![k]!.checkedIn;
      if (checkedIn < h.persons)
        overdue.push({ householdId: h.household_id, convoy: c.convoy, persons: h.persons, checkedIn });
    });
  });
  overdue.sort(
    (a, b) =>
      Date.parse(a.convoy.boards_at ?? '') - Date.parse(b.convoy.boards_at ?? '') ||
      a.householdId.localeCompare(b.householdId),
  );
  return { convoys, windows, overdue, alerts: lateAlerts(convoys, schedule, clockMs) };
}

function lateAlerts(convoys: readonly ConvoyPicture[], schedule: Schedule, clockMs: number): LateAlert[] {
  const alerts: LateAlert[] = [];
  for (const c of convoys) {
    if (c.state !== 'late') continue;
    const { convoy, plannedPersons, actual } = c;
    const behind = actual.checkedIn < plannedPersons && before(convoy.boards_at, clockMs) ? 'boarding' : 'exit';
    // The window the plan put it in: the first of its exit closing at or after its planned exit time.
    const outMs = Date.parse(convoy.out_by ?? '');
    const window = (schedule.windows ?? [])
      .filter((w) => w.exit === convoy.exit && Date.parse(w.closes_at) >= outMs)
      .sort((a, b) => Date.parse(a.closes_at) - Date.parse(b.closes_at))[0];
    // From now at the planned pace: the whole trip still to make if boarding is behind, else at least now.
    const tripMs = outMs - Date.parse(convoy.boards_at ?? convoy.out_by ?? '');
    const projectedMs = clockMs + (behind === 'boarding' && Number.isFinite(tripMs) ? tripMs : 0);
    alerts.push({
      key: c.key,
      convoy,
      behind,
      missing: plannedPersons - (behind === 'boarding' ? actual.checkedIn : actual.crossed),
      plannedPersons,
      ...(window ? { windowClosesAt: window.closes_at } : {}),
      missesWindow: window !== undefined && projectedMs > Date.parse(window.closes_at),
    });
  }
  return alerts.sort(
    (a, b) =>
      Number(b.missesWindow) - Number(a.missesWindow) ||
      Date.parse(a.convoy.out_by ?? '') - Date.parse(b.convoy.out_by ?? ''),
  );
}
