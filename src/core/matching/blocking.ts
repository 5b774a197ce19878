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
  // An oversized block (Muhammad + Ahmad) is compared only within a window of each record's place in a sorted
  // order: sorted neighbourhood (Hernández and Stolfo 1995) instead of all its pairs. Multi-pass (their §3):
  // once in name order, once in birth-year order, because one order alone separates records of one person
  // that differ in the very field it sorts on first (a father written on one list only puts "Hala Isaac
  // Muhammad" far from "Hala Muhammad" in name order, but beside her in year order).
  const passes = SORTED_NEIGHBOURHOOD_ORDERS.map((sortKeyOf) =>
    sortedNeighbourhood(prepared.map(sortKeyOf), members, firstMember, blockSize, recordKeyStart, recordBlocks, config),
  );
  const oversizedBlocks = blockSize.filter((size) => size > config.maxBlockSize).length;
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
        for (const pass of passes) {
          const at = pass.positionInBlock[k]!;
          const lo = Math.max(first, at - config.oversizedBlockWindow);
          const hi = Math.min(end - 1, at + config.oversizedBlockWindow);
          for (let m = lo; m <= hi; m++) consider(i, pass.members[m]!);
        }
      }
    }
  }
  return { blocks: blockCount, oversizedBlocks, candidatePairs };
}

/** One sorted-neighbourhood pass: block members (oversized blocks reordered) and each record-key's place in them. */
interface SortedPass {
  readonly members: Uint32Array;
  readonly positionInBlock: Uint32Array;
}

/** Sorts every oversized block's members by `sortKeys` (a copy; small blocks keep their order) and finds each record in it. */
function sortedNeighbourhood(
  sortKeys: readonly string[],
  blockMembers: Uint32Array,
  firstMember: Uint32Array,
  blockSize: readonly number[],
  recordKeyStart: Uint32Array,
  recordBlocks: readonly number[],
  config: MatchConfig,
): SortedPass {
  const members = blockMembers.slice();
  for (let b = 0; b < blockSize.length; b++) {
    if (blockSize[b]! <= config.maxBlockSize) continue;
    const from = firstMember[b]!;
    const sorted = Array.from(members.subarray(from, firstMember[b + 1]!)).sort((x, y) =>
      sortKeys[x]! < sortKeys[y]! ? -1 : sortKeys[x]! > sortKeys[y]! ? 1 : x - y,
    );
    members.set(sorted, from);
  }
  const positionInBlock = new Uint32Array(recordBlocks.length);
  for (let i = 0; i + 1 < recordKeyStart.length; i++) {
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
  return { members, positionInBlock };
}

/** Name order: all name keys (sorted, so order-independent), then birth year. */
function nameOrderKey(prepared: PreparedRecord): string {
  const { given, father, family } = prepared.name;
  const words = [...given, ...father, ...family].map((t) => t.key).sort();
  return `${words.join(' ')}|${prepared.record.birthYear ?? ''}`;
}

/** Year order: birth year (missing last), sex, then the name order; four digits keep string order numeric. */
function yearOrderKey(prepared: PreparedRecord): string {
  return `${prepared.record.birthYear ?? '9999'}|${prepared.record.sex}|${nameOrderKey(prepared)}`;
}

/** The orders of the multi-pass sorted neighbourhood, in the order their windows are visited. */
const SORTED_NEIGHBOURHOOD_ORDERS: readonly ((prepared: PreparedRecord) => string)[] = [nameOrderKey, yearOrderKey];
