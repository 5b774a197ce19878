// The map's pure data functions: checkpoint states replayed from the plan's report outcomes, convoys at a moment.
import { describe, expect, it } from 'vitest';
import type { Plan, ScenarioView } from '../../web/src/api/types.ts';
import { convoysAt, scheduleSpan } from '../../web/src/screens/map/convoys-at.ts';
import { checkpointsAsPlanned, routes } from '../../web/src/screens/map/map-data.ts';

const empty = { type: 'FeatureCollection' as const, features: [] };
const scenario: ScenarioView = {
  name: 'tiny',
  start_time: '2018-07-21T08:00:00+03:00',
  time_zone: 'Asia/Damascus',
  parties: [],
  places: [{ place_id: 'ap-1', name: 'AP 1', kind: 'assembly_point', lon: 36, lat: 33 }],
  roads: empty,
  control_areas: empty,
  checkpoints: [
    {
      id: 'cp-1',
      name: 'CP 1',
      lat: 33,
      lon: 36,
      controller: 'gov',
      kind: 'checkpoint',
      status: 'open',
      confidence: 0.5,
      reported_at: '2018-07-21T03:00+03:00',
    },
  ],
  exits: [{ id: 'x-1', name: 'Exit', kind: 'border_crossing', lon: 37, lat: 33 }],
  field_reports: [
    {
      id: 'r-1',
      target_kind: 'checkpoint',
      target_id: 'cp-1',
      new_status: 'closed',
      observed_at: '2018-07-21T07:00+03:00',
    },
    {
      id: 'r-2',
      target_kind: 'checkpoint',
      target_id: 'cp-1',
      new_status: 'open',
      observed_at: '2018-07-21T07:30+03:00',
    },
  ],
};

describe('map data', () => {
  it('replays only the reports the plan applied', () => {
    const plan = {
      scenario: { name: 'tiny', start_time: scenario.start_time, time_zone: scenario.time_zone },
      field_reports: [
        { reportId: 'r-1', targetId: 'cp-1', effect: 'applied', confidence: 0.9 },
        { reportId: 'r-2', targetId: 'cp-1', effect: 'ignored-weak-opening', confidence: 0.09 },
      ],
    } satisfies Plan;
    const [cp] = checkpointsAsPlanned(scenario, plan);
    expect(cp).toMatchObject({ status: 'closed', confidence: 0.9, reported_at: '2018-07-21T07:00+03:00' });
    expect(checkpointsAsPlanned(scenario, null)[0]?.status).toBe('open');
  });

  it('places a convoy at its assembly point, half way along its route, then at its exit', () => {
    const convoy = {
      vehicle: 'bus',
      trip: 1,
      persons: 10,
      assembly_point: 'ap-1',
      exit: 'x-1',
      departs_at: '2018-07-21T05:00:00Z',
      boards_at: '2018-07-21T05:10:00Z',
      leaves_at: '2018-07-21T05:20:00Z',
      at_exit: '2018-07-21T06:20:00Z',
      out_by: '2018-07-21T06:40:00Z',
    };
    const plan: Plan = {
      scenario: { name: 'tiny', start_time: scenario.start_time, time_zone: scenario.time_zone },
      schedule: { step_minutes: 2, convoys: [convoy] },
    };
    expect(scheduleSpan(plan)).toEqual({
      from: Date.parse(convoy.departs_at),
      to: Date.parse(convoy.out_by),
      stepMs: 120_000,
    });
    const at = (iso: string) => convoysAt(scenario, plan, Date.parse(iso));
    expect(at('2018-07-21T05:15:00Z').features.features[0]?.geometry).toEqual({ type: 'Point', coordinates: [36, 33] });
    expect(at('2018-07-21T05:50:00Z').features.features[0]?.geometry).toEqual({
      type: 'Point',
      coordinates: [36.5, 33],
    });
    expect(at('2018-07-21T06:30:00Z').counts).toMatchObject({ atExit: 1, out: 0 });
    expect(at('2018-07-21T07:00:00Z').counts).toMatchObject({ atExit: 0, out: 10 });
  });

  it('draws alternatives before the recommended route so it stays on top', () => {
    const line = {
      type: 'LineString' as const,
      coordinates: [
        [36, 33],
        [37, 33],
      ],
    };
    const route = { distance_m: 1, duration_s: 1, risk: 0, checkpoints: [], geometry: line };
    const fc = routes({
      assembly_point: 'ap-1',
      profile: 'woman',
      exits: [{ exit_id: 'x-1', routes: [route, route] }],
    });
    expect(fc.features.map((f) => f.properties?.rank)).toEqual([1, 0]);
  });
});
