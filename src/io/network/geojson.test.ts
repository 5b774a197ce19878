// GeoJSON import: shared ends join, oneway and road classes are read, bad input is an error value.
import { describe, expect, it } from 'vitest';
import { ROAD_CLASSES } from '../../core/graph/road-graph.ts';
import { geojsonToRoadGraph } from './geojson.ts';

const line = (coordinates: number[][], properties: Record<string, unknown>) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'LineString', coordinates },
});
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

describe('geojsonToRoadGraph', () => {
  it('joins lines at shared ends, keeps interior points as shape, honours oneway', () => {
    const text = collection(
      line(
        [
          [36.1, 32.6],
          [36.15, 32.62],
          [36.2, 32.6],
        ],
        { highway: 'primary' },
      ),
      line(
        [
          [36.2, 32.6],
          [36.3, 32.6],
        ],
        { road_class: 'secondary', oneway: true },
      ),
      line(
        [
          [36.3, 32.6],
          [36.4, 32.6],
        ],
        { highway: 'footway' },
      ),
    );
    const result = geojsonToRoadGraph(text, 'roads.geojson');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const g = result.value;
    expect(g.nodeCount).toBe(3);
    expect(g.arcCount).toBe(3); // two for the two-way primary, one for the one-way secondary, none for the footway
    expect(g.shapeLat!.length).toBe(2);
    expect(
      Array.from(g.roadClass)
        .map((c) => ROAD_CLASSES[c])
        .sort(),
    ).toEqual(['primary', 'primary', 'secondary']);
    // 0.1° of longitude at 32.6° N is 9.37 km.
    expect(Math.max(...g.lengthM)).toBeGreaterThan(9300);
  });

  it('reports the feature and the problem for bad input', () => {
    const bad = geojsonToRoadGraph(
      collection(
        line(
          [
            [36.1, 32.6],
            [36.2, 32.6],
          ],
          { road_class: 'goat_path' },
        ),
      ),
      'x.geojson',
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ kind: 'invalid-geojson', feature: 0 });
    const notJson = geojsonToRoadGraph('{ nope', 'x.geojson');
    expect(!notJson.ok && notJson.error.kind).toBe('invalid-geojson');
    const empty = geojsonToRoadGraph(collection(), 'x.geojson');
    expect(!empty.ok && empty.error.kind).toBe('empty-network');
  });
});
