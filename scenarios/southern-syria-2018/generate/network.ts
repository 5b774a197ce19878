// Road links: Flee's measured town-level links, plus estimated links to nearest neighbours so the network is connected.

import { round } from './csv.ts';
import { greatCircleKm } from './geo.ts';
import type { Geography, Place } from './geography.ts';
import type { SharedData } from './shared-data.ts';

export type RoadClass = 'trunk' | 'primary' | 'secondary' | 'tertiary' | 'unclassified';
export type RoadSource = 'flee' | 'flee_lengthened' | 'estimated';

export interface RoadLink {
  from: string;
  to: string;
  km: number;
  roadClass: RoadClass;
  source: RoadSource;
}

/** Great-circle distance times this factor stands in for road distance where nothing was measured. */
export const DETOUR_FACTOR = 1.25;
const NEAREST_NEIGHBOURS = 3;
/** Estimated links longer than this are not added as nearest-neighbour links (only to reconnect components). */
const MAX_ESTIMATED_KM = 30;

/** Links across a border or the ceasefire line: only these cross sides, each through a crossing node. */
const CROSSING_LINKS: [string, string, RoadClass][] = [
  ['nasib-crossing', 'dara', 'trunk'],
  ['nasib-crossing', 'sama-as-sirhan-jo', 'trunk'],
  ['nasib-crossing', 'al-jizah', 'tertiary'],
  ['daraa-ramtha-crossing', 'dara', 'primary'],
  ['daraa-ramtha-crossing', 'ar-ramtha-jo', 'primary'],
  ['quneitra-line-crossing', 'al-qunaytirah', 'tertiary'],
  ['quneitra-line-crossing', 'golan-transit', 'tertiary'],
  ['khalkhalah-airstrip', 'khalkhalah', 'tertiary'],
];

/** Country roads inside the Quneitra pocket (Jasim/Nawa west to the line) that nearest-neighbour links miss. */
const POCKET_LINKS: [string, string, RoadClass][] = [
  ['ap-2', 'ap-6', 'tertiary'],
  ['ap-1', 'ap-6', 'unclassified'],
];

function key(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

function importance(place: Place): number {
  if (place.kind === 'destination' || place.kind === 'camp') return 2;
  if (place.fleeName) return 2;
  return (place.population ?? 0) >= 20000 ? 1 : 0;
}

function classOf(a: Place, b: Place): RoadClass {
  const score = importance(a) + importance(b);
  return score >= 4 ? 'primary' : score >= 2 ? 'secondary' : score === 1 ? 'tertiary' : 'unclassified';
}

export function buildNetwork(data: SharedData, geography: Geography): RoadLink[] {
  const links = new Map<string, RoadLink>();
  const add = (link: RoadLink): void => {
    const k = key(link.from, link.to);
    if (!links.has(k)) links.set(k, link);
  };
  const place = (id: string): Place => {
    const found = geography.byId.get(id);
    if (!found) throw new Error(`unknown place ${id}`);
    return found;
  };

  // 1. Flee's measured links between the nodes we keep, except the ones that cross a border directly.
  for (const row of data.csv('flee-syria2017/input_files/routes.csv', { skipHashHeader: true })) {
    const from = geography.placeOfFleeNode.get(row.name1 ?? '');
    const to = geography.placeOfFleeNode.get(row.name2 ?? '');
    if (!from || !to) continue;
    const a = place(from);
    const b = place(to);
    if (a.side !== b.side) continue;
    const measuredKm = Number(row.distance);
    // Flee's km were measured between its own (approximate) coordinates; never shorter than the crow flies here.
    const straightKm = greatCircleKm(a, b);
    const lengthened = measuredKm < straightKm;
    add({
      from,
      to,
      km: lengthened ? round(straightKm * DETOUR_FACTOR, 1) : measuredKm,
      roadClass: classOf(a, b),
      source: lengthened ? 'flee_lengthened' : 'flee',
    });
  }

  // 2. Crossing links and pocket roads, estimated.
  for (const [from, to, roadClass] of [...CROSSING_LINKS, ...POCKET_LINKS]) {
    add({
      from,
      to,
      km: round(greatCircleKm(place(from), place(to)) * DETOUR_FACTOR, 1),
      roadClass,
      source: 'estimated',
    });
  }

  // 3. Nearest neighbours on the same side; crossing nodes and the transit point connect only through step 2.
  const crossingIds = new Set(
    CROSSING_LINKS.flatMap((link) => link.slice(0, 2)).filter((id) => !isOrdinary(place(id))),
  );
  const ordinary = geography.places.filter((p) => !crossingIds.has(p.id));
  for (const a of ordinary) {
    const neighbours = ordinary
      .filter((b) => b.id !== a.id && b.side === a.side)
      .map((b) => ({ b, km: greatCircleKm(a, b) }))
      .sort((x, y) => x.km - y.km || x.b.id.localeCompare(y.b.id))
      .slice(0, a.kind === 'assembly_point' ? 2 : NEAREST_NEIGHBOURS)
      .filter(({ km }) => km <= MAX_ESTIMATED_KM);
    for (const { b, km } of neighbours) {
      add({ from: a.id, to: b.id, km: round(km * DETOUR_FACTOR, 1), roadClass: classOf(a, b), source: 'estimated' });
    }
  }

  // 4. Reconnect components on each side by their shortest estimated link (Kruskal-style), so every place is reachable.
  for (const side of ['SY', 'JO'] as const) {
    const members = ordinary.filter((p) => p.side === side);
    for (;;) {
      const component = componentOf(members[0]!.id, links);
      const outside = members.filter((p) => !component.has(p.id));
      if (outside.length === 0) break;
      let best: { a: Place; b: Place; km: number } | undefined;
      for (const a of members.filter((p) => component.has(p.id))) {
        for (const b of outside) {
          const km = greatCircleKm(a, b);
          if (!best || km < best.km) best = { a, b, km };
        }
      }
      const { a, b, km } = best!;
      add({ from: a.id, to: b.id, km: round(km * DETOUR_FACTOR, 1), roadClass: classOf(a, b), source: 'estimated' });
    }
  }

  return [...links.values()].sort((x, y) => x.from.localeCompare(y.from) || x.to.localeCompare(y.to));
}

function isOrdinary(place: Place): boolean {
  return place.kind !== 'destination' && !place.id.endsWith('-crossing') && place.kind !== 'airstrip';
}

function componentOf(start: string, links: Map<string, RoadLink>): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    const current = queue.pop()!;
    for (const link of links.values()) {
      const other = link.from === current ? link.to : link.to === current ? link.from : undefined;
      if (other && !seen.has(other)) {
        seen.add(other);
        queue.push(other);
      }
    }
  }
  return seen;
}
