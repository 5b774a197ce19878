// Which households a new plan moved to another route, and which it left without any acceptable route.
import type { PlanResult } from '../../pipeline/plan.ts';

export interface RouteChanges {
  readonly households_rerouted: readonly string[];
  readonly stranded: readonly string[];
}

type Households = NonNullable<PlanResult['routing']>['households'];

function routeKey(h: Households[number]): string | undefined {
  if (h.route === undefined) return undefined;
  return `${h.assembly_point ?? ''}|${h.route.checkpoints.map((c) => c.id).join(',')}|${Math.round(h.route.distance_m)}`;
}

/** Compares the routing of two plans household by household (a missing earlier plan changes nothing). */
export function routeChanges(before: PlanResult | undefined, after: PlanResult): RouteChanges {
  const rerouted: string[] = [];
  const stranded: string[] = [];
  const previous = new Map((before?.routing?.households ?? []).map((h) => [h.household_id, routeKey(h)]));
  for (const h of after.routing?.households ?? []) {
    if (!previous.has(h.household_id)) continue;
    const was = previous.get(h.household_id);
    const now = routeKey(h);
    if (was !== undefined && now === undefined) stranded.push(h.household_id);
    else if (was !== now && now !== undefined) rerouted.push(h.household_id);
  }
  return { households_rerouted: rerouted, stranded };
}
