// The situation and map data of the organisation's scenario (no people), and the bundled offline basemap.
import { readFile } from 'node:fs/promises';
import { requireScenarioOf } from '../data/current-scenario.ts';
import { scenarioView } from '../data/scenario-view.ts';
import { defineRoute } from '../route.ts';

const BASEMAP_FILE = new URL('../basemap/countries.geojson', import.meta.url);
let basemap: Promise<string> | undefined;

export const scenarioRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/scenario',
    access: 'scenario.read',
    summary:
      'Situation and map data of the current scenario: places, roads, control areas, checkpoints, exits, vehicles',
    responds:
      '{ name, start_time, time_zone, parties, places, roads, control_areas, checkpoints, exits, vehicles, field_reports }',
    handler: async ({ store, actor }) => {
      const scenario = await requireScenarioOf(store, actor?.organisationId ?? '');
      return { json: await scenarioView(store, scenario.id) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/basemap',
    access: 'scenario.read',
    summary: 'Country polygons of the Levant for the offline map (Natural Earth, public domain)',
    responds: 'GeoJSON FeatureCollection',
    handler: async ({ c }) => {
      basemap ??= readFile(BASEMAP_FILE, 'utf8');
      return c.body(await basemap, 200, {
        'Content-Type': 'application/geo+json',
        'Cache-Control': 'private, max-age=86400',
      });
    },
  }),
];
