// The main screen: the situation on the map, the routes of one assembly point for one group, and what they pass.
import { useMemo } from 'preact/hooks';
import { PROFILES, type Profile, type ScenarioCheckpoint } from '../../api/types.ts';
import { PlanMissing } from '../../components/plan-missing.tsx';
import { basemap, plan, scenario } from '../../state/data.ts';
import { fmt, localName } from '../../state/format.ts';
import { language, t } from '../../state/language.ts';
import { ConvoyTimeline } from './convoy-timeline.tsx';
import { convoysAt, scheduleSpan } from './convoys-at.ts';
import { ExitList } from './exit-list.tsx';
import { Legend } from './legend.tsx';
import * as mapData from './map-data.ts';
import { type MapLabel, MapView } from './map-view.tsx';
import { RoutesPanel } from './routes-panel.tsx';
import { selectedAssemblyPoint, selectedCheckpoint, selectedProfile, selectedTime } from './selection.ts';

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

const LABELLED_KINDS = new Set(['assembly_point', 'crossing', 'airstrip']);

export function MapScreen() {
  const s = scenario.value!;
  const p = plan.value;
  const assemblyPoints = s.places.filter((place) => place.kind === 'assembly_point');
  const ap = selectedAssemblyPoint.value ?? assemblyPoints[0]?.place_id ?? '';
  const profile = selectedProfile.value;
  const now = mapData.situationTime(s, p);
  const entry = mapData.routesOf(p, ap, profile);
  const span = scheduleSpan(p);
  const planned = useMemo(() => mapData.checkpointsAsPlanned(s, p), [s, p]);
  const at = selectedTime.value;
  const convoys = useMemo(() => (p && at !== null ? convoysAt(s, p, at) : null), [s, p, at]);

  const staticData = useMemo(
    () => ({
      basemap: basemap.value ?? { type: 'FeatureCollection' as const, features: [] },
      'control-areas': mapData.controlAreas(s),
      roads: s.roads,
      places: mapData.places(s),
    }),
    [s, basemap.value],
  );
  const data = useMemo(
    () => ({
      ...staticData,
      checkpoints: mapData.checkpoints(planned, profile, now),
      exits: mapData.exits(s, p),
      routes: mapData.routes(entry),
      convoys: convoys?.features ?? EMPTY,
    }),
    [staticData, planned, p, profile, entry, convoys],
  );
  const labels = useMemo<MapLabel[]>(
    () => [
      ...s.places
        // An exit is labelled by its own name; its place would print a second label on the same spot.
        .filter((place) => LABELLED_KINDS.has(place.kind) && !s.exits.some((e) => e.place_id === place.place_id))
        .map((place) => ({
          id: place.place_id,
          lon: place.lon,
          lat: place.lat,
          text: localName(place),
          kind: place.kind,
        })),
      ...s.exits.map((e) => ({ id: e.id, lon: e.lon, lat: e.lat, text: localName(e), kind: 'exit' })),
    ],
    [s, language.value],
  );
  const bounds = useMemo(() => boundsOf(s.places.map((place) => [place.lon, place.lat])), [s]);
  const households = p?.routing?.households?.filter((h) => h.assembly_point === ap).length ?? 0;

  return (
    <div class="map-screen">
      <MapView
        data={data}
        labels={labels}
        bounds={bounds}
        onCheckpointClick={(id) => (selectedCheckpoint.value = id)}
      />
      <aside class="side-panel">
        <h2>{t('map.title')}</h2>
        <label>
          {t('map.assemblyPoint')}
          <select
            data-testid="assembly-point"
            value={ap}
            onChange={(e) => (selectedAssemblyPoint.value = e.currentTarget.value)}
          >
            {assemblyPoints.map((place) => (
              <option key={place.place_id} value={place.place_id}>
                {localName(place)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('profile.label')}
          <select
            data-testid="profile"
            value={profile}
            onChange={(e) => (selectedProfile.value = e.currentTarget.value as Profile)}
          >
            {PROFILES.map((pr) => (
              <option key={pr} value={pr}>
                {t(`profile.${pr}`)}
              </option>
            ))}
          </select>
        </label>
        <p class="muted">
          {t('map.households', { n: fmt.number(households), count: households })} ·{' '}
          {t('app.situationAsOf', { time: fmt.dateTime(now.toISOString()) })}
        </p>
        <PlanMissing />
        <CheckpointDetail now={now} profile={profile} checkpoints={planned} />
        {span ? <ConvoyTimeline span={span} counts={convoys?.counts ?? null} /> : null}
        <RoutesPanel entry={entry} />
        <ExitList />
        <Legend />
      </aside>
    </div>
  );
}

function CheckpointDetail(props: { now: Date; profile: Profile; checkpoints: readonly ScenarioCheckpoint[] }) {
  const { now, profile } = props;
  const id = selectedCheckpoint.value;
  const c = props.checkpoints.find((cp) => cp.id === id);
  if (!c) return null;
  return (
    <div class="checkpoint-detail" data-testid="checkpoint-detail">
      <p>
        {t('map.checkpoint', {
          name: c.name,
          status: t(`status.${c.status}`),
          confidence: fmt.percent(Number(c.confidence)),
          age: fmt.age(c.reported_at, now),
        })}
      </p>
      <p>
        {t(`profile.${profile}`)}: {fmt.percent(Number(c[`risk_${profile}`] ?? 0))}
      </p>
    </div>
  );
}

function boundsOf(points: number[][]): [[number, number], [number, number]] | null {
  if (points.length === 0) return null;
  const lons = points.map((pt) => pt[0]!);
  const lats = points.map((pt) => pt[1]!);
  return [
    [Math.min(...lons), Math.min(...lats)],
    [Math.max(...lons), Math.max(...lats)],
  ];
}
