// The built web app under /: files as they are (the maplibre worker .mjs with its ?v= query too), else index.html.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';

export function serveWebApp(app: Hono, staticDir: string): void {
  if (!existsSync(staticDir)) return;
  // serveStatic matches on the path only, so `?v=…` cache-busting queries are ignored.
  app.use(
    '*',
    serveStatic({
      root: staticDir,
      onFound: (path, c) => {
        if (path.endsWith('.mjs') || path.endsWith('.js')) c.header('Content-Type', 'text/javascript; charset=utf-8');
      },
    }),
  );
  const index = join(staticDir, 'index.html');
  if (existsSync(index)) app.get('*', serveStatic({ path: index }));
}
