// Places: real towns (GeoNames, Flee, OpenSyria), crossing nodes, assembly points, destinations and the airstrip.

import { round } from './csv.ts';
import { greatCircleKm, type LonLat, offsetKm } from './geo.ts';
import type { PointFeature, SharedData } from './shared-data.ts';

export type PlaceKind = 'town' | 'crossing' | 'assembly_point' | 'destination' | 'airstrip' | 'camp';
/** Which side of a front line or border a place is on; estimated road links never cross sides. */
export type Side = 'SY' | 'JO' | 'GOLAN';

export interface Place extends LonLat {
  id: string;
  name: string;
  nameArabic: string;
  kind: PlaceKind;
  governorate: string;
  population: number | undefined;
  side: Side;
  /** Where the coordinates came from, for the README and generate/place-sources.csv. */
  source: string;
  /** Flee's node name when the place stands for one of Flee's locations. */
  fleeName: string | undefined;
}

interface GeoNamesProperties {
  geonameid: number;
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
}

interface SubdistrictProperties {
  id: string;
  name: string;
  nameAr: string;
}

interface CrossingProperties {
  id: string;
  name: string;
  nameAr?: string;
}

const GOVERNORATE_BY_ADMIN: Record<string, string> = {
  SY06: 'Daraa',
  SY03: 'Quneitra',
  SY05: 'As-Suwayda',
  SY08: 'Rural Damascus',
  JO18: 'Irbid (Jordan)',
  JO15: 'Mafraq (Jordan)',
};

/** Rural Damascus towns on the southern approaches; the rest of that governorate is out of scope. */
const RURAL_DAMASCUS_IDS = new Set([165929, 173598, 164773, 166946]);
/** Jordanian towns on the roads from the crossings to the camps. */
const JORDAN_IDS = new Set([248946, 250336, 250179, 250294, 249153, 247021, 250697, 250582, 246371]);
/** GeoNames Mas'adah lies in the Israeli-administered Golan: not a place an evacuee starts from. */
const EXCLUDED_IDS = new Set([167167]);

/** GeoNames town → OpenSyria subdistrict whose centre it is; the subdistrict's Arabic name is the town's. */
const SUBDISTRICT_OF_TOWN: Record<number, string> = {
  163330: 'sy-daraa-izra-tassil',
  164328: 'sy-daraa-izra-sheikh-miskine',
  165997: 'sy-daraa-izra-jasim',
  166365: 'sy-daraa-izra-nawa',
  166503: 'sy-daraa-daraa-mzeireb',
  168120: 'sy-daraa-daraa-kherbet-ghazala',
  169017: 'sy-daraa-daraa-jizeh',
  169341: 'sy-daraa-izra-izra',
  170325: 'sy-daraa-al-sanamayn-ghabagheb',
  170959: 'sy-daraa-daraa-da-el',
  170905: 'sy-daraa-daraa-dar-a',
  171126: 'sy-daraa-daraa-busra-esh-sham',
  172469: 'sy-daraa-al-sanamayn-as-sanamayn',
  172829: 'sy-daraa-daraa-ash-shajara',
  173416: 'sy-daraa-daraa-mseifra',
  173462: 'sy-daraa-al-sanamayn-masmiyyeh',
  173819: 'sy-daraa-izra-hrak',
  173334: 'sy-quneitra-quneitra-quneitra',
  168355: 'sy-quneitra-quneitra-khan-arnaba',
  5174: 'sy-as-suwayda-shahba-ariqa',
  12795: 'sy-as-suwayda-shahba-little-sura',
  164479: 'sy-as-suwayda-shahba-shaqa',
  164626: 'sy-as-suwayda-shahba-shahba',
  164917: 'sy-as-suwayda-salkhad-salkhad',
  167408: 'sy-as-suwayda-salkhad-milh',
  170689: 'sy-as-suwayda-salkhad-thibeen',
  172408: 'sy-as-suwayda-as-suwayda-as-sweida',
  172441: 'sy-as-suwayda-as-suwayda-mazra-a',
  173331: 'sy-as-suwayda-salkhad-qarayya',
  173414: 'sy-as-suwayda-as-suwayda-mashnaf',
  173880: 'sy-as-suwayda-salkhad-gharyeh',
  165929: 'sy-rif-dimashq-qatana-qatana',
  173598: 'sy-rif-dimashq-markaz-rif-dimashq-kisweh',
  164773: 'sy-rif-dimashq-qatana-sa-sa',
};

