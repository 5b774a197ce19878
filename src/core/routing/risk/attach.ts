// Puts each checkpoint on the arcs that pass it (both directions of its road, or every arc into its junction).
import { type BackwardCsr, buildBackwardCsr } from '../../graph/backward-csr.ts';
import { arcsNear, type SnapIndex, snapToRoad } from '../../graph/snap.ts';
import type { Checkpoint } from './checkpoint.ts';

/** Per-arc checkpoint lookup: checkpoints on arc `a` are `checkpointAt[firstCheckpoint[a] .. firstCheckpoint[a+1]-1]` (indices into the input list). */
export interface CheckpointArcs {
  readonly firstCheckpoint: Uint32Array;
  readonly checkpointAt: Uint32Array;
  /** Checkpoints farther than the limit from any road: they affect no route, and the user should know. */
  readonly unattached: readonly { readonly id: string; readonly distanceM: number }[];
}

/** Snapped points within this distance of an arc end are at the junction. */
const AT_NODE_M = 1;
/** Arcs this much farther than the nearest still carry the checkpoint (the opposite direction, same geometry). */
const SAME_ROAD_M = 1;

/**
 * Attaches checkpoints by snapping. On a road, the checkpoint is on every arc of that road's geometry (both
 * directions). At a junction, it is on every arc entering the junction, so a route through it pays once.
 * @example const attached = attachCheckpoints(snapIndex, checkpoints, 500);
 */
export function attachCheckpoints(
  snapIndex: SnapIndex,
  checkpoints: readonly Checkpoint[],
  maxDistanceM: number,
): CheckpointArcs {
  const { graph, tail } = snapIndex;
  const pairs: [arc: number, checkpoint: number][] = [];
  const unattached: { id: string; distanceM: number }[] = [];
  let backward: BackwardCsr | undefined;
  checkpoints.forEach((checkpoint, i) => {
    const snap = snapToRoad(snapIndex, checkpoint.lat, checkpoint.lon, maxDistanceM);
    if (!snap.ok) {
      unattached.push({ id: checkpoint.id, distanceM: snap.error.distanceM });
      return;
    }
    const { arc, offsetM } = snap.value;
    const node =
      offsetM <= AT_NODE_M ? tail[arc] : offsetM >= graph.lengthM[arc]! - AT_NODE_M ? graph.head[arc] : undefined;
    if (node !== undefined) {
      backward ??= buildBackwardCsr(graph);
      for (let slot = backward.firstIn[node]!; slot < backward.firstIn[node + 1]!; slot++)
        pairs.push([backward.arcId[slot]!, i]);
      return;
    }
    for (const near of arcsNear(snapIndex, snap.value.lat, snap.value.lon, SAME_ROAD_M + 0.01))
      pairs.push([near.arc, i]);
  });
  const firstCheckpoint = new Uint32Array(graph.arcCount + 1);
  for (const [arc] of pairs) firstCheckpoint[arc + 1]!++;
  for (let a = 0; a < graph.arcCount; a++) firstCheckpoint[a + 1]! += firstCheckpoint[a]!;
  const next = firstCheckpoint.slice(0, graph.arcCount);
  const checkpointAt = new Uint32Array(pairs.length);
  for (const [arc, checkpoint] of pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]))
    checkpointAt[next[arc]!++] = checkpoint;
  return { firstCheckpoint, checkpointAt, unattached };
}
