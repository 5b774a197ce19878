// The de-duplication review of an organisation's scenario: the matcher's run with the reviewers' decisions replayed on top.

import { createHash } from 'node:crypto';
import {
  applyDecisions,
  configForSize,
  DEFAULT_MATCH_CONFIG,
  type DedupResult,
  dedupe,
  type MergeDecision,
  type PersonCluster,
  pairConfidence,
  type ScoreReason,
} from '../../core/matching/index.ts';
import { toPersonRecord } from '../../pipeline/adapters/people.ts';
import {
  type AccessContext,
  exportScenario,
  type MergeDecisionError,
  type ReviewerDecision,
  readCase,
  reviewerDecisionsOf,
  type Store,
} from '../../store/index.ts';
import { caseOfHousehold } from '../data/case-resource.ts';
import { ApiProblem } from '../problem.ts';

/** The matcher's run over a scenario's people, and who is in which household (to open their cases). */
export interface RegistryRun {
  readonly scenarioId: string;
  readonly householdOf: ReadonlyMap<string, string>;
  readonly result: DedupResult;
  readonly reviewThreshold: number;
}

/** One pair as the review screen shows it; `decision` is the reviewer's, when one was made (so it can be undone). */
export interface ReviewPairView {
  readonly pair_id: string;
  readonly a: Readonly<Record<string, unknown>>;
  readonly b: Readonly<Record<string, unknown>>;
  /** The pair's confidence in (0, 1): 0.5 at the review threshold. */
  readonly score: number;
  /** The matcher's score in log2-odds points (the sum of the reasons' contributions). */
  readonly points: number;
  readonly reasons: readonly ScoreReason[];
  readonly decision: 'accept' | 'reject' | null;
}

export interface DedupeView {
  /** Persons with more than one record. Every record id is in exactly one person (singletons are not listed). */
  readonly clusters: readonly PersonCluster[];
  readonly review: readonly ReviewPairView[];
}

/**
 * The pair's id: its two record ids in code-unit order joined by `~`.
 * @example pairIdOf('p8', 'p1') // 'p1~p8'
 */
export function pairIdOf(x: string, y: string): string {
  return x < y ? `${x}~${y}` : `${y}~${x}`;
}

/** The two record ids of a pair id, if both are records of the run (an id may itself hold a `~`). */
export function recordsOfPair(run: RegistryRun, pairId: string): [string, string] | undefined {
  for (let i = pairId.indexOf('~'); i > 0; i = pairId.indexOf('~', i + 1)) {
    const a = pairId.slice(0, i);
    const b = pairId.slice(i + 1);
    if (a !== b && run.householdOf.has(a) && run.householdOf.has(b) && pairIdOf(a, b) === pairId) return [a, b];
  }
  return undefined;
}

/** The store's errors as problems. */
export function decisionProblem(error: MergeDecisionError): ApiProblem {
  switch (error.kind) {
    case 'forbidden':
      return new ApiProblem('forbidden', `not allowed: ${error.action}`);
    case 'no-such-scenario':
      return new ApiProblem('no-scenario', 'import a scenario first');
    case 'already-decided':
      return new ApiProblem('conflict', 'this pair is already decided; undo the decision first');
    case 'no-such-decision':
      return new ApiProblem('not-found', 'no decision on this pair');
  }
}

/** Exports the scenario (audited as a read of every person, as the plan runner does) and runs the matcher. */
export async function runRegistryDedupe(store: Store, ctx: AccessContext, scenarioId: string): Promise<RegistryRun> {
  const exported = await exportScenario(store, ctx, scenarioId);
  if (!exported.ok)
    throw exported.error.kind === 'forbidden'
      ? new ApiProblem('forbidden', `not allowed: ${exported.error.action}`)
      : new Error(`export failed: ${exported.error.kind}`);
  const records = exported.value.people.map(toPersonRecord);
  return {
    scenarioId,
    householdOf: new Map(records.map((r) => [r.id, r.householdId])),
    result: cachedDedupe(store, scenarioId, records),
    // dedupe() shifts its thresholds by registry size; confidences are computed against the same threshold.
    reviewThreshold: configForSize(records.length, DEFAULT_MATCH_CONFIG).reviewThreshold,
  };
}

/** Per store, per scenario: the last matcher run and the digest of the records it ran on. */
const lastRuns = new WeakMap<Store, Map<string, { digest: string; result: DedupResult }>>();

