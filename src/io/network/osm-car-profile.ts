// Which OSM ways and nodes a car may use, in which direction and how fast: the tag policy of the PBF importer.
import { ROAD_CLASSES, type RoadClass } from '../../core/graph/road-graph.ts';

/** Road class and default speed (km/h) per car-routable `highway` value; `track` is opt-in. */
const HIGHWAY_CLASSES: Readonly<Record<string, { roadClass: RoadClass; speedKmh: number }>> = {
  motorway: { roadClass: 'motorway', speedKmh: 90 },
  motorway_link: { roadClass: 'motorway', speedKmh: 45 },
  trunk: { roadClass: 'trunk', speedKmh: 85 },
  trunk_link: { roadClass: 'trunk', speedKmh: 40 },
  primary: { roadClass: 'primary', speedKmh: 65 },
  primary_link: { roadClass: 'primary', speedKmh: 30 },
  secondary: { roadClass: 'secondary', speedKmh: 55 },
  secondary_link: { roadClass: 'secondary', speedKmh: 25 },
  tertiary: { roadClass: 'tertiary', speedKmh: 40 },
  tertiary_link: { roadClass: 'tertiary', speedKmh: 20 },
  unclassified: { roadClass: 'unclassified', speedKmh: 25 },
  road: { roadClass: 'unclassified', speedKmh: 25 },
  residential: { roadClass: 'residential', speedKmh: 25 },
  living_street: { roadClass: 'residential', speedKmh: 10 },
  service: { roadClass: 'service', speedKmh: 15 },
  track: { roadClass: 'track', speedKmh: 10 },
};

const DENIED_ACCESS = new Set(['no', 'private']);
/** Barriers a car can pass (OSRM's car profile list); every other `barrier=*` value blocks. */
const PASSABLE_BARRIERS = new Set([
  'cattle_grid',
  'border_control',
  'toll_booth',
  'sally_port',
  'gate',
  'lift_gate',
  'no',
  'entrance',
  'height_restrictor',
  'arch',
]);

/** What the importer keeps of a routable way. `direction`: 1 forward only, -1 backward only, 0 both. */
export interface CarWay {
  readonly roadClass: number;
  readonly speedKmh: number;
  readonly direction: -1 | 0 | 1;
}

export interface CarProfileOptions {
  /** Include `highway=track` (unpaved farm and forest roads). Default false. */
  readonly includeTracks?: boolean;
}

/** Reads a way's tags (`tag(key)` → value or undefined); undefined when a car may not use it. */
export function carWay(tag: (key: string) => string | undefined, options: CarProfileOptions = {}): CarWay | undefined {
  const highway = tag('highway');
  if (highway === undefined) return undefined;
  const base = HIGHWAY_CLASSES[highway];
  if (base === undefined || (highway === 'track' && !options.includeTracks)) return undefined;
  if (deniesCars(tag)) return undefined;
  if (tag('area') === 'yes') return undefined;
  const speedKmh = parseMaxspeedKmh(tag('maxspeed')) ?? base.speedKmh;
  return { roadClass: ROAD_CLASSES.indexOf(base.roadClass), speedKmh, direction: onewayDirection(tag, highway) };
}

/** True when `motor_vehicle`, `vehicle` or `access` (most specific first) say no or private. */
function deniesCars(tag: (key: string) => string | undefined): boolean {
  const value = tag('motor_vehicle') ?? tag('motorcar') ?? tag('vehicle') ?? tag('access');
  return value !== undefined && DENIED_ACCESS.has(value);
}

/** A `barrier=*` node (with its own access tags) that a car cannot pass. */
export function blocksCars(tag: (key: string) => string | undefined): boolean {
  const barrier = tag('barrier');
  if (barrier === undefined) return false;
  if (deniesCars(tag)) return true;
  const explicit = tag('motor_vehicle') ?? tag('motorcar') ?? tag('vehicle') ?? tag('access');
  if (explicit === 'yes' || explicit === 'permissive' || explicit === 'designated') return false;
  return !PASSABLE_BARRIERS.has(barrier);
}

/** `oneway=yes|1|true` → 1, `-1|reverse` → -1, `no` → 0; roundabouts and motorways are one-way unless tagged no. */
export function onewayDirection(tag: (key: string) => string | undefined, highway: string): -1 | 0 | 1 {
  const oneway = tag('oneway');
  if (oneway === 'yes' || oneway === '1' || oneway === 'true') return 1;
  if (oneway === '-1' || oneway === 'reverse') return -1;
  if (oneway === 'no' || oneway === '0' || oneway === 'false') return 0;
  const junction = tag('junction');
  if (junction === 'roundabout' || junction === 'circular') return 1;
  if (highway === 'motorway' || highway === 'motorway_link') return 1;
  return 0;
}

/**
 * Parses `maxspeed` in km/h: "50", "50 km/h", "30 mph", "RU:urban"-style zones fall back (undefined).
 * Multiple values ("50;30") take the first.
 * @example parseMaxspeedKmh('30 mph') // 48.28
 */
export function parseMaxspeedKmh(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(mph|km\/h|kmh|kph)?\s*(?:;.*)?$/i.exec(value);
  if (!match) return value.trim() === 'walk' ? 6 : undefined;
  const speed = Number(match[1]) * (match[2]?.toLowerCase() === 'mph' ? 1.609344 : 1);
  return speed > 0 && speed < 300 ? speed : undefined;
}

export { DEFAULT_SPEED_KMH } from '../../core/graph/road-defaults.ts';

/** Road class of a `highway=*` value or a class name, or undefined when neither. */
export function roadClassOf(value: string): RoadClass | undefined {
  if ((ROAD_CLASSES as readonly string[]).includes(value)) return value as RoadClass;
  return HIGHWAY_CLASSES[value]?.roadClass;
}
