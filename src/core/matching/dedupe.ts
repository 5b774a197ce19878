// De-duplication end to end: prepare, block, score, cluster with the chaining guard, queue uncertain pairs.

import { type BlockingStats, forEachCandidatePair } from './blocking.ts';
import { configForSize, DEFAULT_MATCH_CONFIG, type MatchConfig } from './match-config.ts';
import { applyDecisions, type MergeDecision, type PersonCluster } from './merge-decisions.ts';
import { type ScoreReason, scorePair } from './pair-score.ts';
import type { PersonRecord } from './person-record.ts';
import { prepareRecords } from './prepared-record.ts';

/** A pair a person should look at: the score fell in the review band, or a keepApart refused its merge. */
export interface ReviewPair {
  readonly a: string;
  readonly b: string;
  readonly score: number;
  readonly why: 'uncertain' | 'wouldChain';
  readonly reasons: readonly ScoreReason[];
}

export interface DedupResult {
  /** Every person, singletons included, ordered by id; together they hold every input record id exactly once. */
  readonly clusters: readonly PersonCluster[];
  /** The decisions that produce `clusters` through applyDecisions (merges applied, keepAparts that refused one). */
  readonly decisions: readonly MergeDecision[];
  /** Uncertain pairs, highest score first. */
  readonly review: readonly ReviewPair[];
  /** `matchThreshold` is the one applied, after the registry-size shift (see MatchConfig.referenceRecords). */
  readonly stats: BlockingStats & { readonly matchedPairs: number; readonly matchThreshold: number };
}

/**
 * Finds the persons behind a set of records from several lists.
 * @example const { clusters, review } = dedupe(records); // clusters[i].merges[k].reasons explain each link
 */
export function dedupe(records: readonly PersonRecord[], baseConfig: MatchConfig = DEFAULT_MATCH_CONFIG): DedupResult {
  const config = configForSize(records.length, baseConfig);
  const prepared = prepareRecords(records, config);
  const keptI: number[] = [];
  const keptJ: number[] = [];
  const keptScore: number[] = [];
  // Cannot-links per record, only for the guard: pairs that blocking proposed and the score firmly rejects.
  const cannot = new Map<number, number[]>();
  // Pairs that household support could still lift into the review band are kept too.
  const keepFrom = config.reviewThreshold - config.householdSupport;
  const stats = forEachCandidatePair(prepared, config, (i, j) => {
    const score = scorePair(prepared[i]!, prepared[j]!, config);
    if (score >= keepFrom) {
      keptI.push(i);
      keptJ.push(j);
      keptScore.push(score);
    } else if (score <= config.cannotLinkThreshold) {
      addCannot(cannot, i, j);
      addCannot(cannot, j, i);
    }
  });
  const supported = householdSupport(records, keptI, keptJ, keptScore, config);
  const explain = (i: number, j: number): ScoreReason[] => {
    const reasons: ScoreReason[] = [];
    const raw = scorePair(prepared[i]!, prepared[j]!, config, reasons);
    if (raw < config.matchThreshold && supported.has(householdPairKey(records[i]!, records[j]!))) {
      reasons.push({
        field: 'household',
        evidence: 'another member of each household matched',
        contribution: config.householdSupport,
      });
    }
    return reasons;
  };
  for (let k = 0; k < keptScore.length; k++) {
    if (
      keptScore[k]! < config.matchThreshold &&
      supported.has(householdPairKey(records[keptI[k]!]!, records[keptJ[k]!]!))
    ) {
      keptScore[k]! += config.householdSupport;
    }
  }
  const order = keptScore.map((_, k) => k).sort((x, y) => keptScore[y]! - keptScore[x]! || x - y);
  const matchOrder = order.filter((k) => keptScore[k]! >= config.matchThreshold);
  const householdOf = records.map((r) => `${r.sourceList}\u0000${r.householdId}`);
  const guard = guardedUnion(matchOrder, keptI, keptJ, cannot, householdOf);
  const decisions: MergeDecision[] = [];
  const review: ReviewPair[] = [];
  const keptApart = new Set<string>();
  for (const k of matchOrder) {
    const i = keptI[k]!;
    const j = keptJ[k]!;
    const blocker = guard.blockedBy.get(k);
    if (blocker === undefined) {
      decisions.push(mergeOf(records, i, j, keptScore[k]!, explain(i, j)));
      continue;
    }
    const [x, y] = blocker;
    if (!keptApart.has(`${x}:${y}`)) {
      keptApart.add(`${x}:${y}`);
      const score = scorePair(prepared[x]!, prepared[y]!, config);
      decisions.push({ ...mergeOf(records, x, y, score, explain(x, y)), kind: 'keepApart' });
    }
    review.push({
      a: records[i]!.id,
      b: records[j]!.id,
      score: keptScore[k]!,
      why: 'wouldChain',
      reasons: explain(i, j),
    });
  }
  for (const k of order) {
    if (keptScore[k]! >= config.matchThreshold || keptScore[k]! < config.reviewThreshold) continue;
    const i = keptI[k]!;
    const j = keptJ[k]!;
    if (guard.find(i) === guard.find(j)) continue;
    review.push({
      a: records[i]!.id,
      b: records[j]!.id,
      score: keptScore[k]!,
      why: 'uncertain',
      reasons: explain(i, j),
    });
  }
  const replay = applyDecisions(
    records.map((r) => r.id),
    decisions,
    config.reviewThreshold,
  );
  return {
    clusters: replay.clusters,
    decisions,
    review,
    stats: { ...stats, matchedPairs: matchOrder.length, matchThreshold: config.matchThreshold },
  };
}

