// The signed-in session: token and user in memory, mirrored to sessionStorage so a reload keeps the tab signed in.
import { signal } from '@preact/signals';
import type { User } from '../api/types.ts';

export interface Session {
  readonly token: string;
  readonly expiresAt: string;
  readonly user: User;
}

const STORAGE_KEY = 'safepassage.session';

function restore(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    return new Date(s.expiresAt).getTime() > Date.now() ? s : null;
  } catch {
    return null;
  }
}

/** The current session, or null when signed out. */
export const session = signal<Session | null>(restore());

export function signIn(s: Session): void {
  session.value = s;
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(s));
}

/** Forgets the token in this tab (the server side is ended by POST /api/logout). */
export function signOutLocally(): void {
  session.value = null;
  sessionStorage.removeItem(STORAGE_KEY);
}
