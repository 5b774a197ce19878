// npx tsx bench/scheduling/convoys.ts — planConvoys on the demo's shape: its roads, vehicles and exits, seeded households.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { convoyViolations } from '../../src/core/scheduling/convoy-check.ts';
import { replanConvoys } from '../../src/core/scheduling/convoy-replan.ts';
import type { ConvoyGroup, ConvoyInstance, ConvoyVehicle } from '../../src/core/scheduling/convoy-types.ts';
import { planConvoys } from '../../src/core/scheduling/convoys.ts';
import { type ArcSpec, buildNetwork } from '../../src/core/scheduling/network.ts';
import { type Exit, INF_STEPS } from '../../src/core/scheduling/types.ts';
import { seededRandom } from './instance.ts';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'scenarios/southern-syria-2018' },
    households: { type: 'string', default: '255' },
    runs: { type: 'string', default: '20' },
  },
});

/** Minutes per step: 2 makes the Golan line's 150 persons/hour a whole 5 per step. */
const STEP_MINUTES = 2;
/** Scenario start (08:00 on day 1) to step 0; 48 hours. */
const HORIZON_STEPS = (48 * 60) / STEP_MINUTES;
const SPEED_KMH: Record<string, number> = { trunk: 80, primary: 70, secondary: 50, tertiary: 40, unclassified: 30 };
const CAPACITY_VPH: Record<string, number> = {
  trunk: 2000,
  primary: 1500,
  secondary: 800,
  tertiary: 400,
  unclassified: 200,
};

