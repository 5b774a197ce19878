// A table as read from a file, before any typing: header cells and rows of strings with their spreadsheet row numbers.

export interface RawRow {
  /** Row number as a spreadsheet shows it (header = 1). */
  readonly rowNumber: number;
  readonly cells: readonly string[];
}

export interface RawTable {
  /** File name as the user should see it in messages (relative to the scenario folder). */
  readonly file: string;
  readonly header: readonly string[];
  readonly rows: readonly RawRow[];
}
