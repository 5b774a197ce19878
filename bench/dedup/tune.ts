// Grid search of the matcher's thresholds on the tuning seed (never the evaluation seed): prints F1 per setting.

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dedupe } from '../../src/core/matching/dedupe.ts';
import { DEFAULT_MATCH_CONFIG, type MatchConfig } from '../../src/core/matching/match-config.ts';
import { pairwiseQuality } from './evaluate.ts';
import { loadNamePool } from './name-pool.ts';
import { buildRegistry } from './synthetic-registry.ts';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '2' },
    grid: { type: 'string', default: 'thresholds' },
  },
});
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = process.env.SAFEPASSAGE_DATA ?? resolve(repo, '../shared/data');
if (Number(values.seed) === 1) throw new Error('seed 1 is the evaluation seed: tune on 2 or 3');
const labelled = buildRegistry(
  loadNamePool(join(dataDir, 'names-arabic-latin')),
  Number(values.records),
  Number(values.seed),
);
const records = labelled.map((l) => l.record);
const persons = Int32Array.from(labelled, (l) => l.personId);
const indexOf = new Map(records.map((r, i) => [r.id, i]));

const grid: Partial<MatchConfig>[] = [];
const grids: Record<string, () => void> = {
  thresholds: () => {
    for (const matchThreshold of [9, 10, 11]) {
      for (const householdSupport of [5, 6, 7]) grid.push({ matchThreshold, householdSupport });
    }
  },
  nameWeights: () => {
    for (const nameWeightMax of [6, 7, 8]) {
      for (const matchThreshold of [10, 10.5, 11]) grid.push({ nameWeightMax, matchThreshold });
    }
  },
  matchThreshold: () => {
    for (const matchThreshold of [10, 10.25, 10.5, 10.75]) grid.push({ matchThreshold });
  },
  birthYearTwoApart: () => {
    for (const birthYearTwoApart of [-10, -6, -4, -2, 0]) grid.push({ birthYearTwoApart });
  },
};
grids[values.grid]!();
for (const overrides of grid) {
  const config = { ...DEFAULT_MATCH_CONFIG, ...overrides };
  const result = dedupe(records, config);
  const label = new Int32Array(records.length);
  result.clusters.forEach((c, k) => {
    for (const id of c.recordIds) label[indexOf.get(id)!] = k;
  });
  const q = pairwiseQuality(label, persons);
  console.log(
    `${JSON.stringify(overrides)}  P ${q.precision.toFixed(4)} R ${q.recall.toFixed(4)} F1 ${q.f1.toFixed(4)}`,
  );
}