/** Rows of a small CSV with quoted fields (enough for the scenario's files). */
function readCsv(path: string): Record<string, string>[] {
  const text = readFileSync(path, 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

/** Hours from 2018-07-21T08:00+03:00 to an ISO time with a +03:00 offset, in steps. */
function stepOf(iso: string): number {
  const ms = Date.parse(iso) - Date.parse('2018-07-21T08:00:00+03:00');
  return Math.round(ms / 60_000 / STEP_MINUTES);
}

function demoInstance(dir: string, householdCount: number): ConvoyInstance {
  const random = seededRandom(2018);
  const places = readCsv(join(dir, 'places.csv'));
  const node = new Map(places.map((p, i) => [p.place_id!, i]));
  const arcs: ArcSpec[] = [];
  for (const r of readCsv(join(dir, 'roads.csv'))) {
    const speed = Number(r.speed_kmh) || SPEED_KMH[r.road_class!] || 30;
    const travelTimeSteps = Math.max(1, Math.ceil(((Number(r.km) / speed) * 60) / STEP_MINUTES));
    const vph = Number(r.capacity_vph) || CAPACITY_VPH[r.road_class!] || 200;
    const capacityPerStep = Math.max(1, Math.floor((vph * STEP_MINUTES) / 60));
    const a = node.get(r.from!)!;
    const b = node.get(r.to!)!;
    arcs.push({ tail: a, head: b, travelTimeSteps, capacityPerStep });
    if (r.oneway !== 'yes') arcs.push({ tail: b, head: a, travelTimeSteps, capacityPerStep });
  }
  const { network } = buildNetwork(places.length, arcs);
  // Military-age men: a seeded tenth of the arcs pass a checkpoint that detains them.
  const men = network.travelTimeSteps.slice();
  for (let a = 0; a < men.length; a++) if (random() < 0.1) men[a] = INF_STEPS;
  const windows = readCsv(join(dir, 'exit-windows.csv'));
  const exits: Exit[] = readCsv(join(dir, 'exits.csv')).map((e) => {
    const own = windows.filter((w) => w.exit_id === e.id);
    const conditionMet = e.condition_met === 'yes';
    if (e.kind === 'airlift') {
      const flights = own.map((w) => ({ step: stepOf(w.opens_at!), seats: Number(e.seats_per_flight) }));
      return { id: e.id!, mode: 'air', node: node.get(e.place_id!)!, flights, conditionMet };
    }
    return {
      id: e.id!,
      mode: 'ground',
      node: node.get(e.place_id!)!,
      capacityPerStep: Math.floor((Number(e.capacity_per_hour) * STEP_MINUTES) / 60),
      windows: own.map((w) => ({ startStep: stepOf(w.opens_at!), endStep: stepOf(w.closes_at!) })),
      conditionMet,
    };
  });
  const vehicles: ConvoyVehicle[] = readCsv(join(dir, 'vehicles.csv'))
    .filter((v) => v.type !== 'aircraft')
    .map((v) => ({
      id: v.id!,
      seats: Number(v.seats),
      count: Number(v.count),
      startNode: node.get(v.start_place!)!,
      speedFactor: Math.min(1, Number(v.speed_kmh) / 50),
    }));
  const assemblyPoints = places
    .filter((p) => p.place_id!.startsWith('ap-'))
    .map((p) => ({ id: p.place_id!, node: node.get(p.place_id!)! }));
  const groups: ConvoyGroup[] = [];
  for (let i = 0; i < householdCount; i++) {
    groups.push({
      id: `HH-${String(i + 1).padStart(4, '0')}`,
      persons: 1 + Math.floor(random() * 7),
      priority: 1 + Math.floor(random() * 3),
      assemblyPointId: assemblyPoints[Math.floor(random() * assemblyPoints.length)]!.id,
      profile: random() < 0.4 ? 1 : 0,
      readyStep: Math.floor(random() * 120),
    });
  }
  return {
    network,
    profileTravelTimeSteps: [network.travelTimeSteps, men],
    vehicles,
    assemblyPoints,
    groups,
    exits,
    horizonSteps: HORIZON_STEPS,
    boardingSteps: 10 / STEP_MINUTES,
  };
}

const instance = demoInstance(values.scenario, Number(values.households));
const runs = Number(values.runs);
const clock = (step: number) => {
  const minutes = 8 * 60 + step * STEP_MINUTES;
  return `day ${1 + Math.floor(minutes / 1440)} ${String(Math.floor((minutes % 1440) / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
};
const vehicleCount = instance.vehicles.reduce((s, v) => s + v.count, 0);
console.log(
  `instance: ${instance.network.nodeCount} places, ${instance.network.arcCount} arcs, ${instance.groups.length} households / ${instance.groups.reduce((s, g) => s + g.persons, 0)} persons, ${vehicleCount} vehicles, ${instance.assemblyPoints.length} assembly points, ${STEP_MINUTES}-minute steps`,
);
const cold = performance.now();
let result = planConvoys(instance);
const coldMs = performance.now() - cold;
const started = performance.now();
for (let r = 0; r < runs; r++) result = planConvoys(instance);
const planMs = (performance.now() - started) / runs;
const noBound = performance.now();
for (let r = 0; r < runs; r++) planConvoys(instance, { computeBound: false });
const planOnlyMs = (performance.now() - noBound) / runs;
const { schedule, stats } = result;
console.log(
  `plan + bound: ${planMs.toFixed(1)} ms warm, ${coldMs.toFixed(0)} ms first call (plan alone ${planOnlyMs.toFixed(1)} ms; ${stats.searches} searches, ${stats.candidateTrips} candidate trips)`,
);
console.log(
  `convoys: ${schedule.convoys.length}; evacuated ${schedule.evacuatedPersons} of ${schedule.totalPersons}; makespan ${clock(schedule.makespanStep)} (step ${schedule.makespanStep})`,
);
if (schedule.bound) {
  const b = schedule.bound;
  console.log(
    `bound: step ${b.lowerBoundStep} (flow ${b.flowBoundStep}, seat-trips ${b.vehicleBoundStep}); gap ${(100 * b.gap).toFixed(1)} %`,
  );
}
for (const w of schedule.windowOutlook) {
  console.log(
    `  ${w.exitId} window ending ${clock(w.windowEndStep)}: ${w.evacuatedByEnd} of ${w.totalPersons} out; at most ${w.upperBoundByEnd} could be (${w.evacuatedInWindow} through this window)`,
  );
}
console.log(
  `by priority: ${schedule.byPriority.map((p) => `${p.priority}: ${p.evacuated}/${p.persons} by ${clock(p.completionStep)}`).join('; ')}`,
);
const firstClose = Math.min(
  ...instance.exits.flatMap((e) => (e.mode === 'ground' && e.conditionMet ? e.windows.map((w) => w.endStep) : [])),
);
const priorityOf = new Map(instance.groups.map((g) => [g.id, g.priority]));
const late = new Map<number, number>();
for (const c of schedule.convoys) {
  for (const p of c.exitPassages) {
    if (p.step >= firstClose)
      late.set(priorityOf.get(p.groupId)!, (late.get(priorityOf.get(p.groupId)!) ?? 0) + p.persons);
  }
}
console.log(`out only after the first window closes, by priority: ${JSON.stringify(Object.fromEntries(late))}`);
const reasons = new Map<string, number>();
for (const n of schedule.notEvacuated) reasons.set(n.reason.kind, (reasons.get(n.reason.kind) ?? 0) + n.persons);
console.log(`not evacuated: ${JSON.stringify(Object.fromEntries(reasons))}`);
console.log(`violations: ${convoyViolations(instance, schedule).length}`);

// Event: the most used loaded arc that does not lead into an exit (those strand everyone behind them) closes at
// 02:10 on the first night.
const exitNodes = new Set(instance.exits.map((e) => e.node));
const use = new Map<number, number>();
for (const c of schedule.convoys) {
  for (const a of c.arcs) if (!exitNodes.has(instance.network.head[a]!)) use.set(a, (use.get(a) ?? 0) + 1);
}
const busiest = [...use.entries()].sort((x, y) => y[1] - x[1])[0]?.[0];
if (busiest !== undefined) {
  const atStep = ((18 * 60 + 10) / STEP_MINUTES) | 0;
  const t = performance.now();
  const re = replanConvoys(instance, schedule, { kind: 'arcs-closed', atStep, arcs: [busiest] });
  console.log(
    `replan (arc ${busiest} closed at ${clock(atStep)}): ${(performance.now() - t).toFixed(1)} ms; kept ${re.keptConvoys}, rerouted ${re.reroutedConvoys}; evacuated ${re.schedule.evacuatedPersons}; newly stranded ${re.newlyStranded.reduce((s, n) => s + n.persons, 0)} persons; violations ${convoyViolations(instance, re.schedule).length}`,
  );
  const why = new Map<string, number>();
  for (const n of re.stranded) why.set(n.reason.kind, (why.get(n.reason.kind) ?? 0) + n.persons);
  console.log(`  stranded by reason: ${JSON.stringify(Object.fromEntries(why))}`);
}
