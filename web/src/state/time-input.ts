// Times typed into datetime-local inputs mean operation time (the scenario's UTC offset), shared by every form.

/** The operation's UTC offset (e.g. +03:00) read from its start time. */
export function offsetOf(iso: string): string {
  return /([+-]\d{2}:\d{2}|Z)$/.exec(iso)?.[1] ?? 'Z';
}

/** `iso` as the value of a datetime-local input at `offset`, e.g. 2018-07-21T08:00. */
export function localInputOf(iso: string, offset: string): string {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  const offsetMin = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return new Date(Date.parse(iso) + offsetMin * 60_000).toISOString().slice(0, 16);
}

/** A datetime-local value read back as an instant at `offset`; null when the input is empty or malformed. */
export function instantOf(localInput: string, offset: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(localInput)) return null;
  const iso = `${localInput.slice(0, 16)}${offset}`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}
