// The offline queue against a server that refuses big bodies: a long night offline still syncs, post by post.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueuedEvent } from '../../web/src/screens/checkin/event-queue.ts';

/** Web Storage in memory (the module reads its queue at import). */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

/** The server's limits on POST /api/status/events: a 64 KB body, 2000 events; otherwise it accepts every event. */
function fakeServer(failPost?: number) {
  const posts: { bytes: number; ids: string[] }[] = [];
  const fetch = vi.fn(async (_path: string, init: RequestInit) => {
    const text = String(init.body);
    const bytes = new TextEncoder().encode(text).length;
    if (bytes > 64 * 1024)
      return new Response(JSON.stringify({ code: 'too-large' }), {
        status: 413,
        headers: { 'content-type': 'application/json' },
      });
    const events = (JSON.parse(text) as { events: QueuedEvent[] }).events;
    posts.push({ bytes, ids: events.map((e) => e.id) });
    if (posts.length === failPost) return new Response('', { status: 503 });
    return Response.json({ accepted: events.map((e) => e.id), duplicates: [], pending: [], refused: [] });
  });
  return { fetch, posts };
}

/** 300 check-ins with a 1000-letter Arabic note each: about 600 KB, ten times what one post may carry. */
const night: QueuedEvent[] = Array.from({ length: 300 }, (_, n) => ({
  id: `e-${String(n).padStart(4, '0')}`,
  person_id: `P-${n}`,
  status: 'at_assembly_point',
  at: '2018-07-21T20:00+03:00',
  note: 'م'.repeat(1000),
}));

async function freshQueue() {
  vi.resetModules();
  return import('../../web/src/screens/checkin/event-queue.ts');
}

describe('sendQueue', () => {
  beforeEach(() => {
    vi.unstubAllGlobals();
    vi.stubGlobal('localStorage', memoryStorage());
    vi.stubGlobal('sessionStorage', memoryStorage());
  });

  it('delivers a queue far over the body limit in posts the server takes, in order', async () => {
    const server = fakeServer();
    vi.stubGlobal('fetch', server.fetch);
    const queue = await freshQueue();
    queue.enqueue(night);
    const sent = await queue.sendQueue();
    expect(sent.ok).toBe(true);
    expect(sent.ok && sent.value.accepted).toEqual(night.map((e) => e.id));
    expect(server.posts.length).toBeGreaterThan(1);
    expect(server.posts.flatMap((p) => p.ids)).toEqual(night.map((e) => e.id));
    expect(queue.queued.value).toEqual([]);
  });

  it('stops at a failed post and keeps it and the rest queued for the next try', async () => {
    const server = fakeServer(2);
    vi.stubGlobal('fetch', server.fetch);
    const queue = await freshQueue();
    queue.enqueue(night);
    const sent = await queue.sendQueue();
    expect(sent.ok).toBe(false);
    expect(server.posts).toHaveLength(2);
    const delivered = server.posts[0]?.ids ?? [];
    expect(delivered.length).toBeGreaterThan(0);
    expect(queue.queued.value.map((e) => e.id)).toEqual(night.slice(delivered.length).map((e) => e.id));
    // The next try sends what is left, from the failed post on.
    const retry = fakeServer();
    vi.stubGlobal('fetch', retry.fetch);
    expect((await queue.sendQueue()).ok).toBe(true);
    expect(retry.posts.flatMap((p) => p.ids)).toEqual(night.slice(delivered.length).map((e) => e.id));
    expect(queue.queued.value).toEqual([]);
  });
});
