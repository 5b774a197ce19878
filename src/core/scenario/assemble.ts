// Cross-file checks and assembly: ids unique, references resolved (with "did you mean"), households whole, points on the map.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { ControlAreaFeature } from './control-areas.ts';
import { issue, type ScenarioIssue } from './issues.ts';
import type { ScenarioManifest } from './manifest.ts';
import type { Located } from './parse-table.ts';
import type {
  Checkpoint,
  Country,
  Exit,
  ExitWindow,
  FieldReport,
  Household,
  HouseholdRow,
  Person,
  Place,
  ResolvedLocation,
  Road,
  Scenario,
  Vehicle,
  VettingDecision,
} from './scenario.ts';
import { closestName } from './suggest.ts';

/** The parsed tables, each row still carrying its spreadsheet row number. */
export interface ParsedTables {
  readonly places: readonly Place[];
  readonly roads: readonly Road[];
  readonly checkpoints: readonly Checkpoint[];
  readonly exits: readonly Omit<Exit, 'windows'>[];
  readonly exitWindows: readonly ExitWindow[];
  readonly vehicles: readonly Vehicle[];
  readonly people: readonly Omit<Person, 'phone_e164' | 'resolved_location'>[];
  readonly households: readonly HouseholdRow[];
  readonly countries: readonly Country[];
  readonly vetting: readonly VettingDecision[];
  readonly fieldReports: readonly FieldReport[];
}

/** File names as the user sees them (people.csv or people.xlsx), by table. */
export type FileNames = Readonly<Record<string, string>>;

/** How far outside the places' bounding box a checkpoint or person may lie before it is "off the map". */
const MAP_MARGIN_DEG = 0.25;

