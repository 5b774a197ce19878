// control-areas.geojson: polygons saying who controls which ground, with the risk per km each profile runs there.
import { z } from 'zod';

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number());
const ring = z.array(position).min(4, { error: 'a polygon ring needs at least 4 positions (first = last)' });
const polygon = z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) });
const multiPolygon = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) });
const riskPerKm = z.number().min(0).max(1).optional();

export const controlAreaPropertiesSchema = z.object({
  id: z.string().min(1).describe('Unique id of the area.'),
  controller: z.string().min(1).describe('Party id that controls the area.'),
  name: z.string().optional().describe('Name.'),
  risk_per_km_military_age_man: riskPerKm.describe('Risk per km driven inside, for a military-age man.'),
  risk_per_km_woman: riskPerKm.describe('Risk per km driven inside, for a woman.'),
  risk_per_km_child: riskPerKm.describe('Risk per km driven inside, for a child.'),
  risk_per_km_elderly: riskPerKm.describe('Risk per km driven inside, for an elderly person.'),
  risk_per_km_medical: riskPerKm.describe('Risk per km driven inside, for a medical case.'),
});

export const controlAreasSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: controlAreaPropertiesSchema,
      geometry: z.union([polygon, multiPolygon]),
    }),
  ),
});

export type ControlAreaFeature = z.output<typeof controlAreasSchema>['features'][number];
