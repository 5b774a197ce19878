// npm run bench:dedup — our matcher against fuzzball token_set_ratio on labelled registries built from real name variants.

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { forEachCandidatePair } from '../../src/core/matching/blocking.ts';
import { dedupe } from '../../src/core/matching/dedupe.ts';
import { DEFAULT_MATCH_CONFIG } from '../../src/core/matching/match-config.ts';
import { prepareRecords } from '../../src/core/matching/prepared-record.ts';
import { baselineClusters, baselineScores } from './baseline.ts';
import { type PairwiseQuality, pairwiseQuality } from './evaluate.ts';
import { loadNamePool } from './name-pool.ts';
import { buildRegistry, DEFAULT_NOISE, type LabelledRecord } from './synthetic-registry.ts';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    'tune-seed': { type: 'string', default: '2' },
    'tune-records': { type: 'string' },
  },
});
const recordCount = Number(values.records);
const seed = Number(values.seed);
const tuneSeed = Number(values['tune-seed']);
// The baseline is tuned on a registry of the same size by default: its best threshold depends on size.
const tuneRecords = Number(values['tune-records'] ?? recordCount);

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = process.env.SAFEPASSAGE_DATA ?? resolve(repo, '../shared/data');
const pool = loadNamePool(join(dataDir, 'names-arabic-latin'));

function candidatePairs(labelled: readonly LabelledRecord[]): { i: Uint32Array; j: Uint32Array; trueFound: number } {
  const prepared = prepareRecords(
    labelled.map((l) => l.record),
    DEFAULT_MATCH_CONFIG,
  );
  const is: number[] = [];
  const js: number[] = [];
  let trueFound = 0;
  forEachCandidatePair(prepared, DEFAULT_MATCH_CONFIG, (i, j) => {
    is.push(i);
    js.push(j);
    if (labelled[i]!.personId === labelled[j]!.personId) trueFound++;
  });
  return { i: Uint32Array.from(is), j: Uint32Array.from(js), trueFound };
}

function format(name: string, q: PairwiseQuality, seconds: number): string {
  return `${name.padEnd(34)} P ${q.precision.toFixed(4)}  R ${q.recall.toFixed(4)}  F1 ${q.f1.toFixed(4)}  (${q.correctPairs}/${q.predictedPairs} predicted, ${q.truePairs} true pairs)  ${seconds.toFixed(1)} s`;
}

// 1. Tune the baseline's threshold on a separate seed.
const tune = buildRegistry(pool, tuneRecords, tuneSeed);
const tunePairs = candidatePairs(tune);
const tuneScores = baselineScores(
  tune.map((l) => l.record),
  tunePairs.i,
  tunePairs.j,
);
const tunePersons = Int32Array.from(tune, (l) => l.personId);
let bestThreshold = 100;
let bestF1 = -1;
for (let t = 50; t <= 100; t++) {
  const q = pairwiseQuality(baselineClusters(tune.length, tunePairs.i, tunePairs.j, tuneScores, t), tunePersons);
  if (q.f1 > bestF1) {
    bestF1 = q.f1;
    bestThreshold = t;
  }
}

// 2. Evaluate both on the evaluation seed.
const labelled = buildRegistry(pool, recordCount, seed);
const records = labelled.map((l) => l.record);
const persons = Int32Array.from(labelled, (l) => l.personId);
const started = performance.now();
const cpuStarted = process.cpuUsage();
const result = dedupe(records);
const oursSeconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStarted);
const oursCpuSeconds = (cpu.user + cpu.system) / 1e6;
const indexOf = new Map(records.map((r, i) => [r.id, i]));
const ourLabel = new Int32Array(records.length);
result.clusters.forEach((c, k) => {
  for (const id of c.recordIds) ourLabel[indexOf.get(id)!] = k;
});
const ours = pairwiseQuality(ourLabel, persons);

const baselineStarted = performance.now();
const pairs = candidatePairs(labelled);
const scores = baselineScores(records, pairs.i, pairs.j);
const baseline = pairwiseQuality(baselineClusters(records.length, pairs.i, pairs.j, scores, bestThreshold), persons);
const baselineSeconds = (performance.now() - baselineStarted) / 1000;

const n = DEFAULT_NOISE;
console.log(
  `dedup benchmark — ${records.length} records, ${new Set(persons).size} persons, seed ${seed} (baseline tuned on seed ${tuneSeed}, ${tune.length} records)`,
);
console.log(
  `name pool: ${pool.given.length} given, ${pool.family.length} family, ${pool.abdTails.length} Abd-tails; noise: typo ${n.typo}, swap ${n.swappedGivenFamily}, no father ${n.missingFather}, year±1 ${n.birthYearOffByOne}, Arabic ${n.arabicScriptWritten}`,
);
console.log(
  `blocking: ${result.stats.blocks} blocks (${result.stats.oversizedBlocks} over ${DEFAULT_MATCH_CONFIG.maxBlockSize}), ${result.stats.candidatePairs} candidate pairs, pair completeness ${(pairs.trueFound / Math.max(1, ours.truePairs)).toFixed(4)}`,
);
console.log(`${format('safe-passage matcher', ours, oursSeconds)} wall, ${oursCpuSeconds.toFixed(1)} s CPU`);
console.log(
  `${format(`fuzzball token_set_ratio ≥ ${bestThreshold}`, baseline, baselineSeconds)} wall (same candidate pairs)`,
);
console.log(
  `F1 difference: ${((ours.f1 - baseline.f1) * 100).toFixed(1)} points; review queue ${result.review.length} pairs; ${result.clusters.filter((c) => c.recordIds.length > 1).length} multi-record persons`,
);
