/**
 * One table of one report as a CSV for people (`/reports/<id>/requests.csv`): the printed form's
 * Chinese labels, one line per printed row, one column per printed column, numbers as printed
 * (with their sign and unit), and a last column 说明 saying which cells are flagged and why.
 * A cell the row does not have on the form is left empty; a blank printed cell reads （空白）.
 */
import { formatColumnLabel, formatRowLabel, rowHasColumn } from '../form/cells.ts';
import type { ColumnSpec, TableId } from '../form/types.ts';
import type { Cell, CheckedReport } from '../reports/types.ts';
import { formatCellText } from '../tables/cell-text.ts';
import { CELL_STATE_FLAGS, listCellFlags, listFailingRulesByCell, type CellFlag } from './cell-flags.ts';
import { guardSpreadsheetText, writeCsvText } from './csv-text.ts';

/** The heading of the first column (the row labels). */
export const ROW_HEADING = '项目';

/** The heading of the last column (the notes on flagged cells). */
export const NOTES_HEADING = '说明';

/** What a blank printed cell reads in a file for people (as on the report page). */
export const BLANK_TEXT = '（空白）';

type StateFlag = (typeof CELL_STATE_FLAGS)[number];

const STATE_NOTES: Readonly<Record<StateFlag, string>> = {
  blank: '报告此处留空',
  unreadable: '报告印出的不是可读的数字，按原样保留',
  'no-unit': '报告未印单位',
};

/** Formats a cell for people: the printed number with its sign and unit, （空白）, or the printed text. */
export function formatCellForPeople(cell: Cell, column: ColumnSpec): string {
  if (cell.value !== null) return formatCellText(cell, column);
  return cell.raw === '' ? BLANK_TEXT : guardSpreadsheetText(cell.raw);
}

/** Describes the flags of a cell in Chinese: 未通过 T3-A、T3-B；报告此处留空. */
function describeFlags(flags: readonly CellFlag[]): string {
  const isState = (f: CellFlag): f is StateFlag => (CELL_STATE_FLAGS as readonly string[]).includes(f);
  const rules = flags.filter((f) => !isState(f));
  const states = flags.filter(isState).map((f) => STATE_NOTES[f]);
  return [rules.length ? `涉及未通过的一致性检查 ${rules.join('、')}` : '', ...states].filter(Boolean).join('，');
}

/** Writes one table of one report as a CSV for people. */
export function writeTableDownloadCsv(report: CheckedReport, tableId: TableId): string {
  const { form } = report;
  const spec = form.tables[tableId];
  const rules = listFailingRulesByCell(report);
  const header = [ROW_HEADING, ...spec.columns.map(formatColumnLabel), NOTES_HEADING];
  const rows = spec.rows.map((row) => {
    // Columns whose cells have the same flags share one note: 法律服务机构、总计：….
    const notes = new Map<string, string[]>();
    const cells = spec.columns.map((col) => {
      if (!rowHasColumn(row, col.code)) return '';
      const cell = report.tables[tableId][row.code]?.[col.code];
      if (!cell) throw new Error(`report ${report.meta.id}: no cell ${tableId}.${row.code}.${col.code}`);
      const flags = listCellFlags(cell, col, rules.get(`${tableId}.${row.code}.${col.code}`) ?? []);
      if (flags.length) notes.set(describeFlags(flags), [...(notes.get(describeFlags(flags)) ?? []), formatColumnLabel(col)]);
      return formatCellForPeople(cell, col);
    });
    return [formatRowLabel(row), ...cells, [...notes].map(([note, cols]) => `${cols.join('、')}：${note}`).join('；')];
  });
  return writeCsvText(header, rows);
}
