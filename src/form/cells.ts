/** Walks the cells a form declares, in printed order. */
import { TABLE_IDS } from './forms.ts';
import type { CellRef, ColumnSpec, FormSpec, OutcomeGroupCode, OutcomeGroupSpec, RowCode, RowSpec, TableId, TableSpec } from './types.ts';

/** Finds a row of a table by code. */
export function findRow(table: TableSpec, code: string): RowSpec | undefined {
  return table.rows.find((r) => r.code === code);
}

/** Finds a column of a table by code. */
export function findColumn(table: TableSpec, code: string): ColumnSpec | undefined {
  return table.columns.find((c) => c.code === code);
}

/** Whether a row has a column: codes read from files are plain strings until checked here. */
export function rowHasColumn(row: Pick<RowSpec, 'columns'>, column: string): boolean {
  return (row.columns as readonly string[]).includes(column);
}

/** Lists every cell of one table in printed order (row by row). */
export function listTableCells(table: TableSpec): CellRef[] {
  return table.rows.flatMap((r) => r.columns.map((column) => ({ table: table.id, row: r.code, column })));
}

/** Lists every cell of a form version in printed order. */
export function listFormCells(form: FormSpec): CellRef[] {
  return TABLE_IDS.flatMap((t) => listTableCells(form.tables[t]));
}

/** Whether a form declares the cell. */
export function hasCell(form: FormSpec, table: TableId, row: string, column: string): boolean {
  const spec = findRow(form.tables[table], row);
  return spec ? rowHasColumn(spec, column) : false;
}

/** The column spec of a cell (its kind and unit). */
export function cellColumn(form: FormSpec, ref: CellRef): ColumnSpec {
  const col = findColumn(form.tables[ref.table], ref.column);
  if (!col) throw new Error(`${form.id} has no column ${ref.table}.${ref.column}`);
  return col;
}

/** The dotted key of a cell, as used in `units` and diagnostics: `active.procurement.amount`. */
export function formatCellKey(ref: { readonly table: TableId; readonly row: string; readonly column: string }): string {
  return `${ref.table}.${ref.row}.${ref.column}`;
}

/** The full printed label of a row, groups included: 三、本年度办理结果 （三）不予公开 1.属于国家秘密. */
export function formatRowLabel(row: RowSpec): string {
  return [...row.groups, `${row.number ?? ''}${row.label}`].join(' ');
}

/** The printed label of a column with its group: 法人或其他组织 商业企业. */
export function formatColumnLabel(col: ColumnSpec): string {
  return col.group ? `${col.group} ${col.label}` : col.label;
}

/** The outcome groups of a form's table 三 in printed order, each with its rows in printed order. */
export function listOutcomeGroups(form: FormSpec): { group: OutcomeGroupSpec; rows: TableSpec<'requests'>['rows'][number][] }[] {
  return form.outcomeGroups.map((group) => ({ group, rows: form.tables.requests.rows.filter((r) => r.outcomeGroup === group.code) }));
}

/** The codes of the rows of some outcome groups on a form, in printed order. */
export function listOutcomeGroupRows(form: FormSpec, codes: readonly OutcomeGroupCode[]): RowCode<'requests'>[] {
  return form.tables.requests.rows.filter((r) => r.outcomeGroup !== undefined && codes.includes(r.outcomeGroup)).map((r) => r.code);
}
