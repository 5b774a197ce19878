// npm run bench:schedule — CCRP with search reuse vs plain CCRP, and the max-flow-over-time bound, on TNTP networks.
import { parseArgs } from 'node:util';
import { planEvacuation } from '../../src/core/scheduling/ccrp.ts';
import { makespanLowerBound } from '../../src/core/scheduling/makespan-bound.ts';
import type { Schedule } from '../../src/core/scheduling/types.ts';
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

/** Source sets a plan suggests for the bound: groups by the exit they used, and the k groups finishing last. */
function planSourceSets(schedule: Schedule): string[][] {
  const byExit = new Map<string, Set<string>>();
  const last = new Map<string, number>();
  for (const m of schedule.movements) {
    for (const g of m.groups) {
      byExit.set(m.exitId, (byExit.get(m.exitId) ?? new Set()).add(g.groupId));
      last.set(g.groupId, Math.max(last.get(g.groupId) ?? 0, m.exitStep));
    }
  }
  const late = [...last.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  return [...[...byExit.values()].map((s) => [...s]), ...[2, 4, 8, 16, 32].map((k) => late.slice(0, k))];
}

const ms = (t0: number) => (performance.now() - t0).toFixed(0);
console.log(
  'network  evacuees  plan_ms  makespan  searches  reused  bound  ratio  bound_ms  plain_ms  plain_makespan  plain_searches  speedup',
);
for (const name of networks) {
  const tntp = loadTntp(name);
  // Warm the JIT on a small case so the first row is not charged for compilation.
  planEvacuation(benchmarkInstance(tntp, 500).instance);
  for (const evacuees of sizes) {
    const { instance } = benchmarkInstance(tntp, evacuees);
    let t0 = performance.now();
    const { schedule, stats } = planEvacuation(instance);
    const planMs = ms(t0);
    if (schedule.evacuatedPersons !== evacuees)
      console.log(`  (only ${schedule.evacuatedPersons} out within the horizon)`);
    t0 = performance.now();
    const bound = makespanLowerBound(instance, schedule.makespanStep, planSourceSets(schedule));
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
