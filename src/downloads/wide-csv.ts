/**
 * A table across every report, wide (`/data/requests.csv`): one line per report and printed row, with
 * the report's scope (code and Chinese) and, in table 三, the row's outcome group as the form declares it,
 * one column per column code of the table in either form version (a money column followed by its
 * unit), and a `flags` column naming each flagged cell of the line as `<column>:<flag>`.
 * Columns are those of fields.ts (listWideFields), so the header and the schema cannot drift.
 */
import { formatRowLabel, rowHasColumn } from '../form/cells.ts';
import type { TableId } from '../form/types.ts';
import type { JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import { REPORT_SCOPES } from '../reports/front-matter.ts';
import type { CheckedReport } from '../reports/types.ts';
import { FLAG_SEPARATOR, listCellFlags, listFailingRulesByCell } from './cell-flags.ts';
import { checkRowLengths, formatDataNumber, joinCsvText, writeCsvLines, type CsvRow } from './csv-text.ts';
import { listTableColumnsAcrossForms, listWideFields } from './fields.ts';
import { listReportIdentity } from './tidy-csv.ts';

/** Builds the wide lines of one report's table, in the form's row order. */
export function buildWideRows(report: CheckedReport, tableId: TableId, jurisdictions: JurisdictionIndex): CsvRow[] {
  const { form } = report;
  const identity = listReportIdentity(report, jurisdictions);
  const rules = listFailingRulesByCell(report);
  const columns = listTableColumnsAcrossForms(tableId);
  return form.tables[tableId].rows.map((row) => {
    const flags: string[] = [];
    const values = columns.flatMap(({ code, specs }) => {
      const spec = specs.find((s) => s.form === form.id)?.spec;
      const money = specs.some((s) => s.spec.kind === 'money');
      const cell = spec && rowHasColumn(row, code) ? report.tables[tableId][row.code]?.[code] : undefined;
      if (spec && rowHasColumn(row, code) && !cell) throw new Error(`report ${report.meta.id}: no cell ${tableId}.${row.code}.${code}`);
      if (cell && spec) for (const f of listCellFlags(cell, spec, rules.get(`${tableId}.${row.code}.${code}`) ?? [])) flags.push(`${code}:${f}`);
      const value = cell && cell.value !== null ? formatDataNumber(cell.value) : '';
      return money ? [value, cell?.unit ?? ''] : [value];
    });
    const group = tableId === 'requests' ? [row.outcomeGroup ?? ''] : [];
    return [...identity, report.meta.scope, REPORT_SCOPES[report.meta.scope], row.code, ...group, formatRowLabel(row), ...values, flags.join(FLAG_SEPARATOR)];
  });
}

/**
 * Writes one table of every report as a wide CSV, reports in the given order, in pieces that join to
 * the file: the byte-order mark and header, then each report's lines. A piece at a time, so a large
 * corpus's file (tens of MB at 20,000 reports) is never held as one array of rows or one string.
 */
export function* writeWideCsvPieces(reports: readonly CheckedReport[], tableId: TableId, jurisdictions: JurisdictionIndex): Generator<string> {
  yield writeWideCsvHead(tableId);
  for (const r of reports) yield writeWideCsvBody(r, tableId, jurisdictions);
}

/** The header line's names of each wide table, listed once per table. */
const headers = new Map<TableId, string[]>();

/** The names of a wide table's header line (listWideFields), listed once. */
function wideHeader(tableId: TableId): string[] {
  let header = headers.get(tableId);
  if (!header) {
    header = listWideFields(tableId).map((f) => f.name);
    headers.set(tableId, header);
  }
  return header;
}

/** The first piece of a wide CSV: the byte-order mark and the header line. */
export function writeWideCsvHead(tableId: TableId): string {
  return joinCsvText(wideHeader(tableId), []);
}

/** One report's piece of a wide CSV: its lines of the table (checked against the header's length). */
export function writeWideCsvBody(report: CheckedReport, tableId: TableId, jurisdictions: JurisdictionIndex): string {
  return writeCsvLines(checkRowLengths(wideHeader(tableId), buildWideRows(report, tableId, jurisdictions)));
}

/** Writes one table of every report as a wide CSV, reports in the given order. */
export function writeWideCsv(reports: readonly CheckedReport[], tableId: TableId, jurisdictions: JurisdictionIndex): string {
  return [...writeWideCsvPieces(reports, tableId, jurisdictions)].join('');
}
