/**
 * The HTML table model of one report table, mirroring the printed form: grouped column headings,
 * grouped row headings (rowspan), table 二 split into the form's per-article sections.
 * Assumes the form lists rows of a group contiguously, as the printed form does.
 */
import { formatColumnLabel, rowHasColumn } from '../form/cells.ts';
import type { ColumnSpec, FormSpec, RowSpec, TableId, TableSpec } from '../form/types.ts';
import type { Cell, SourcePlace, TableData } from '../reports/types.ts';
import { formatCellSourceHref } from './source-view.ts';

/** A heading cell. */
export interface HeadCell {
  readonly text: string;
  readonly colspan: number;
  readonly rowspan: number;
  readonly scope: 'col' | 'colgroup' | 'row' | 'rowgroup';
  /**
   * Which layout shows the cell: `wide` the printed form's nested row headings, `narrow` one compact
   * heading column that stays in view on a phone while the numbers scroll; both when absent.
   */
  readonly layout?: 'wide' | 'narrow';
}

/** A data cell, formatted for display, with its flags. */
export interface DataCell {
  /** The text shown: full digits, sign, unit; the printed text when it is not a number. */
  readonly text: string;
  /** The dotted key (requests.granted.total), for anchors and tests. */
  readonly key: string;
  readonly kind: 'number' | 'blank' | 'unreadable';
  /** Whether a failing rule involves this cell. */
  readonly flagged: boolean;
  /** A note for screen readers and the tooltip (why it is flagged or unreadable). */
  readonly note: string;
  /** The line of the kept source text its printed text starts on, and the link to it; null when not recorded. */
  readonly source: { readonly line: number; readonly href: string } | null;
}

/** One body row: its row headings, then its data cells (empty slots where the form has no cell). */
export interface BodyRow {
  readonly heads: readonly HeadCell[];
  readonly cells: readonly (DataCell | null)[];
}

/** A section of the table body, with its own column headings (table 二 has one per article). */
export interface TableSection {
  readonly headRows: readonly (readonly HeadCell[])[];
  readonly rows: readonly BodyRow[];
}

/** A whole table ready to render. */
export interface TableView {
  readonly id: TableId;
  readonly caption: string;
  readonly sections: readonly TableSection[];
}

const NUMBER_FORMAT = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 6, useGrouping: true });

/** Formats a cell for a table: full digits with grouping, sign for 增/减, unit for money. */
export function formatCellForTable(cell: Cell, column: ColumnSpec): { text: string; kind: DataCell['kind'] } {
  if (cell.value === null) return cell.raw === '' ? { text: '（空白）', kind: 'blank' } : { text: cell.raw, kind: 'unreadable' };
  const sign = column.kind === 'signed' && cell.value > 0 ? '+' : '';
  const unit = column.kind === 'money' && cell.unit ? ` ${cell.unit}` : '';
  return { text: `${sign}${NUMBER_FORMAT.format(cell.value)}${unit}`, kind: 'number' };
}

/**
 * A row's heading in one column, for a phone: its own numbering and short label after the heading
 * directly above it, except a heading the row's own （n） numbering already places it under; an
 * outcome group's heading by its short label. 不予公开 1.属于国家秘密, （七）总计, 行政诉讼 未经复议直接起诉.
 */
export function formatCompactRowLabel(row: RowSpec, form: FormSpec): string {
  const own = `${row.number ?? ''}${row.shortLabel}`;
  const above = row.groups.at(-1);
  if (!above || row.number?.startsWith('（')) return own;
  const group = form.outcomeGroups.find((g) => g.code === row.outcomeGroup && g.label === above);
  return `${group?.shortLabel ?? above} ${own}`;
}

/** Builds row headings for a run of rows, spanning group labels over the rows that share them. */
function buildRowHeads(rows: readonly RowSpec[]): HeadCell[][] {
  const depth = Math.max(...rows.map((r) => r.groups.length)) + 1;
  return rows.map((row, i) => {
    const heads: HeadCell[] = [];
    row.groups.forEach((group, level) => {
      const same = (r: RowSpec | undefined): boolean => !!r && r.groups.slice(0, level + 1).join('|') === row.groups.slice(0, level + 1).join('|');
      if (same(rows[i - 1])) return;
      let span = 1;
      while (same(rows[i + span])) span++;
      heads.push({ text: group, colspan: 1, rowspan: span, scope: 'rowgroup' });
    });
    heads.push({ text: `${row.number ?? ''}${row.label}`, colspan: depth - row.groups.length, rowspan: 1, scope: 'row' });
    return heads;
  });
}

