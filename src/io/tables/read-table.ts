// Reads a CSV or XLSX file into a RawTable: BOM, CRLF and ';' or tab separators from Excel locales handled here, once.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { err, ok, type Result } from '../../core/result.ts';
import type { RawRow, RawTable } from '../../core/scenario/raw-table.ts';

export type ReadTableError = { kind: 'unreadable-file'; file: string; reason: string };

/** Extensions a table may have, in the order a folder is searched. */
export const TABLE_EXTENSIONS = ['.csv', '.tsv', '.xlsx'] as const;

/** Reads `path`; `displayName` is how messages name the file. */
export async function readTable(path: string, displayName: string): Promise<Result<RawTable, ReadTableError>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return err({
      kind: 'unreadable-file',
      file: displayName,
      reason: (error as NodeJS.ErrnoException).code ?? String(error),
    });
  }
  try {
    return ok(
      extname(path).toLowerCase() === '.xlsx' ? await readXlsx(bytes, displayName) : readDelimited(bytes, displayName),
    );
  } catch (error) {
    return err({
      kind: 'unreadable-file',
      file: displayName,
      reason: (error as Error).message.split('\n')[0] ?? 'unreadable',
    });
  }
}

/** Picks the separator that splits the header line into the most fields (outside quotes). */
export function sniffDelimiter(firstLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return counts[';'] > counts[','] ? ';' : ',';
}

/** CSV/TSV from bytes. Row numbers count records as a spreadsheet shows them (header = 1). */
export function readDelimited(bytes: Buffer, displayName: string): RawTable {
  const textContent = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = textContent.slice(0, textContent.search(/\r?\n|$/));
  const records: string[][] = parse(textContent, {
    delimiter: sniffDelimiter(firstLine),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    trim: false,
  });
  const [header = [], ...body] = records;
  const rows: RawRow[] = body.map((cells, index) => ({ rowNumber: index + 2, cells }));
  return { file: displayName, header, rows };
}

/** The first worksheet of an XLSX workbook. Dates become YYYY-MM-DD (or ISO with time); formulas their result. */
async function readXlsx(bytes: Buffer, displayName: string): Promise<RawTable> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return { file: displayName, header: [], rows: [] };
  const width = sheet.columnCount;
  const rowCells = (rowNumber: number) => {
    const row = sheet.getRow(rowNumber);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    while (cells.length > 0 && cells[cells.length - 1] === '' && rowNumber === 1) cells.pop();
    return cells;
  };
  const header = rowCells(1);
  const rows: RawRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++)
    rows.push({ rowNumber: r, cells: rowCells(r).slice(0, Math.max(header.length, 0)) });
  return { file: displayName, header, rows };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}
