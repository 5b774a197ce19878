// Printable convoy manifests: one CSV per vehicle trip and one per exit slot, people joined in by the caller.
import type { Convoy, ConvoySchedule } from '../../core/scheduling/convoy-types.ts';
import { csv, writeManifestFolders } from './manifest-csv.ts';

/**
 * One person of a household as the caller wants them printed: `personId` plus any extra columns (document
 * surname, given names, sex, birth date, document type and number…), printed in first-seen order.
 */
export interface ManifestPerson {
  readonly personId: string;
  readonly [column: string]: string | number | undefined;
}

/** Persons per household id; a household without an entry is printed as one line with its head count. */
export type PersonsOfGroup = ReadonlyMap<string, readonly ManifestPerson[]>;

export interface ConvoyManifestOptions {
  /** Stamped on every line so a reprint can be diffed against the previous version. */
  readonly version: number;
  /** Step → printed time (e.g. '2018-07-21T21:10+03:00'); default: the step number. */
  readonly formatStep?: (step: number) => string;
}

const TRIP_COLUMNS = [
  'manifest_version',
  'vehicle_id',
  'vehicle_index',
  'seats',
  'trip',
  'departure',
  'assembly_point_id',
  'boarding',
  'leaves_assembly_point',
  'exit_id',
  'exit_arrival',
  'exit_passage',
  'household_id',
  'person_id',
  'persons',
] as const;
const SLOT_COLUMNS = [
  'manifest_version',
  'exit_id',
  'exit_passage',
  'vehicle_id',
  'vehicle_index',
  'trip',
  'household_id',
  'person_id',
  'persons',
] as const;

/** Extra columns over all persons, in first-seen order (the same in every file of one export). */
function extraColumns(people: PersonsOfGroup): string[] {
  const seen = new Set<string>();
  for (const persons of people.values()) {
    for (const p of persons) for (const key of Object.keys(p)) if (key !== 'personId') seen.add(key);
  }
  return [...seen];
}

/** A name safe in any file system: letters, digits, '-' and '_' kept, the rest '_'. */
function fileSafe(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** File name of a trip's manifest. */
export function convoyFileName(c: Convoy): string {
  return `convoy-${fileSafe(c.vehicleId)}-${String(c.vehicleIndex).padStart(3, '0')}-trip-${String(c.trip).padStart(2, '0')}.csv`;
}

/**
 * Lines of one household in one convoy at the exit: persons `from .. from + count - 1` of its list (a crossing may
 * pass a household over consecutive steps), or one line with the count when the caller gave no persons.
 */
function personLines(
  people: PersonsOfGroup,
  extras: readonly string[],
  householdId: string,
  from: number,
  count: number,
): (string | number)[][] {
  const persons = people.get(householdId);
  if (!persons || persons.length < from + count) return [[householdId, '', count, ...extras.map(() => '')]];
  return persons
    .slice(from, from + count)
    .map((p) => [householdId, p.personId, 1, ...extras.map((key) => p[key] ?? '')]);
}

/** CSV text per vehicle trip (file name → content). */
export function convoyTripManifests(
  schedule: ConvoySchedule,
  people: PersonsOfGroup,
  options: ConvoyManifestOptions,
): Map<string, string> {
  const at = options.formatStep ?? String;
  const extras = extraColumns(people);
  const files = new Map<string, string>();
  for (const c of schedule.convoys) {
    const head = [
      options.version,
      c.vehicleId,
      c.vehicleIndex,
      c.seats,
      c.trip,
      at(c.departureStep),
      c.assemblyPointId,
      at(c.boardingStep),
      at(c.loadedDepartureStep),
      c.exitId,
      at(c.exitArrivalStep),
    ];
    const rows: (string | number)[][] = [];
    let from = 0;
    let household = '';
    for (const p of c.exitPassages) {
      if (p.groupId !== household) {
        household = p.groupId;
        from = 0;
      }
      for (const line of personLines(people, extras, p.groupId, from, p.persons))
        rows.push([...head, at(p.step), ...line]);
      from += p.persons;
    }
    files.set(convoyFileName(c), csv([...TRIP_COLUMNS, ...extras], rows));
  }
  return files;
}

/** CSV text per (exit, step) slot, for the crossing's or the flight's own list. */
export function convoyExitSlotManifests(
  schedule: ConvoySchedule,
  people: PersonsOfGroup,
  options: ConvoyManifestOptions,
): Map<string, string> {
  const at = options.formatStep ?? String;
  const extras = extraColumns(people);
  const bySlot = new Map<string, { exitId: string; step: number; rows: (string | number)[][] }>();
  for (const c of schedule.convoys) {
    let from = 0;
    let household = '';
    for (const p of c.exitPassages) {
      if (p.groupId !== household) {
        household = p.groupId;
        from = 0;
      }
      const name = `exit-${fileSafe(c.exitId)}-step-${String(p.step).padStart(5, '0')}.csv`;
      const slot = bySlot.get(name) ?? { exitId: c.exitId, step: p.step, rows: [] };
      for (const line of personLines(people, extras, p.groupId, from, p.persons)) {
        slot.rows.push([options.version, c.exitId, at(p.step), c.vehicleId, c.vehicleIndex, c.trip, ...line]);
      }
      bySlot.set(name, slot);
      from += p.persons;
    }
  }
  const names = [...bySlot.keys()].sort();
  return new Map(names.map((name) => [name, csv([...SLOT_COLUMNS, ...extras], bySlot.get(name)!.rows)]));
}

/**
 * Writes the trip manifests under `dir/convoys` and the slot manifests under `dir/exit-slots`; returns the paths.
 * @example await writeConvoyManifests('out/manifests', schedule, personsOfGroup, { version: 2, formatStep })
 */
export async function writeConvoyManifests(
  dir: string,
  schedule: ConvoySchedule,
  people: PersonsOfGroup,
  options: ConvoyManifestOptions,
): Promise<string[]> {
  return writeManifestFolders(dir, [
    ['convoys', convoyTripManifests(schedule, people, options)],
    ['exit-slots', convoyExitSlotManifests(schedule, people, options)],
  ]);
}
