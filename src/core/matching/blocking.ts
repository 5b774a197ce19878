// Candidate pairs from several blocking keys that survive transliteration, so variants meet without comparing all pairs.

import type { MatchConfig } from './match-config.ts';
import type { NameToken } from './name-key.ts';
import type { PreparedRecord } from './prepared-record.ts';

/**
 * The blocking keys of one record. Name keys are unordered pairs of name-part keys (given, father, family),
 * so a swapped or missing part still leaves a shared key; prefix keys catch a typo in one part; the Arabic
 * name adds the same keys from script (same alphabet, so a Latin-only and an Arabic-only record can meet).
 * @example blockingKeys(prepared) // ['n:hrr|muhammad', 'n:ahmad|hrr', 'n:ahmad|muhammad', 'g:mu|hrr', …]
 */
export function blockingKeys(prepared: PreparedRecord): string[] {
  const keys: string[] = [];
  const { given, father, family, arabic } = prepared.name;
  const parts = [given[0], father[0], family[family.length - 1]].filter((t): t is NameToken => t !== undefined);
  addPairKeys(keys, parts);
  const g = given[0];
  const f = family[family.length - 1];
  if (g !== undefined && f !== undefined) {
    keys.push(`g:${g.key.slice(0, 2)}|${f.key}`, `f:${g.key}|${f.key.slice(0, 2)}`);
  }
  if (arabic.length >= 2) addPairKeys(keys, [arabic[0]!, arabic[arabic.length - 1]!]);
  // Birth year with one name part: a typo in the other part, and no father, still meet.
  const year = prepared.record.birthYear;
  if (year !== undefined) {
    if (g !== undefined && f !== undefined)
      keys.push(`yg:${year}|${g.key}|${f.key[0]}`, `yf:${year}|${g.key[0]}|${f.key}`);
  }
  if (prepared.record.phoneE164 !== undefined) keys.push(`t:${prepared.record.phoneE164}`);
  return keys;
}

function addPairKeys(keys: string[], parts: readonly NameToken[]): void {
  for (let i = 0; i < parts.length; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      const a = parts[i]!.key;
      const b = parts[j]!.key;
      keys.push(a < b ? `n:${a}|${b}` : `n:${b}|${a}`);
    }
  }
}

/** What blocking did: how many distinct pairs it proposed and how many blocks were windowed for being large. */
export interface BlockingStats {
  readonly blocks: number;
  readonly oversizedBlocks: number;
  readonly candidatePairs: number;
}

/**
 * Calls `visit(i, j)` once for every distinct candidate pair (i < j). Blocks are stored as CSR arrays and
 * pairs deduplicated with a stamp per record, so memory is O(records + keys), not O(pairs); a block above
 * `maxBlockSize` yields only the pairs within `oversizedBlockWindow` places of each other in name order.
 */
export function forEachCandidatePair(
  prepared: readonly PreparedRecord[],
  config: MatchConfig,
  visit: (i: number, j: number) => void,
): BlockingStats {
  const blockOf = new Map<string, number>();
  const recordKeyStart = new Uint32Array(prepared.length + 1);
  const recordBlocks: number[] = [];
  const blockSize: number[] = [];
  for (let i = 0; i < prepared.length; i++) {
    recordKeyStart[i] = recordBlocks.length;
    for (const key of new Set(blockingKeys(prepared[i]!))) {
      let block = blockOf.get(key);
      if (block === undefined) {
        block = blockSize.length;
        blockOf.set(key, block);
        blockSize.push(0);
      }
      blockSize[block]!++;
      recordBlocks.push(block);
    }
  }
  recordKeyStart[prepared.length] = recordBlocks.length;
  const blockCount = blockSize.length;
  const firstMember = new Uint32Array(blockCount + 1);
  for (let b = 0; b < blockCount; b++) firstMember[b + 1] = firstMember[b]! + blockSize[b]!;
  const members = new Uint32Array(recordBlocks.length);
  const fill = firstMember.slice(0, blockCount);
  for (let i = 0; i < prepared.length; i++) {
    for (let k = recordKeyStart[i]!; k < recordKeyStart[i + 1]!; k++) members[fill[recordBlocks[k]!]!++] = i;
  }
  // An oversized block (Muhammad + Ahmad) is sorted by the whole name and birth year and compared only within
  // a window: sorted neighbourhood (Hernández and Stolfo 1995) instead of all its pairs.
  let oversizedBlocks = 0;
  const positionInBlock = new Uint32Array(recordBlocks.length);
  const sortKeys = prepared.map(sortKeyOf);
  for (let b = 0; b < blockCount; b++) {
    if (blockSize[b]! <= config.maxBlockSize) continue;
    oversizedBlocks++;
    const from = firstMember[b]!;
    const sorted = Array.from(members.subarray(from, firstMember[b + 1]!)).sort((x, y) =>
      sortKeys[x]! < sortKeys[y]! ? -1 : sortKeys[x]! > sortKeys[y]! ? 1 : x - y,
    );
    members.set(sorted, from);
  }
  for (let i = 0; i < prepared.length; i++) {
    for (let k = recordKeyStart[i]!; k < recordKeyStart[i + 1]!; k++) {
      const block = recordBlocks[k]!;
      if (blockSize[block]! <= config.maxBlockSize) continue;
      for (let m = firstMember[block]!; m < firstMember[block + 1]!; m++) {
        if (members[m] === i) {
          positionInBlock[k] = m;
          break;
        }
      }
    }
  }
  // stamp[j] === i + 1 means pair (i, j) was already visited from another shared block.
  const stamp = new Uint32Array(prepared.length);
  let candidatePairs = 0;
  const consider = (i: number, j: number): void => {
    if (j <= i || stamp[j] === i + 1) return;
    stamp[j] = i + 1;
    candidatePairs++;
    visit(i, j);
  };
  for (let i = 0; i < prepared.length; i++) {
    for (let k = recordKeyStart[i]!; k < recordKeyStart[i + 1]!; k++) {
      const block = recordBlocks[k]!;
      const first = firstMember[block]!;
      const end = firstMember[block + 1]!;
      if (blockSize[block]! <= config.maxBlockSize) {
        for (let m = first; m < end; m++) consider(i, members[m]!);
      } else {
        const at = positionInBlock[k]!;
        const lo = Math.max(first, at - config.oversizedBlockWindow);
        const hi = Math.min(end - 1, at + config.oversizedBlockWindow);
        for (let m = lo; m <= hi; m++) consider(i, members[m]!);
      }
    }
  }
  return { blocks: blockCount, oversizedBlocks, candidatePairs };
}

/** Orders records inside an oversized block: all name keys (sorted, so order-independent), then birth year. */
function sortKeyOf(prepared: PreparedRecord): string {
  const { given, father, family } = prepared.name;
  const words = [...given, ...father, ...family].map((t) => t.key).sort();
  return `${words.join(' ')}|${prepared.record.birthYear ?? ''}`;
}
