// The offline queue in posts the server takes: ≤ 100 items and ≤ 48 KB each, a household's group never split, order kept.
import { describe, expect, it } from 'vitest';
import type { QueuedEvent } from '../../web/src/screens/checkin/event-queue.ts';
import { chunkForSend, SEND_LIMITS } from '../../web/src/screens/checkin/send-chunks.ts';

const event = (n: number, extra: Partial<QueuedEvent> = {}): QueuedEvent => ({
  id: `e-${String(n).padStart(4, '0')}`,
  person_id: `P-${n}`,
  status: 'at_assembly_point',
  at: '2018-07-21T20:00+03:00',
  ...extra,
});

const bytesOf = (items: readonly unknown[]) => new TextEncoder().encode(JSON.stringify(items)).length;
const ids = (chunks: readonly (readonly QueuedEvent[])[]) => chunks.flat().map((e) => e.id);

describe('chunkForSend', () => {
  it('sends a small queue in one post and an empty one in none', () => {
    const queue = [event(1), event(2), event(3)];
    expect(chunkForSend(queue)).toEqual([queue]);
    expect(chunkForSend([])).toEqual([]);
  });

  it('keeps every post within the item and byte limits, in queue order, losing nothing', () => {
    // A night offline: 450 events, every third with a 1000-letter Arabic note (about 2 KB each).
    const note = 'م'.repeat(1000);
    const queue = Array.from({ length: 450 }, (_, n) => event(n, n % 3 === 0 ? { note } : {}));
    expect(bytesOf(queue)).toBeGreaterThan(64 * 1024);
    const chunks = chunkForSend(queue);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(SEND_LIMITS.maxItems);
      expect(bytesOf(chunk)).toBeLessThanOrEqual(SEND_LIMITS.maxBytes);
    }
    expect(ids(chunks)).toEqual(queue.map((e) => e.id));
    // And a queue of small events is cut by count: 250 → 100 + 100 + 50.
    const small = Array.from({ length: 250 }, (_, n) => event(n));
    expect(chunkForSend(small).map((c) => c.length)).toEqual([100, 100, 50]);
  });

  it('never splits a group (a household stored all or none) across posts', () => {
    const household = (g: string, from: number) =>
      Array.from({ length: 7 }, (_, k) => event(from + k, { group: g, status: 'boarded', vehicle: 'bus-1' }));
    // 95 loose events, then a household of 7 that would straddle the 100-item limit.
    const queue = [...Array.from({ length: 95 }, (_, n) => event(n)), ...household('h-1', 1000), event(2000)];
    const chunks = chunkForSend(queue);
    expect(chunks.map((c) => c.length)).toEqual([95, 8]);
    expect(chunks[1]?.filter((e) => e.group === 'h-1')).toHaveLength(7);
    expect(ids(chunks)).toEqual(queue.map((e) => e.id));
  });

  it('gathers a group whose members are not side by side where its first member is', () => {
    const queue = [event(1, { group: 'g' }), event(2), event(3, { group: 'g' }), event(4)];
    const chunks = chunkForSend(queue, { maxItems: 2, maxBytes: 1_000_000 });
    expect(chunks.map((c) => c.map((e) => e.id))).toEqual([
      ['e-0001', 'e-0003'],
      ['e-0002', 'e-0004'],
    ]);
  });

  it('sends a group larger than the limits alone, whole, rather than half a household', () => {
    const big = Array.from({ length: 5 }, (_, n) => event(10 + n, { group: 'big' }));
    const chunks = chunkForSend([event(1), ...big, event(2)], { maxItems: 3, maxBytes: 1_000_000 });
    expect(chunks.map((c) => c.length)).toEqual([1, 5, 1]);
  });

  it('chunks unknown arrivals (no group) by the same limits', () => {
    const arrivals = Array.from({ length: 120 }, (_, n) => ({
      id: `a-${n}`,
      place: 'ap-1',
      at: '2018-07-21T20:00+03:00',
      persons: 1,
    }));
    expect(chunkForSend(arrivals).map((c) => c.length)).toEqual([100, 20]);
  });
});