/** The two households of a pair, order-free; '' for two records of one list (a list's households are its own). */
function householdPairKey(a: PersonRecord, b: PersonRecord): string {
  if (a.sourceList === b.sourceList) return '';
  const x = `${a.sourceList}\u0000${a.householdId}`;
  const y = `${b.sourceList}\u0000${b.householdId}`;
  return x < y ? `${x}\u0001${y}` : `${y}\u0001${x}`;
}

/**
 * Household pairs that hold at least one matching pair of members. A pair below the match threshold whose
 * households are so linked gains `householdSupport` (field teams register families together).
 */
function householdSupport(
  records: readonly PersonRecord[],
  keptI: readonly number[],
  keptJ: readonly number[],
  keptScore: readonly number[],
  config: MatchConfig,
): Set<string> {
  const linked = new Set<string>();
  for (let k = 0; k < keptScore.length; k++) {
    if (keptScore[k]! < config.matchThreshold) continue;
    const key = householdPairKey(records[keptI[k]!]!, records[keptJ[k]!]!);
    if (key !== '') linked.add(key);
  }
  return linked;
}

function addCannot(cannot: Map<number, number[]>, a: number, b: number): void {
  const list = cannot.get(a);
  if (list === undefined) cannot.set(a, [b]);
  else list.push(b);
}

function mergeOf(
  records: readonly PersonRecord[],
  i: number,
  j: number,
  score: number,
  reasons: ScoreReason[],
): MergeDecision {
  return { kind: 'merge', a: records[i]!.id, b: records[j]!.id, score, decidedBy: 'matcher', reasons };
}

/**
 * Union-find over the match pairs in score order; a union that would put a cannot-link pair in one cluster, or
 * two records of one household on one list (a team lists each member once), is refused and remembered with the
 * pair that blocked it. Components keep member lists (smaller merged into larger).
 */
function guardedUnion(
  matchOrder: readonly number[],
  keptI: readonly number[],
  keptJ: readonly number[],
  cannot: ReadonlyMap<number, readonly number[]>,
  householdOf: readonly string[],
): { find: (x: number) => number; blockedBy: Map<number, [number, number]> } {
  const n = householdOf.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const members = new Map<number, number[]>();
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const membersOf = (root: number): number[] => members.get(root) ?? [root];
  const blockedBy = new Map<number, [number, number]>();
  for (const k of matchOrder) {
    let ra = find(keptI[k]!);
    let rb = find(keptJ[k]!);
    if (ra === rb) continue;
    if (membersOf(ra).length > membersOf(rb).length) [ra, rb] = [rb, ra];
    let blocker: [number, number] | undefined;
    const otherMembers = membersOf(rb);
    for (const m of membersOf(ra)) {
      const sameHousehold = otherMembers.find((o) => householdOf[o] === householdOf[m]);
      if (sameHousehold !== undefined) {
        blocker = [Math.min(m, sameHousehold), Math.max(m, sameHousehold)];
        break;
      }
      for (const other of cannot.get(m) ?? []) {
        if (find(other) === rb) {
          blocker = [Math.min(m, other), Math.max(m, other)];
          break;
        }
      }
      if (blocker !== undefined) break;
    }
    if (blocker !== undefined) {
      blockedBy.set(k, blocker);
      continue;
    }
    const joined = membersOf(rb).concat(membersOf(ra));
    parent[ra] = rb;
    members.delete(ra);
    members.set(rb, joined);
  }
  return { find, blockedBy };
}
