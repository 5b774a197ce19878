// MapLibre, told where its worker module is: emitted by web/vite.config.ts beside our bundle, on our own origin.
import * as maplibregl from 'maplibre-gl';

maplibregl.setWorkerUrl(new URL(`${import.meta.env.BASE_URL}assets/maplibre-gl-worker.mjs`, window.location.href).href);

export { maplibregl };