/** Flee node → GeoNames town standing for it (Flee's own coordinates are approximate; Dara is 20 km off). */
export const FLEE_NODE_TOWN: Record<string, number> = {
  Dara: 170905,
  Izra: 169341,
  Quneitra: 173334,
  As_Sweida: 172408,
  Shahba: 164626,
  Salkhad: 164917,
  As_Sanamayn: 172469,
  Qatana: 165929,
  Irbid: 248946,
  Mafraq: 250582,
};
/** Flee nodes with no GeoNames town in the extract: kept with Flee's coordinates. */
const FLEE_OWN_NODES: Record<string, { id: string; name: string; kind: PlaceKind; governorate: string; side: Side }> = {
  Al_Fiq: { id: 'al-fiq', name: 'Al-Fiq (Yarmouk basin)', kind: 'town', governorate: 'Quneitra', side: 'SY' },
  Khalkhalah: { id: 'khalkhalah', name: 'Khalkhalah', kind: 'town', governorate: 'As-Suwayda', side: 'SY' },
  Zaatari: { id: 'zaatari', name: 'Zaatari camp', kind: 'destination', governorate: 'Mafraq (Jordan)', side: 'JO' },
  Azraq: { id: 'azraq', name: 'Azraq camp', kind: 'destination', governorate: 'Zarqa (Jordan)', side: 'JO' },
  Emirati: {
    id: 'emirati-camp',
    name: 'Emirati Jordanian camp',
    kind: 'camp',
    governorate: 'Zarqa (Jordan)',
    side: 'JO',
  },
};

const DESTINATION_TOWNS = new Set([248946, 250582]);

