// Vite build of the browser app: root web/, output web/dist, MapLibre's worker emitted beside the bundle (no CDN).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

const require = createRequire(import.meta.url);
const maplibreDist = dirname(require.resolve('maplibre-gl/package.json'));
const workerFile = join(maplibreDist, 'dist', 'maplibre-gl-worker.mjs');
/** Where the app tells MapLibre to find its worker (see web/src/screens/map/maplibre.ts). */
const workerPath = 'assets/maplibre-gl-worker.mjs';

/** MapLibre 6 loads its worker as a separate ES module; Vite does not see that import, so we emit and serve it. */
function maplibreWorker(): Plugin {
  return {
    name: 'safepassage-maplibre-worker',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!req.url?.startsWith(`/${workerPath}`)) return next();
        res.setHeader('Content-Type', 'text/javascript');
        res.end(readFileSync(workerFile));
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: workerPath, source: readFileSync(workerFile) });
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [preact(), maplibreWorker()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    // Fonts must stay files served by us, never inlined or fetched from elsewhere.
    assetsInlineLimit: 0,
  },
  server: {
    // `npm run dev:web` against a running `safepassage serve --port 8080`.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
