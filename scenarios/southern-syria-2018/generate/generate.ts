// Entry point of `npm run demo:generate`: rebuilds every file of the southern-Syria demo scenario from real open data.

import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildControlAreas, controlAreasGeoJson, PARTIES } from './control.ts';
import { writeCsv } from './csv.ts';
import { buildGeography } from './geography.ts';
import { loadNamePools } from './names.ts';
import { buildNetwork } from './network.ts';
import { generatePeople, PEOPLE_COLUMNS } from './people.ts';
import { createRandom } from './random.ts';
import { buildCountries, buildPreferences, buildVetting, countryRows } from './resettlement.ts';
import { openSharedData } from './shared-data.ts';
import { buildExits, buildFieldReports, placeCheckpoints, START_TIME, VEHICLES } from './situation.ts';

/** Changing the seed changes every synthetic person; keep it fixed so the bundled files stay byte-identical. */
const SEED = 20180722;
const HOUSEHOLDS = 250;

const generateDir = dirname(fileURLToPath(import.meta.url));
const scenarioDir = resolve(generateDir, '..');
const repoRoot = resolve(scenarioDir, '../..');
const out = (name: string): string => join(scenarioDir, name);

const data = openSharedData(repoRoot);
// Separate streams per concern, so that changing one part does not reshuffle the others.
const random = { situation: createRandom(SEED), people: createRandom(SEED + 1), resettlement: createRandom(SEED + 2) };

const geography = buildGeography(data);
const roads = buildNetwork(data, geography);
const areas = buildControlAreas(data);
const checkpoints = placeCheckpoints(roads, areas, geography, random.situation);
const exits = buildExits(geography);
const reports = buildFieldReports(checkpoints);
const pools = loadNamePools(data);
const { households, people, duplicates } = generatePeople(pools, geography, random.people, HOUSEHOLDS);
const countries = buildCountries(data);
const preferences = buildPreferences(households, countries, random.resettlement);
const vetting = buildVetting(preferences, random.resettlement);

const scenario = {
  format: 'safepassage-scenario/1',
  name: 'Southern Syria, July 2018',
  description:
    'Demo scenario after the July 2018 evacuation of civil-defence volunteers and their families from southern Syria. Real geography; every person is invented; control areas and checkpoints are an illustrative reconstruction.',
  start_time: START_TIME,
  time_zone: 'Asia/Damascus',
  horizon_hours: 48,
  network: { kind: 'edge-list', file: 'roads.csv' },
  parties: PARTIES.map(({ id, name, stance }) => ({ id, name, stance })),
  parameters: {
    risk: { risk_weight_s: 3600, max_acceptable_risk: 0.5, report_half_life_h: 36, unknown_status_risk: 0.35 },
    triage: { military_age_min: 16, military_age_max: 45 },
    scheduling: { step_minutes: 2, allow_household_split: false },
  },
};
writeFileSync(out('scenario.json'), `${JSON.stringify(scenario, null, 2)}\n`, 'utf8');

