// The shared Intl helpers of src/i18n bound to the language on screen and the operation's time zone.
import {
  formatAge,
  formatDate,
  formatDateTime,
  formatDistanceM,
  formatDurationS,
  formatList,
  formatNumber,
  formatPercent,
  formatWindow,
} from '../../../src/i18n/index.ts';
import { scenario } from './data.ts';
import { language } from './language.ts';

export const fmt = {
  number: (n: number, digits = 0) => formatNumber(language.value, n, digits),
  percent: (p: number) => formatPercent(language.value, p),
  dateTime: (iso: string) => formatDateTime(language.value, iso, scenario.value?.time_zone),
  date: (iso: string) => formatDate(language.value, iso),
  duration: (s: number) => formatDurationS(language.value, s),
  distance: (m: number) => formatDistanceM(language.value, m),
  age: (iso: string, now: Date) => formatAge(language.value, iso, now),
  list: (items: readonly string[]) => formatList(language.value, items),
  window: (opens: string, closes: string) => formatWindow(language.value, opens, closes, scenario.value?.time_zone),
};

/** A name in the language on screen: the Arabic spelling when there is one and Arabic is on. */
export function localName(thing: { name: string; name_arabic?: string | null | undefined }): string {
  return language.value === 'ar' && thing.name_arabic ? thing.name_arabic : thing.name;
}

/** A place of the scenario by its id, in the language on screen (the id itself when the scenario has no such place). */
export function placeName(id: string): string {
  const place = scenario.value?.places.find((p) => p.place_id === id);
  return place ? localName(place) : id;
}

/** An exit of the scenario by its id, in the language on screen (the id itself when the scenario has no such exit). */
export function exitName(id: string): string {
  const exit = scenario.value?.exits.find((e) => e.id === id);
  return exit ? localName(exit) : id;
}
