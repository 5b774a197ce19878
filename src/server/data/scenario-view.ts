// The situation and map data of a stored scenario, read from its plain tables: no person and no household is touched.
import type { Store } from '../../store/index.ts';

interface PlanningTables {
  readonly places: readonly { place_id: string; lat: number; lon: number; [k: string]: unknown }[];
  readonly roads: readonly { from: string; to: string; km: number; road_class: string; [k: string]: unknown }[];
  readonly exits: readonly unknown[];
  readonly vehicles: readonly unknown[];
  readonly countries: readonly unknown[];
}

interface Manifest {
  readonly name: string;
  readonly start_time: string;
  readonly time_zone: string;
  readonly parties?: readonly unknown[];
}

/** Drops the spreadsheet row numbers the stored rows still carry. */
function withoutRow<T extends object>(row: T): Omit<T, '_row'> {
  const { _row: _, ...rest } = row as T & { _row?: unknown };
  return rest;
}

export async function scenarioView(store: Store, scenarioId: string): Promise<Record<string, unknown>> {
  const row = await store.db
    .selectFrom('scenarios')
    .select(['manifest', 'planning_tables'])
    .where('id', '=', scenarioId)
    .executeTakeFirstOrThrow();
  const manifest = row.manifest as Manifest;
  const planning = row.planning_tables as PlanningTables;
  const placeById = new Map(planning.places.map((p) => [p.place_id, p]));
  const column = async (
    table: 'control_areas' | 'checkpoints' | 'field_reports',
    name: 'feature' | 'checkpoint' | 'report',
  ): Promise<unknown[]> => {
    const rows = await store.db
      .selectFrom(table)
      .select(name as never)
      .where('scenario_id', '=', scenarioId)
      .orderBy('position')
      .execute();
    return rows.map((r) => (r as Record<string, unknown>)[name]);
  };
  const roads = planning.roads.flatMap((road) => {
    const from = placeById.get(road.from);
    const to = placeById.get(road.to);
    if (from === undefined || to === undefined) return [];
    return [
      {
        type: 'Feature',
        geometry: {
          type: 'LineString',
          coordinates: [
            [from.lon, from.lat],
            [to.lon, to.lat],
          ],
        },
        properties: { from: road.from, to: road.to, km: road.km, road_class: road.road_class },
      },
    ];
  });
  return {
    name: manifest.name,
    start_time: manifest.start_time,
    time_zone: manifest.time_zone,
    parties: manifest.parties ?? [],
    places: planning.places.map(withoutRow),
    roads: { type: 'FeatureCollection', features: roads },
    control_areas: { type: 'FeatureCollection', features: await column('control_areas', 'feature') },
    checkpoints: (await column('checkpoints', 'checkpoint')).map((c) => withoutRow(c as object)),
    exits: planning.exits.map((e) => withoutRow(e as object)),
    vehicles: planning.vehicles.map((v) => withoutRow(v as object)),
    field_reports: (await column('field_reports', 'report')).map((r) => withoutRow(r as object)),
  };
}
