// Locale-aware formatting of numbers, times, durations and ages with Intl, shared by the web app, reports and the CLI.

/** The languages Safe Passage is translated into. */
export type Language = 'en' | 'ar';

export const LANGUAGES: readonly Language[] = ['en', 'ar'];

/** Text direction of a language: Arabic is written right to left. */
export function directionOf(language: Language): 'ltr' | 'rtl' {
  return language === 'ar' ? 'rtl' : 'ltr';
}

/**
 * BCP 47 tag used with Intl. Arabic uses Arabic-Indic digits (ar-SY), as field officers read them.
 * @example intlLocale('ar') // 'ar-SY-u-nu-arab'
 */
export function intlLocale(language: Language): string {
  return language === 'ar' ? 'ar-SY-u-nu-arab' : 'en-GB';
}

/** @example formatNumber('en', 1003) // '1,003' */
export function formatNumber(language: Language, value: number, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits }).format(value);
}

/** A probability in [0, 1] as a percentage. @example formatPercent('en', 0.3767) // '38%' */
export function formatPercent(language: Language, probability: number): string {
  return new Intl.NumberFormat(intlLocale(language), { style: 'percent', maximumFractionDigits: 0 }).format(
    probability,
  );
}

/**
 * A date and time in the operation's time zone (not the laptop's), with the zone named.
 * @example formatDateTime('en', '2018-07-21T08:00:00+03:00', 'Asia/Damascus') // '21 Jul 2018, 08:00 GMT+3'
 */
export function formatDateTime(language: Language, iso: string, timeZone?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  // dateStyle/timeStyle cannot be combined with timeZoneName, hence the fields one by one.
  return new Intl.DateTimeFormat(intlLocale(language), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone, timeZoneName: 'short' } : {}),
  }).format(at);
}

/** A calendar date. @example formatDate('en', '1980-06-04') // '4 Jun 1980' */
export function formatDate(language: Language, iso: string): string {
  const at = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'medium', timeZone: 'UTC' }).format(at);
}

/** A duration in seconds as hours and minutes. @example formatDurationS('en', 3695) // '1 h 2 min' */
export function formatDurationS(language: Language, seconds: number): string {
  const totalMin = Math.round(seconds / 60);
  const hours = Math.floor(totalMin / 60);
  const minutes = totalMin % 60;
  const unit = (value: number, u: 'hour' | 'minute') =>
    new Intl.NumberFormat(intlLocale(language), { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
  if (hours === 0) return unit(minutes, 'minute');
  return minutes === 0 ? unit(hours, 'hour') : `${unit(hours, 'hour')} ${unit(minutes, 'minute')}`;
}

/** A distance in metres as kilometres. @example formatDistanceM('en', 62500) // '62.5 km' */
export function formatDistanceM(language: Language, metres: number): string {
  return new Intl.NumberFormat(intlLocale(language), {
    style: 'unit',
    unit: 'kilometer',
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(metres / 1000);
}

/**
 * How long ago `iso` was, seen from `now` (passed in: formatting never reads the clock).
 * @example formatAge('en', '2018-07-21T03:40+03:00', new Date('2018-07-21T08:00+03:00')) // '4 hours ago'
 */
export function formatAge(language: Language, iso: string, now: Date): string {
  const ms = now.getTime() - new Date(iso).getTime();
  if (Number.isNaN(ms)) return iso;
  const rtf = new Intl.RelativeTimeFormat(intlLocale(language), { numeric: 'auto' });
  const hours = Math.round(ms / 3_600_000);
  if (Math.abs(hours) < 1) return rtf.format(-Math.round(ms / 60_000), 'minute');
  if (Math.abs(hours) < 48) return rtf.format(-hours, 'hour');
  if (Math.abs(hours) < 24 * 60) return rtf.format(-Math.round(hours / 24), 'day');
  if (Math.abs(hours) < 24 * 730) return rtf.format(-Math.round(hours / (24 * 30.44)), 'month');
  return rtf.format(-Math.round(hours / (24 * 365.25)), 'year');
}

/** Hours between `iso` and `now`, for colouring by age. */
export function ageHours(iso: string, now: Date): number {
  return (now.getTime() - new Date(iso).getTime()) / 3_600_000;
}

/** A list joined the way the language joins lists. @example formatList('en', ['triage', 'routing']) // 'triage and routing' */
export function formatList(language: Language, items: readonly string[]): string {
  return new Intl.ListFormat(intlLocale(language), { style: 'long', type: 'conjunction' }).format(items);
}

/**
 * An opening window as one range in the operation's time zone, the shared parts written once.
 * @example formatWindow('en', '2018-07-21T21:00+03:00', '2018-07-22T04:00+03:00', 'Asia/Damascus') // '21 Jul, 21:00 – 22 Jul, 04:00'
 */
export function formatWindow(language: Language, opensIso: string, closesIso: string, timeZone?: string): string {
  const opens = new Date(opensIso);
  const closes = new Date(closesIso);
  if (Number.isNaN(opens.getTime()) || Number.isNaN(closes.getTime())) return `${opensIso} – ${closesIso}`;
  return new Intl.DateTimeFormat(intlLocale(language), {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).formatRange(opens, closes);
}
