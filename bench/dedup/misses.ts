// Where the matcher loses pairs on a tuning seed: true pairs never blocked, blocked but not merged, and false merges.
// npx tsx bench/dedup/misses.ts [--records N] [--seed S] [--samples K]   (never run it on the evaluation seed 1)

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { blockingKeys, forEachCandidatePair } from '../../src/core/matching/blocking.ts';
import { dedupe } from '../../src/core/matching/dedupe.ts';
import { configForSize, DEFAULT_MATCH_CONFIG } from '../../src/core/matching/match-config.ts';
import { type ScoreReason, scorePair } from '../../src/core/matching/pair-score.ts';
import type { PersonRecord } from '../../src/core/matching/person-record.ts';
import { prepareRecords } from '../../src/core/matching/prepared-record.ts';
import { loadNamePool } from './name-pool.ts';
import { buildRegistry } from './synthetic-registry.ts';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '2' },
    samples: { type: 'string', default: '12' },
  },
});
const seed = Number(values.seed);
if (seed === 1) throw new Error('seed 1 is the evaluation seed: analyse misses on a tuning seed');
const samples = Number(values.samples);
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = process.env.SAFEPASSAGE_DATA ?? resolve(repo, '../shared/data');
const labelled = buildRegistry(loadNamePool(join(dataDir, 'names-arabic-latin')), Number(values.records), seed);
const records = labelled.map((l) => l.record);
const personOf = Int32Array.from(labelled, (l) => l.personId);
const config = configForSize(records.length, DEFAULT_MATCH_CONFIG);
const prepared = prepareRecords(records, config);

const blockedTrue = new Set<string>();
forEachCandidatePair(prepared, config, (i, j) => {
  if (personOf[i] === personOf[j]) blockedTrue.add(`${i}:${j}`);
});
const result = dedupe(records);
const indexOf = new Map(records.map((r, i) => [r.id, i]));
const clusterOf = new Int32Array(records.length);
result.clusters.forEach((c, k) => {
  for (const id of c.recordIds) clusterOf[indexOf.get(id)!] = k;
});
const merged = new Set(
  result.decisions
    .filter((d) => d.kind === 'merge')
    .map((d) => {
      const [i, j] = [indexOf.get(d.a)!, indexOf.get(d.b)!].sort((x, y) => x - y);
      return `${i}:${j}`;
    }),
);

const show = (r: PersonRecord): string =>
  `${r.givenName} / ${r.fatherName || '—'} / ${r.familyName}${r.nameArabic ? ` [${r.nameArabic}]` : ''} ${r.sex} ${r.birthYear ?? '?'}${r.phoneE164 ? ' ☎' : ''} ${r.sourceList}`;
const why = (reasons: readonly ScoreReason[]): string =>
  reasons.map((x) => `${x.field} ${x.contribution.toFixed(1)}`).join(', ');