/**
 * The matcher's result, re-used while the records are unchanged: every review click reloads the view, and on a
 * large registry the matcher takes seconds while the export (each read still audited) takes far less.
 */
function cachedDedupe(store: Store, scenarioId: string, records: Parameters<typeof dedupe>[0]): DedupResult {
  const digest = createHash('sha256').update(JSON.stringify(records)).digest('hex');
  let runs = lastRuns.get(store);
  if (runs === undefined) lastRuns.set(store, (runs = new Map()));
  const last = runs.get(scenarioId);
  if (last?.digest === digest) return last.result;
  const result = dedupe(records);
  runs.set(scenarioId, { digest, result });
  return result;
}

/**
 * Clusters and review queue after replaying the stored reviewer decisions over the matcher's: on a pair a reviewer
 * decided, the reviewer's word replaces the matcher's, and reviewer decisions are replayed first.
 */
export async function dedupeView(store: Store, ctx: AccessContext, run: RegistryRun): Promise<DedupeView> {
  const stored = await reviewerDecisionsOf(store, ctx, run.scenarioId);
  if (!stored.ok) throw decisionProblem(stored.error);
  const evidence = new Map<string, { score: number; reasons: readonly ScoreReason[] }>();
  for (const d of run.result.decisions) evidence.set(pairIdOf(d.a, d.b), d);
  for (const p of run.result.review) evidence.set(pairIdOf(p.a, p.b), p);
  const byPair = new Map<string, ReviewerDecision>();
  for (const d of stored.value) {
    if (run.householdOf.has(d.recordA) && run.householdOf.has(d.recordB)) byPair.set(pairIdOf(d.recordA, d.recordB), d);
  }
  const reviewer: MergeDecision[] = [...byPair.entries()].map(([pairId, d]) => ({
    kind: d.kind,
    a: d.recordA,
    b: d.recordB,
    // A pair the matcher never scored (a reviewer's own find) counts as at the review threshold.
    score: evidence.get(pairId)?.score ?? run.reviewThreshold,
    decidedBy: 'reviewer',
    reasons: evidence.get(pairId)?.reasons ?? [],
  }));
  const matcher = run.result.decisions.filter((d) => !byPair.has(pairIdOf(d.a, d.b)));
  const replay = applyDecisions([...run.householdOf.keys()], [...reviewer, ...matcher], run.reviewThreshold);

  const pairs: { a: string; b: string; decided: ReviewerDecision | undefined }[] = [];
  for (const p of run.result.review) pairs.push({ a: p.a, b: p.b, decided: byPair.get(pairIdOf(p.a, p.b)) });
  const inQueue = new Set(run.result.review.map((p) => pairIdOf(p.a, p.b)));
  for (const [pairId, d] of byPair) if (!inQueue.has(pairId)) pairs.push({ a: d.recordA, b: d.recordB, decided: d });

  const people = await peopleThroughCases(
    store,
    ctx,
    run,
    pairs.flatMap((p) => [p.a, p.b]),
  );
  return {
    clusters: replay.clusters.filter((c) => c.recordIds.length > 1),
    review: pairs.map(({ a, b, decided }) => {
      const pairId = pairIdOf(a, b);
      const points = evidence.get(pairId)?.score ?? run.reviewThreshold;
      return {
        pair_id: pairId,
        a: people.get(a) ?? { person_id: a },
        b: people.get(b) ?? { person_id: b },
        score: pairConfidence(points, run.reviewThreshold),
        points,
        reasons: evidence.get(pairId)?.reasons ?? [],
        decision: decided === undefined ? null : decided.kind === 'merge' ? 'accept' : 'reject',
      };
    }),
  };
}

/** The people, each as the reader may see them, read through their household's case (every read audited). */
async function peopleThroughCases(
  store: Store,
  ctx: AccessContext,
  run: RegistryRun,
  personIds: readonly string[],
): Promise<Map<string, Readonly<Record<string, unknown>>>> {
  const people = new Map<string, Readonly<Record<string, unknown>>>();
  const households = new Set(personIds.map((id) => run.householdOf.get(id)).filter((h) => h !== undefined));
  for (const householdId of households) {
    const caseId = await caseOfHousehold(store, run.scenarioId, householdId);
    if (caseId === undefined) continue;
    const read = await readCase(store, ctx, caseId);
    // A case the reader may not open shows as its record ids only.
    if (!read.ok) continue;
    for (const member of read.value.members) people.set(String(member.person_id), member);
  }
  return people;
}
