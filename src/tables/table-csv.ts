/**
 * One table of one report as a CSV file a person can check against the printed form row by row:
 * a header `row,label,<column codes of the table>`, then one line per printed row, in form order.
 * Cells the form does not give a row are left empty; see cell-text.ts for the cell grammar.
 */
import Papa from 'papaparse';
import { FORMS } from '../form/forms.ts';
import { findColumn, findRow, formatRowLabel, rowHasColumn } from '../form/cells.ts';
import type { FormSpec, TableId } from '../form/types.ts';
import type { Diagnostic } from '../reports/diagnostic.ts';
import type { Cell, TableData } from '../reports/types.ts';
import { formatCellText, parseCellText } from './cell-text.ts';

const FIXED_HEADER = ['row', 'label'] as const;

/** The result of reading a table CSV: the cells when they could all be read, and every problem found. */
export interface TableCsvResult {
  readonly data: TableData | null;
  readonly diagnostics: Diagnostic[];
  /** Where each cell stands in the file, by `row.column`, for pointing diagnostics at it. */
  readonly positions: ReadonlyMap<string, { line: number; column: number }>;
}

/** Returns the 1-based start column of every field of one CSV line (quotes honoured). */
function findFieldColumns(line: string): number[] {
  const starts = [1];
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) starts.push(i + 2);
  }
  return starts;
}

/**
 * Returns the one cell equal to `cell` this table of cells has seen, adding it when new. Cells are
 * immutable and compared by their fields only, so a build's reports can share them: most of a
 * corpus's cells are the same few values (half of them 0), and a cell object per cell per report
 * was about half of the loaded content's memory.
 */
export type CellInterner = (cell: Cell) => Cell;

/** A new, empty table of shared cells (one per content load: it is not needed once the content is read). */
export function createCellInterner(): CellInterner {
  const known = new Map<string, Cell>();
  return (cell) => {
    const key = `${cell.value === null ? '~' : cell.value}\u0000${cell.unit ?? ''}\u0000${cell.raw}`;
    const shared = known.get(key);
    if (shared) return shared;
    const frozen = Object.freeze(cell);
    known.set(key, frozen);
    return frozen;
  };
}

