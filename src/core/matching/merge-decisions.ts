// Clusters as the replay of a list of merge decisions: a merge keeps every record id and is undone by removing it.

import type { ScoreReason } from './pair-score.ts';

/** Who decided: the matcher (automatically) or a person in the review queue. */
export type DecidedBy = 'matcher' | 'reviewer';

/**
 * One decision about two records. `merge` joins their persons; `keepApart` forbids any chain of merges from
 * ever putting them in one person (the chaining guard, and a reviewer's "these are two people").
 */
export type MergeDecision =
  | {
      readonly kind: 'merge';
      readonly a: string;
      readonly b: string;
      readonly score: number;
      readonly decidedBy: DecidedBy;
      readonly reasons: readonly ScoreReason[];
    }
  | {
      readonly kind: 'keepApart';
      readonly a: string;
      readonly b: string;
      readonly score: number;
      readonly decidedBy: DecidedBy;
      readonly reasons: readonly ScoreReason[];
    };

/** One person: every source record id (none is ever dropped), how sure we are, and the merges that made it. */
export interface PersonCluster {
  /** The smallest record id, so the id is stable under re-runs. */
  readonly id: string;
  readonly recordIds: readonly string[];
  /** The weakest link's confidence in (0, 1]; 1 for a single record. */
  readonly confidence: number;
  readonly merges: readonly MergeDecision[];
}

/** Maps a pair score (log2-odds points) to (0, 1): 0.5 at the review threshold, doubling odds per point. */
export function pairConfidence(score: number, reviewThreshold: number): number {
  return 1 / (1 + 2 ** -(score - reviewThreshold));
}

/** The outcome of replaying decisions: clusters, and the merges a keepApart refused. */
export interface ReplayResult {
  readonly clusters: readonly PersonCluster[];
  readonly refused: readonly { readonly merge: MergeDecision; readonly blockedBy: MergeDecision }[];
}

/**
 * Replays decisions over the given records: reviewer decisions before matcher ones, then higher scores first;
 * a merge that would join two records kept apart is refused. Deterministic for a given list.
 * @example applyDecisions(['a', 'b', 'c'], [{ kind: 'merge', a: 'a', b: 'b', score: 12, decidedBy: 'matcher', reasons: [] }], 5)
 *   // clusters: [{ id: 'a', recordIds: ['a', 'b'], … }, { id: 'c', recordIds: ['c'], … }]
 */
export function applyDecisions(
  recordIds: readonly string[],
  decisions: readonly MergeDecision[],
  reviewThreshold: number,
): ReplayResult {
  const index = new Map<string, number>();
  for (let i = 0; i < recordIds.length; i++) index.set(recordIds[i]!, i);
  const parent = Int32Array.from(recordIds, (_, i) => i);
  const members: number[][] = recordIds.map((_, i) => [i]);
  const mergesOf: MergeDecision[][] = recordIds.map(() => []);
  const apart = new Map<number, { other: number; decision: MergeDecision }[]>();
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const d of decisions) {
    if (d.kind !== 'keepApart') continue;
    const a = index.get(d.a);
    const b = index.get(d.b);
    if (a === undefined || b === undefined) continue;
    apart.set(a, [...(apart.get(a) ?? []), { other: b, decision: d }]);
    apart.set(b, [...(apart.get(b) ?? []), { other: a, decision: d }]);
  }
  const merges = decisions
    .filter((d): d is MergeDecision & { kind: 'merge' } => d.kind === 'merge')
    .slice()
    .sort((x, y) => rank(x) - rank(y) || y.score - x.score || compareIds(x, y));
  const refused: { merge: MergeDecision; blockedBy: MergeDecision }[] = [];
  for (const merge of merges) {
    const a = index.get(merge.a);
    const b = index.get(merge.b);
    if (a === undefined || b === undefined) continue;
    let ra = find(a);
    let rb = find(b);
    if (ra === rb) {
      mergesOf[ra]!.push(merge);
      continue;
    }
    if (members[ra]!.length > members[rb]!.length) [ra, rb] = [rb, ra];
    const blockedBy = conflict(members[ra]!, rb, apart, find);
    if (blockedBy !== undefined) {
      refused.push({ merge, blockedBy });
      continue;
    }
    parent[ra] = rb;
    for (const m of members[ra]!) members[rb]!.push(m);
    members[ra] = [];
    for (const m of mergesOf[ra]!) mergesOf[rb]!.push(m);
    mergesOf[rb]!.push(merge);
  }
  const clusters: PersonCluster[] = [];
  for (let root = 0; root < recordIds.length; root++) {
    if (find(root) !== root) continue;
    const ids = members[root]!.map((i) => recordIds[i]!).sort();
    const links = mergesOf[root]!;
    let confidence = 1;
    for (const link of links) confidence = Math.min(confidence, pairConfidence(link.score, reviewThreshold));
    clusters.push({ id: ids[0]!, recordIds: ids, confidence, merges: links });
  }
  clusters.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return { clusters, refused };
}

function rank(d: MergeDecision): number {
  return d.decidedBy === 'reviewer' ? 0 : 1;
}

function compareIds(x: MergeDecision, y: MergeDecision): number {
  const kx = `${x.a}\u0000${x.b}`;
  const ky = `${y.a}\u0000${y.b}`;
  return kx < ky ? -1 : kx > ky ? 1 : 0;
}

function conflict(
  smaller: readonly number[],
  otherRoot: number,
  apart: ReadonlyMap<number, readonly { other: number; decision: MergeDecision }[]>,
  find: (x: number) => number,
): MergeDecision | undefined {
  for (const m of smaller) {
    for (const link of apart.get(m) ?? []) if (find(link.other) === otherRoot) return link.decision;
  }
  return undefined;
}

/**
 * Undoes one decision: the same list without it (replay with applyDecisions to get the clusters back).
 * @example const undone = withoutDecision(result.decisions, 3);
 */
export function withoutDecision(decisions: readonly MergeDecision[], index: number): MergeDecision[] {
  return decisions.filter((_, i) => i !== index);
}
