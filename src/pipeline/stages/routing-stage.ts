// Routing stage: per household, the best acceptable way to an assembly point; per assembly point and profile, routes to each exit.
import { INF_WEIGHT } from '../../core/graph/road-graph.ts';
import { snapToRoad } from '../../core/graph/snap.ts';
import { createRoutingEngine, type RoutingEngine } from '../../core/routing/engine.ts';
import {
  buildRiskSituation,
  type CutOff,
  type ProfileMetric,
  profileMetric,
  type RiskSituation,
  type RouteReport,
  riskAwareRoutes,
} from '../../core/routing/risk/index.ts';
import type { Scenario } from '../../core/scenario/scenario.ts';
import { PROFILES, type Profile } from '../../core/scenario/vocabulary.ts';
import { toControlAreas } from '../adapters/control-areas.ts';
import type { ScenarioNetwork } from '../adapters/network.ts';
import { householdProfiles } from '../adapters/profiles.ts';
import { riskParametersOf, type SituationAt } from '../adapters/situation.ts';

/** A route as plan.json carries it (units in names, as in the CLI's route JSON). */
export interface PlannedRoute {
  readonly distance_m: number;
  readonly duration_s: number;
  readonly risk: number;
  readonly checkpoints: readonly {
    readonly id: string;
    readonly name: string;
    readonly risk: number;
    readonly verdict: string;
  }[];
  readonly geometry: RouteReport['geometry'];
}

export interface HouseholdRouting {
  readonly household_id: string;
  readonly profile: string;
  readonly origin_node: number;
  readonly assembly_point?: string;
  readonly route?: PlannedRoute;
  /** Set when no assembly point can be reached acceptably: what cuts the household off. */
  readonly cut_off?: CutOff;
}

export interface ExitRouting {
  readonly exit_id: string;
  readonly routes: readonly PlannedRoute[];
  readonly cut_off?: CutOff;
}

export interface AssemblyRouting {
  readonly assembly_point: string;
  readonly profile: string;
  readonly exits: readonly ExitRouting[];
}

export interface RoutingSection {
  readonly network: { readonly nodes: number; readonly arcs: number; readonly kind: string };
  readonly situation_as_of: string;
  /** Checkpoints too far from any road to be placed on one (ignored by routing: check their coordinates). */
  readonly unattached_checkpoints: readonly { readonly id: string; readonly distance_m: number }[];
  readonly households: readonly HouseholdRouting[];
  readonly assembly_to_exits: readonly AssemblyRouting[];
}

/** The engine and the per-profile metrics, kept for the scheduling stage and for re-planning. */
export interface RoutingContext {
  readonly network: ScenarioNetwork;
  readonly engine: RoutingEngine;
  readonly situation: RiskSituation;
  readonly metrics: ReadonlyMap<Profile, ProfileMetric>;
  /** Arcs leaving a crossing place: a route may end at a border crossing but never drive on through it. */
  readonly exitOutArcs: Uint32Array;
}

/** Builds the CCH once and a metric per profile for the situation at hand. */
export function prepareRouting(
  scenario: Scenario,
  network: ScenarioNetwork,
  at: SituationAt,
  previous?: RoutingEngine,
): RoutingContext {
  const situation = buildRiskSituation(network.snapIndex, {
    checkpoints: at.checkpoints,
    controlAreas: toControlAreas(scenario),
    now: at.asOf,
    parameters: {
      ...riskParametersOf(scenario),
      // Town-level links are straight lines that can lie kilometres from the real road a checkpoint stands on.
      ...(scenario.manifest.network.kind === 'edge-list' ? { checkpointSnapMaxM: 5000 } : {}),
    },
  });
  const crossingNodes = scenario.places
    .filter((p) => p.kind === 'crossing')
    .map((p) => network.nodeOfPlace.get(p.place_id)!);
  const g = network.graph;
  const exitOut: number[] = [];
  for (const v of crossingNodes) for (let a = g.firstOut[v]!; a < g.firstOut[v + 1]!; a++) exitOut.push(a);
  const exitOutArcs = Uint32Array.from(exitOut);
  const metrics = new Map<Profile, ProfileMetric>();
  for (const profile of PROFILES) {
    const metric = profileMetric(situation, profile, 'time');
    for (const a of exitOutArcs) metric.weights[a] = INF_WEIGHT;
    metrics.set(profile, metric);
  }
  const engine = previous ?? createRoutingEngine(g);
  return { network, engine, situation, metrics, exitOutArcs };
}

