// Route changes between two plans: the whole way out counts, and losing a seat is being stranded.
import { describe, expect, it } from 'vitest';
import type { PlanResult } from '../../pipeline/plan.ts';
import { routeChanges } from './route-changes.ts';

const route = (checkpoints: string[], distance_m: number) => ({
  distance_m,
  duration_s: 600,
  risk: 0.1,
  checkpoints: checkpoints.map((id) => ({ id, name: id, risk: 0.1, verdict: 'passable' })),
  geometry: { type: 'LineString' as const, coordinates: [] },
});

function plan(onward: ReturnType<typeof route> | undefined, out: string[]): PlanResult {
  return {
    exits: [{ id: 'line', open: true }],
    routing: {
      households: [
        { household_id: 'h1', profile: 'woman', origin_node: 0, assembly_point: 'ap', route: route([], 1000) },
        { household_id: 'h2', profile: 'woman', origin_node: 0, assembly_point: 'ap', route: route([], 1000) },
      ],
      assembly_to_exits: [
        { assembly_point: 'ap', profile: 'woman', exits: [{ exit_id: 'line', routes: onward ? [onward] : [] }] },
      ],
    },
    schedule: { convoys: [{ households: out.map((household_id) => ({ household_id, persons: 1 })) }] },
  } as unknown as PlanResult;
}

describe('routeChanges', () => {
  it('a checkpoint closing between the assembly point and the exit re-routes the households gathering there', () => {
    const changes = routeChanges(plan(route(['cp-1'], 5000), ['h1', 'h2']), plan(route(['cp-2'], 7000), ['h1', 'h2']));
    expect(changes).toEqual({ households_rerouted: ['h1', 'h2'], stranded: [] });
  });

  it('a household no longer in any convoy is stranded, even with a route', () => {
    const changes = routeChanges(plan(route(['cp-1'], 5000), ['h1', 'h2']), plan(route(['cp-1'], 5000), ['h1']));
    expect(changes).toEqual({ households_rerouted: [], stranded: ['h2'] });
  });

  it('nothing changes without an earlier plan', () => {
    expect(routeChanges(undefined, plan(route([], 1), []))).toEqual({ households_rerouted: [], stranded: [] });
  });
});