export function assembleScenario(
  manifest: ScenarioManifest,
  tables: ParsedTables,
  controlAreas: readonly ControlAreaFeature[],
  files: FileNames,
  now: { referenceYear: number },
): { scenario: Scenario; issues: ScenarioIssue[] } {
  const issues: ScenarioIssue[] = [];
  const file = (table: string) => files[table] ?? `${table}.csv`;

  const uniqueIds = <T>(rows: readonly Located<T>[], table: string, key: keyof T & string) => {
    const seen = new Map<string, number>();
    for (const r of rows) {
      const value = String(r[key]);
      const first = seen.get(value);
      if (first !== undefined) {
        issues.push(
          issue('error', 'duplicate-id', file(table), `${key} "${value}" is used again (first at row ${first})`, {
            row: r._row,
            column: key,
          }),
        );
      } else seen.set(value, r._row);
    }
    return seen;
  };
  uniqueIds(tables.places, 'places', 'place_id');
  uniqueIds(tables.checkpoints, 'checkpoints', 'id');
  uniqueIds(tables.exits, 'exits', 'id');
  uniqueIds(tables.vehicles, 'vehicles', 'id');
  uniqueIds(tables.people, 'people', 'person_id');
  uniqueIds(tables.households, 'households', 'household_id');
  uniqueIds(tables.countries, 'countries', 'code');
  uniqueIds(tables.fieldReports, 'field-reports', 'id');

  const { findPlace, placeNames } = placeResolver(tables.places);
  const unknownPlace = (table: string, row: number, column: string, ref: string) => {
    const guess = closestName(ref, placeNames);
    issues.push(
      issue(
        'error',
        'unknown-place',
        file(table),
        `unknown place "${ref}"${guess ? `; did you mean "${guess}"?` : ''}`,
        { row, column },
      ),
    );
  };

  const bounds = boundsOf(tables.places);
  const onMap = (lat: number, lon: number) =>
    bounds === undefined ||
    (lat >= bounds.minLat - MAP_MARGIN_DEG &&
      lat <= bounds.maxLat + MAP_MARGIN_DEG &&
      lon >= bounds.minLon - MAP_MARGIN_DEG &&
      lon <= bounds.maxLon + MAP_MARGIN_DEG);
  const offMapMessage = (lat: number, lon: number) =>
    bounds
      ? `${lat},${lon} is outside the map (places span lat ${bounds.minLat}…${bounds.maxLat}, lon ${bounds.minLon}…${bounds.maxLon}); are lat and lon swapped?`
      : '';

  if (manifest.network.kind === 'edge-list') {
    if (tables.roads.length === 0) {
      issues.push(issue('error', 'empty-network', file('roads'), 'the network is an edge list but roads has no rows'));
    }
    for (const r of tables.roads) {
      for (const end of ['from', 'to'] as const) if (!findPlace(r[end])) unknownPlace('roads', r._row, end, r[end]);
      if (r.from === r.to)
        issues.push(
          issue('error', 'self-loop', file('roads'), `road from "${r.from}" to itself`, { row: r._row, column: 'to' }),
        );
    }
  }

  const partyIds = new Set(manifest.parties.map((p) => p.id));
  const checkParty = (table: string, row: number, column: string, party: string) => {
    if (manifest.parties.length > 0 && !partyIds.has(party)) {
      const guess = closestName(party, partyIds);
      issues.push(
        issue(
          'warning',
          'unknown-party',
          file(table),
          `party "${party}" is not listed in scenario.json parties${guess ? `; did you mean "${guess}"?` : ''}`,
          {
            row,
            column,
          },
        ),
      );
    }
  };

  for (const c of tables.checkpoints) {
    if (!onMap(c.lat, c.lon))
      issues.push(
        issue('error', 'off-map', file('checkpoints'), offMapMessage(c.lat, c.lon), { row: c._row, column: 'lat' }),
      );
    checkParty('checkpoints', c._row, 'controller', c.controller);
  }
  for (const area of controlAreas) {
    if (manifest.parties.length > 0 && !partyIds.has(area.properties.controller)) {
      issues.push(
        issue(
          'warning',
          'unknown-party',
          'control-areas.geojson',
          `area "${area.properties.id}": party "${area.properties.controller}" is not listed in scenario.json parties`,
        ),
      );
    }
  }

  const exitIds = new Set(tables.exits.map((e) => e.id));
  for (const w of tables.exitWindows) {
    if (!exitIds.has(w.exit_id)) {
      const guess = closestName(w.exit_id, exitIds);
      issues.push(
        issue(
          'error',
          'unknown-exit',
          file('exit-windows'),
          `unknown exit "${w.exit_id}"${guess ? `; did you mean "${guess}"?` : ''}`,
          { row: w._row, column: 'exit_id' },
        ),
      );
    }
    if (Date.parse(w.closes_at) <= Date.parse(w.opens_at)) {
      issues.push(
        issue('error', 'empty-window', file('exit-windows'), 'closes_at is not after opens_at', {
          row: w._row,
          column: 'closes_at',
        }),
      );
    }
  }
  const exits: Exit[] = tables.exits.map((e) => {
    if (e.place_id !== undefined && !findPlace(e.place_id)) unknownPlace('exits', e._row, 'place_id', e.place_id);
    if (!onMap(e.lat, e.lon))
      issues.push(
        issue('error', 'off-map', file('exits'), offMapMessage(e.lat, e.lon), { row: e._row, column: 'lat' }),
      );
    if (e.condition_party !== undefined) checkParty('exits', e._row, 'condition_party', e.condition_party);
    if (e.kind === 'airlift' && e.seats_per_flight === undefined) {
      issues.push(
        issue('error', 'missing-seats', file('exits'), 'an airlift needs seats_per_flight', {
          row: e._row,
          column: 'seats_per_flight',
        }),
      );
    }
    const windows = tables.exitWindows.filter((w) => w.exit_id === e.id);
    return {
      ...e,
      ...(e.place_id !== undefined ? { place_id: findPlace(e.place_id)?.place_id ?? e.place_id } : {}),
      windows,
    };
  });

  for (const v of tables.vehicles)
    if (!findPlace(v.start_place)) unknownPlace('vehicles', v._row, 'start_place', v.start_place);

  const people: Person[] = [];
  for (const p of tables.people) {
    const location = resolveLocation(p.location, findPlace);
    if (location === undefined) unknownPlace('people', p._row, 'location', p.location);
    else if (!onMap(location.lat, location.lon)) {
      issues.push(
        issue('error', 'off-map', file('people'), offMapMessage(location.lat, location.lon), {
          row: p._row,
          column: 'location',
        }),
      );
    }
    const year = p.birth_date === undefined ? undefined : Number(p.birth_date.slice(0, 4));
    if (year !== undefined && (year > now.referenceYear || year < now.referenceYear - 120)) {
      issues.push(
        issue(
          'error',
          'implausible-birth',
          file('people'),
          `birth year ${year} is not plausible for ${now.referenceYear}`,
          { row: p._row, column: 'birth_date' },
        ),
      );
    }
    let phone: string | undefined;
    if (p.phone !== undefined) {
      phone = parsePhoneNumberFromString(p.phone, 'SY')?.number;
      if (phone === undefined || !parsePhoneNumberFromString(phone)?.isPossible()) {
        phone = undefined;
        issues.push(
          issue('warning', 'invalid-phone', file('people'), `"${p.phone}" is not a phone number (kept as written)`, {
            row: p._row,
            column: 'phone',
          }),
        );
      }
    }
    people.push({
      ...p,
      ...(phone ? { phone_e164: phone } : {}),
      resolved_location: location ?? { lat: Number.NaN, lon: Number.NaN },
    });
  }

  const households = assembleHouseholds(people, tables.households, file, issues);

  const countryCodes = new Set(tables.countries.map((c) => c.code));
  const householdIds = new Set(households.map((h) => h.household_id));
  const householdOfPerson = new Map(people.map((p) => [p.person_id, p.household_id]));
  for (const v of tables.vetting) {
    if (!householdIds.has(v.household_id)) {
      const guess = closestName(v.household_id, householdIds);
      issues.push(
        issue(
          'error',
          'unknown-household',
          file('vetting'),
          `unknown household "${v.household_id}"${guess ? `; did you mean "${guess}"?` : ''}`,
          { row: v._row, column: 'household_id' },
        ),
      );
    }
    if (!countryCodes.has(v.country))
      issues.push(
        issue('error', 'unknown-country', file('vetting'), `country ${v.country} is not in countries`, {
          row: v._row,
          column: 'country',
        }),
      );
    if (v.person_id !== undefined && householdOfPerson.get(v.person_id) !== v.household_id) {
      issues.push(
        issue(
          'error',
          'person-not-in-household',
          file('vetting'),
          `person "${v.person_id}" is not a member of household "${v.household_id}"`,
          { row: v._row, column: 'person_id' },
        ),
      );
    }
  }
  const checkpointIds = new Set(tables.checkpoints.map((c) => c.id));
  for (const r of tables.fieldReports) {
    const known = r.target_kind === 'checkpoint' ? checkpointIds : r.target_kind === 'exit' ? exitIds : undefined;
    if (known && !known.has(r.target_id)) {
      const guess = closestName(r.target_id, known);
      issues.push(
        issue(
          'error',
          'unknown-target',
          file('field-reports'),
          `unknown ${r.target_kind} "${r.target_id}"${guess ? `; did you mean "${guess}"?` : ''}`,
          { row: r._row, column: 'target_id' },
        ),
      );
    }
    if (Date.parse(r.reported_at) < Date.parse(r.observed_at)) {
      issues.push(
        issue('warning', 'reported-before-observed', file('field-reports'), 'reported_at is before observed_at', {
          row: r._row,
          column: 'reported_at',
        }),
      );
    }
  }

  const scenario: Scenario = {
    manifest,
    places: tables.places,
    roads: tables.roads.map((r) => ({
      ...r,
      from: findPlace(r.from)?.place_id ?? r.from,
      to: findPlace(r.to)?.place_id ?? r.to,
    })),
    controlAreas,
    checkpoints: tables.checkpoints,
    exits,
    vehicles: tables.vehicles.map((v) => ({ ...v, start_place: findPlace(v.start_place)?.place_id ?? v.start_place })),
    people,
    households,
    countries: tables.countries,
    vetting: tables.vetting,
    fieldReports: tables.fieldReports,
  };
  return { scenario, issues };
}