// 1. True pairs: never blocked / blocked, score below threshold / score above but refused or separated.
const byPerson = new Map<number, number[]>();
personOf.forEach((p, i) => {
  const list = byPerson.get(p);
  if (list === undefined) byPerson.set(p, [i]);
  else list.push(i);
});
let truePairs = 0;
let found = 0;
const unblocked: [number, number][] = [];
const lowScore: [number, number, number][] = [];
const highButApart: [number, number, number][] = [];
for (const members of byPerson.values()) {
  for (let x = 0; x < members.length; x++) {
    for (let y = x + 1; y < members.length; y++) {
      const i = members[x]!;
      const j = members[y]!;
      truePairs++;
      if (clusterOf[i] === clusterOf[j]) {
        found++;
        continue;
      }
      if (!blockedTrue.has(`${i}:${j}`)) unblocked.push([i, j]);
      else {
        const score = scorePair(prepared[i]!, prepared[j]!, config);
        if (score < config.matchThreshold) lowScore.push([i, j, score]);
        else highButApart.push([i, j, score]);
      }
    }
  }
}
// 2. False merges: pairs of different persons in one cluster, direct (a merge decision) or through a chain.
let falsePairs = 0;
let falseDirect = 0;
const falseSamples: [number, number][] = [];
for (const c of result.clusters) {
  if (c.recordIds.length < 2) continue;
  const ids = c.recordIds.map((id) => indexOf.get(id)!);
  for (let x = 0; x < ids.length; x++) {
    for (let y = x + 1; y < ids.length; y++) {
      const [i, j] = [ids[x]!, ids[y]!].sort((p, q) => p - q) as [number, number];
      if (personOf[i] === personOf[j]) continue;
      falsePairs++;
      if (merged.has(`${i}:${j}`)) {
        falseDirect++;
        if (falseSamples.length < samples) falseSamples.push([i, j]);
      }
    }
  }
}
const missed = truePairs - found;
console.log(
  `${records.length} records, seed ${seed}, match threshold ${config.matchThreshold.toFixed(2)}: ${truePairs} true pairs, ${found} found, ${missed} missed, ${falsePairs} false`,
);
const sharesKey = (i: number, j: number): boolean => {
  const keysJ = new Set(blockingKeys(prepared[j]!));
  return blockingKeys(prepared[i]!).some((k) => keysJ.has(k));
};
const windowed = unblocked.filter(([i, j]) => sharesKey(i, j)).length;
console.log(
  `  missed, never blocked:            ${unblocked.length} (${windowed} share a key but only an oversized block)`,
);
const gapOf = (i: number, j: number): string => {
  const a = records[i]!.birthYear;
  const b = records[j]!.birthYear;
  return a === undefined || b === undefined ? '?' : String(Math.abs(a - b));
};
const gaps = new Map<string, number>();
for (const [i, j] of lowScore) gaps.set(gapOf(i, j), (gaps.get(gapOf(i, j)) ?? 0) + 1);
console.log(`  low-score by birth-year gap: ${[...gaps.entries()].map(([k, v]) => `${k}:${v}`).join(' ')}`);
console.log(`  missed, blocked, score < match:   ${lowScore.length}`);
console.log(`  missed, score ≥ match, kept apart: ${highButApart.length}`);
console.log(`  false pairs, merged directly:     ${falseDirect} (of ${falsePairs}; the rest through chains)`);
const histogram = new Map<number, number>();
for (const [, , s] of lowScore) histogram.set(Math.floor(s), (histogram.get(Math.floor(s)) ?? 0) + 1);
console.log(
  `  low-score histogram: ${[...histogram.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([k, v]) => `${k}:${v}`)
    .join(' ')}`,
);
console.log('\nnever blocked:');
for (const [i, j] of unblocked.slice(0, samples)) {
  console.log(`  ${show(records[i]!)}\n  ${show(records[j]!)}`);
  const keysJ = new Set(blockingKeys(prepared[j]!));
  console.log(
    `    keys ${blockingKeys(prepared[i]!).join(' ')} || shared: ${
      blockingKeys(prepared[i]!)
        .filter((k) => keysJ.has(k))
        .join(' ') || '—'
    }`,
  );
  console.log(`    keys ${[...keysJ].join(' ')}`);
}
console.log('\nblocked, below the match threshold:');
for (const [i, j, s] of lowScore.slice(0, samples)) {
  const reasons: ScoreReason[] = [];
  scorePair(prepared[i]!, prepared[j]!, config, reasons);
  console.log(`  ${show(records[i]!)}\n  ${show(records[j]!)}\n    ${s.toFixed(2)}: ${why(reasons)}`);
}
console.log('\nfalse merges (direct):');
for (const [i, j] of falseSamples) {
  const reasons: ScoreReason[] = [];
  const s = scorePair(prepared[i]!, prepared[j]!, config, reasons);
  console.log(`  ${show(records[i]!)}\n  ${show(records[j]!)}\n    ${s.toFixed(2)}: ${why(reasons)}`);
}
