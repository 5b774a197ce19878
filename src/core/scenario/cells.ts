// Cell schemas: how one spreadsheet cell (always a string) becomes a typed value, with messages a field team understands.
import { z } from 'zod';

/** Empty or whitespace-only cells mean "absent". */
function blankToUndefined(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A required text cell. */
export const text = () => z.preprocess(blankToUndefined, z.string({ error: 'is empty; a value is required' }));

/** An id: letters, digits, '-', '_', '.' (no spaces, so it survives CSV round trips and URLs). */
export const id = () =>
  z.preprocess(
    blankToUndefined,
    z.string({ error: 'is empty; an id is required' }).regex(/^[\p{L}\p{N}_.-]+$/u, {
      error: (i) => `"${String(i.input)}" is not a valid id (letters, digits, - _ .)`,
    }),
  );

/** A decimal number within bounds; accepts a decimal comma as European spreadsheets write it. */
export const number = (min: number, max: number) =>
  z.preprocess(
    (value) => {
      const v = blankToUndefined(value);
      if (typeof v !== 'string') return v;
      const n = Number(v.replace(',', '.'));
      return Number.isFinite(n) ? n : v;
    },
    z
      .number({
        error: (i) =>
          i.input === undefined ? 'is empty; a number is required' : `"${String(i.input)}" is not a number`,
      })
      .min(min, { error: `must be at least ${min}` })
      .max(max, { error: `must be at most ${max}` }),
  );

/** A whole number within bounds. */
export const integer = (min: number, max: number) =>
  number(min, max).pipe(z.number().int({ error: 'must be a whole number' }));

/** One of a fixed set of words, case-insensitive, with the allowed words in the message. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (value) => {
      const v = blankToUndefined(value);
      return typeof v === 'string' ? v.toLowerCase().replace(/[\s-]+/g, '_') : v;
    },
    z.enum(values, {
      error: (i) =>
        i.input === undefined
          ? `is empty; expected one of: ${values.join(', ')}`
          : `"${String(i.input)}" is not one of: ${values.join(', ')}`,
    }),
  );

/** yes/no in the forms spreadsheets produce (yes, no, true, false, 1, 0, y, n, نعم, لا). */
export const yesNo = () =>
  z.preprocess(
    (value) => {
      const v = blankToUndefined(value);
      if (typeof v !== 'string') return v;
      const lower = v.toLowerCase();
      if (['yes', 'y', 'true', '1', 'نعم'].includes(lower)) return true;
      if (['no', 'n', 'false', '0', 'لا'].includes(lower)) return false;
      return v;
    },
    z.boolean({ error: (i) => `"${String(i.input)}" is not yes or no` }),
  );

/** A point in time with an explicit UTC offset, e.g. 2018-07-21T22:00+03:00 (a time without offset is ambiguous). */
export const instant = () =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'is empty; a time such as 2018-07-21T22:00+03:00 is required' })
      .regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/, {
        error: (i) => `"${String(i.input)}" is not a time with an offset, e.g. 2018-07-21T22:00+03:00`,
      })
      .refine((s) => !Number.isNaN(Date.parse(s.replace(' ', 'T'))), { error: 'is not a real date and time' }),
  );

/** A ';'-separated list of words (also accepts ',' when the cell has no ';'). */
export const list = <T extends z.ZodType<string>>(item: T) =>
  z.preprocess((value) => {
    const v = blankToUndefined(value);
    if (v === undefined) return [];
    if (typeof v !== 'string') return v;
    const sep = v.includes(';') ? ';' : ',';
    return v
      .split(sep)
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }, z.array(item));

/** A latitude in degrees. */
export const latitude = () => number(-90, 90);
/** A longitude in degrees. */
export const longitude = () => number(-180, 180);

/** Makes a cell optional: blank → undefined. */
export const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** Makes a cell optional with a default used when blank. */
export const withDefault = <T extends z.ZodType>(schema: T, fallback: z.util.NoUndefined<z.output<T>>) =>
  z.preprocess(blankToUndefined, schema.default(fallback));

/**
 * A birth date: `YYYY` (year only) or `YYYY-MM-DD`. Slash dates are refused with the reading spelled out,
 * because 03/07/1985 is 3 July in Damascus and 7 March in a US-made spreadsheet.
 */
export const birthDate = () =>
  z.preprocess(
    blankToUndefined,
    z.string().superRefine((s, ctx) => {
      if (/^\d{4}$/.test(s) || /^\d{4}-\d{2}-\d{2}$/.test(s)) {
        if (s.length === 10 && Number.isNaN(Date.parse(s)))
          ctx.addIssue({ code: 'custom', message: `"${s}" is not a real date` });
        return;
      }
      const slash = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(s);
      if (slash) {
        const [a, b, year] = [Number(slash[1]), Number(slash[2]), slash[3]];
        const pad = (n: number) => String(n).padStart(2, '0');
        const message =
          a <= 12 && b <= 12 && a !== b
            ? `"${s}" is ambiguous (${year}-${pad(b)}-${pad(a)} or ${year}-${pad(a)}-${pad(b)}?); write it as YYYY-MM-DD`
            : `"${s}" must be written as YYYY-MM-DD (${year}-${pad(a > 12 ? b : a)}-${pad(a > 12 ? a : b)})`;
        ctx.addIssue({ code: 'custom', message });
        return;
      }
      ctx.addIssue({
        code: 'custom',
        message: `"${s}" is not a date; write YYYY-MM-DD, or YYYY if only the year is known`,
      });
    }),
  );
