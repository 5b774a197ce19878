// Dates from field lists: converted when certain, refused when ambiguous, converted by the given order otherwise.
import { describe, expect, it } from 'vitest';
import { readFieldDate } from './field-dates.ts';

describe('readFieldDate', () => {
  it('passes ISO dates and bare years unchanged', () => {
    expect(readFieldDate('1985-07-03')).toEqual({ kind: 'unchanged', value: '1985-07-03' });
    expect(readFieldDate('1985')).toEqual({ kind: 'unchanged', value: '1985' });
  });
  it('refuses 03/07/1985 without an order, naming both readings', () => {
    expect(readFieldDate('03/07/1985')).toEqual({
      kind: 'ambiguous',
      from: '03/07/1985',
      readings: ['1985-07-03', '1985-03-07'],
    });
  });
  it('reads it by the order given', () => {
    expect(readFieldDate('03/07/1985', 'dmy')).toMatchObject({ kind: 'converted', value: '1985-07-03' });
    expect(readFieldDate('03/07/1985', 'mdy')).toMatchObject({ kind: 'converted', value: '1985-03-07' });
  });
  it('converts the unambiguous: a day above 12, the same day and month, year first', () => {
    expect(readFieldDate('25/12/1979')).toMatchObject({ kind: 'converted', value: '1979-12-25' });
    expect(readFieldDate('12/25/1979')).toMatchObject({ kind: 'converted', value: '1979-12-25' });
    expect(readFieldDate('05.05.1990')).toMatchObject({ kind: 'converted', value: '1990-05-05' });
    expect(readFieldDate('1990/5/6')).toMatchObject({ kind: 'converted', value: '1990-05-06' });
  });
  it('rejects impossible dates', () => {
    expect(readFieldDate('31/02/1990').kind).toBe('invalid');
    expect(readFieldDate('25/12/1979', 'mdy').kind).toBe('invalid');
    expect(readFieldDate('last spring').kind).toBe('invalid');
  });
});
