// The map style, built in code: no tiles, no glyphs, no sprites — only GeoJSON sources filled from our API.
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';

/** Source ids, filled by MapView with `setData`. */
export const SOURCES = [
  'basemap',
  'control-areas',
  'roads',
  'routes',
  'checkpoints',
  'exits',
  'places',
  'convoys',
] as const;
export type SourceId = (typeof SOURCES)[number];

export const COLOURS = {
  land: '#f4f1ea',
  water: '#cfe0ea',
  border: '#8a8172',
  hostile: '#c0392b',
  neutral: '#7f8c8d',
  friendly: '#27ae60',
  open: '#1e8449',
  closed: '#c0392b',
  unknown: '#b9770e',
  route: '#1f4e9c',
  alternative: '#6c8ebf',
} as const;

const layers: LayerSpecification[] = [
  { id: 'background', type: 'background', paint: { 'background-color': COLOURS.water } },
  { id: 'countries', type: 'fill', source: 'basemap', paint: { 'fill-color': COLOURS.land } },
  { id: 'borders', type: 'line', source: 'basemap', paint: { 'line-color': COLOURS.border, 'line-width': 1.2 } },
  {
    id: 'control-areas',
    type: 'fill',
    source: 'control-areas',
    paint: {
      'fill-color': [
        'match',
        ['get', 'stance'],
        'hostile',
        COLOURS.hostile,
        'friendly',
        COLOURS.friendly,
        COLOURS.neutral,
      ],
      'fill-opacity': ['match', ['get', 'stance'], 'hostile', 0.18, 0.1],
    },
  },
  {
    id: 'control-area-edges',
    type: 'line',
    source: 'control-areas',
    paint: { 'line-color': COLOURS.border, 'line-width': 0.6, 'line-dasharray': [3, 2] },
  },
  {
    id: 'roads',
    type: 'line',
    source: 'roads',
    layout: { 'line-cap': 'round' },
    paint: {
      'line-color': [
        'match',
        ['get', 'road_class'],
        ['trunk', 'primary'],
        '#8d6e63',
        'secondary',
        '#a1887f',
        '#bcaaa4',
      ],
      'line-width': [
        'match',
        ['get', 'road_class'],
        'trunk',
        3,
        'primary',
        2.4,
        'secondary',
        1.6,
        'tertiary',
        1.1,
        0.7,
      ],
    },
  },
  {
    id: 'routes-alternative',
    type: 'line',
    source: 'routes',
    filter: ['>', ['get', 'rank'], 0],
    paint: { 'line-color': COLOURS.alternative, 'line-width': 2.5, 'line-dasharray': [2, 2], 'line-opacity': 0.8 },
  },
  {
    id: 'routes-best',
    type: 'line',
    source: 'routes',
    filter: ['==', ['get', 'rank'], 0],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': COLOURS.route, 'line-width': 4.5 },
  },
  {
    id: 'places',
    type: 'circle',
    source: 'places',
    paint: {
      'circle-radius': ['match', ['get', 'kind'], 'assembly_point', 6, 'crossing', 5, 3],
      'circle-color': ['match', ['get', 'kind'], 'assembly_point', '#1f4e9c', 'crossing', '#5d4037', '#6d6d6d'],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1,
    },
  },
  {
    id: 'exits',
    type: 'circle',
    source: 'exits',
    paint: {
      'circle-radius': 9,
      'circle-color': ['case', ['get', 'open'], COLOURS.open, COLOURS.closed],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2.5,
    },
  },
  {
    id: 'checkpoints',
    type: 'circle',
    source: 'checkpoints',
    paint: {
      'circle-radius': 7,
      'circle-color': ['match', ['get', 'status'], 'open', COLOURS.open, 'closed', COLOURS.closed, COLOURS.unknown],
      // A report we are unsure of is drawn paler, never hidden.
      'circle-opacity': ['interpolate', ['linear'], ['get', 'confidence'], 0, 0.3, 1, 1],
      // Report age: a thin white ring when fresh, a thick grey one past 24 h.
      'circle-stroke-color': ['step', ['get', 'age_h'], '#ffffff', 24, '#555555'],
      'circle-stroke-width': ['step', ['get', 'age_h'], 1.5, 6, 2.5, 24, 4],
    },
  },
  {
    id: 'convoys',
    type: 'circle',
    source: 'convoys',
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['get', 'persons'], 0, 4, 50, 9],
      'circle-color': ['match', ['get', 'state'], 'moving', '#6a1b9a', 'boarding', '#1f4e9c', '#00695c'],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  },
];

export function buildStyle(): StyleSpecification {
  return {
    version: 8,
    sources: Object.fromEntries(SOURCES.map((id) => [id, emptySource()])),
    layers,
  };
}

function emptySource(): SourceSpecification {
  return { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
}
