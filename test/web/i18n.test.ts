// The shared strings and formatting: en and ar have the same keys, every key the web app uses exists, Intl output.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ar from '../../src/i18n/ar.json' with { type: 'json' };
import en from '../../src/i18n/en.json' with { type: 'json' };
import { directionOf, formatDateTime, formatDurationS, formatNumber, formatPercent } from '../../src/i18n/index.ts';

function keysOf(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keysOf(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourcesUnder(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('i18n', () => {
  it('English and Arabic have exactly the same keys', () => {
    expect(keysOf(ar).sort()).toEqual(keysOf(en).sort());
  });

  it('every literal key the web app translates exists', () => {
    const webSrc = new URL('../../web/src/', import.meta.url).pathname;
    const known = new Set(keysOf(en));
    const used = new Set<string>();
    for (const file of sourcesUnder(webSrc))
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z][\w.-]*)'/g)) used.add(m[1]!);
    expect([...used].filter((k) => !known.has(k))).toEqual([]);
  });

  it('formats per locale: Arabic-Indic digits, the operation time zone, right to left', () => {
    expect(formatNumber('en', 1003)).toBe('1,003');
    expect(formatNumber('ar', 1003)).toBe('١٬٠٠٣');
    expect(formatPercent('en', 0.3767)).toBe('38%');
    expect(formatDateTime('en', '2018-07-21T08:00:00+03:00', 'Asia/Damascus')).toContain('08:00');
    expect(formatDateTime('ar', '2018-07-21T08:00:00+03:00', 'Asia/Damascus')).toContain('٠٨:٠٠');
    expect(formatDurationS('en', 3695)).toMatch(/^1 hr 2 min/);
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('en')).toBe('ltr');
  });
});
