// Where each convoy is at a moment of the schedule: boarding at its assembly point, on the road, or at its exit.
import type { Feature, FeatureCollection } from 'geojson';
import type { Convoy, Plan, ScenarioView } from '../../api/types.ts';

export type ConvoyState = 'boarding' | 'moving' | 'at-exit';

export interface ConvoyCounts {
  boarding: number;
  moving: number;
  atExit: number;
  /** People through an exit by then. */
  out: number;
}

/** The schedule's first departure and last arrival (ms), or null when the plan has no convoys. */
export function scheduleSpan(p: Plan | null): { from: number; to: number; stepMs: number } | null {
  const convoys = p?.schedule?.convoys ?? [];
  if (convoys.length === 0) return null;
  const from = Math.min(...convoys.map((c) => Date.parse(c.departs_at ?? c.boards_at ?? '')).filter(Number.isFinite));
  const to = Math.max(...convoys.map((c) => Date.parse(c.out_by ?? c.at_exit ?? '')).filter(Number.isFinite));
  if (!Number.isFinite(from) || !Number.isFinite(to)) return null;
  return { from, to, stepMs: (p?.schedule?.step_minutes ?? 2) * 60_000 };
}

function stateAt(c: Convoy, at: number): ConvoyState | null {
  const boards = Date.parse(c.boards_at ?? '');
  const leaves = Date.parse(c.leaves_at ?? '');
  const atExit = Date.parse(c.at_exit ?? '');
  const out = Date.parse(c.out_by ?? c.at_exit ?? '');
  if (at >= boards && at < leaves) return 'boarding';
  if (at >= leaves && at < atExit) return 'moving';
  if (at >= atExit && at < out) return 'at-exit';
  return null;
}

/** Convoys as points at `at`: a moving convoy is placed along the recommended route from its assembly point. */
export function convoysAt(s: ScenarioView, p: Plan, at: number): { features: FeatureCollection; counts: ConvoyCounts } {
  const places = new Map(s.places.map((pl) => [pl.place_id, [pl.lon, pl.lat]]));
  const exits = new Map(s.exits.map((e) => [e.id, [e.lon, e.lat]]));
  const counts: ConvoyCounts = { boarding: 0, moving: 0, atExit: 0, out: 0 };
  const features: Feature[] = [];
  for (const c of p.schedule?.convoys ?? []) {
    if (Date.parse(c.out_by ?? '') <= at) counts.out += c.persons ?? 0;
    const state = stateAt(c, at);
    if (state === null) continue;
    let position: number[] | undefined;
    if (state === 'boarding') position = places.get(c.assembly_point);
    else if (state === 'at-exit') position = exits.get(c.exit);
    else {
      const line = routeLine(p, c) ?? [places.get(c.assembly_point), exits.get(c.exit)].filter((x) => x !== undefined);
      const leaves = Date.parse(c.leaves_at ?? '');
      const arrives = Date.parse(c.at_exit ?? '');
      position = along(line, (at - leaves) / Math.max(1, arrives - leaves));
    }
    if (state === 'boarding') counts.boarding++;
    else if (state === 'moving') counts.moving++;
    else counts.atExit++;
    if (position)
      features.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: position },
        properties: { state, vehicle: c.vehicle, persons: c.persons ?? 0 },
      });
  }
  return { features: { type: 'FeatureCollection', features }, counts };
}

/** The plan's recommended route from the convoy's assembly point to its exit (any group; the first found). */
function routeLine(p: Plan, c: Convoy): number[][] | undefined {
  for (const entry of p.routing?.assembly_to_exits ?? []) {
    if (entry.assembly_point !== c.assembly_point) continue;
    const route = entry.exits.find((e) => e.exit_id === c.exit)?.routes[0];
    if (route) return route.geometry.coordinates.map((xy) => [...xy]);
  }
  return undefined;
}

/** The point at `fraction` of the line's length (straight segments in degrees: good enough at this scale). */
function along(line: readonly number[][], fraction: number): number[] | undefined {
  if (line.length === 0) return undefined;
  const f = Math.min(1, Math.max(0, fraction));
  const lengths = line.slice(1).map((b, i) => Math.hypot(b[0]! - line[i]![0]!, b[1]! - line[i]![1]!));
  let remaining = f * lengths.reduce((a, b) => a + b, 0);
  for (let i = 0; i < lengths.length; i++) {
    const len = lengths[i]!;
    if (remaining <= len && len > 0) {
      const t = remaining / len;
      const [a, b] = [line[i]!, line[i + 1]!];
      return [a[0]! + (b[0]! - a[0]!) * t, a[1]! + (b[1]! - a[1]!) * t];
    }
    remaining -= len;
  }
  return line[line.length - 1];
}