/** Reads and checks one table CSV against the form; collects every problem rather than stopping. `intern` shares equal cells (see CellInterner). */
export function readTableCsv(text: string, file: string, form: FormSpec, tableId: TableId, intern: CellInterner = (cell) => cell): TableCsvResult {
  const spec = form.tables[tableId];
  const diagnostics: Diagnostic[] = [];
  const body = text.replace(/^\uFEFF/, '');
  const lines = body.split('\n').map((l) => l.replace(/\r$/, ''));
  // The delimiter is given, not guessed: guessing parses the text once per candidate delimiter
  // first (half of Papa Parse's time when the build loads the content, which every build does).
  const parsed = Papa.parse<string[]>(body, { header: false, skipEmptyLines: false, delimiter: ',' });
  const rows = parsed.data;
  const starts = new Map<number, number[]>();
  const at = (line: number, field: number): { line: number; column: number } => {
    let columns = starts.get(line);
    if (!columns) starts.set(line, (columns = findFieldColumns(lines[line - 1] ?? '')));
    return { line, column: columns[field] ?? (lines[line - 1]?.length ?? 0) + 1 };
  };
  const report = (line: number, field: number, rule: string, message: string, hint: string): void => {
    diagnostics.push({ file, ...at(line, field), severity: 'error', rule, message, hint });
  };

  const header = rows[0] ?? [];
  const expected = spec.columns.map((c) => c.code);
  if (header[0] !== FIXED_HEADER[0] || header[1] !== FIXED_HEADER[1]) {
    report(1, 0, 'bad-header', `the header must start with “row,label”, found “${header.slice(0, 2).join(',')}”`, `start the first line with row,label,${expected.join(',')}`);
    return { data: null, diagnostics, positions: new Map() };
  }
  const columns = header.slice(2);
  columns.forEach((code, i) => {
    if (findColumn(spec, code)) return;
    const owner = FORMS.find((f) => f.id !== form.id && findColumn(f.tables[tableId], code));
    if (owner) {
      report(1, i + 2, 'wrong-form', `column “${code}” belongs to table ${spec.section} of ${owner.id}, but this report declares form ${form.id}`, `either set form: ${owner.id} in the report's front matter, or use the ${form.id} columns: ${expected.join(',')}`);
    } else {
      report(1, i + 2, 'unknown-column', `unknown column code “${code}” in table ${spec.section} (${tableId}) of ${form.id}`, `the columns of this table are: ${expected.join(',')}`);
    }
  });
  for (const code of expected) {
    if (!columns.includes(code)) report(1, header.length, 'missing-column', `column “${code}” (${findColumn(spec, code)?.label}) is missing from the header`, `the header must be row,label,${expected.join(',')}`);
  }
  columns.forEach((code, i) => {
    if (columns.indexOf(code) !== i) report(1, i + 2, 'duplicate-column', `column “${code}” appears twice in the header`, 'remove the second one');
  });

  const data: Record<string, Record<string, Cell>> = {};
  const positions = new Map<string, { line: number; column: number }>();
  const seen = new Map<string, number>();
  let lastLine = 1;
  for (let r = 1; r < rows.length; r++) {
    const fields = rows[r] ?? [];
    const line = r + 1;
    if (fields.length === 1 && fields[0] === '') continue;
    lastLine = line;
    const code = fields[0] ?? '';
    const rowSpec = findRow(spec, code);
    if (!rowSpec) {
      report(line, 0, 'unknown-row', `unknown row code “${code}” in table ${spec.section} (${tableId}) of ${form.id}`, `the rows of this table are: ${spec.rows.map((x) => x.code).join(', ')}`);
      continue;
    }
    const first = seen.get(code);
    if (first !== undefined) {
      report(line, 0, 'duplicate-row', `row “${code}” appears again (first on line ${first})`, 'keep one line per row');
      continue;
    }
    seen.set(code, line);
    const label = fields[1] ?? '';
    const labels = [formatRowLabel(rowSpec), rowSpec.label, ...rowSpec.aliases];
    if (!labels.includes(label)) {
      report(line, 1, 'label-mismatch', `row “${code}” is labelled “${label}”, but the form prints “${formatRowLabel(rowSpec)}”`, 'check that the numbers on this line belong to this row of the printed form, then correct the label');
    }
    if (fields.length !== header.length) {
      report(line, Math.min(fields.length, header.length), 'missing-cell', `row “${code}” has ${fields.length} fields, but the header has ${header.length}`, 'every line needs one field per header column; leave a field empty only where the form has no such cell');
    }
    const cells: Record<string, Cell> = {};
    columns.forEach((colCode, i) => {
      const col = findColumn(spec, colCode);
      if (!col) return;
      const text = fields[i + 2];
      positions.set(`${code}.${colCode}`, at(line, i + 2));
      const applies = rowHasColumn(rowSpec, colCode);
      if (text === undefined) return;
      if (!applies) {
        if (text !== '') report(line, i + 2, 'cell-not-in-form', `row “${code}” has no column “${colCode}” in ${form.id}, but the cell holds “${text}”`, `leave it empty; row ${code} has only: ${rowSpec.columns.join(', ')}`);
        return;
      }
      if (text === '') {
        report(line, i + 2, 'missing-cell', `cell ${code}.${colCode} (${rowSpec.label} × ${col.label}) is empty`, 'write the printed number; write ~ for a cell the report leaves blank, or ~ and the printed text for one that is not a number');
        return;
      }
      const result = parseCellText(text, col);
      if (!result.ok) report(line, i + 2, 'not-a-number', `cell ${code}.${colCode}: ${result.problem}`, result.hint);
      else cells[colCode] = intern(result.cell);
    });
    data[code] = cells;
  }
  spec.rows.forEach((row, i) => {
    if (seen.has(row.code)) return;
    // Point at where the line belongs: after the nearest row before it in form order.
    const before = spec.rows.slice(0, i).findLast((r) => seen.has(r.code));
    const where = before ? (seen.get(before.code) ?? lastLine) + 1 : 2;
    report(where, 0, 'missing-row', `row “${row.code}” (${formatRowLabel(row)}) is missing`, `add a line for it; table ${spec.section} of ${form.id} has ${spec.rows.length} rows`);
  });
  return { data: diagnostics.length ? null : data, diagnostics, positions };
}

/** Writes one table as canonical CSV text (form order, `\n` newlines, trailing newline). */
export function writeTableCsv(form: FormSpec, tableId: TableId, data: TableData): string {
  const spec = form.tables[tableId];
  const header = [...FIXED_HEADER, ...spec.columns.map((c) => c.code)];
  const rows = spec.rows.map((row) => [
    row.code,
    formatRowLabel(row),
    ...spec.columns.map((col) => {
      if (!rowHasColumn(row, col.code)) return '';
      const cell = data[row.code]?.[col.code];
      if (!cell) throw new Error(`writeTableCsv: ${tableId}.${row.code}.${col.code} has no cell`);
      return formatCellText(cell, col);
    }),
  ]);
  return `${Papa.unparse([header, ...rows], { newline: '\n' })}\n`;
}