/** Builds the column heading rows for a set of columns, grouping columns that share a group label. */
function buildColumnHeads(columns: readonly ColumnSpec[], corner: string, cornerSpan: number): HeadCell[][] {
  const grouped = columns.some((c) => c.group);
  const top: HeadCell[] = [{ text: corner, colspan: cornerSpan, rowspan: grouped ? 2 : 1, scope: 'col' }];
  const second: HeadCell[] = [];
  columns.forEach((col, i) => {
    if (!col.group) {
      top.push({ text: col.label, colspan: 1, rowspan: grouped ? 2 : 1, scope: 'col' });
      return;
    }
    if (columns[i - 1]?.group !== col.group) {
      top.push({ text: col.group, colspan: columns.filter((c) => c.group === col.group).length, rowspan: 1, scope: 'colgroup' });
    }
    second.push({ text: col.label, colspan: 1, rowspan: 1, scope: 'col' });
  });
  return grouped ? [top, second] : [top];
}

/** Builds the cells of one row for the given columns. */
function buildCells(table: TableSpec, row: RowSpec, columns: readonly ColumnSpec[], data: TableData, flagged: ReadonlySet<string>, places: ReadonlyMap<string, SourcePlace>): (DataCell | null)[] {
  return columns.map((col) => {
    if (!rowHasColumn(row, col.code)) return null;
    const cell = data[row.code]?.[col.code];
    const key = `${table.id}.${row.code}.${col.code}`;
    const place = places.get(key);
    const source = place ? { line: place.line, href: formatCellSourceHref(place) } : null;
    if (!cell) return { text: '—', key, kind: 'blank', flagged: false, note: '', source };
    const { text, kind } = formatCellForTable(cell, col);
    const isFlagged = flagged.has(key);
    const note = [
      kind === 'unreadable' ? '报告印出的内容不是可读的数字，按原样保留' : kind === 'blank' ? '报告此处留空' : '',
      isFlagged ? '此单元格涉及未通过的一致性检查' : '',
    ].filter(Boolean).join('；');
    return { text, key, kind, flagged: isFlagged, note, source };
  });
}

/** Splits table 二's rows into the form's per-article sections, each with its own columns. */
function splitActiveSections(table: TableSpec): { rows: RowSpec[]; columns: ColumnSpec[]; title: string }[] {
  const sections: { rows: RowSpec[]; columns: ColumnSpec[]; title: string }[] = [];
  for (const row of table.rows) {
    const last = sections[sections.length - 1];
    if (last && last.title === (row.article ?? '') && last.rows[0]?.columns.join() === row.columns.join()) last.rows.push(row);
    else sections.push({ rows: [row], columns: table.columns.filter((c) => rowHasColumn(row, c.code)), title: row.article ?? '' });
  }
  return sections;
}

/**
 * Builds the table model for one table of a report; `flagged` holds the keys of cells in failing
 * checks, `places` where each cell's printed text starts in the kept source text (by cell key).
 */
export function buildTableView(form: FormSpec, tableId: TableId, data: TableData, flagged: ReadonlySet<string>, places: ReadonlyMap<string, SourcePlace> = new Map()): TableView {
  const table = form.tables[tableId];
  const caption = `表${table.section} ${table.title}`;
  if (tableId === 'active') {
    const sections = splitActiveSections(table).map((s) => ({
      headRows: [[{ text: s.title ? `${s.title} 信息内容` : '信息内容', colspan: 1, rowspan: 1, scope: 'col' as const }, ...s.columns.map((c) => ({ text: formatColumnLabel(c), colspan: 1, rowspan: 1, scope: 'col' as const }))]],
      rows: s.rows.map((row) => ({ heads: [{ text: row.label, colspan: 1, rowspan: 1, scope: 'row' as const }], cells: buildCells(table, row, s.columns, data, flagged, places) })),
    }));
    return { id: tableId, caption, sections };
  }
  const heads = buildRowHeads(table.rows);
  const depth = Math.max(...table.rows.map((r) => r.groups.length)) + 1;
  const corner = tableId === 'requests' ? '申请人情况' : '类别';
  const [top = [], ...lower] = buildColumnHeads(table.columns, corner, depth);
  const [cornerCell, ...columnCells] = top;
  // Nested row headings on a wide screen; one compact, sticky heading column on a phone.
  const split = depth > 1;
  const wide = (h: HeadCell): HeadCell => (split ? { ...h, layout: 'wide' } : h);
  const headRows = cornerCell ? [[wide(cornerCell), ...(split ? [{ ...cornerCell, colspan: 1, layout: 'narrow' as const }] : []), ...columnCells], ...lower] : [top, ...lower];
  return {
    id: tableId,
    caption,
    sections: [
      {
        headRows,
        rows: table.rows.map((row, i) => ({
          heads: [...(heads[i] ?? []).map(wide), ...(split ? [{ text: formatCompactRowLabel(row, form), colspan: 1, rowspan: 1, scope: 'row' as const, layout: 'narrow' as const }] : [])],
          cells: buildCells(table, row, table.columns, data, flagged, places),
        })),
      },
    ],
  };
}