/** Latin name without diacritics, the way it would be typed on a field team's keyboard. */
export function foldLatin(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[‘’ʿʾ`]/g, "'");
}

function slug(name: string): string {
  return foldLatin(name)
    .toLowerCase()
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export interface Geography {
  places: Place[];
  byId: Map<string, Place>;
  /** place id of the town standing for each Flee node. */
  placeOfFleeNode: Map<string, string>;
  crossings: { nasib: Place; ramtha: Place; quneitraLine: Place; golanTransit: Place; airstrip: Place };
  assemblyPoints: Place[];
}

interface LineFeature {
  properties: { NAME?: string; name?: string };
  geometry: { type: string; coordinates: [number, number][] };
}

export function buildGeography(data: SharedData): Geography {
  const towns = data.json<{ features: PointFeature<GeoNamesProperties>[] }>(
    'geo-southern-syria/geonames_cities1000.bbox.geojson',
  ).features;
  const subdistricts = new Map(
    data
      .json<{ features: PointFeature<SubdistrictProperties>[] }>(
        'syria-transport-admin/syria_subdistricts_centroids.geojson',
      )
      .features.map((f) => [f.properties.id, f.properties]),
  );
  const crossingFeatures = data.json<{ features: PointFeature<CrossingProperties>[] }>(
    'syria-transport-admin/syria_border_crossings.geojson',
  ).features;
  const fleeLocations = data.csv('flee-syria2017/input_files/locations.csv', { skipHashHeader: true });

  const places: Place[] = [];
  const placeOfFleeNode = new Map<string, string>();
  const fleeNodeOfTown = new Map(Object.entries(FLEE_NODE_TOWN).map(([node, id]) => [id, node]));

  for (const feature of towns) {
    const p = feature.properties;
    const wanted =
      (p.country === 'SY' && ['06', '03', '05'].includes(p.adminCode)) ||
      (p.country === 'SY' && RURAL_DAMASCUS_IDS.has(p.geonameid)) ||
      (p.country === 'JO' && JORDAN_IDS.has(p.geonameid));
    if (!wanted || EXCLUDED_IDS.has(p.geonameid)) continue;
    const [lon, lat] = feature.geometry.coordinates;
    const subdistrictId = SUBDISTRICT_OF_TOWN[p.geonameid];
    const arabic = subdistrictId ? (subdistricts.get(subdistrictId)?.nameAr ?? '') : '';
    const id = p.country === 'JO' ? `${slug(p.name)}-jo` : slug(p.name);
    const fleeName = fleeNodeOfTown.get(p.geonameid);
    if (fleeName) placeOfFleeNode.set(fleeName, id);
    places.push({
      id,
      name: foldLatin(p.name),
      // "مركز درعا" is "Daraa centre": the subdistrict named after its central town.
      nameArabic: arabic.replace(/^مركز /, ''),
      kind: DESTINATION_TOWNS.has(p.geonameid) ? 'destination' : 'town',
      lat: round(lat, 5),
      lon: round(lon, 5),
      governorate: GOVERNORATE_BY_ADMIN[`${p.country}${p.adminCode}`] ?? '',
      population: p.population > 0 ? p.population : undefined,
      side: p.country === 'JO' ? 'JO' : 'SY',
      source: `GeoNames ${p.geonameid}`,
      fleeName,
    });
  }

  for (const [fleeName, spec] of Object.entries(FLEE_OWN_NODES)) {
    const row = fleeLocations.find((r) => r.name === fleeName);
    if (!row) throw new Error(`Flee location ${fleeName} missing`);
    placeOfFleeNode.set(fleeName, spec.id);
    places.push({
      ...spec,
      nameArabic: '',
      lat: round(Number(row.lat), 5),
      lon: round(Number(row.lon), 5),
      population: undefined,
      source: `Flee locations.csv (${fleeName})`,
      fleeName,
    });
  }

  const crossingPlace = (openSyriaId: string, id: string, name: string): Place => {
    const feature = crossingFeatures.find((f) => f.properties.id === openSyriaId);
    if (!feature) throw new Error(`crossing ${openSyriaId} missing`);
    const [lon, lat] = feature.geometry.coordinates;
    return {
      id,
      name,
      nameArabic: feature.properties.nameAr ?? '',
      kind: 'crossing',
      lat,
      lon,
      governorate: 'Daraa',
      population: undefined,
      side: 'SY',
      source: `OpenSyria ${openSyriaId}`,
      fleeName: undefined,
    };
  };
  const nasib = crossingPlace('sy-nasib-border-crossing', 'nasib-crossing', 'Nasib border crossing');
  const ramtha = crossingPlace('sy-dara-border-crossing', 'daraa-ramtha-crossing', "Dara'a/Ramtha border crossing");

  // The Quneitra crossing sits on the 1974 ceasefire line next to old Quneitra: take the line's nearest vertex.
  const ceasefire = data
    .json<{ features: LineFeature[] }>('geo-southern-syria/ne10m_admin0_boundary_lines_land.bbox.geojson')
    .features.find((f) => (f.properties.NAME ?? f.properties.name) === 'Ceasefire Lines 1974');
  if (!ceasefire) throw new Error('ceasefire line missing');
  const oldQuneitra = places.find((p) => p.id === placeOfFleeNode.get('Quneitra'))!;
  const nearest = ceasefire.geometry.coordinates
    .map(([lon, lat]) => ({ lon, lat }))
    .sort((a, b) => greatCircleKm(a, oldQuneitra) - greatCircleKm(b, oldQuneitra))[0]!;
  const quneitraLine: Place = {
    id: 'quneitra-line-crossing',
    name: 'Quneitra crossing (1974 ceasefire line)',
    nameArabic: '',
    kind: 'crossing',
    lat: nearest.lat,
    lon: nearest.lon,
    governorate: 'Quneitra',
    population: undefined,
    side: 'SY',
    source: 'Natural Earth ceasefire line, vertex nearest to GeoNames Al Qunaytirah',
    fleeName: undefined,
  };
  const transitPoint = offsetKm(nearest, -4, 0);
  const golanTransit: Place = {
    id: 'golan-transit',
    name: 'Golan transit point (Israeli-administered side)',
    nameArabic: '',
    kind: 'destination',
    lat: round(transitPoint.lat, 5),
    lon: round(transitPoint.lon, 5),
    governorate: 'Golan (Israeli-administered)',
    population: undefined,
    side: 'GOLAN',
    source: 'illustrative: 4 km west of the Quneitra crossing',
    fleeName: undefined,
  };
  const khalkhalah = places.find((p) => p.id === 'khalkhalah')!;
  const airstripPoint = offsetKm(khalkhalah, 1.5, -1.5);
  const airstrip: Place = {
    id: 'khalkhalah-airstrip',
    name: 'Khalkhalah airstrip',
    nameArabic: '',
    kind: 'airstrip',
    lat: round(airstripPoint.lat, 5),
    lon: round(airstripPoint.lon, 5),
    governorate: 'As-Suwayda',
    population: undefined,
    side: 'SY',
    source: "illustrative: 2 km south-east of Flee's Khalkhalah node",
    fleeName: undefined,
  };
  places.push(nasib, ramtha, quneitraLine, golanTransit, airstrip);

  const assemblyPoints = ASSEMBLY_POINTS.map(({ near, eastKm, northKm }, index): Place => {
    const town = places.find((p) => p.id === near);
    if (!town) throw new Error(`assembly point town ${near} missing`);
    const point = offsetKm(town, eastKm, northKm);
    return {
      id: `ap-${index + 1}`,
      name: `Assembly point ${index + 1} (near ${town.name})`,
      // The assembly points are ours (illustrative), so their Arabic name is ours too; the town's comes from the data.
      nameArabic: town.nameArabic ? `نقطة التجمع ${index + 1} (قرب ${town.nameArabic})` : '',
      kind: 'assembly_point',
      lat: round(point.lat, 5),
      lon: round(point.lon, 5),
      governorate: town.governorate,
      population: undefined,
      side: 'SY',
      source: `illustrative: ${Math.hypot(eastKm, northKm).toFixed(1)} km from ${town.name}`,
      fleeName: undefined,
    };
  });
  places.push(...assemblyPoints);

  const ordered = [...places].sort((a, b) => kindOrder(a) - kindOrder(b) || a.id.localeCompare(b.id));
  return {
    places: ordered,
    byId: new Map(ordered.map((p) => [p.id, p])),
    placeOfFleeNode,
    crossings: { nasib, ramtha, quneitraLine, golanTransit, airstrip },
    assemblyPoints,
  };
}

/** Assembly points sit in the pockets where volunteers were in July 2018 (western Daraa, Quneitra countryside). */
const ASSEMBLY_POINTS = [
  { near: 'nawa', eastKm: -2.0, northKm: 0.8 },
  { near: 'jasim', eastKm: -1.5, northKm: 1.2 },
  { near: 'tafas', eastKm: -1.2, northKm: -1.0 },
  { near: 'dara', eastKm: -1.4, northKm: -1.2 },
  { near: 'al-muzayrib', eastKm: 1.0, northKm: 1.5 },
  { near: 'al-qunaytirah', eastKm: 4.5, northKm: -3.0 },
] as const;

function kindOrder(place: Place): number {
  return (
    ['town', 'crossing', 'assembly_point', 'airstrip', 'camp', 'destination'].indexOf(place.kind) * 10 +
    (place.side === 'SY' ? 0 : 1)
  );
}
