// Scenario control areas (GeoJSON) → the routing risk model's ControlArea, and "is this point held by a hostile party".
import type { ControlArea, Ring } from '../../core/routing/risk/control-areas.ts';
import { areaContains } from '../../core/routing/risk/control-areas.ts';
import type { Scenario } from '../../core/scenario/scenario.ts';
import { PROFILES } from '../../core/scenario/vocabulary.ts';

export function toControlAreas(scenario: Scenario): ControlArea[] {
  return scenario.controlAreas.map((feature) => {
    const g = feature.geometry;
    const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).map((rings) =>
      rings.map((ring) => ring.map((position) => [position[0], position[1]] as const) as Ring),
    );
    const props = feature.properties;
    const riskPerKmByProfile = Object.fromEntries(
      PROFILES.map((profile) => [profile, props[`risk_per_km_${profile}`] ?? 0]),
    ) as ControlArea['riskPerKmByProfile'];
    return { id: props.id, name: props.name ?? props.id, controller: props.controller, polygons, riskPerKmByProfile };
  });
}

/** The controller of the first area containing the point, or undefined. */
export function controllerAt(areas: readonly ControlArea[], lat: number, lon: number): string | undefined {
  return areas.find((area) => areaContains(area, lon, lat))?.controller;
}

/** True when the point lies in an area held by a party whose stance is hostile. */
export function hostilePredicate(
  scenario: Scenario,
  areas: readonly ControlArea[],
): (lat: number, lon: number) => boolean {
  const hostile = new Set(scenario.manifest.parties.filter((p) => p.stance === 'hostile').map((p) => p.id));
  return (lat, lon) => {
    const controller = controllerAt(areas, lat, lon);
    return controller !== undefined && hostile.has(controller);
  };
}
