// Splits a device's offline queue into posts the server takes: it refuses a body over 64 KB or over 2000 events.

/** At most this many items per post, and at most this many bytes of them serialized (the server's limit is 64 KB). */
export interface ChunkLimits {
  readonly maxItems: number;
  readonly maxBytes: number;
}

/** Leaves room under the server's 64 KB for the envelope (`{"device":…,"events":[…]}`) and a long device id. */
export const SEND_LIMITS: ChunkLimits = { maxItems: 100, maxBytes: 48 * 1024 };

const encoder = new TextEncoder();

/** Bytes of one item in the posted JSON array, with its comma (Arabic notes take 2 bytes a letter). */
function sizeOf(item: unknown): number {
  return encoder.encode(JSON.stringify(item)).length + 1;
}

/**
 * The queue in posts, in queue order. Items with the same `group` (a household's step, stored all or none by the
 * server) always travel in one post, placed where the group's first item is; a group larger than the limits goes
 * alone in a post of its own (the server refuses it whole rather than storing half a household).
 * @example chunkForSend(queue).length // 3 posts for 250 small events
 */
export function chunkForSend<T extends { readonly id: string; readonly group?: string }>(
  items: readonly T[],
  limits: ChunkLimits = SEND_LIMITS,
): T[][] {
  const units: T[][] = [];
  const unitOfGroup = new Map<string, T[]>();
  for (const item of items) {
    const known = item.group === undefined ? undefined : unitOfGroup.get(item.group);
    if (known) {
      known.push(item);
      continue;
    }
    const unit = [item];
    units.push(unit);
    if (item.group !== undefined) unitOfGroup.set(item.group, unit);
  }
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const unit of units) {
    const unitBytes = unit.reduce((sum, item) => sum + sizeOf(item), 0);
    const fits = current.length + unit.length <= limits.maxItems && bytes + unitBytes <= limits.maxBytes;
    if (!fits && current.length > 0) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(...unit);
    bytes += unitBytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
