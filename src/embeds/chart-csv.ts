/** A chart's numbers as a CSV download, written by the site's one CSV writer (BOM, `\n`, RFC 4180). */
import { formatDataNumber, guardSpreadsheetText, writeCsvText } from '../downloads/csv-text.ts';
import type { ChartDatum, ChartNumbers } from '../charts/chart-entry.ts';

/** Writes one field: a number in plain digits, text guarded against spreadsheet formulas, null as empty. */
export function formatChartDatum(datum: ChartDatum): string {
  if (datum === null) return '';
  if (typeof datum === 'number') return formatDataNumber(datum);
  return guardSpreadsheetText(datum);
}

/** Writes a chart's numbers as a whole CSV file. */
export function writeChartCsv(numbers: ChartNumbers): string {
  return writeCsvText(numbers.columns, numbers.rows.map((row) => row.map(formatChartDatum)));
}
