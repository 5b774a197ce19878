// Writes the scenario's tables as RFC 4180 CSV with LF line endings and a fixed column order.

import { writeFileSync } from 'node:fs';

export type Cell = string | number | undefined;

function quote(cell: Cell): string {
  if (cell === undefined) return '';
  const text = typeof cell === 'number' ? String(cell) : cell;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(columns: readonly string[], rows: readonly Record<string, Cell>[]): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((column) => quote(row[column])).join(','));
  return `${lines.join('\n')}\n`;
}

export function writeCsv(path: string, columns: readonly string[], rows: readonly Record<string, Cell>[]): void {
  writeFileSync(path, toCsv(columns, rows), 'utf8');
}

/** Rounds to a fixed number of decimals so that output is stable and small. */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
