// `safepassage route`: risk-aware routes between two coordinates for one travelling group, as a table or JSON.
import { readFile } from 'node:fs/promises';
import { SingleBar } from 'cli-progress';
import type { RoadGraph } from '../../core/graph/road-graph.ts';
import { buildSnapIndex, snapToRoad } from '../../core/graph/snap.ts';
import { createRoutingEngine } from '../../core/routing/engine.ts';
import type { RiskParameters } from '../../core/routing/risk/checkpoint.ts';
import type { ControlArea } from '../../core/routing/risk/control-areas.ts';
import {
  buildRiskSituation,
  type Checkpoint,
  type CutOff,
  DEFAULT_PROFILES,
  profileMetric,
  type RouteMetric,
  type RouteReport,
  riskAwareRoutes,
} from '../../core/routing/risk/index.ts';
import { formatIssue } from '../../core/scenario/issues.ts';
import { parseCheckpointsCsv } from '../../io/network/checkpoints-csv.ts';
import { loadNetwork } from '../../io/network/load-network.ts';
import { describeNetworkError } from '../../io/network/network-error.ts';
import { loadScenario } from '../../io/scenario/load-scenario.ts';
import { toControlAreas } from '../../pipeline/adapters/control-areas.ts';
import { scenarioNetwork } from '../../pipeline/adapters/network.ts';
import { riskParametersOf, situationAt } from '../../pipeline/adapters/situation.ts';
import type { CommandRegistration } from '../command.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';

interface RouteOptions {
  network?: string;
  scenario?: string;
  from: string;
  to: string;
  profile: string;
  checkpoints?: string;
  now?: string;
  alternatives: string;
  metric: string;
  riskWeight?: string;
  maxRisk?: string;
  cache?: boolean;
  json?: boolean;
}

/** Registers `route`. Exit 0 with routes; 1 for bad files, points off the network or no acceptable route; 2 for bad flags. */
export const registerRoute: CommandRegistration = (program, run) => {
  program
    .command('route')
    .description('Risk-aware routes between two points for one travelling group')
    .option('--network <file>', "road network: .osm.pbf, GeoJSON or a .spgraph cache (default: the scenario's)")
    .option(
      '--scenario <dir>',
      'take checkpoints (after field reports), control areas and risk parameters from a scenario',
    )
    .requiredOption('--from <lat,lon>', 'start, WGS84 degrees')
    .requiredOption('--to <lat,lon>', 'destination, WGS84 degrees')
    .option('--profile <name>', `group profile (${DEFAULT_PROFILES.join(', ')})`, 'military_age_man')
    .option('--checkpoints <file.csv>', "checkpoints in the scenario's checkpoints.csv format")
    .option('--now <iso>', 'time the routes are planned for (report ages are measured to it); default: now')
    .option('--alternatives <k>', 'number of routes to return', '1')
    .option('--metric <metric>', 'time (with risk) or distance (plain shortest distance, no risk)', 'time')
    .option('--risk-weight <seconds>', 'seconds of detour accepted per unit of risk (default 3600)')
    .option('--max-risk <p>', 'maximum acceptable risk 0..1 (default 0.35)')
    .option('--cache', 'read and write a binary graph cache next to the network file')
    .option('--json', 'print {"routes":[…]} as JSON')
    .action(run(async (options: RouteOptions) => routeCommand(options)));
};

