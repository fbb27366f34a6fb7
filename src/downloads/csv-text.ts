/**
 * The one CSV writer of every download (tables, tidy cells, wide tables, chart data).
 * Decisions: UTF-8 with a byte-order mark, so Excel on Chinese Windows opens the file as UTF-8
 * instead of GBK; `\n` line endings (the house rule for generated files; Excel, PapaParse and
 * Python's csv module all read them); a comma delimiter; fields quoted only where needed (a
 * comma, a double quote, a line break, or a leading or trailing space), quotes doubled (RFC 4180).
 * Every line ends with `\n`, the last one included, so files concatenate cleanly.
 */
import Papa from 'papaparse';

/** The byte-order mark every download starts with. */
export const CSV_BOM = '\uFEFF';

/** The line ending of every download. */
export const CSV_NEWLINE = '\n';

/** One line of fields, already text. */
export type CsvRow = readonly string[];

/** Writes rows as CSV lines (no BOM, no header), each ending with `\n`; '' for no rows. */
export function writeCsvLines(rows: readonly CsvRow[]): string {
  if (!rows.length) return '';
  return `${Papa.unparse(rows.map((r) => [...r]), { newline: CSV_NEWLINE, quotes: false, header: false })}${CSV_NEWLINE}`;
}

/** Writes a whole CSV file: BOM, header, rows; throws when a row's length differs from the header's. */
export function writeCsvText(header: CsvRow, rows: readonly CsvRow[]): string {
  return joinCsvText(header, [writeCsvLines(checkRowLengths(header, rows))]);
}

/** Joins bodies written by `writeCsvLines` under one header, so a corpus is never written twice. */
export function joinCsvText(header: CsvRow, bodies: readonly string[]): string {
  return `${CSV_BOM}${writeCsvLines([header])}${bodies.join('')}`;
}

/** Returns the rows unchanged after checking each has one field per header column. */
export function checkRowLengths(header: CsvRow, rows: readonly CsvRow[]): readonly CsvRow[] {
  rows.forEach((r, i) => {
    if (r.length !== header.length) throw new Error(`CSV row ${i + 1} has ${r.length} fields, the header has ${header.length} (${header.join(',')})`);
  });
  return rows;
}

/** Writes a number in plain digits for programs: no grouping, no exponent, no plus sign. */
export function formatDataNumber(value: number): string {
  const text = String(Object.is(value, -0) ? 0 : value);
  if (!/e/i.test(text)) return text;
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/**
 * Guards a text field meant for spreadsheets against formula injection (OWASP CSV injection):
 * a text starting with `=`, `@`, a tab or a carriage return, or with `+`/`-` not followed by a plain
 * number, gets a leading apostrophe. Only for the files meant for people; programs get the text as is.
 */
export function guardSpreadsheetText(text: string): string {
  return /^[=@\t\r]/.test(text) || /^[+-](?![\d.]+$)./.test(text) ? `'${text}` : text;
}
