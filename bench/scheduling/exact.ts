// npx tsx bench/scheduling/exact.ts [--network sydney --evacuees 1000]: the exact optimum of a benchmark case.
// Quickest transshipment by max flow on the time-expanded network (quickest-flow.ts), searched between the proven
// bound and the plan's makespan, so the output says whether the plan or the bound is loose. Slow on large cases
// (minutes per max flow for Sydney at 10 k), hence not part of bench:schedule.
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { planEvacuation } from '../../src/core/scheduling/ccrp.ts';
import { makespanLowerBound, sourceSetsOfPlan } from '../../src/core/scheduling/makespan-bound.ts';
import { quickestEvacuationFlow } from '../../src/core/scheduling/quickest-flow.ts';
import { benchmarkInstance } from './instance.ts';
import { loadTntp, type NetworkName } from './tntp.ts';

const { values } = parseArgs({
  options: { network: { type: 'string', default: 'sydney' }, evacuees: { type: 'string', default: '1000' } },
});
console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} on ${cpus().length} cores`,
);
const tntp = loadTntp(values.network as NetworkName);
const { instance } = benchmarkInstance(tntp, Number(values.evacuees));
let t0 = performance.now();
const { schedule } = planEvacuation(instance);
console.log(`plan makespan ${schedule.makespanStep} (${(performance.now() - t0).toFixed(0)} ms)`);
t0 = performance.now();
const bound = makespanLowerBound(instance, schedule.makespanStep, sourceSetsOfPlan(schedule));
console.log(`lower bound ${bound.lowerBoundStep} (${(performance.now() - t0).toFixed(0)} ms)`);
t0 = performance.now();
const exact = quickestEvacuationFlow(instance, bound.lowerBoundStep, schedule.makespanStep);
const verdict = exact.proven ? 'exact' : 'not proven: the plan is the best known';
console.log(
  `optimum ${exact.step} (${verdict}; ${(performance.now() - t0).toFixed(0)} ms, ${exact.maxFlowRuns} max flows, ` +
    `largest time-expanded network ${exact.largestNodes} nodes, ${exact.largestArcs} arcs)`,
);
console.log(
  `plan / optimum ${(schedule.makespanStep / exact.step).toFixed(3)}, bound / optimum ${(bound.lowerBoundStep / exact.step).toFixed(3)}`,
);
