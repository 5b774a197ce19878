// The device's queue of check-in events: kept in localStorage until the server has them, so a phone can work offline.
import { signal } from '@preact/signals';
import { api, type Problem } from '../../api/client.ts';

/** One event as POST /api/status/events takes it; `id` is made on this device, so re-sending it is harmless. */
export interface QueuedEvent {
  readonly id: string;
  readonly person_id: string;
  readonly status: string;
  readonly at: string;
  readonly exit?: string;
}

export interface SendOutcome {
  readonly accepted: readonly string[];
  readonly duplicates: readonly string[];
  readonly refused: readonly { readonly id: string; readonly error: { readonly kind: string } }[];
}

const QUEUE_KEY = 'safepassage.checkin.queue';
const DEVICE_KEY = 'safepassage.device';

/** A random id; crypto.randomUUID needs a secure context, which a field laptop on plain http may not be. */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function deviceId(): string {
  const known = localStorage.getItem(DEVICE_KEY);
  if (known) return known;
  const made = newId();
  localStorage.setItem(DEVICE_KEY, made);
  return made;
}

function readQueue(): QueuedEvent[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(QUEUE_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as QueuedEvent[]) : [];
  } catch {
    return [];
  }
}

/** The events not yet delivered (a screen shows their count). */
export const queued = signal<readonly QueuedEvent[]>(readQueue());

function saveQueue(events: readonly QueuedEvent[]): void {
  localStorage.setItem(QUEUE_KEY, JSON.stringify(events));
  queued.value = events;
}

/** Adds events to the queue (stored before any send is tried, so a closed tab loses nothing). */
export function enqueue(events: readonly QueuedEvent[]): void {
  saveQueue([...readQueue(), ...events]);
}

/**
 * Sends the whole queue. Every event the server answered for (accepted, already known, or refused) leaves the
 * queue; on a network failure or a server error everything stays for the next try.
 */
export async function sendQueue(): Promise<{ ok: true; value: SendOutcome } | { ok: false; problem: Problem }> {
  const events = readQueue();
  if (events.length === 0) return { ok: true, value: { accepted: [], duplicates: [], refused: [] } };
  const sent = await api<SendOutcome>('/api/status/events', { method: 'POST', body: { device: deviceId(), events } });
  if (!sent.ok) return sent;
  const answered = new Set([...sent.value.accepted, ...sent.value.duplicates, ...sent.value.refused.map((r) => r.id)]);
  saveQueue(readQueue().filter((e) => !answered.has(e.id)));
  return sent;
}
