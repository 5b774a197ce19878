// The July 2018 situation on the ground: checkpoints on road links, exits and their windows, vehicles, field reports.

import { type ControlArea, controllerAt } from './control.ts';
import { round } from './csv.ts';
import { along } from './geo.ts';
import type { Geography } from './geography.ts';
import type { RoadLink } from './network.ts';
import type { Random } from './random.ts';

/** The planning run starts the morning before the first night window. */
export const START_TIME = '2018-07-21T08:00:00+03:00';
const START_MS = Date.parse(START_TIME);

/** ISO time with the +03:00 offset (Damascus summer time), minute precision. */
export function isoAt(ms: number): string {
  const local = new Date(ms + 3 * 3600_000).toISOString();
  return `${local.slice(0, 16)}+03:00`;
}

export interface Checkpoint {
  id: string;
  name: string;
  lat: number;
  lon: number;
  controller: string;
  kind: 'checkpoint' | 'roadblock';
  status: 'open' | 'closed' | 'unknown';
  confidence: number;
  reportedAt: string;
  risk: { military_age_man: number; woman: number; child: number; elderly: number; medical: number };
  link: RoadLink;
}

interface Profile {
  status: [number, number, number];
  man: [number, number];
  woman: [number, number];
  child: [number, number];
  elderly: [number, number];
  medical: [number, number];
}

/** Status weights (open, closed, unknown) and risk ranges per controller, as the 2018 reporting suggests. */
const PROFILES: Record<string, Profile> = {
  gov: {
    status: [3, 5, 3],
    man: [0.8, 0.95],
    woman: [0.1, 0.3],
    child: [0.05, 0.15],
    elderly: [0.1, 0.25],
    medical: [0.35, 0.55],
  },
  'ru-mp': {
    status: [5, 2, 3],
    man: [0.6, 0.8],
    woman: [0.05, 0.12],
    child: [0.05, 0.08],
    elderly: [0.05, 0.12],
    medical: [0.2, 0.35],
  },
  'opp-rec': {
    status: [5, 2, 3],
    man: [0.6, 0.75],
    woman: [0.05, 0.15],
    child: [0.05, 0.1],
    elderly: [0.05, 0.15],
    medical: [0.2, 0.4],
  },
  jkw: {
    status: [0, 6, 4],
    man: [0.9, 0.95],
    woman: [0.25, 0.3],
    child: [0.2, 0.3],
    elderly: [0.25, 0.3],
    medical: [0.45, 0.6],
  },
  undof: {
    status: [1, 0, 0],
    man: [0.05, 0.05],
    woman: [0.01, 0.01],
    child: [0.01, 0.01],
    elderly: [0.01, 0.01],
    medical: [0.02, 0.02],
  },
};

/** Links that must carry a checkpoint because the story of the night runs through them. */
const REQUIRED_LINKS: [string, string][] = [
  ['quneitra-line-crossing', 'al-qunaytirah'],
  ['al-qunaytirah', 'ap-6'],
  ['ap-2', 'ap-6'],
  ['nasib-crossing', 'dara'],
  ['daraa-ramtha-crossing', 'dara'],
  ['inkhil', 'jasim'],
  ['al-qunaytirah', 'khan-arnabah'],
];
const CHECKPOINT_COUNT = 38;
/** Statuses fixed by the story: the night route is open until the 02:10 report, the Jordanian roads are shut. */
const STATUS_OF_LINK: Record<string, 'open' | 'closed'> = {
  'quneitra-line-crossing|al-qunaytirah': 'open',
  'al-qunaytirah|ap-6': 'open',
  'ap-2|ap-6': 'open',
  'nasib-crossing|dara': 'closed',
  'daraa-ramtha-crossing|dara': 'closed',
};