/**
 * Looks places up by id, or by name (case-insensitive, Latin or Arabic), so a field team may write "Daraa"
 * where the id is "daraa". `placeNames` lists names before ids, for "did you mean" suggestions.
 */
export function placeResolver(places: readonly Place[]) {
  const placeById = new Map(places.map((p) => [p.place_id, p]));
  const placeByName = new Map<string, Place>();
  for (const p of places) {
    placeByName.set(p.name.toLowerCase(), p);
    if (p.name_arabic) placeByName.set(p.name_arabic, p);
  }
  const findPlace = (ref: string): Place | undefined =>
    placeById.get(ref) ?? placeByName.get(ref.toLowerCase()) ?? placeByName.get(ref);
  return { findPlace, placeNames: [...places.map((p) => p.name), ...places.map((p) => p.place_id)] };
}

function boundsOf(places: readonly Place[]) {
  if (places.length === 0) return undefined;
  const lats = places.map((p) => p.lat);
  const lons = places.map((p) => p.lon);
  return { minLat: Math.min(...lats), maxLat: Math.max(...lats), minLon: Math.min(...lons), maxLon: Math.max(...lons) };
}

/** A location cell is "lat,lon" or a place reference. */
export function resolveLocation(
  ref: string,
  findPlace: (ref: string) => Place | undefined,
): ResolvedLocation | undefined {
  const coordinates = /^\s*(-?\d+(?:\.\d+)?)\s*[,;\s]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(ref);
  if (coordinates) return { lat: Number(coordinates[1]), lon: Number(coordinates[2]) };
  const place = findPlace(ref);
  return place ? { lat: place.lat, lon: place.lon, place_id: place.place_id } : undefined;
}

