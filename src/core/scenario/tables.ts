// Every table of a scenario folder: columns, units and header synonyms. The single source of truth for files, docs and JSON Schema.
import { z } from 'zod';
import { ROAD_CLASSES } from '../graph/road-graph.ts';
import {
  birthDate,
  id,
  instant,
  integer,
  latitude,
  list,
  longitude,
  number,
  oneOf,
  optional,
  text,
  withDefault,
  yesNo,
} from './cells.ts';
import { column, defineTable } from './table-spec.ts';
import {
  CHECKPOINT_KINDS,
  CHECKPOINT_STATUSES,
  CONDITION_STATES,
  DOC_TYPES,
  EXIT_KINDS,
  PERSON_FLAGS,
  PLACE_KINDS,
  PROFILES,
  RELATIONSHIPS,
  RELIABILITY,
  REPORT_TARGETS,
  ROLES,
  SEXES,
  UNHCR_CATEGORIES,
  VEHICLE_TYPES,
  VETTING_OUTCOMES,
} from './vocabulary.ts';

const iso3 = () => text().pipe(z.string().regex(/^[A-Za-z]{3}$/, { error: 'must be a 3-letter ISO country code' }));
const countryCode = () => iso3().transform((s) => s.toUpperCase());
const riskCell = (profile: string) =>
  column(
    optional(number(0, 1)),
    `Probability (0..1) that a ${profile.replaceAll('_', ' ')} group is detained or turned back here while it is open; blank = not known (priced as a checkpoint of unknown status).`,
  );

export const placesTable = defineTable('places', 'Towns, assembly points, destinations and airstrips.', {
  place_id: column(id(), 'Unique id of the place.', ['id', 'place']),
  name: column(text(), 'Name in Latin letters, as on maps.', ['name_en', 'town', 'الاسم']),
  name_arabic: column(optional(z.string()), 'Name in Arabic script.', ['name_ar', 'arabic_name', 'الاسم بالعربية']),
  kind: column(oneOf(PLACE_KINDS), `What the place is: ${PLACE_KINDS.join(', ')}.`, ['type']),
  lat: column(latitude(), 'Latitude, WGS84 degrees.', ['latitude']),
  lon: column(longitude(), 'Longitude, WGS84 degrees.', ['lng', 'long', 'longitude']),
  governorate: column(optional(z.string()), 'Governorate or region (for reports).', ['region', 'admin1']),
  population: column(optional(integer(0, 1e8)), 'Population, if known.'),
});

export const roadsTable = defineTable(
  'roads',
  'Road links between places (network kind "edge-list"); two-way unless oneway.',
  {
    from: column(text(), 'place_id (or place name) at one end.', ['from_place', 'source']),
    to: column(text(), 'place_id (or place name) at the other end.', ['to_place', 'target']),
    km: column(number(0.01, 2000), 'Road length in kilometres.', ['distance_km', 'distance', 'length_km']),
    road_class: column(withDefault(oneOf(ROAD_CLASSES), 'secondary'), `Road class: ${ROAD_CLASSES.join(', ')}.`, [
      'class',
      'highway',
    ]),
    oneway: column(withDefault(yesNo(), false), 'yes if the link may only be driven from → to.'),
    speed_kmh: column(optional(number(1, 200)), 'Typical speed in km/h; default by road class.', ['speed']),
    capacity_vph: column(optional(number(1, 20000)), 'Capacity in vehicles per hour; default by road class.', [
      'capacity',
    ]),
  },
  { optionalFile: true },
);

export const checkpointsTable = defineTable('checkpoints', 'Checkpoints and roadblocks with their last known status.', {
  id: column(id(), 'Unique id.', ['checkpoint_id']),
  name: column(text(), 'Name used by the field teams.'),
  lat: column(latitude(), 'Latitude, WGS84 degrees (on or next to the road).', ['latitude']),
  lon: column(longitude(), 'Longitude, WGS84 degrees.', ['lng', 'long', 'longitude']),
  controller: column(text(), 'Party id that controls it (see scenario.json parties).', ['party']),
  kind: column(withDefault(oneOf(CHECKPOINT_KINDS), 'checkpoint'), `${CHECKPOINT_KINDS.join(' or ')}.`, ['type']),
  status: column(oneOf(CHECKPOINT_STATUSES), `Last reported status: ${CHECKPOINT_STATUSES.join(', ')}.`),
  confidence: column(withDefault(number(0, 1), 0.5), 'Confidence in the status, 0..1.'),
  reported_at: column(instant(), 'Time of the last report, ISO 8601 with offset.', ['last_report', 'reported']),
  risk_military_age_man: riskCell('military_age_man'),
  risk_woman: riskCell('woman'),
  risk_child: riskCell('child'),
  risk_elderly: riskCell('elderly'),
  risk_medical: riskCell('medical'),
});

