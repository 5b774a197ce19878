// Emergency wipe through the API (administrators): keys first, then data; the server answers 503 `wiped` afterwards.
import { z } from 'zod';
import { wipe } from '../../store/index.ts';
import { defineRoute } from '../route.ts';

export const wipeRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/wipe',
    access: 'store.wipe',
    summary: 'Destroy the keys and every record now (cannot be undone)',
    body: z.strictObject({ confirm: z.literal('WIPE') }),
    responds: '{ wiped: true, ms, destroyed }',
    handler: async ({ state }) => {
      state.wiped = true;
      const report = await wipe(state.store, state.keyring);
      return { json: { wiped: true, ms: Math.round(report.durationMs), destroyed: report.destroyed } };
    },
  }),
];
