// Parties and control areas of July 2018: an illustrative reconstruction, not an authoritative map.

import { exteriorRing, insidePolygon, type LonLat, type Ring } from './geo.ts';
import type { SharedData } from './shared-data.ts';

export type Stance = 'hostile' | 'neutral' | 'friendly';

export interface Party {
  id: string;
  name: string;
  stance: Stance;
  /** For the README only; scenario.json carries id, name and stance. */
  notes: string;
}

export const PARTIES: Party[] = [
  {
    id: 'gov',
    name: 'Syrian government forces',
    stance: 'hostile',
    notes: 'advancing from the north and east; checkpoints screen military-age men for detention and conscription',
  },
  {
    id: 'ru-mp',
    name: 'Russian military police',
    stance: 'hostile',
    notes: 'guarantor of the "reconciliation" deals; lower risk for women, children and the elderly',
  },
  {
    id: 'opp-rec',
    name: 'Opposition groups under reconciliation',
    stance: 'neutral',
    notes: 'hand over heavy weapons under Russian-brokered deals; hold shrinking pockets',
  },
  {
    id: 'jkw',
    name: 'Jaysh Khalid ibn al-Walid (ISIS-affiliated)',
    stance: 'hostile',
    notes: 'holds the Yarmouk basin in the south-west',
  },
  {
    id: 'jordan',
    name: 'Jordan',
    stance: 'neutral',
    notes: 'border crossings closed to evacuees; transit only against a resettlement pledge',
  },
  { id: 'idf', name: 'Israel / IDF on the Golan line', stance: 'neutral', notes: 'a crossing needs its consent' },
  { id: 'undof', name: 'UNDOF', stance: 'neutral', notes: 'UN Disengagement Observer Force, area of separation' },
];

export interface RiskPerKm {
  military_age_man: number;
  woman: number;
  child: number;
  elderly: number;
  medical: number;
}

export interface ControlArea {
  id: string;
  name: string;
  controller: string;
  rings: Ring[];
  risk: RiskPerKm;
}

interface AreaFeature {
  properties: { NAME?: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] };
}

// Hand-drawn vertices (lon, lat). Where an edge follows a real line it is copied from Natural Earth.
const YARMOUK_BASIN: Ring = [
  [35.7697, 32.748],
  [35.7882, 32.7344],
  [35.8957, 32.7133],
  [35.9225, 32.6938],
  [35.9404, 32.6925],
  [35.9457, 32.6841],
  [35.96, 32.66],
  [35.965, 32.72],
  [35.98, 32.79],
  [35.985, 32.86],
  [35.95, 32.875],
  [35.8607, 32.8802],
  [35.8466, 32.8365],
  [35.8427, 32.8217],
  [35.8217, 32.7959],
  [35.8077, 32.7826],
  [35.7911, 32.7741],
];
const WESTERN_DARAA: Ring = [
  [36.094, 32.52],
  [36.105, 32.6],
  [36.108, 32.66],
  [36.095, 32.75],
  [36.03, 32.8],
  [35.99, 32.78],
  [35.975, 32.72],
  [35.99, 32.655],
  [36.0083, 32.6437],
  [36.0053, 32.6267],
  [36.006, 32.6079],
  [36.0154, 32.5912],
  [36.0605, 32.5333],
  [36.0699, 32.5166],
  [36.0819, 32.5163],
];
const QUNEITRA_COUNTRYSIDE: Ring = [
  [35.866, 32.889],
  [35.8903, 32.9286],
  [35.9122, 32.9473],
  [35.9238, 32.9677],
  [35.8981, 32.9855],
  [35.8771, 32.9926],
  [35.8646, 33.0815],
  [35.8684, 33.1073],
  [35.9027, 33.1096],
  [35.9027, 33.1166],
  [35.8934, 33.1205],
  [35.8949, 33.1283],
  [35.9106, 33.1354],
  [35.985, 33.115],
  [36.09, 33.02],
  [36.09, 32.875],
  [35.99, 32.88],
];
/** Government-held: from the UNDOF line east to Sweida, south to the Jordanian border (Natural Earth). */
const GOVERNMENT: Ring = [
  [35.8701, 33.4312],
  [35.8731, 33.4163],
  [35.8615, 33.3991],
  [35.8349, 33.3781],
  [35.8302, 33.3515],
  [35.8449, 33.3039],
  [35.8264, 33.2798],
  [35.8513, 33.2758],
  [35.8615, 33.2376],
  [35.8856, 33.204],
  [35.8825, 33.1846],
  [35.8966, 33.1806],
  [35.9113, 33.1658],
  [35.9113, 33.1394],
  [35.99, 33.125],
  [36.1, 33.03],
  [36.1, 32.76],
  [36.115, 32.66],
  [36.11, 32.6],
  [36.0962, 32.5159],
  [36.1332, 32.5201],
  [36.1559, 32.5152],
  [36.1774, 32.5273],
  [36.2208, 32.4946],
  [36.2853, 32.4569],
  [36.3731, 32.3864],
  [36.4076, 32.3742],
  [36.4802, 32.3608],
  [36.6535, 32.3429],
  [36.6896, 32.3197],
  [36.7286, 32.3278],
  [36.8066, 32.313],
  [36.9801, 32.41],
  [37.1332, 32.4945],
  [37.244, 32.5544],
  [37.3, 32.585],
  [37.3, 33.5],
  [35.88, 33.5],
];