export function placeCheckpoints(
  links: readonly RoadLink[],
  areas: readonly ControlArea[],
  geography: Geography,
  random: Random,
): Checkpoint[] {
  // A straight segment of a long Flee link may cut through the Israeli-administered Golan: no checkpoint there.
  const crossesGolan = (l: RoadLink): boolean =>
    [0.3, 0.5, 0.7].some(
      (f) => controllerAt(along(geography.byId.get(l.from)!, geography.byId.get(l.to)!, f), areas) === 'idf',
    );
  const syrian = links.filter(
    (l) => geography.byId.get(l.from)?.side === 'SY' && geography.byId.get(l.to)?.side === 'SY' && !crossesGolan(l),
  );
  const isRequired = (l: RoadLink): boolean =>
    REQUIRED_LINKS.some(([a, b]) => (l.from === a && l.to === b) || (l.from === b && l.to === a));
  const required = syrian.filter(isRequired);
  const others = random.shuffle(syrian.filter((l) => !isRequired(l)));
  const chosen = [...required, ...others.slice(0, CHECKPOINT_COUNT - required.length)];

  return chosen.map((link, index): Checkpoint => {
    const a = geography.byId.get(link.from)!;
    const b = geography.byId.get(link.to)!;
    const fraction = round(0.3 + random.next() * 0.4, 2);
    const point = along(a, b, fraction);
    let controller = controllerAt(point, areas) ?? 'gov';
    // Russian military police manned many checkpoints of the reconciliation areas.
    if (controller === 'opp-rec' && random.chance(0.4)) controller = 'ru-mp';
    const profile = PROFILES[controller] ?? PROFILES.gov!;
    const [open, closed, unknown] = profile.status;
    const drawn = random.weighted(['open', 'closed', 'unknown'] as const, (s) =>
      s === 'open' ? open : s === 'closed' ? closed : unknown,
    );
    const status = STATUS_OF_LINK[`${link.from}|${link.to}`] ?? STATUS_OF_LINK[`${link.to}|${link.from}`] ?? drawn;
    const kind = status === 'closed' && random.chance(0.35) ? 'roadblock' : 'checkpoint';
    const lowConfidence = random.chance(0.3);
    const confidence = round(lowConfidence ? 0.2 + random.next() * 0.2 : 0.5 + random.next() * 0.45, 2);
    const hoursOld = random.chance(0.4) ? random.int(24, 96) : random.int(1, 23);
    const between = (range: [number, number]): number => round(range[0] + random.next() * (range[1] - range[0]), 2);
    return {
      id: `cp-${String(index + 1).padStart(2, '0')}`,
      name: `${kind === 'roadblock' ? 'Roadblock' : 'Checkpoint'} on the ${a.name} – ${b.name} road (${Math.round(fraction * 100)} %)`,
      lat: round(point.lat, 5),
      lon: round(point.lon, 5),
      controller,
      kind,
      status,
      confidence,
      reportedAt: isoAt(START_MS - hoursOld * 3600_000 - random.int(0, 59) * 60_000),
      risk: {
        military_age_man: between(profile.man),
        woman: between(profile.woman),
        child: between(profile.child),
        elderly: between(profile.elderly),
        medical: between(profile.medical),
      },
      link,
    };
  });
}

export interface Exit {
  id: string;
  name: string;
  nameArabic: string;
  kind: 'border_crossing' | 'line_crossing' | 'airlift';
  lat: number;
  lon: number;
  placeId: string;
  capacityPerHour: number;
  destinationCountry: string;
  condition: string;
  conditionParty: string;
  conditionMet: 'yes' | 'no' | 'unknown';
  seatsPerFlight: number | undefined;
  windows: [string, string][];
}

export function buildExits(geography: Geography): Exit[] {
  const { nasib, ramtha, quneitraLine, airstrip } = geography.crossings;
  const daytime: [string, string][] = [
    ['2018-07-21T08:00+03:00', '2018-07-21T20:00+03:00'],
    ['2018-07-22T08:00+03:00', '2018-07-22T20:00+03:00'],
  ];
  return [
    {
      id: 'exit-nasib',
      name: 'Nasib / Jaber border crossing',
      nameArabic: nasib.nameArabic,
      kind: 'border_crossing',
      lat: nasib.lat,
      lon: nasib.lon,
      placeId: nasib.id,
      capacityPerHour: 400,
      destinationCountry: 'JOR',
      condition: 'Jordan opens the crossing to evacuees',
      conditionParty: 'jordan',
      conditionMet: 'no',
      seatsPerFlight: undefined,
      windows: daytime,
    },
    {
      id: 'exit-ramtha',
      name: "Dara'a / Ramtha border crossing",
      nameArabic: '',
      kind: 'border_crossing',
      lat: ramtha.lat,
      lon: ramtha.lon,
      placeId: ramtha.id,
      capacityPerHour: 200,
      destinationCountry: 'JOR',
      condition: 'Jordan opens the crossing to evacuees',
      conditionParty: 'jordan',
      conditionMet: 'no',
      seatsPerFlight: undefined,
      windows: daytime,
    },
    {
      id: 'exit-quneitra-line',
      name: 'Golan line crossing at Quneitra (night only)',
      nameArabic: '',
      kind: 'line_crossing',
      lat: quneitraLine.lat,
      lon: quneitraLine.lon,
      placeId: quneitraLine.id,
      capacityPerHour: 150,
      destinationCountry: 'ISR',
      condition: 'consent of Israel; onward transit to Jordan against the resettlement pledge',
      conditionParty: 'idf',
      conditionMet: 'yes',
      seatsPerFlight: undefined,
      windows: [
        ['2018-07-21T21:00+03:00', '2018-07-22T04:00+03:00'],
        ['2018-07-22T21:00+03:00', '2018-07-23T04:00+03:00'],
      ],
    },
    {
      id: 'exit-airlift',
      name: 'Airlift from the Khalkhalah airstrip',
      nameArabic: '',
      kind: 'airlift',
      lat: airstrip.lat,
      lon: airstrip.lon,
      placeId: airstrip.id,
      capacityPerHour: 40,
      destinationCountry: 'JOR',
      condition: 'consent of Russia',
      conditionParty: 'ru-mp',
      conditionMet: 'unknown',
      seatsPerFlight: 40,
      windows: [['2018-07-22T06:00+03:00', '2018-07-22T10:00+03:00']],
    },
  ];
}

