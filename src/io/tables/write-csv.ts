// Writes CSV as spreadsheets expect it: quoted when needed, one separator and line ending throughout, UTF-8.

/** Quotes a cell when it holds the separator, a quote or a line break. */
export function csvCell(value: string, separator = ','): string {
  return value.includes(separator) || /["\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One CSV line (no line ending). */
export function csvLine(cells: readonly string[], separator = ','): string {
  return cells.map((c) => csvCell(c, separator)).join(separator);
}

/** A whole CSV document with a header. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  separator = ',',
  eol = '\n',
): string {
  return [header, ...rows].map((r) => csvLine(r, separator)).join(eol) + eol;
}