export const exitsTable = defineTable('exits', 'Border crossings, lines and air options out of the area.', {
  id: column(id(), 'Unique id.', ['exit_id']),
  name: column(text(), 'Name.'),
  name_arabic: column(optional(z.string()), 'Name in Arabic script.', ['name_ar']),
  kind: column(oneOf(EXIT_KINDS), `${EXIT_KINDS.join(', ')}.`, ['type']),
  lat: column(latitude(), 'Latitude, WGS84 degrees.', ['latitude']),
  lon: column(longitude(), 'Longitude, WGS84 degrees.', ['lng', 'long', 'longitude']),
  place_id: column(
    optional(z.string()),
    'The place (node of the network) where the exit is reached; nearest place if blank.',
    ['place'],
  ),
  capacity_per_hour: column(number(0, 100000), 'People per hour that can pass while open.', ['capacity']),
  destination_country: column(optional(countryCode()), 'ISO alpha-3 of the country on the other side.'),
  condition: column(optional(z.string()), 'Condition for passage, in words (e.g. "consent of Israel").'),
  condition_party: column(optional(z.string()), 'Party id whose consent is needed.'),
  condition_met: column(
    withDefault(oneOf(CONDITION_STATES), 'yes'),
    'Is the condition met: yes, no, unknown (anything but yes keeps the exit closed).',
  ),
  seats_per_flight: column(optional(integer(1, 1000)), 'For airlift: seats per flight.'),
});

export const exitWindowsTable = defineTable('exit-windows', 'When each exit is open (one row per window).', {
  exit_id: column(text(), 'Exit id.', ['exit']),
  opens_at: column(instant(), 'Opening time, ISO 8601 with offset.', ['opens', 'from']),
  closes_at: column(instant(), 'Closing time, ISO 8601 with offset.', ['closes', 'until']),
});

export const vehiclesTable = defineTable('vehicles', 'Vehicles available for convoys.', {
  id: column(id(), 'Unique id of the vehicle group.', ['vehicle_id']),
  type: column(oneOf(VEHICLE_TYPES), `${VEHICLE_TYPES.join(', ')}.`),
  seats: column(integer(1, 1000), 'Passenger seats per vehicle.', ['capacity']),
  count: column(withDefault(integer(1, 10000), 1), 'How many such vehicles.', ['number']),
  start_place: column(text(), 'place_id (or place name) where they start.', ['start', 'location']),
  speed_kmh: column(optional(number(1, 1000)), 'Cruising speed in km/h if it differs from the road speed.'),
});

export const peopleTable = defineTable('people', 'Every person to evacuate, one row each.', {
  person_id: column(id(), 'Unique id of the person.', ['id', 'رقم', 'الرقم']),
  household_id: column(id(), 'Household (case) id; members of one household travel together.', [
    'household',
    'family_id',
    'case_id',
    'رقم العائلة',
  ]),
  relationship: column(
    withDefault(oneOf(RELATIONSHIPS), 'other'),
    `Relationship to the household head: ${RELATIONSHIPS.join(', ')}.`,
    ['relation', 'صلة القرابة'],
  ),
  given_name: column(text(), 'Given name in Latin letters, as in the travel document if there is one.', [
    'first_name',
    'first name',
    'name',
    'الاسم',
    'doc_given_names',
  ]),
  father_name: column(optional(z.string()), "Father's name in Latin letters.", ['father', "father's name", 'اسم الأب']),
  family_name: column(text(), 'Family name in Latin letters.', [
    'surname',
    'last_name',
    'last name',
    'family',
    'الكنية',
    'اسم العائلة',
    'doc_surname',
  ]),
  name_arabic: column(optional(z.string()), 'Full name in Arabic script.', [
    'name_native_script',
    'arabic_name',
    'الاسم الكامل',
  ]),
  sex: column(oneOf(SEXES), 'M, F or X.', ['gender', 'الجنس']),
  birth_date: column(optional(birthDate()), 'YYYY-MM-DD, or YYYY if only the year is known.', [
    'dob',
    'date_of_birth',
    'birth',
    'تاريخ الميلاد',
  ]),
  birth_date_estimated: column(withDefault(yesNo(), false), 'yes if the birth date is an estimate.'),
  role: column(oneOf(ROLES), 'volunteer (the named target) or family (member of a volunteer family).', [
    'type',
    'category',
  ]),
  phone: column(optional(z.string()), 'Phone as written; normalised to E.164 (default region Syria).', [
    'mobile',
    'tel',
    'telephone',
    'الهاتف',
    'الموبايل',
  ]),
  location: column(text(), 'Where the person is now: a place id or name, or "lat,lon".', [
    'current_location',
    'town',
    'المكان',
    'الموقع',
  ]),
  medical_needs: column(optional(z.string()), 'Medical needs in words; blank if none.', ['medical', 'الحالة الصحية']),
  flags: column(list(oneOf(PERSON_FLAGS)), `Any of: ${PERSON_FLAGS.join(', ')} (separated by ;).`),
  notes: column(optional(z.string()), 'Free notes (sensitive: never shared with a government by default).', [
    'ملاحظات',
  ]),
  source_list: column(optional(z.string()), 'Which field list this row came from.', ['source', 'list']),
  nationality: column(withDefault(countryCode(), 'SYR'), 'ISO alpha-3 nationality.'),
  doc_type: column(withDefault(oneOf(DOC_TYPES), 'none'), `Travel or identity document: ${DOC_TYPES.join(', ')}.`),
  doc_number: column(optional(z.string()), 'Document number.'),
});

