// Scenario + routing context → the convoy planner's input: steps, vehicle capacities, profile metrics restricted to vetted routes.
import { INF_WEIGHT } from '../../core/graph/road-graph.ts';
import type { Scenario } from '../../core/scenario/scenario.ts';
import { PROFILES, type Profile } from '../../core/scenario/vocabulary.ts';
import type { ConvoyGroup, ConvoyInstance, ConvoyVehicle } from '../../core/scheduling/convoy-types.ts';
import { type Exit, INF_STEPS, type SchedulingNetwork } from '../../core/scheduling/types.ts';
import type { HouseholdRouting, RoutingContext } from '../stages/routing-stage.ts';
import { exitOpen, exitPlaceId } from '../stages/routing-stage.ts';

/** Converts between scenario time and planner steps. */
export interface StepClock {
  readonly stepMinutes: number;
  readonly startMs: number;
  toStep(iso: string): number;
  toIso(step: number): string;
}

export function stepClock(scenario: Scenario): StepClock {
  const stepMinutes = scenario.manifest.parameters.scheduling.step_minutes;
  const startMs = Date.parse(scenario.manifest.start_time);
  const stepMs = stepMinutes * 60_000;
  // Times are written in the scenario's own offset (as the start time gives it), so a manifest reads in local time.
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(scenario.manifest.start_time);
  const offsetMin = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  const suffix = offset ? `${offset[1]}${offset[2]}:${offset[3]}` : 'Z';
  return {
    stepMinutes,
    startMs,
    toStep: (iso) => Math.max(0, Math.round((Date.parse(iso) - startMs) / stepMs)),
    toIso: (step) => `${new Date(startMs + step * stepMs + offsetMin * 60_000).toISOString().slice(0, 16)}${suffix}`,
  };
}

const UNRESTRICTED: Profile = 'woman';

/**
 * The arcs a loaded convoy of `profile` may use: those of the vetted routes (up to k alternatives from every
 * assembly point to every open exit). Convoys keep to routes a coordinator has seen and accepted; the risk pricing
 * that chose them is not otherwise visible to the scheduler, which plans in real travel time.
 */
function vettedArcs(scenario: Scenario, ctx: RoutingContext, profile: Profile, alternatives: number): Uint8Array {
  const mask = new Uint8Array(ctx.network.graph.arcCount);
  const metric = ctx.metrics.get(profile)!;
  const points = scenario.places.filter((p) => p.kind === 'assembly_point');
  // The alternatives search penalises a copy of the metric, so one customization serves every pair.
  ctx.engine.setWeights(metric.weights);
  for (const ap of points) {
    const source = ctx.network.nodeOfPlace.get(ap.place_id)!;
    for (const exit of scenario.exits) {
      if (!exitOpen(scenario, exit.id)) continue;
      const target = ctx.network.nodeOfPlace.get(exitPlaceId(scenario, exit.id))!;
      for (const route of ctx.engine.alternatives(source, target, alternatives))
        for (const a of route.arcs) mask[a] = 1;
    }
  }
  return mask;
}

