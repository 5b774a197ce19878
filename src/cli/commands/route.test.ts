// `safepassage route` on the real Monaco extract: JSON contract, a closed checkpoint forcing a detour, a cut-off, bad input.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunAction } from '../command.ts';
import { registerRoute } from './route.ts';

const network = join(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/osm/monaco.osm.pbf');
const PALACE = '43.7314,7.4199';
const CASINO = '43.7394,7.4283';
const NOW = '2018-07-21T10:00:00+03:00';
const HEADER =
  'id,name,lat,lon,controller,kind,status,confidence,reported_at,risk_military_age_man,risk_woman,risk_child,risk_elderly,risk_medical';

async function routeOn(networkPath: string, ...args: string[]) {
  return runRoute('--network', networkPath, ...args);
}

async function runRoute(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  let code = -1;
  const run: RunAction =
    (action) =>
    async (...a) => {
      code = await action(...a);
    };
  const program = new Command().exitOverride();
  registerRoute(program, run);
  await program.parseAsync(['route', ...args], { from: 'user' });
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

const route = (...args: string[]) => routeOn(network, ...args);

function checkpointsFile(...rows: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sp-route-')), 'checkpoints.csv');
  writeFileSync(path, `${[HEADER, ...rows].join('\n')}\n`);
  return path;
}

interface RoutesJson {
  routes: {
    distance_m: number;
    duration_s: number;
    risk: number;
    checkpoints: { id: string; risk: number }[];
    geometry: { type: string; coordinates: number[][] };
  }[];
}

afterEach(() => vi.restoreAllMocks());

describe('safepassage route on Monaco', () => {
  it('prints the JSON contract for the Palace → Casino route', async () => {
    const { code, stdout } = await route('--from', PALACE, '--to', CASINO, '--json', '--now', NOW);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as RoutesJson;
    expect(Object.keys(json)).toEqual(['routes']);
    const best = json.routes[0]!;
    expect(Object.keys(best)).toEqual(['distance_m', 'duration_s', 'risk', 'checkpoints', 'geometry']);
    expect(best.distance_m).toBeGreaterThan(1150);
    expect(best.distance_m).toBeLessThan(3500);
    expect(best.risk).toBe(0);
    expect(best.geometry.type).toBe('LineString');
    expect(best.geometry.coordinates.length).toBeGreaterThan(10);
  });

  it('detours around a closed checkpoint, and reports an open one with its risk to the group', async () => {
    const direct = JSON.parse(
      (await route('--from', PALACE, '--to', CASINO, '--json', '--now', NOW)).stdout,
    ) as RoutesJson;
    const coordinates = direct.routes[0]!.geometry.coordinates;
    const [lon, lat] = coordinates[coordinates.length >> 1]!;
    const row = (status: string) =>
      `cp-a,Boulevard,${lat},${lon},gov,checkpoint,${status},0.9,2018-07-21T08:00:00+03:00,0.6,0.05,0.05,0.1,0.2`;

    const closed = await route(
      '--from',
      PALACE,
      '--to',
      CASINO,
      '--json',
      '--now',
      NOW,
      '--profile',
      'woman',
      '--checkpoints',
      checkpointsFile(row('closed')),
    );
    expect(closed.code).toBe(0);
    const detour = (JSON.parse(closed.stdout) as RoutesJson).routes[0]!;
    expect(detour.checkpoints).toEqual([]);
    expect(detour.distance_m).toBeGreaterThan(direct.routes[0]!.distance_m);

    // Open, 2 h old, 0.9 confidence: c = 0.9 · 2^(−2/24) = 0.849; risk to a woman = 0.8495 · 0.05 + 0.1505 · 0.5 = 0.1177.
    const open = await route(
      '--from',
      PALACE,
      '--to',
      CASINO,
      '--json',
      '--now',
      NOW,
      '--profile',
      'woman',
      '--risk-weight',
      '300',
      '--checkpoints',
      checkpointsFile(row('open')),
    );
    const through = (JSON.parse(open.stdout) as RoutesJson).routes[0]!;
    expect(through.distance_m).toBe(direct.routes[0]!.distance_m);
    expect(through.checkpoints).toEqual([{ id: 'cp-a', risk: 0.1177 }]);
    expect(through.risk).toBe(0.1177);
    // The same checkpoint detains military-age men (0.6 > 0.35 max): they go around.
    const man = await route(
      '--from',
      PALACE,
      '--to',
      CASINO,
      '--json',
      '--now',
      NOW,
      '--risk-weight',
      '300',
      '--checkpoints',
      checkpointsFile(row('open')),
    );
    expect((JSON.parse(man.stdout) as RoutesJson).routes[0]!.checkpoints).toEqual([]);

    const table = await route(
      '--from',
      PALACE,
      '--to',
      CASINO,
      '--now',
      NOW,
      '--profile',
      'woman',
      '--risk-weight',
      '300',
      '--checkpoints',
      checkpointsFile(row('open')),
    );
    expect(table.stdout).toMatch(/Route 1: 1\.\d\d km, \d min \d+ s, risk 11\.8 %/);
    expect(table.stdout).toMatch(/cp-a\s+Boulevard\s+gov\s+11\.8 %/);
  });

  it('says which closed checkpoint cuts the group off', async () => {
    const direct = JSON.parse(
      (await route('--from', PALACE, '--to', CASINO, '--json', '--now', NOW)).stdout,
    ) as RoutesJson;
    const [lon, lat] = direct.routes[0]!.geometry.coordinates.at(-1)!;
    const file = checkpointsFile(`cp-z,Casino square,${lat},${lon},gov,roadblock,closed,1,${NOW},1,1,1,1,1`);
    const { code, stderr, stdout } = await route(
      '--from',
      PALACE,
      '--to',
      CASINO,
      '--now',
      NOW,
      '--checkpoints',
      file,
      '--json',
    );
    expect(code).toBe(1);
    expect(stderr).toBe(
      'safepassage route: no acceptable route for profile military_age_man: cut off by checkpoint cp-z "Casino square" (closed, risk 100 %)\n',
    );
    expect(JSON.parse(stdout)).toMatchObject({
      routes: [],
      unreachable: { kind: 'unreachable', cutBy: [{ id: 'cp-z', reason: 'closed' }] },
    });
  });

  it('answers bad input with one line and a non-zero exit', async () => {
    const sea = await route('--from', '43.68,7.45', '--to', CASINO);
    expect(sea).toMatchObject({ code: 1, stdout: '' });
    expect(sea.stderr).toMatch(
      /^safepassage route: --from: 43\.68,7\.45 is \d+\.\d km from the nearest road in .*monaco\.osm\.pbf \(limit 5 km\)\n$/,
    );
    const syntax = await route('--from', 'palace', '--to', CASINO);
    expect(syntax).toMatchObject({
      code: 2,
      stderr: 'safepassage route: --from: expected LAT,LON in degrees, got "palace"\n',
    });
    const badCsv = await route(
      '--from',
      PALACE,
      '--to',
      CASINO,
      '--checkpoints',
      checkpointsFile('cp1,X,43.73,7.42,gov,checkpoint,maybe,1,2018-07-21T08:00Z,,,,,'),
    );
    expect(badCsv.code).toBe(1);
    expect(badCsv.stderr).toMatch(
      /checkpoints\.csv: row 2, field "status": "maybe" is not one of: open, closed, unknown\n$/,
    );
    const dir = mkdtempSync(join(tmpdir(), 'sp-route-'));
    writeFileSync(join(dir, 'broken.osm.pbf'), 'garbage');
    const broken = await routeOn(join(dir, 'broken.osm.pbf'), '--from', PALACE, '--to', CASINO);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken\.osm\.pbf: corrupt or unsupported OSM PBF at byte \d+: .+\n$/);
  });
});

describe('safepassage route --scenario', () => {
  const DEMO = join(dirname(fileURLToPath(import.meta.url)), '../../../scenarios/southern-syria-2018');
  it("uses the scenario's network, checkpoints and parameters: a military-age man avoids what a woman passes", async () => {
    const from = '32.897,36.018';
    const to = '33.1268,35.8115';
    const args = ['--scenario', DEMO, '--from', from, '--to', to, '--json', '--profile'];
    const man = JSON.parse((await runRoute(...args, 'military_age_man')).stdout);
    const woman = JSON.parse((await runRoute(...args, 'woman')).stdout);
    const ids = (r: { routes: { checkpoints: { id: string }[] }[] }) => r.routes[0]!.checkpoints.map((c) => c.id);
    expect(ids(woman)).toContain('cp-18');
    expect(ids(man)).not.toContain('cp-18');
    expect(man.routes[0].distance_m).toBeLessThan(woman.routes[0].distance_m * 2);
  });
});
