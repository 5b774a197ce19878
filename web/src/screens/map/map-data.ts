// GeoJSON for the map's sources, built from the scenario and the plan (pure functions, no MapLibre).
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { AssemblyToExits, Party, Plan, Profile, ScenarioCheckpoint, ScenarioView } from '../../api/types.ts';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Control areas with the controlling party's stance copied onto each feature, for the tint. */
export function controlAreas(s: ScenarioView): FeatureCollection {
  const stance = new Map(s.parties.map((p: Party) => [p.id, p.stance]));
  return {
    type: 'FeatureCollection',
    features: s.control_areas.features.map((f) => ({
      ...f,
      properties: { ...f.properties, stance: stance.get(String(f.properties?.controller)) ?? 'unknown' },
    })),
  };
}

/**
 * The checkpoints as the plan saw them: the scenario's states with the field reports the plan applied (status, time)
 * and the confidence it settled on (applied or corroborated). The plan's outcomes are the one authority on which
 * report counts; this only replays them.
 */
export function checkpointsAsPlanned(s: ScenarioView, p: Plan | null): ScenarioCheckpoint[] {
  const reports = new Map((s.field_reports ?? []).map((r) => [r.id, r]));
  const byId = new Map(s.checkpoints.map((c) => [c.id, { ...c }]));
  for (const outcome of p?.field_reports ?? []) {
    const report = reports.get(outcome.reportId);
    const checkpoint = byId.get(outcome.targetId);
    if (!report || !checkpoint) continue;
    if (outcome.effect === 'applied')
      byId.set(checkpoint.id, {
        ...checkpoint,
        status: report.new_status,
        reported_at: report.observed_at,
        confidence: outcome.confidence ?? checkpoint.confidence,
      });
    else if (outcome.effect === 'corroborated')
      byId.set(checkpoint.id, { ...checkpoint, confidence: outcome.confidence ?? checkpoint.confidence });
  }
  return [...byId.values()];
}

/** Checkpoints as points with status, confidence (opacity), report age in hours and the risk to `profile`. */
export function checkpoints(list: readonly ScenarioCheckpoint[], profile: Profile, now: Date): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: list.map((c) =>
      point(c.lon, c.lat, {
        id: c.id,
        name: c.name,
        status: c.status,
        confidence: Number(c.confidence) || 0,
        age_h: Math.max(0, (now.getTime() - new Date(c.reported_at).getTime()) / 3_600_000),
        risk: Number(c[`risk_${profile}`] ?? 0),
      }),
    ),
  };
}

/** Exits with their open state from the plan (the scenario's own state when there is no plan). */
export function exits(s: ScenarioView, p: Plan | null): FeatureCollection {
  const open = new Map((p?.exits ?? []).map((e) => [e.id, e.open]));
  return {
    type: 'FeatureCollection',
    features: s.exits.map((e) => point(e.lon, e.lat, { id: e.id, name: e.name, open: open.get(e.id) ?? false })),
  };
}

export function places(s: ScenarioView): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: s.places.map((p) => point(p.lon, p.lat, { id: p.place_id, name: p.name, kind: p.kind })),
  };
}

/** The routes of one assembly point and group: rank 0 is the recommended route to an exit, higher ranks alternatives. */
export function routes(entry: AssemblyToExits | undefined): FeatureCollection {
  if (!entry) return EMPTY;
  const features: Feature[] = [];
  for (const exit of entry.exits)
    exit.routes.forEach((route, rank) => {
      features.push({
        type: 'Feature',
        geometry: route.geometry as Geometry,
        properties: { exit_id: exit.exit_id, rank, risk: route.risk },
      });
    });
  // Alternatives first, so the recommended routes draw on top.
  features.sort((a, b) => Number(b.properties?.rank) - Number(a.properties?.rank));
  return { type: 'FeatureCollection', features };
}

export function routesOf(p: Plan | null, assemblyPoint: string, profile: Profile): AssemblyToExits | undefined {
  return p?.routing?.assembly_to_exits?.find((a) => a.assembly_point === assemblyPoint && a.profile === profile);
}

/** The moment report ages are measured from: the plan's situation time, not the laptop's clock. */
export function situationTime(s: ScenarioView, p: Plan | null): Date {
  return new Date(p?.routing?.situation_as_of ?? s.start_time);
}

function point(lon: number, lat: number, properties: Record<string, unknown>): Feature {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [Number(lon), Number(lat)] }, properties };
}
