// The device's queues (status events, unknown arrivals): kept in localStorage until the server has them, so a phone works offline.
import { batch, signal } from '@preact/signals';
import { api, type Problem } from '../../api/client.ts';
import { chunkForSend } from './send-chunks.ts';

/** One event as POST /api/status/events takes it; `id` is made on this device, so re-sending it is harmless. */
export interface QueuedEvent {
  readonly id: string;
  readonly person_id: string;
  readonly status: string;
  readonly at: string;
  readonly vehicle?: string;
  readonly exit?: string;
  readonly note?: string;
  /** A household's events share a group: the server stores them all or none. */
  readonly group?: string;
}

/** One unknown arrival as POST /api/arrivals/unknown takes it. */
export interface QueuedArrival {
  readonly id: string;
  readonly place: string;
  readonly at: string;
  readonly given_name?: string;
  readonly family_name?: string;
  readonly name_arabic?: string;
  readonly approx_age?: number;
  readonly sex?: 'M' | 'F' | 'X';
  readonly persons: number;
  readonly note?: string;
}

export interface SendOutcome {
  readonly accepted: readonly string[];
  readonly duplicates: readonly string[];
  /** Stored, waiting for an earlier step another device has not sent yet. */
  readonly pending: readonly { readonly id: string; readonly error: { readonly kind: string } }[];
  readonly refused: readonly { readonly id: string; readonly error: { readonly kind: string } }[];
}

const QUEUE_KEY = 'safepassage.checkin.queue';
const ARRIVALS_KEY = 'safepassage.checkin.arrivals';
const DEVICE_KEY = 'safepassage.device';

/** A random id; crypto.randomUUID needs a secure context, which a field laptop on plain http may not be. */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

let lastMs = 0;
let sameMsCount = 0;

/**
 * An id that sorts in the order this device made it, then random. The store orders one device's events of the same
 * instant by id, and the core reads instants to the second only: a household checked in and boarded within one
 * second must still replay check-in first.
 * @example `${sortableId()}:${personId}` // '0mhx3k2a1000-3f9c…:P-00001'
 */
export function sortableId(): string {
  const now = Date.now();
  if (now > lastMs) [lastMs, sameMsCount] = [now, 0];
  else sameMsCount += 1;
  const time = lastMs.toString(36).padStart(9, '0');
  const count = sameMsCount.toString(36).padStart(4, '0');
  return `${time}${count}-${newId().slice(0, 12)}`;
}

function deviceId(): string {
  const known = localStorage.getItem(DEVICE_KEY);
  if (known) return known;
  const made = newId();
  localStorage.setItem(DEVICE_KEY, made);
  return made;
}

function readList<T>(key: string): T[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(parsed) ? (parsed as T[]) : [];
  } catch {
    return [];
  }
}

const readQueue = () => readList<QueuedEvent>(QUEUE_KEY);
const readArrivals = () => readList<QueuedArrival>(ARRIVALS_KEY);

/** The events not yet delivered (a screen shows their count). */
export const queued = signal<readonly QueuedEvent[]>(readQueue());
/**
 * Events the server took in the last send, until the screen has read the statuses again: without them a household
 * would flicker back to its old status between the answer and the refresh (and a button under a finger be disabled).
 */
export const justSent = signal<readonly QueuedEvent[]>([]);
/** The unknown arrivals not yet delivered. */
export const queuedArrivals = signal<readonly QueuedArrival[]>(readArrivals());

function saveQueue(events: readonly QueuedEvent[]): void {
  localStorage.setItem(QUEUE_KEY, JSON.stringify(events));
  queued.value = events;
}

function saveArrivals(arrivals: readonly QueuedArrival[]): void {
  localStorage.setItem(ARRIVALS_KEY, JSON.stringify(arrivals));
  queuedArrivals.value = arrivals;
}

/** Adds events to the queue (stored before any send is tried, so a closed tab loses nothing). */
export function enqueue(events: readonly QueuedEvent[]): void {
  saveQueue([...readQueue(), ...events]);
}

/** Adds an unknown arrival to its queue. */
export function enqueueArrival(arrival: QueuedArrival): void {
  saveArrivals([...readArrivals(), arrival]);
}

/**
 * Sends the unknown arrivals, then the event queue, each in posts the server takes (`chunkForSend`: ≤ 100 items,
 * ≤ 48 KB, a household's group never split). Everything the server answered for (accepted, already known, pending or
 * refused) leaves the queue; on a network failure or a server error the send stops there and the failed post and
 * those after it stay for the next try. An arrival refused as invalid (400) stays too, and the screen shows the problem.
 */
export function sendQueue(): Promise<SendResult> {
  // One send at a time: two overlapping posts of the same queue would race each other on the server.
  const next = sending.then(sendOnce, sendOnce);
  sending = next;
  return next;
}

type SendResult = { ok: true; value: SendOutcome } | { ok: false; problem: Problem };
let sending: Promise<SendResult> = Promise.resolve({
  ok: true,
  value: { accepted: [], duplicates: [], pending: [], refused: [] },
});

async function sendOnce(): Promise<SendResult> {
  for (const arrivals of chunkForSend(readArrivals())) {
    const delivered = await api<{ accepted: string[]; duplicates: string[] }>('/api/arrivals/unknown', {
      method: 'POST',
      body: { device: deviceId(), arrivals },
    });
    if (!delivered.ok) return delivered;
    const answered = new Set([...delivered.value.accepted, ...delivered.value.duplicates]);
    saveArrivals(readArrivals().filter((a) => !answered.has(a.id)));
  }
  const outcome: { [K in keyof SendOutcome]: SendOutcome[K][number][] } = {
    accepted: [],
    duplicates: [],
    pending: [],
    refused: [],
  };
  // In posts the server takes; a failed post stops the send, and it and the posts after it stay queued.
  for (const events of chunkForSend(readQueue())) {
    const sent = await api<SendOutcome>('/api/status/events', { method: 'POST', body: { device: deviceId(), events } });
    if (!sent.ok) return sent;
    const answered = new Set([
      ...sent.value.accepted,
      ...sent.value.duplicates,
      ...sent.value.pending.map((r) => r.id),
      ...sent.value.refused.map((r) => r.id),
    ]);
    const taken = new Set([...sent.value.accepted, ...sent.value.pending.map((r) => r.id)]);
    batch(() => {
      saveQueue(readQueue().filter((e) => !answered.has(e.id)));
      justSent.value = [...justSent.value, ...events.filter((e) => taken.has(e.id))];
    });
    outcome.accepted.push(...sent.value.accepted);
    outcome.duplicates.push(...sent.value.duplicates);
    outcome.pending.push(...sent.value.pending);
    outcome.refused.push(...sent.value.refused);
  }
  return { ok: true, value: outcome };
}
