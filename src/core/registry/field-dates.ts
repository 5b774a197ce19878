// Dates as field teams write them, turned into YYYY-MM-DD only when the reading is certain (or the order is given).

/** Day-month-year (Syria, Jordan, Europe) or month-day-year (a US-made spreadsheet). */
export type DateOrder = 'dmy' | 'mdy';

export type DateReading =
  | { readonly kind: 'unchanged'; readonly value: string }
  | { readonly kind: 'converted'; readonly value: string; readonly from: string }
  | { readonly kind: 'ambiguous'; readonly from: string; readonly readings: readonly [string, string] }
  | { readonly kind: 'invalid'; readonly from: string };

const pad = (n: number) => String(n).padStart(2, '0');

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

/** Reads one date cell. Blank, `YYYY` and `YYYY-MM-DD` pass unchanged; anything else is converted or reported. */
export function readFieldDate(cell: string, order?: DateOrder): DateReading {
  const value = cell.trim();
  if (value === '' || /^\d{4}(-\d{2}-\d{2})?$/.test(value)) return { kind: 'unchanged', value };
  const ymd = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(value);
  if (ymd) {
    const [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
    return isRealDate(y, m, d)
      ? { kind: 'converted', value: `${y}-${pad(m)}-${pad(d)}`, from: value }
      : { kind: 'invalid', from: value };
  }
  const slash = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (!slash) return { kind: 'invalid', from: value };
  const [a, b, y] = [Number(slash[1]), Number(slash[2]), Number(slash[3])];
  const dmy = isRealDate(y, b, a) ? `${y}-${pad(b)}-${pad(a)}` : undefined;
  const mdy = isRealDate(y, a, b) ? `${y}-${pad(a)}-${pad(b)}` : undefined;
  if (order === 'dmy') return dmy ? { kind: 'converted', value: dmy, from: value } : { kind: 'invalid', from: value };
  if (order === 'mdy') return mdy ? { kind: 'converted', value: mdy, from: value } : { kind: 'invalid', from: value };
  if (dmy && mdy && dmy !== mdy) return { kind: 'ambiguous', from: value, readings: [dmy, mdy] };
  const only = dmy ?? mdy;
  return only ? { kind: 'converted', value: only, from: value } : { kind: 'invalid', from: value };
}
