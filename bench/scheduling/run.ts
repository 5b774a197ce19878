// npm run bench:schedule — CCRP with search reuse vs plain CCRP, and the max-flow-over-time bound, on TNTP networks.
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { planEvacuation } from '../../src/core/scheduling/ccrp.ts';
import { makespanLowerBound, sourceSetsOfPlan } from '../../src/core/scheduling/makespan-bound.ts';
import { benchmarkInstance } from './instance.ts';
import { loadTntp, type NetworkName } from './tntp.ts';

const { values } = parseArgs({
  options: {
    network: { type: 'string', default: 'all' },
    evacuees: { type: 'string' },
    'skip-plain-above': { type: 'string', default: '100000' },
  },
});
const networks: NetworkName[] = values.network === 'all' ? ['chicago', 'sydney'] : [values.network as NetworkName];
const sizes = values.evacuees ? [Number(values.evacuees)] : [1000, 10000, 100000];
const skipPlainAbove = Number(values['skip-plain-above']);

const ms = (t0: number) => (performance.now() - t0).toFixed(0);
console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} on ${cpus().length} cores`,
);
console.log(
  'network  evacuees  plan_ms  makespan  searches  reused  bound  ratio  bound_ms  plain_ms  plain_makespan  plain_searches  speedup',
);
for (const name of networks) {
  const tntp = loadTntp(name);
  // Warm the JIT on a small case so the first row is not charged for compilation.
  planEvacuation(benchmarkInstance(tntp, 500).instance);
  for (const evacuees of sizes) {
    const { instance } = benchmarkInstance(tntp, evacuees);
    // The median of 3 runs up to 10 k evacuees (one run above): a single run of tens of ms is at the mercy of GC.
    const runs = evacuees <= 10000 ? 3 : 1;
    const times: number[] = [];
    let planned: ReturnType<typeof planEvacuation> | null = null;
    for (let r = 0; r < runs; r++) {
      const start = performance.now();
      planned = planEvacuation(instance);
      times.push(performance.now() - start);
    }
    const { schedule, stats } = planned!;
    const planMs = times.sort((a, b) => a - b)[times.length >> 1]!.toFixed(0);
    if (schedule.evacuatedPersons !== evacuees)
      console.log(`  (only ${schedule.evacuatedPersons} out within the horizon)`);
    let t0 = performance.now();
    const bound = makespanLowerBound(instance, schedule.makespanStep, sourceSetsOfPlan(schedule));
    const boundMs = ms(t0);
    let plainCols = ['-', '-', '-', '-'];
    if (evacuees <= skipPlainAbove) {
      t0 = performance.now();
      const plain = planEvacuation(instance, { goalDirected: false, reusePaths: false });
      const plainMs = performance.now() - t0;
      plainCols = [
        plainMs.toFixed(0),
        String(plain.schedule.makespanStep),
        String(plain.stats.searches),
        (plainMs / Number(planMs)).toFixed(1),
      ];
    }
    const ratio = (schedule.makespanStep / Math.max(1, bound.lowerBoundStep)).toFixed(3);
    console.log(
      [
        name.padEnd(8),
        String(evacuees).padStart(8),
        planMs.padStart(7),
        String(schedule.makespanStep).padStart(8),
        String(stats.searches).padStart(8),
        String(stats.reusedPaths).padStart(6),
        String(bound.lowerBoundStep).padStart(5),
        ratio.padStart(6),
        boundMs.padStart(8),
        ...plainCols.map((c) => c.padStart(8)),
      ].join('  '),
    );
  }
}