export interface VehicleFleet {
  id: string;
  type: 'bus' | 'minibus' | 'van' | 'car' | 'ambulance' | 'aircraft';
  seats: number;
  count: number;
  startPlace: string;
  speedKmh: number;
}

export const VEHICLES: VehicleFleet[] = [
  { id: 'bus-golan', type: 'bus', seats: 50, count: 8, startPlace: 'golan-transit', speedKmh: 50 },
  { id: 'bus-quneitra', type: 'bus', seats: 45, count: 3, startPlace: 'ap-6', speedKmh: 40 },
  { id: 'minibus-jasim', type: 'minibus', seats: 24, count: 4, startPlace: 'jasim', speedKmh: 45 },
  { id: 'minibus-nawa', type: 'minibus', seats: 14, count: 5, startPlace: 'nawa', speedKmh: 45 },
  { id: 'minibus-tafas', type: 'minibus', seats: 18, count: 3, startPlace: 'tafas', speedKmh: 45 },
  { id: 'van-daraa', type: 'van', seats: 8, count: 4, startPlace: 'dara', speedKmh: 50 },
  { id: 'van-quneitra', type: 'van', seats: 8, count: 3, startPlace: 'ap-6', speedKmh: 50 },
  { id: 'ambulance-nawa', type: 'ambulance', seats: 4, count: 1, startPlace: 'nawa', speedKmh: 60 },
  { id: 'ambulance-golan', type: 'ambulance', seats: 4, count: 1, startPlace: 'golan-transit', speedKmh: 60 },
  { id: 'aircraft-airlift', type: 'aircraft', seats: 40, count: 1, startPlace: 'khalkhalah-airstrip', speedKmh: 400 },
];

export interface FieldReport {
  id: string;
  observedAt: string;
  reportedAt: string;
  source: string;
  reliability: string;
  credibility: number;
  targetKind: 'checkpoint' | 'exit' | 'road';
  targetId: string;
  newStatus: 'open' | 'closed' | 'unknown';
  expiresAt: string;
  notes: string;
}

