// The route table: every endpoint of the API with the policy action it needs. A route not listed here does not exist.
import type { Route } from './route.ts';
import { allocationRoutes } from './routes/allocation.ts';
import { arrivalRoutes } from './routes/arrivals.ts';
import { auditRoutes } from './routes/audit.ts';
import { caseRoutes } from './routes/cases.ts';
import { checkinRoutes } from './routes/checkin.ts';
import { dedupeRoutes } from './routes/dedupe.ts';
import { importRoutes } from './routes/import.ts';
import { instructionRoutes } from './routes/instructions.ts';
import { peopleRoutes } from './routes/people.ts';
import { planRoutes } from './routes/plan.ts';
import { reconciliationRoutes } from './routes/reconciliation.ts';
import { scenarioRoutes } from './routes/scenario.ts';
import { sessionRoutes } from './routes/session.ts';
import { situationRoutes } from './routes/situation.ts';
import { systemRoutes } from './routes/system.ts';
import { wipeRoutes } from './routes/wipe.ts';

export const ROUTES: readonly Route[] = [
  ...systemRoutes(() => ROUTES),
  ...sessionRoutes,
  ...scenarioRoutes,
  ...planRoutes,
  ...peopleRoutes,
  ...caseRoutes,
  ...importRoutes,
  ...dedupeRoutes,
  ...situationRoutes,
  ...checkinRoutes,
  ...instructionRoutes,
  ...arrivalRoutes,
  ...reconciliationRoutes,
  ...allocationRoutes,
  ...auditRoutes,
  ...wipeRoutes,
];
