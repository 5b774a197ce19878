// Printable manifests from a schedule: one CSV per convoy and one per exit slot (people by id; names joined by caller).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Movement, Schedule } from '../../core/scheduling/types.ts';

/** Person ids per household; a household without an entry is listed as one line with its head count. */
export type PeopleOfHousehold = ReadonlyMap<string, readonly string[]>;

const CONVOY_COLUMNS = [
  'manifest_version',
  'leg',
  'convoy_id',
  'departure_step',
  'origin_node',
  'exit_id',
  'exit_step',
  'household_id',
  'person_id',
  'persons',
] as const;
const SLOT_COLUMNS = [
  'manifest_version',
  'exit_id',
  'exit_step',
  'convoy_id',
  'household_id',
  'person_id',
  'persons',
] as const;

/** RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV text with CRLF line ends (RFC 4180), header first. */
export function csv(columns: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return `${[columns, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** The convoy id of movement `i`: stable within one schedule version. */
export function convoyId(i: number): string {
  return `C${String(i + 1).padStart(4, '0')}`;
}

/** Lines of one movement: one per person when ids are known, else one per household with its count. */
function peopleLines(
  m: Movement,
  people: PeopleOfHousehold,
): { householdId: string; personId: string; persons: number }[] {
  return m.groups.flatMap((g) => {
    const ids = people.get(g.groupId);
    // A split household lists only as many of its ids as ride here; the caller's order decides who (unverified).
    if (ids && ids.length >= g.persons)
      return ids.slice(0, g.persons).map((personId) => ({ householdId: g.groupId, personId, persons: 1 }));
    return [{ householdId: g.groupId, personId: '', persons: g.persons }];
  });
}

/** CSV text per convoy (file name → content). `version` is stamped on every line so a reprint can be diffed. */
export function convoyManifests(schedule: Schedule, people: PeopleOfHousehold, version: number): Map<string, string> {
  const files = new Map<string, string>();
  schedule.movements.forEach((m, i) => {
    const id = convoyId(i);
    const rows = peopleLines(m, people).map((p) => [
      version,
      1,
      id,
      m.departureStep,
      m.originNode,
      m.exitId,
      m.exitStep,
      p.householdId,
      p.personId,
      p.persons,
    ]);
    files.set(`convoy-${id}.csv`, csv(CONVOY_COLUMNS, rows));
  });
  return files;
}

/** CSV text per (exit, step) slot, for the crossing's own list. */
export function exitSlotManifests(schedule: Schedule, people: PeopleOfHousehold, version: number): Map<string, string> {
  const bySlot = new Map<string, (string | number)[][]>();
  schedule.movements.forEach((m, i) => {
    const key = `exit-${m.exitId}-step-${String(m.exitStep).padStart(5, '0')}.csv`;
    const rows = bySlot.get(key) ?? [];
    for (const p of peopleLines(m, people))
      rows.push([version, m.exitId, m.exitStep, convoyId(i), p.householdId, p.personId, p.persons]);
    bySlot.set(key, rows);
  });
  return new Map([...bySlot].map(([name, rows]) => [name, csv(SLOT_COLUMNS, rows)]));
}

/** Writes both sets under `dir/convoys` and `dir/exit-slots`; returns the paths written. */
export async function writeManifests(
  dir: string,
  schedule: Schedule,
  people: PeopleOfHousehold,
  version = 1,
): Promise<string[]> {
  return writeManifestFolders(dir, [
    ['convoys', convoyManifests(schedule, people, version)],
    ['exit-slots', exitSlotManifests(schedule, people, version)],
  ]);
}

/** Writes each set of files (name → CSV text) into its subfolder of `dir`; returns the paths written. */
export async function writeManifestFolders(
  dir: string,
  sets: readonly (readonly [string, Iterable<readonly [string, string]>])[],
): Promise<string[]> {
  const written: string[] = [];
  for (const [sub, files] of sets) {
    await mkdir(join(dir, sub), { recursive: true });
    for (const [name, text] of files) {
      const path = join(dir, sub, name);
      await writeFile(path, text, 'utf8');
      written.push(path);
    }
  }
  return written;
}