export function convoyInstance(
  scenario: Scenario,
  ctx: RoutingContext,
  routed: readonly HouseholdRouting[],
  priorityOrder: readonly string[],
  alternatives = 3,
): {
  instance: ConvoyInstance;
  clock: StepClock;
  profiles: readonly Profile[];
  unroutable: readonly HouseholdRouting[];
} {
  const clock = stepClock(scenario);
  const g = ctx.network.graph;
  const stepDs = clock.stepMinutes * 600;
  const realSteps = (a: number) => Math.max(1, Math.ceil(g.travelTimeDs[a]! / stepDs));
  const base = ctx.metrics.get(UNRESTRICTED)!.weights;
  // Empty vehicles may come through an open crossing (the 2018 buses came from the Golan side); loaded ones stop there.
  const openCrossingNodes = new Set(
    scenario.exits
      .filter((e) => exitOpen(scenario, e.id))
      .map((e) => ctx.network.nodeOfPlace.get(exitPlaceId(scenario, e.id))!),
  );
  const throughOpenCrossing = new Uint8Array(g.arcCount);
  for (const a of ctx.exitOutArcs) if (openCrossingNodes.has(ctx.situation.tail[a]!)) throughOpenCrossing[a] = 1;
  const travelTimeSteps = new Uint32Array(g.arcCount);
  const capacityPerStep = new Uint32Array(g.arcCount);
  for (let a = 0; a < g.arcCount; a++) {
    // An empty vehicle is stopped only where the road is closed to everyone (the least restricted profile).
    travelTimeSteps[a] = base[a]! >= INF_WEIGHT && throughOpenCrossing[a] === 0 ? INF_STEPS : realSteps(a);
    capacityPerStep[a] = Math.max(1, Math.floor((ctx.network.capacityVph[a]! * clock.stepMinutes) / 60));
  }
  const network: SchedulingNetwork = {
    nodeCount: g.nodeCount,
    arcCount: g.arcCount,
    firstOut: g.firstOut,
    head: g.head,
    travelTimeSteps,
    capacityPerStep,
  };
  const profileTravelTimeSteps = PROFILES.map((profile) => {
    const weights = ctx.metrics.get(profile)!.weights;
    const vetted = vettedArcs(scenario, ctx, profile, alternatives);
    const times = new Uint32Array(g.arcCount);
    for (let a = 0; a < g.arcCount; a++)
      times[a] = weights[a]! >= INF_WEIGHT || vetted[a] === 0 ? INF_STEPS : realSteps(a);
    return times;
  });

  const vehicles: ConvoyVehicle[] = scenario.vehicles
    .filter((v) => v.type !== 'aircraft')
    .map((v) => ({ id: v.id, seats: v.seats, count: v.count, startNode: ctx.network.nodeOfPlace.get(v.start_place)! }));
  const assemblyPoints = scenario.places
    .filter((p) => p.kind === 'assembly_point')
    .map((p) => ({ id: p.place_id, node: ctx.network.nodeOfPlace.get(p.place_id)! }));
  const size = new Map(scenario.households.map((h) => [h.household_id, h.member_ids.length]));
  const rank = new Map(priorityOrder.map((id, i) => [id, i]));
  const groups: ConvoyGroup[] = [];
  const unroutable: HouseholdRouting[] = [];
  for (const h of routed) {
    if (!h.assembly_point || !h.route) {
      unroutable.push(h);
      continue;
    }
    groups.push({
      id: h.household_id,
      persons: size.get(h.household_id)!,
      priority: rank.get(h.household_id) ?? priorityOrder.length,
      assemblyPointId: h.assembly_point,
      profile: PROFILES.indexOf(h.profile as Profile),
      // The household makes its own way to the assembly point first.
      readyStep: Math.ceil(h.route.duration_s / 60 / clock.stepMinutes),
    });
  }
  const exits: Exit[] = scenario.exits.map((e) => {
    const node = ctx.network.nodeOfPlace.get(exitPlaceId(scenario, e.id))!;
    const conditionMet = e.condition_met === 'yes';
    if (e.kind === 'airlift') {
      // One flight at the opening of each window.
      return {
        id: e.id,
        mode: 'air',
        node,
        conditionMet,
        flights: e.windows.map((w) => ({ step: clock.toStep(w.opens_at), seats: e.seats_per_flight ?? 0 })),
      };
    }
    return {
      id: e.id,
      mode: 'ground',
      node,
      conditionMet,
      capacityPerStep: Math.max(1, Math.floor((e.capacity_per_hour * clock.stepMinutes) / 60)),
      windows: e.windows.map((w) => ({ startStep: clock.toStep(w.opens_at), endStep: clock.toStep(w.closes_at) })),
    };
  });
  const instance: ConvoyInstance = {
    network,
    profileTravelTimeSteps,
    vehicles,
    assemblyPoints,
    groups,
    exits,
    horizonSteps: Math.ceil((scenario.manifest.horizon_hours * 60) / clock.stepMinutes),
    boardingSteps: Math.ceil(scenario.manifest.parameters.scheduling.boarding_minutes / clock.stepMinutes),
  };
  return { instance, clock, profiles: PROFILES, unroutable };
}