/** Groups people into households and checks each has members and one head. */
function assembleHouseholds(
  people: readonly Person[],
  rows: readonly HouseholdRow[],
  file: (table: string) => string,
  issues: ScenarioIssue[],
): Household[] {
  const members = new Map<string, Person[]>();
  for (const p of people) {
    const list = members.get(p.household_id);
    if (list) list.push(p);
    else members.set(p.household_id, [p]);
  }
  const details = new Map(rows.map((r) => [r.household_id, r]));
  for (const r of rows) {
    if (!members.has(r.household_id)) {
      issues.push(
        issue(
          'error',
          'empty-household',
          file('households'),
          `household "${r.household_id}" has no members in people`,
          { row: r._row, column: 'household_id' },
        ),
      );
    }
  }
  const households: Household[] = [];
  for (const [householdId, list] of members) {
    const heads = list.filter((p) => p.relationship === 'head');
    if (heads.length === 0) {
      issues.push(
        issue(
          'warning',
          'no-head',
          file('people'),
          `household "${householdId}" has no member with relationship head; the first listed is taken`,
          { row: list[0]!._row, column: 'relationship' },
        ),
      );
    } else if (heads.length > 1) {
      issues.push(
        issue(
          'warning',
          'several-heads',
          file('people'),
          `household "${householdId}" has ${heads.length} heads (rows ${heads.map((h) => h._row).join(', ')})`,
          { row: heads[1]!._row, column: 'relationship' },
        ),
      );
    }
    checkGenerations(list, heads[0] ?? list[0]!, file, issues);
    const detail = details.get(householdId);
    households.push({
      household_id: householdId,
      member_ids: list.map((p) => p.person_id),
      head_id: (heads[0] ?? list[0]!).person_id,
      ...(detail ? { details: detail } : {}),
    });
  }
  return households;
}

/** Youngest plausible age of a parent at a child's birth; below it the rows are probably swapped or mistyped. */
const MIN_PARENT_AGE = 12;

/**
 * Children must be plausibly younger than the head and spouse, and parents older: a child born before the head
 * was twelve usually means a relationship or a birth year was entered wrongly.
 */
function checkGenerations(
  members: readonly Person[],
  head: Person,
  file: (table: string) => string,
  issues: ScenarioIssue[],
): void {
  const year = (p: Person) => (p.birth_date === undefined ? undefined : Number(p.birth_date.slice(0, 4)));
  const adults = members.filter((p) => p.relationship === 'head' || p.relationship === 'spouse');
  const youngestAdult = Math.max(...adults.map(year).filter((y): y is number => y !== undefined));
  const headYear = year(head);
  for (const p of members) {
    const y = year(p);
    if (y === undefined) continue;
    if (p.relationship === 'child' && Number.isFinite(youngestAdult) && y < youngestAdult + MIN_PARENT_AGE) {
      issues.push(
        issue(
          'warning',
          'implausible-child',
          file('people'),
          `born ${y}, but a parent of this household was born ${youngestAdult}; check the relationship or the year`,
          {
            row: p._row,
            column: 'birth_date',
          },
        ),
      );
    }
    if (p.relationship === 'parent' && headYear !== undefined && y > headYear - MIN_PARENT_AGE) {
      issues.push(
        issue(
          'warning',
          'implausible-parent',
          file('people'),
          `born ${y}, too young to be the parent of the head (born ${headYear})`,
          {
            row: p._row,
            column: 'birth_date',
          },
        ),
      );
    }
  }
}