export function buildControlAreas(data: SharedData): ControlArea[] {
  const disputed = data.json<{ features: AreaFeature[] }>(
    'geo-southern-syria/ne10m_admin0_disputed_areas.bbox.geojson',
  );
  const neRings = (name: string): Ring[] => {
    const feature = disputed.features.find((f) => f.properties.NAME === name);
    if (!feature) throw new Error(`Natural Earth area ${name} missing`);
    return feature.geometry.coordinates.map((ring) => exteriorRing(ring));
  };
  return [
    {
      id: 'area-gov',
      name: 'Government-held south (incl. eastern Daraa, Sweida, Nasib) — illustrative',
      controller: 'gov',
      rings: [exteriorRing(GOVERNMENT)],
      risk: { military_age_man: 0.004, woman: 0.0004, child: 0.0002, elderly: 0.0004, medical: 0.001 },
    },
    {
      id: 'area-western-daraa',
      name: 'Daraa al-Balad and western Daraa countryside under reconciliation (Russian-guaranteed) — illustrative',
      controller: 'opp-rec',
      rings: [exteriorRing(WESTERN_DARAA)],
      risk: { military_age_man: 0.002, woman: 0.0002, child: 0.0001, elderly: 0.0002, medical: 0.0005 },
    },
    {
      id: 'area-quneitra-countryside',
      name: 'Quneitra countryside, Nawa and Jasim: shrinking opposition pocket — illustrative',
      controller: 'opp-rec',
      rings: [exteriorRing(QUNEITRA_COUNTRYSIDE)],
      risk: { military_age_man: 0.0015, woman: 0.0002, child: 0.0001, elderly: 0.0002, medical: 0.0005 },
    },
    {
      id: 'area-yarmouk-basin',
      name: 'Yarmouk basin pocket (Jaysh Khalid ibn al-Walid) — illustrative',
      controller: 'jkw',
      rings: [exteriorRing(YARMOUK_BASIN)],
      risk: { military_age_man: 0.03, woman: 0.01, child: 0.01, elderly: 0.01, medical: 0.02 },
    },
    {
      id: 'area-undof',
      name: 'UNDOF area of separation (Natural Earth "UNDOF Zone")',
      controller: 'undof',
      rings: neRings('UNDOF Zone'),
      risk: { military_age_man: 0.001, woman: 0.0001, child: 0.0001, elderly: 0.0001, medical: 0.0002 },
    },
    {
      id: 'area-golan',
      name: 'Israeli-administered Golan (Natural Earth "Golan Heights" claim area)',
      controller: 'idf',
      rings: neRings('Golan Heights'),
      risk: { military_age_man: 0, woman: 0, child: 0, elderly: 0, medical: 0 },
    },
  ];
}

export function controllerAt(point: LonLat, areas: readonly ControlArea[]): string | undefined {
  return areas.find((area) => insidePolygon(point, area.rings))?.controller;
}

export function controlAreasGeoJson(areas: readonly ControlArea[]): string {
  const features = areas.map((area) => ({
    type: 'Feature',
    properties: {
      id: area.id,
      controller: area.controller,
      name: area.name,
      illustrative: true,
      risk_per_km_military_age_man: area.risk.military_age_man,
      risk_per_km_woman: area.risk.woman,
      risk_per_km_child: area.risk.child,
      risk_per_km_elderly: area.risk.elderly,
      risk_per_km_medical: area.risk.medical,
    },
    geometry: { type: 'Polygon', coordinates: area.rings },
  }));
  const collection = {
    type: 'FeatureCollection',
    name: 'Control areas, southern Syria, 20-21 July 2018 — ILLUSTRATIVE RECONSTRUCTION, NOT AUTHORITATIVE',
    features,
  };
  // One feature per line keeps diffs readable while the file stays small.
  const lines = collection.features.map((f) => `    ${JSON.stringify(f)}`);
  return `{\n  "type": "FeatureCollection",\n  "name": ${JSON.stringify(collection.name)},\n  "features": [\n${lines.join(',\n')}\n  ]\n}\n`;
}
