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

/**
 * The baseline without clustering: each candidate pair at or above the threshold is a predicted duplicate pair
 * (no transitive closure, so no chaining; the kindest reading of the baseline).
 */
function pairsAbove(
  pairs: { i: Uint32Array; j: Uint32Array },
  scores: Uint8Array,
  persons: Int32Array,
  threshold: number,
  truePairs: number,
): PairwiseQuality {
  let predictedPairs = 0;
  let correctPairs = 0;
  for (let k = 0; k < scores.length; k++) {
    if (scores[k]! < threshold) continue;
    predictedPairs++;
    if (persons[pairs.i[k]!] === persons[pairs.j[k]!]) correctPairs++;
  }
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePairs, predictedPairs, correctPairs, precision, recall, f1 };
}

function candidatePairs(labelled: readonly LabelledRecord[]): {
  i: Uint32Array;
  j: Uint32Array;
  trueFound: number;
  truePairs: number;
} {
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
  const perPerson = new Map<number, number>();
  for (const l of labelled) perPerson.set(l.personId, (perPerson.get(l.personId) ?? 0) + 1);
  let truePairs = 0;
  for (const size of perPerson.values()) truePairs += (size * (size - 1)) / 2;
  return { i: Uint32Array.from(is), j: Uint32Array.from(js), trueFound, truePairs };
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
let bestPairThreshold = 100;
let bestPairF1 = -1;
for (let t = 50; t <= 100; t++) {
  const q = pairwiseQuality(baselineClusters(tune.length, tunePairs.i, tunePairs.j, tuneScores, t), tunePersons);
  if (q.f1 > bestF1) {
    bestF1 = q.f1;
    bestThreshold = t;
  }
  const p = pairsAbove(tunePairs, tuneScores, tunePersons, t, tunePairs.truePairs);
  if (p.f1 > bestPairF1) {
    bestPairF1 = p.f1;
    bestPairThreshold = t;
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
const baselinePairs = pairsAbove(pairs, scores, persons, bestPairThreshold, pairs.truePairs);

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
  `${format(`fuzzball pairs ≥ ${bestPairThreshold}, no clustering`, baselinePairs, baselineSeconds)} wall (same candidate pairs)`,
);
console.log(
  `F1 difference: ${((ours.f1 - baseline.f1) * 100).toFixed(1)} points (clustered), ${((ours.f1 - baselinePairs.f1) * 100).toFixed(1)} (pairs only); review queue ${result.review.length} pairs; ${result.clusters.filter((c) => c.recordIds.length > 1).length} multi-record persons`,
);