/** The place an exit stands on: its place_id, or the nearest place. */
export function exitPlaceId(scenario: Scenario, exitId: string): string {
  const exit = scenario.exits.find((e) => e.id === exitId)!;
  if (exit.place_id !== undefined) return exit.place_id;
  let best = scenario.places[0]!;
  let bestD = Number.POSITIVE_INFINITY;
  for (const p of scenario.places) {
    const d = (p.lat - exit.lat) ** 2 + (p.lon - exit.lon) ** 2;
    if (d < bestD) [best, bestD] = [p, d];
  }
  return best.place_id;
}

const toPlanned = (r: RouteReport): PlannedRoute => ({
  distance_m: r.distanceM,
  duration_s: Math.round(r.durationS),
  risk: Math.round(r.risk * 10_000) / 10_000,
  checkpoints: r.checkpoints.map((c) => ({
    id: c.id,
    name: c.name,
    risk: Math.round(c.risk * 10_000) / 10_000,
    verdict: c.verdict,
  })),
  geometry: r.geometry,
});

/** Is the exit usable at all (condition met)? A closed exit still gets its routes reported, so the plan can say why. */
export function exitOpen(scenario: Scenario, exitId: string): boolean {
  const exit = scenario.exits.find((e) => e.id === exitId);
  return exit !== undefined && exit.condition_met === 'yes' && (exit.kind === 'airlift' || exit.windows.length > 0);
}

export function runRouting(scenario: Scenario, ctx: RoutingContext, alternatives = 3): RoutingSection {
  const { network, engine, situation, metrics } = ctx;
  const profiles = householdProfiles(scenario);
  const assemblyPoints = scenario.places.filter((p) => p.kind === 'assembly_point');
  const head = new Map(scenario.people.map((p) => [p.person_id, p]));

  const households: HouseholdRouting[] = [];
  for (const h of scenario.households) {
    const profile = profiles.get(h.household_id)! as Profile;
    const metric = metrics.get(profile)!;
    const origin = originNode(network, head.get(h.head_id)!.resolved_location);
    let best: { id: string; route: RouteReport } | undefined;
    let cutOff: CutOff | undefined;
    for (const ap of assemblyPoints) {
      const target = network.nodeOfPlace.get(ap.place_id)!;
      const found = riskAwareRoutes(engine, situation, metric, origin, target, 1);
      if (found.ok) {
        const route = found.value[0]!;
        if (best === undefined || route.durationS + route.risk * 3600 < best.route.durationS + best.route.risk * 3600) {
          best = { id: ap.place_id, route };
        }
      } else cutOff ??= found.error;
    }
    households.push({
      household_id: h.household_id,
      profile,
      origin_node: origin,
      ...(best ? { assembly_point: best.id, route: toPlanned(best.route) } : cutOff ? { cut_off: cutOff } : {}),
    });
  }

  const assemblyToExits: AssemblyRouting[] = [];
  const usedProfiles = [...new Set(profiles.values())].sort() as Profile[];
  for (const ap of assemblyPoints) {
    const source = network.nodeOfPlace.get(ap.place_id)!;
    for (const profile of usedProfiles) {
      const exits: ExitRouting[] = scenario.exits.map((exit) => {
        const target = network.nodeOfPlace.get(exitPlaceId(scenario, exit.id))!;
        const found = riskAwareRoutes(engine, situation, metrics.get(profile)!, source, target, alternatives);
        return found.ok
          ? { exit_id: exit.id, routes: found.value.map(toPlanned) }
          : { exit_id: exit.id, routes: [], cut_off: found.error };
      });
      assemblyToExits.push({ assembly_point: ap.place_id, profile, exits });
    }
  }
  return {
    network: { nodes: network.graph.nodeCount, arcs: network.graph.arcCount, kind: scenario.manifest.network.kind },
    situation_as_of: new Date(situation.nowMs).toISOString(),
    unattached_checkpoints: situation.checkpointArcs.unattached.map((u) => ({
      id: u.id,
      distance_m: Math.round(u.distanceM),
    })),
    households,
    assembly_to_exits: assemblyToExits,
  };
}

/** A location's node: its place's node, or the node nearest the snapped point. */
function originNode(network: ScenarioNetwork, location: { lat: number; lon: number; place_id?: string }): number {
  if (location.place_id !== undefined) {
    const node = network.nodeOfPlace.get(location.place_id);
    if (node !== undefined) return node;
  }
  const snapped = snapToRoad(network.snapIndex, location.lat, location.lon, Number.POSITIVE_INFINITY);
  if (!snapped.ok) throw new Error('snap with an unlimited distance cannot fail');
  return snapped.value.node;
}