writeCsv(
  out('places.csv'),
  ['place_id', 'name', 'name_arabic', 'kind', 'lat', 'lon', 'governorate', 'population'],
  geography.places.map((p) => ({
    place_id: p.id,
    name: p.name,
    name_arabic: p.nameArabic || undefined,
    kind: p.kind,
    lat: p.lat,
    lon: p.lon,
    governorate: p.governorate,
    population: p.population,
  })),
);
writeCsv(
  join(generateDir, 'place-sources.csv'),
  ['place_id', 'source'],
  geography.places.map((p) => ({ place_id: p.id, source: p.source })),
);
writeCsv(
  out('roads.csv'),
  ['from', 'to', 'km', 'road_class', 'oneway', 'speed_kmh', 'capacity_vph'],
  roads.map((r) => ({ from: r.from, to: r.to, km: r.km, road_class: r.roadClass, oneway: 'no' })),
);
writeCsv(
  join(generateDir, 'road-sources.csv'),
  ['from', 'to', 'source'],
  roads.map((r) => ({ from: r.from, to: r.to, source: r.source })),
);
writeFileSync(out('control-areas.geojson'), controlAreasGeoJson(areas), 'utf8');
writeCsv(
  out('checkpoints.csv'),
  [
    'id',
    'name',
    'lat',
    'lon',
    'controller',
    'kind',
    'status',
    'confidence',
    'reported_at',
    'risk_military_age_man',
    'risk_woman',
    'risk_child',
    'risk_elderly',
    'risk_medical',
  ],
  checkpoints.map((c) => ({
    id: c.id,
    name: c.name,
    lat: c.lat,
    lon: c.lon,
    controller: c.controller,
    kind: c.kind,
    status: c.status,
    confidence: c.confidence,
    reported_at: c.reportedAt,
    risk_military_age_man: c.risk.military_age_man,
    risk_woman: c.risk.woman,
    risk_child: c.risk.child,
    risk_elderly: c.risk.elderly,
    risk_medical: c.risk.medical,
  })),
);
writeCsv(
  out('exits.csv'),
  [
    'id',
    'name',
    'name_arabic',
    'kind',
    'lat',
    'lon',
    'place_id',
    'capacity_per_hour',
    'destination_country',
    'condition',
    'condition_party',
    'condition_met',
    'seats_per_flight',
  ],
  exits.map((e) => ({
    id: e.id,
    name: e.name,
    name_arabic: e.nameArabic || undefined,
    kind: e.kind,
    lat: e.lat,
    lon: e.lon,
    place_id: e.placeId,
    capacity_per_hour: e.capacityPerHour,
    destination_country: e.destinationCountry,
    condition: e.condition,
    condition_party: e.conditionParty,
    condition_met: e.conditionMet,
    seats_per_flight: e.seatsPerFlight,
  })),
);
writeCsv(
  out('exit-windows.csv'),
  ['exit_id', 'opens_at', 'closes_at'],
  exits.flatMap((e) =>
    e.windows.map(([opensAt, closesAt]) => ({ exit_id: e.id, opens_at: opensAt, closes_at: closesAt })),
  ),
);
writeCsv(
  out('vehicles.csv'),
  ['id', 'type', 'seats', 'count', 'start_place', 'speed_kmh'],
  VEHICLES.map((v) => ({
    id: v.id,
    type: v.type,
    seats: v.seats,
    count: v.count,
    start_place: v.startPlace,
    speed_kmh: v.speedKmh,
  })),
);
writeCsv(
  out('people.csv'),
  PEOPLE_COLUMNS,
  people.map((p) => p.row),
);
writeCsv(
  join(generateDir, 'planted-duplicates.csv'),
  ['person_id', 'duplicate_of'],
  duplicates
    .map((d) => ({ person_id: d.personId, duplicate_of: d.duplicateOf!.personId }))
    .sort((a, b) => a.person_id.localeCompare(b.person_id)),
);
writeCsv(
  out('households.csv'),
  [
    'household_id',
    'preferred_countries',
    'ties_countries',
    'languages',
    'unhcr_category',
    'unhcr_category_secondary',
    'notes',
  ],
  preferences.map((p) => p.row),
);
writeCsv(
  out('countries.csv'),
  ['code', 'name', 'quota_persons', 'quota_households', 'medical_capacity', 'languages', 'accepts_categories'],
  countryRows(countries),
);
writeCsv(out('vetting.csv'), ['household_id', 'country', 'outcome', 'person_id', 'decided_at'], vetting);
writeCsv(
  out('field-reports.csv'),
  [
    'id',
    'observed_at',
    'reported_at',
    'source',
    'reliability',
    'credibility',
    'target_kind',
    'target_id',
    'new_status',
    'expires_at',
    'notes',
  ],
  reports.map((r) => ({
    id: r.id,
    observed_at: r.observedAt,
    reported_at: r.reportedAt,
    source: r.source,
    reliability: r.reliability,
    credibility: r.credibility,
    target_kind: r.targetKind,
    target_id: r.targetId,
    new_status: r.newStatus,
    expires_at: r.expiresAt,
    notes: r.notes,
  })),
);

const originals = people.filter((p) => !p.duplicateOf);
const militaryAge = originals.filter((p) => p.sex === 'M' && 2018 - p.birthYear >= 16 && 2018 - p.birthYear <= 45);
const count = (status: string): number => checkpoints.filter((c) => c.status === status).length;
console.log(
  [
    `places ${geography.places.length}, roads ${roads.length} (${roads.filter((r) => r.source !== 'estimated').length} from Flee)`,
    `people ${people.length} rows (${originals.length} distinct + ${duplicates.length} planted duplicates) in ${households.length} households`,
    `volunteers ${originals.filter((p) => p.role === 'volunteer').length}, military-age men ${militaryAge.length}, medical ${originals.filter((p) => p.medicalNeeds).length}`,
    `checkpoints ${checkpoints.length}: open ${count('open')}, closed ${count('closed')}, unknown ${count('unknown')}`,
    `exits ${exits.length}, vetting rows ${vetting.length}, field reports ${reports.length}`,
  ].join('\n'),
);
