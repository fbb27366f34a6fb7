/**
 * The tidy long layout of the cells, for programs: one line per cell of the form, in the form's
 * printed order, columns as declared in fields.ts (CELL_FIELDS). A report's lines are written once
 * and reused for the site-wide file.
 */
import { findColumn, findRow, formatCellKey, formatColumnLabel, formatRowLabel, listFormCells } from '../form/cells.ts';
import type { JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import type { CheckedReport } from '../reports/types.ts';
import { FLAG_SEPARATOR, listCellFlags, listFailingRulesByCell } from './cell-flags.ts';
import { checkRowLengths, formatDataNumber, writeCsvLines, type CsvRow } from './csv-text.ts';
import { CELL_FIELDS } from './fields.ts';

/** The header of every tidy file. */
export const TIDY_HEADER: CsvRow = CELL_FIELDS.map((f) => f.name);

/** The identity of a report as every download repeats it: id, jurisdiction code, name, level, year, form. */
export function listReportIdentity(report: CheckedReport, jurisdictions: JurisdictionIndex): string[] {
  const j = jurisdictions.byCode.get(report.meta.jurisdiction);
  if (!j) throw new Error(`report ${report.meta.id}: unknown jurisdiction ${report.meta.jurisdiction}`);
  return [report.meta.id, j.code, j.name, j.level, String(report.meta.year), report.meta.form];
}

/** Builds the tidy lines of one report: every cell its form declares, in printed order. */
export function buildTidyRows(report: CheckedReport, jurisdictions: JurisdictionIndex): CsvRow[] {
  const { form } = report;
  const identity = listReportIdentity(report, jurisdictions);
  const rules = listFailingRulesByCell(report);
  return listFormCells(form).map((ref) => {
    const table = form.tables[ref.table];
    const row = findRow(table, ref.row);
    const column = findColumn(table, ref.column);
    const cell = report.tables[ref.table][ref.row]?.[ref.column];
    if (!row || !column || !cell) throw new Error(`report ${report.meta.id}: no cell ${formatCellKey(ref)}`);
    const flags = listCellFlags(cell, column, rules.get(formatCellKey(ref)) ?? []);
    return [
      ...identity,
      ref.table,
      ref.row,
      row.outcomeGroup ?? '',
      ref.column,
      formatRowLabel(row),
      formatColumnLabel(column),
      cell.value === null ? '' : formatDataNumber(cell.value),
      cell.unit ?? '',
      cell.raw,
      flags.join(FLAG_SEPARATOR),
    ];
  });
}

/** Writes the tidy lines of one report (no BOM, no header), ready to be joined under TIDY_HEADER. */
export function writeTidyBody(report: CheckedReport, jurisdictions: JurisdictionIndex): string {
  return writeCsvLines(checkRowLengths(TIDY_HEADER, buildTidyRows(report, jurisdictions)));
}
