// Splitting one-cell Arabic names written in Latin letters.
import { describe, expect, it } from 'vitest';
import { splitFullName } from './full-name.ts';

describe('splitFullName', () => {
  it('given, father, family', () => {
    expect(splitFullName('Mohammed Ahmad Al-Hariri')).toEqual({
      given: 'Mohammed',
      father: 'Ahmad',
      family: 'Al-Hariri',
    });
  });
  it('keeps a detached article and compound names with their word', () => {
    expect(splitFullName('Abd al-Rahman Khaled Al Zoubi')).toEqual({
      given: 'Abd al-Rahman',
      father: 'Khaled',
      family: 'Al Zoubi',
    });
  });
  it('keeps the grandfather in the father line rather than in the family name', () => {
    expect(splitFullName('Omar Ahmad Khaled Masalmeh')).toEqual({
      given: 'Omar',
      father: 'Ahmad Khaled',
      family: 'Masalmeh',
    });
  });
  it('two words are given and family', () => {
    expect(splitFullName('Layla Masri')).toEqual({ given: 'Layla', father: '', family: 'Masri' });
  });
});