async function routeCommand(options: RouteOptions): Promise<ExitCode> {
  const fail = (code: ExitCode, message: string): ExitCode => {
    process.stderr.write(`safepassage route: ${message}\n`);
    return code;
  };
  const from = parseLatLon(options.from);
  if (from === undefined) return fail(EXIT.usage, `--from: expected LAT,LON in degrees, got "${options.from}"`);
  const to = parseLatLon(options.to);
  if (to === undefined) return fail(EXIT.usage, `--to: expected LAT,LON in degrees, got "${options.to}"`);
  const k = Number(options.alternatives);
  if (!Number.isInteger(k) || k < 1 || k > 10)
    return fail(EXIT.usage, `--alternatives: expected 1..10, got "${options.alternatives}"`);
  if (options.metric !== 'time' && options.metric !== 'distance') {
    return fail(EXIT.usage, `--metric: expected time or distance, got "${options.metric}"`);
  }
  let parameters: { -readonly [K in keyof RiskParameters]?: RiskParameters[K] } = {};
  if (options.riskWeight !== undefined) {
    const value = Number(options.riskWeight);
    if (!Number.isFinite(value) || value < 0)
      return fail(EXIT.usage, `--risk-weight: expected seconds ≥ 0, got "${options.riskWeight}"`);
    parameters.riskWeightS = value;
  }
  if (options.maxRisk !== undefined) {
    const value = Number(options.maxRisk);
    if (!Number.isFinite(value) || value < 0 || value > 1)
      return fail(EXIT.usage, `--max-risk: expected 0..1, got "${options.maxRisk}"`);
    parameters.maxAcceptableRisk = value;
  }
  let now = options.now ?? new Date().toISOString();
  if (Number.isNaN(Date.parse(now))) return fail(EXIT.usage, `--now: "${now}" is not an ISO 8601 time`);

  let checkpoints: Checkpoint[] = [];
  let controlAreas: ControlArea[] = [];
  let scenarioGraph: RoadGraph | undefined;
  if (options.scenario !== undefined) {
    const loadedScenario = await loadScenario(options.scenario);
    if (!loadedScenario.scenario) {
      const first = loadedScenario.issues.find((i) => i.severity === 'error');
      return fail(
        EXIT.invalidInput,
        `${options.scenario}: invalid scenario (${first ? formatIssue(first) : 'see safepassage validate'})`,
      );
    }
    const scenario = loadedScenario.scenario;
    checkpoints = [...situationAt(scenario, options.now ?? scenario.manifest.start_time).checkpoints];
    controlAreas = toControlAreas(scenario);
    // Flags given on the command line win over the scenario's parameters.
    parameters = { ...riskParametersOf(scenario), ...parameters };
    if (options.now === undefined) now = scenario.manifest.start_time;
    if (options.network === undefined) {
      const network = await scenarioNetwork(scenario, options.scenario);
      if (!network.ok) return fail(EXIT.invalidInput, network.error.message);
      scenarioGraph = network.value.graph;
    }
  } else if (options.network === undefined) {
    return fail(EXIT.usage, "give --network FILE, or --scenario DIR to use the scenario's network");
  }
  if (options.checkpoints !== undefined) {
    const text = await readFile(options.checkpoints, 'utf8').catch((e: NodeJS.ErrnoException) => e);
    if (typeof text !== 'string')
      return fail(EXIT.invalidInput, `${options.checkpoints}: cannot read (${text.code ?? text.message})`);
    const parsed = parseCheckpointsCsv(text, options.checkpoints);
    if (!parsed.ok) {
      const e = parsed.error;
      return fail(EXIT.invalidInput, `${e.path}: row ${e.row}, field "${e.field}": ${e.message}`);
    }
    checkpoints = parsed.value;
  }

  const known = new Set<string>([...DEFAULT_PROFILES, ...checkpoints.flatMap((c) => Object.keys(c.riskByProfile))]);
  if (!known.has(options.profile))
    return fail(EXIT.usage, `--profile: unknown profile "${options.profile}" (known: ${[...known].join(', ')})`);

  let graph: RoadGraph;
  if (scenarioGraph !== undefined) graph = scenarioGraph;
  else {
    const loaded = await loadWithProgress(options.network!, options.cache === true);
    if (!loaded.ok) return fail(EXIT.invalidInput, loaded.message);
    graph = loaded.graph;
  }
  const networkName = options.network ?? `the network of ${options.scenario}`;
  const snapIndex = buildSnapIndex(graph);
  const ends: number[] = [];
  for (const [flag, [lat, lon]] of [
    ['--from', from],
    ['--to', to],
  ] as const) {
    const snap = snapToRoad(snapIndex, lat, lon);
    if (!snap.ok) {
      const km = (snap.error.distanceM / 1000).toFixed(1);
      return fail(
        EXIT.invalidInput,
        `${flag}: ${lat},${lon} is ${km} km from the nearest road in ${networkName} (limit 5 km)`,
      );
    }
    ends.push(snap.value.node);
  }
  const situation = buildRiskSituation(snapIndex, { checkpoints, controlAreas, now, parameters });
  for (const u of situation.checkpointArcs.unattached) {
    process.stderr.write(
      `safepassage route: warning: checkpoint ${u.id} is ${Math.round(u.distanceM)} m from any road; ignored\n`,
    );
  }
  const metric = profileMetric(situation, options.profile, options.metric as RouteMetric);
  const engine = createRoutingEngine(graph, { weights: metric.weights });
  const result = riskAwareRoutes(engine, situation, metric, ends[0]!, ends[1]!, k);
  if (!result.ok) {
    if (options.json) process.stdout.write(`${JSON.stringify({ routes: [], unreachable: result.error })}\n`);
    return fail(EXIT.invalidInput, describeCutOff(result.error));
  }
  process.stdout.write(
    options.json ? `${JSON.stringify(routesJson(result.value))}\n` : routesTable(result.value, options.profile),
  );
  return EXIT.ok;
}

