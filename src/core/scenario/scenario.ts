// The Scenario: every typed table of a scenario folder, with places resolved and households assembled.
import type { z } from 'zod';
import type { ControlAreaFeature } from './control-areas.ts';
import type { ScenarioManifest } from './manifest.ts';
import type { Located } from './parse-table.ts';
import type {
  checkpointsTable,
  countriesTable,
  exitsTable,
  exitWindowsTable,
  fieldReportsTable,
  householdsTable,
  peopleTable,
  placesTable,
  roadsTable,
  vehiclesTable,
  vettingTable,
} from './tables.ts';

type RowOf<T extends { row: z.ZodType }> = Located<z.output<T['row']>>;

export type Place = RowOf<typeof placesTable>;
export type Road = RowOf<typeof roadsTable>;
export type Checkpoint = RowOf<typeof checkpointsTable>;
export type ExitWindow = RowOf<typeof exitWindowsTable>;
export type Vehicle = RowOf<typeof vehiclesTable>;
export type HouseholdRow = RowOf<typeof householdsTable>;
export type Country = RowOf<typeof countriesTable>;
export type VettingDecision = RowOf<typeof vettingTable>;
export type FieldReport = RowOf<typeof fieldReportsTable>;
export type Exit = RowOf<typeof exitsTable> & { readonly windows: readonly ExitWindow[] };

/** Where a person is: always coordinates, plus the place when the location named one. */
export interface ResolvedLocation {
  readonly lat: number;
  readonly lon: number;
  readonly place_id?: string;
}

export type Person = RowOf<typeof peopleTable> & {
  /** The phone in E.164 form when it could be read (libphonenumber, default region SY). */
  readonly phone_e164?: string;
  readonly resolved_location: ResolvedLocation;
};

/** A household (UNHCR case): its members from people, plus the optional households row. */
export interface Household {
  readonly household_id: string;
  readonly member_ids: readonly string[];
  /** The member with relationship head, else the first member listed. */
  readonly head_id: string;
  readonly details?: HouseholdRow;
}

export interface Scenario {
  readonly manifest: ScenarioManifest;
  readonly places: readonly Place[];
  readonly roads: readonly Road[];
  readonly controlAreas: readonly ControlAreaFeature[];
  readonly checkpoints: readonly Checkpoint[];
  readonly exits: readonly Exit[];
  readonly vehicles: readonly Vehicle[];
  readonly people: readonly Person[];
  readonly households: readonly Household[];
  readonly countries: readonly Country[];
  readonly vetting: readonly VettingDecision[];
  readonly fieldReports: readonly FieldReport[];
}

/** Counts for the one-line summary of `validate` and `plan`. */
export interface ScenarioSummary {
  readonly people: number;
  readonly households: number;
  readonly volunteers: number;
  readonly places: number;
  readonly roads: number;
  readonly checkpoints: number;
  readonly checkpointsClosed: number;
  readonly exits: number;
  readonly vehicles: number;
  readonly seats: number;
  readonly countries: number;
  readonly fieldReports: number;
}

export function summarise(s: Scenario): ScenarioSummary {
  return {
    people: s.people.length,
    households: s.households.length,
    volunteers: s.people.filter((p) => p.role === 'volunteer').length,
    places: s.places.length,
    roads: s.roads.length,
    checkpoints: s.checkpoints.length,
    checkpointsClosed: s.checkpoints.filter((c) => c.status === 'closed').length,
    exits: s.exits.length,
    vehicles: s.vehicles.reduce((n, v) => n + v.count, 0),
    seats: s.vehicles.reduce((n, v) => n + v.count * v.seats, 0),
    countries: s.countries.length,
    fieldReports: s.fieldReports.length,
  };
}
