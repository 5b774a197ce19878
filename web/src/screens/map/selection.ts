// What the map shows: the assembly point and the travelling group, kept while the user moves between screens.
import { signal } from '@preact/signals';
import type { Profile } from '../../api/types.ts';

export const selectedAssemblyPoint = signal<string | null>(null);
export const selectedProfile = signal<Profile>('military_age_man');
export const selectedCheckpoint = signal<string | null>(null);
/** The moment of the schedule the map shows convoys at (ms since epoch), or null for no convoys. */
export const selectedTime = signal<number | null>(null);