function parseLatLon(text: string): [number, number] | undefined {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length !== 2 || parts.some((p) => p === '')) return undefined;
  const [lat, lon] = parts.map(Number) as [number, number];
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  return [lat, lon];
}

async function loadWithProgress(
  path: string,
  cache: boolean,
): Promise<{ ok: true; graph: RoadGraph } | { ok: false; message: string }> {
  // A progress bar only for a person watching; logs and pipes get nothing.
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: 'importing {bar} {percentage}%', stream: process.stderr })
    : undefined;
  let started = false;
  const loaded = await loadNetwork(path, {
    cache,
    onProgress: (done, total) => {
      if (!bar) return;
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
  });
  if (started) bar?.stop();
  return loaded.ok
    ? { ok: true, graph: loaded.value.graph }
    : { ok: false, message: describeNetworkError(loaded.error) };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The JSON contract of `route --json` (snake_case, best first). */
export function routesJson(routes: readonly RouteReport[]) {
  return {
    routes: routes.map((r) => ({
      distance_m: r.distanceM,
      duration_s: round(r.durationS, 1),
      risk: round(r.risk, 4),
      checkpoints: r.checkpoints.map((c) => ({ id: c.id, risk: round(c.risk, 4) })),
      geometry: r.geometry,
    })),
  };
}

function routesTable(routes: readonly RouteReport[], profile: string): string {
  const percent = (p: number) => `${(p * 100).toFixed(1)} %`;
  const lines = [`${routes.length} route${routes.length === 1 ? '' : 's'} for profile ${profile}, best first`, ''];
  routes.forEach((r, i) => {
    const minutes = Math.floor(r.durationS / 60);
    const seconds = Math.round(r.durationS - minutes * 60);
    lines.push(
      `Route ${i + 1}: ${(r.distanceM / 1000).toFixed(2)} km, ${minutes} min ${seconds} s, risk ${percent(r.risk)}`,
    );
    if (r.checkpoints.length === 0) lines.push('  no checkpoint on this route');
    else {
      const rows = r.checkpoints.map((c) => [c.id, c.name, c.controller, percent(c.risk)]);
      const header = ['checkpoint', 'name', 'controller', 'risk'];
      const widths = header.map((h, col) => Math.max(h.length, ...rows.map((row) => row[col]!.length)));
      for (const row of [header, ...rows]) {
        lines.push(`  ${row.map((cell, col) => cell.padEnd(widths[col]!)).join('  ')}`.trimEnd());
      }
    }
    lines.push('');
  });
  return `${lines.join('\n')}`;
}

function describeCutOff(cutOff: CutOff): string {
  if (cutOff.cutBy.length === 0) return `no route for profile ${cutOff.profile}: no road connects the two points`;
  const points = cutOff.cutBy.map(
    (c) => `${c.kind} ${c.id} "${c.name}" (${c.reason}, risk ${(c.risk * 100).toFixed(0)} %)`,
  );
  return `no acceptable route for profile ${cutOff.profile}: cut off by ${points.join('; ')}`;
}