export function buildFieldReports(checkpoints: readonly Checkpoint[]): FieldReport[] {
  const find = (predicate: (c: Checkpoint) => boolean, what: string): Checkpoint => {
    const found = checkpoints.find(predicate);
    if (!found) throw new Error(`no checkpoint for report: ${what}`);
    return found;
  };
  const onLink = (a: string, b: string) => (c: Checkpoint) =>
    (c.link.from === a && c.link.to === b) || (c.link.from === b && c.link.to === a);
  const lineApproach = find(onLink('al-qunaytirah', 'ap-6'), 'Quneitra approach');
  const pocketRoad = find(onLink('ap-2', 'ap-6'), 'Jasim–Quneitra pocket road');
  const closedGov = find((c) => c.status === 'closed' && c.controller === 'gov', 'a closed government checkpoint');
  const unknownOne = find(
    (c) => c.status === 'unknown' && c !== pocketRoad && !onLink('inkhil', 'jasim')(c),
    'an unknown checkpoint',
  );
  const jkw = find((c) => c.controller === 'jkw', 'a Yarmouk basin checkpoint');
  const inkhil = find(onLink('inkhil', 'jasim'), 'Inkhil–Jasim');
  const report = (
    id: string,
    observedAt: string,
    reportedAt: string,
    source: string,
    grade: string,
    targetKind: FieldReport['targetKind'],
    targetId: string,
    newStatus: FieldReport['newStatus'],
    expiresAt: string,
    notes: string,
  ): FieldReport => ({
    id,
    observedAt,
    reportedAt,
    source,
    reliability: grade[0]!,
    credibility: Number(grade[1]),
    targetKind,
    targetId,
    newStatus,
    expiresAt,
    notes,
  });
  const reports = [
    report(
      'fr-01',
      '2018-07-20T09:30+03:00',
      '2018-07-20T10:05+03:00',
      'liaison officer, Amman',
      'A1',
      'exit',
      'exit-nasib',
      'closed',
      '2018-07-23T00:00+03:00',
      'Jordan confirms Nasib/Jaber stays closed to evacuees',
    ),
    report(
      'fr-02',
      '2018-07-20T11:00+03:00',
      '2018-07-20T12:40+03:00',
      'field team Daraa west',
      'B2',
      'exit',
      'exit-ramtha',
      'closed',
      '2018-07-23T00:00+03:00',
      'Ramtha gate shut, Jordanian side reinforced',
    ),
    report(
      'fr-03',
      '2018-07-21T06:45+03:00',
      '2018-07-21T07:10+03:00',
      'coordination cell (government channel)',
      'A2',
      'exit',
      'exit-quneitra-line',
      'open',
      '2018-07-23T06:00+03:00',
      'consent of Israel for two nights; buses wait on the Golan side',
    ),
    report(
      'fr-04',
      '2018-07-21T05:50+03:00',
      '2018-07-21T06:20+03:00',
      'anonymous message forwarded on a group chat',
      'F6',
      'checkpoint',
      closedGov.id,
      'open',
      '2018-07-21T18:00+03:00',
      `claims ${closedGov.id} lets everyone through; single source, not corroborated`,
    ),
    report(
      'fr-05',
      '2018-07-20T22:15+03:00',
      '2018-07-21T01:30+03:00',
      'volunteer driver',
      'C3',
      'checkpoint',
      unknownOne.id,
      'closed',
      '2018-07-22T00:00+03:00',
      'turned back at dusk, soldiers checking names against a list',
    ),
    report(
      'fr-06',
      '2018-07-21T04:10+03:00',
      '2018-07-21T05:00+03:00',
      'field team Quneitra',
      'B2',
      'checkpoint',
      pocketRoad.id,
      'open',
      '2018-07-22T04:00+03:00',
      'open, Russian MP present, women and children waved through',
    ),
    report(
      'fr-12',
      '2018-07-21T05:30+03:00',
      '2018-07-21T06:00+03:00',
      'field team Quneitra',
      'B3',
      'checkpoint',
      lineApproach.id,
      'open',
      '2018-07-22T06:00+03:00',
      'road from the assembly point to old Quneitra passable',
    ),
    report(
      'fr-07',
      '2018-07-19T16:00+03:00',
      '2018-07-20T09:00+03:00',
      'local council',
      'C4',
      'checkpoint',
      jkw.id,
      'closed',
      '2018-07-22T16:00+03:00',
      'Yarmouk basin sealed, shelling along the edge',
    ),
    report(
      'fr-08',
      '2018-07-21T07:20+03:00',
      '2018-07-21T07:45+03:00',
      'field team Jasim',
      'B3',
      'checkpoint',
      inkhil.id,
      'unknown',
      '2018-07-21T20:00+03:00',
      'position changed hands overnight, status unclear',
    ),
    report(
      'fr-09',
      '2018-07-20T20:00+03:00',
      '2018-07-21T08:00+03:00',
      'rumour relayed by a relative',
      'D4',
      'exit',
      'exit-airlift',
      'unknown',
      '2018-07-22T12:00+03:00',
      'airlift from Khalkhalah "being discussed"; no confirmation from Russia',
    ),
    report(
      'fr-10',
      '2018-07-22T02:10+03:00',
      '2018-07-22T02:25+03:00',
      'field team Jasim',
      'B2',
      'checkpoint',
      pocketRoad.id,
      'closed',
      '2018-07-22T08:00+03:00',
      `${pocketRoad.id} closed at 02:10 during the night window; convoys from Jasim must re-route`,
    ),
    report(
      'fr-11',
      '2018-07-21T03:00+03:00',
      '2018-07-21T03:20+03:00',
      'UNDOF liaison',
      'A2',
      'checkpoint',
      find(onLink('quneitra-line-crossing', 'al-qunaytirah'), 'UNDOF').id,
      'open',
      '2018-07-22T06:00+03:00',
      'UNDOF position at the crossing informed and will open the gate at night',
    ),
  ];
  // Numbered in file order.
  return reports.map((r, index) => ({ ...r, id: `fr-${String(index + 1).padStart(2, '0')}` }));
}
