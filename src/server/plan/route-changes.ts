// Which households a new plan moved to another way out, and which it left with no way out at all.
import type { PlanResult } from '../../pipeline/plan.ts';

export interface RouteChanges {
  readonly households_rerouted: readonly string[];
  readonly stranded: readonly string[];
}

type Household = NonNullable<PlanResult['routing']>['households'][number];

/**
 * A household's whole way out: its route to the assembly point, then its group's best route from there to an open
 * exit (a closed checkpoint between the assembly point and the border moves the household as much as one near home).
 */
function wayKey(plan: PlanResult, h: Household): string | undefined {
  if (h.route === undefined) return undefined;
  const open = new Set(plan.exits.filter((e) => e.open).map((e) => e.id));
  const onward = plan.routing?.assembly_to_exits
    .find((a) => a.assembly_point === h.assembly_point && a.profile === h.profile)
    ?.exits.find((e) => open.has(e.exit_id) && e.routes.length > 0);
  const leg = (r: { checkpoints: readonly { id: string }[]; distance_m: number }) =>
    `${r.checkpoints.map((c) => c.id).join(',')}/${Math.round(r.distance_m)}`;
  const exit = onward ? `${onward.exit_id}:${leg(onward.routes[0]!)}` : 'no-exit';
  return `${h.assembly_point ?? ''}|${leg(h.route)}|${exit}`;
}

/** Households the schedule gets out. */
function evacuated(plan: PlanResult | undefined): Set<string> {
  return new Set(plan?.schedule?.convoys.flatMap((c) => c.households.map((h) => h.household_id)) ?? []);
}

/** Compares two plans household by household (a missing earlier plan changes nothing). */
export function routeChanges(before: PlanResult | undefined, after: PlanResult): RouteChanges {
  if (before === undefined) return { households_rerouted: [], stranded: [] };
  const rerouted: string[] = [];
  const stranded = new Set<string>();
  const previous = new Map((before.routing?.households ?? []).map((h) => [h.household_id, wayKey(before, h)]));
  for (const h of after.routing?.households ?? []) {
    if (!previous.has(h.household_id)) continue;
    const was = previous.get(h.household_id);
    const now = wayKey(after, h);
    if (was !== undefined && now === undefined) stranded.add(h.household_id);
    else if (was !== now && now !== undefined) rerouted.push(h.household_id);
  }
  // Out in the earlier schedule, not in this one: stranded even if a route still exists (window, capacity).
  const out = evacuated(after);
  for (const id of evacuated(before)) if (!out.has(id)) stranded.add(id);
  return { households_rerouted: rerouted.filter((id) => !stranded.has(id)), stranded: [...stranded].sort() };
}
