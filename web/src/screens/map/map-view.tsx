// The MapLibre map: created once, its GeoJSON sources refreshed when the situation, plan or selection changes.

import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap, Marker } from 'maplibre-gl';
import { useEffect, useRef } from 'preact/hooks';
import { language } from '../../state/language.ts';
import { buildStyle, type SourceId } from './map-style.ts';
import { maplibregl } from './maplibre.ts';

export interface MapLabel {
  readonly id: string;
  readonly lon: number;
  readonly lat: number;
  readonly text: string;
  readonly kind: string;
}

interface Props {
  readonly data: Partial<Record<SourceId, FeatureCollection>>;
  /** Drawn as HTML so the browser shapes Arabic with our bundled font (MapLibre text would need glyph files). */
  readonly labels: readonly MapLabel[];
  readonly bounds: [[number, number], [number, number]] | null;
  readonly onCheckpointClick?: (id: string) => void;
}

export function MapView({ data, labels, bounds, onCheckpointClick }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | null>(null);
  const loaded = useRef(false);
  const markers = useRef<Marker[]>([]);
  const latest = useRef(data);
  latest.current = data;
  const clickHandler = useRef(onCheckpointClick);
  clickHandler.current = onCheckpointClick;

  useEffect(() => {
    if (!container.current) return undefined;
    const m = new maplibregl.Map({
      container: container.current,
      style: buildStyle(),
      attributionControl: false,
      ...(bounds ? { bounds, fitBoundsOptions: { padding: 30 } } : { center: [36.1, 32.9], zoom: 8 }),
    });
    m.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
    m.on('load', () => {
      loaded.current = true;
      push(m, latest.current);
      container.current?.setAttribute('data-map-ready', 'true');
    });
    m.on('click', 'checkpoints', (e) => {
      const id = e.features?.[0]?.properties?.id;
      if (typeof id === 'string') clickHandler.current?.(id);
    });
    m.on('mouseenter', 'checkpoints', () => {
      m.getCanvas().style.cursor = 'pointer';
    });
    m.on('mouseleave', 'checkpoints', () => {
      m.getCanvas().style.cursor = '';
    });
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
      loaded.current = false;
    };
  }, []);

  useEffect(() => {
    if (map.current && loaded.current) push(map.current, data);
  }, [data]);

  useEffect(() => {
    const m = map.current;
    if (!m) return undefined;
    for (const marker of markers.current) marker.remove();
    markers.current = labels.map((label) => {
      const el = document.createElement('div');
      el.className = `map-label map-label-${label.kind}`;
      el.textContent = label.text;
      el.dir = 'auto';
      return new maplibregl.Marker({ element: el, anchor: 'top', offset: [0, 8] })
        .setLngLat([label.lon, label.lat])
        .addTo(m);
    });
    return undefined;
  }, [labels, language.value]);

  return <div class="map" ref={container} data-testid="map" />;
}

function push(m: MapLibreMap, data: Partial<Record<SourceId, FeatureCollection>>): void {
  for (const [id, collection] of Object.entries(data)) {
    const source = m.getSource(id) as GeoJSONSource | undefined;
    if (source && collection) source.setData(collection);
  }
}