export const householdsTable = defineTable(
  'households',
  'Household facts beyond their members (resettlement preferences); optional.',
  {
    household_id: column(id(), 'Household id (as in people).', ['household']),
    preferred_countries: column(
      list(countryCode()),
      'Countries the household prefers, best first (ISO alpha-3, ; separated).',
    ),
    ties_countries: column(list(countryCode()), 'Countries where the household has relatives.'),
    languages: column(
      list(z.string().regex(/^[a-z]{2}$/, { error: 'must be a 2-letter language code' })),
      'Languages spoken (ISO 639-1).',
    ),
    unhcr_category: column(
      optional(oneOf(UNHCR_CATEGORIES)),
      `Primary UNHCR submission category: ${UNHCR_CATEGORIES.join(', ')}.`,
    ),
    unhcr_category_secondary: column(optional(oneOf(UNHCR_CATEGORIES)), 'Secondary UNHCR category.'),
    notes: column(optional(z.string()), 'Free notes.'),
  },
  { optionalFile: true },
);

export const countriesTable = defineTable(
  'countries',
  'Partner countries for resettlement and their quotas.',
  {
    code: column(countryCode(), 'ISO alpha-3 code.', ['country']),
    name: column(text(), 'Name.'),
    quota_persons: column(optional(integer(0, 1e6)), 'Most persons it accepts.', ['quota']),
    quota_households: column(optional(integer(0, 1e6)), 'Most households it accepts.'),
    medical_capacity: column(optional(integer(0, 1e6)), 'Most persons with medical needs it can take.'),
    languages: column(
      list(z.string().regex(/^[a-z]{2}$/, { error: 'must be a 2-letter language code' })),
      'Languages with integration support (ISO 639-1).',
    ),
    accepts_categories: column(list(oneOf(UNHCR_CATEGORIES)), 'UNHCR categories it accepts (blank = all).'),
  },
  { optionalFile: true },
);

export const vettingTable = defineTable(
  'vetting',
  'Security vetting decisions per household and country.',
  {
    household_id: column(text(), 'Household id.', ['household']),
    country: column(countryCode(), 'ISO alpha-3 country code.'),
    outcome: column(oneOf(VETTING_OUTCOMES), `${VETTING_OUTCOMES.join(', ')}.`, ['decision', 'status']),
    person_id: column(
      optional(z.string()),
      'Blank for the whole household; a person id for a decision on one member (a split decision).',
    ),
    decided_at: column(optional(instant()), 'When decided.'),
  },
  { optionalFile: true },
);

export const fieldReportsTable = defineTable(
  'field-reports',
  'Field reports that change the situation, rated on the Admiralty scale.',
  {
    id: column(id(), 'Unique id.', ['report_id']),
    observed_at: column(instant(), 'When the thing was seen.'),
    reported_at: column(instant(), 'When it was reported.'),
    source: column(text(), 'Who reported (a code name, not a real name).'),
    reliability: column(oneOf(RELIABILITY), 'Source reliability A (reliable) … F (cannot be judged).'),
    credibility: column(integer(1, 6), 'Information credibility 1 (confirmed) … 6 (cannot be judged).'),
    target_kind: column(oneOf(REPORT_TARGETS), `What it is about: ${REPORT_TARGETS.join(', ')}.`),
    target_id: column(text(), 'Id of the checkpoint, exit or road ("from-to").'),
    new_status: column(oneOf(CHECKPOINT_STATUSES), 'Status it reports: open, closed, unknown.', ['status']),
    expires_at: column(optional(instant()), 'When the report stops being relevant.'),
    notes: column(optional(z.string()), 'What was seen.'),
  },
  { optionalFile: true },
);

/** All tables in the order validate reads them. */
export const TABLES = [
  placesTable,
  roadsTable,
  checkpointsTable,
  exitsTable,
  exitWindowsTable,
  vehiclesTable,
  peopleTable,
  householdsTable,
  countriesTable,
  vettingTable,
  fieldReportsTable,
] as const;

export { PROFILES };
export type PlaceRow = z.output<typeof placesTable.row>;
