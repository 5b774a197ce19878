// Hash routing (#/map, #/registry, #/print/ap-1): works from static files with no server-side routes.
import { signal } from '@preact/signals';

export type Screen =
  | 'map'
  | 'registry'
  | 'situation'
  | 'checkin'
  | 'live'
  | 'plan'
  | 'print'
  | 'audit'
  | 'reconciliation'
  | 'instructions';
const SCREENS: readonly Screen[] = [
  'map',
  'registry',
  'situation',
  'checkin',
  'live',
  'plan',
  'print',
  'audit',
  'reconciliation',
  'instructions',
];

export interface Location {
  readonly screen: Screen;
  /** Path segments after the screen, e.g. the assembly point of a manifest. */
  readonly rest: readonly string[];
}

function parse(hash: string): Location {
  const [head, ...rest] = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const screen = SCREENS.find((s) => s === head) ?? 'map';
  return { screen, rest: rest.map(decodeURIComponent) };
}

export const location = signal<Location>(parse(window.location.hash));
window.addEventListener('hashchange', () => {
  location.value = parse(window.location.hash);
});

export function hrefOf(screen: Screen, ...rest: string[]): string {
  return `#/${[screen, ...rest.map(encodeURIComponent)].join('/')}`;
}
