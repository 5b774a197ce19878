// The peer matcher: fuzzball token_set_ratio on the full Latin name, clustered by transitive closure above a threshold.

import * as fuzzball from 'fuzzball';
import type { PersonRecord } from '../../src/core/matching/person-record.ts';

/** The full name as a plain list would hold it. */
function fullName(r: PersonRecord): string {
  return `${r.givenName} ${r.fatherName} ${r.familyName}`;
}

/** token_set_ratio (0–100) of every pair; the pairs are given (the same candidates our matcher scores). */
export function baselineScores(records: readonly PersonRecord[], pairI: Uint32Array, pairJ: Uint32Array): Uint8Array {
  const names = records.map((r) => fuzzball.full_process(fullName(r)));
  const scores = new Uint8Array(pairI.length);
  for (let k = 0; k < pairI.length; k++) {
    scores[k] = fuzzball.token_set_ratio(names[pairI[k]!]!, names[pairJ[k]!]!, { full_process: false });
  }
  return scores;
}

/** Cluster label per record: connected components of the pairs scoring at least `threshold`. */
export function baselineClusters(
  n: number,
  pairI: Uint32Array,
  pairJ: Uint32Array,
  scores: Uint8Array,
  threshold: number,
): Int32Array {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (let k = 0; k < scores.length; k++) {
    if (scores[k]! < threshold) continue;
    const a = find(pairI[k]!);
    const b = find(pairJ[k]!);
    if (a !== b) parent[a] = b;
  }
  const label = new Int32Array(n);
  for (let i = 0; i < n; i++) label[i] = find(i);
  return label;
}
