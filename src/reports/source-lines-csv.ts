/**
 * A report's source-lines.csv: for every cell ingest read, the 1-based line and column in the
 * report's source.txt where its printed text starts (header `table,row,column,line,col`, cells in
 * form order). Assumes source.txt is the file ingest wrote: a leading BOM is not counted, lines end
 * at `\n` (a `\r` before it is not counted either), columns count UTF-16 code units from 1.
 */
import { formatCellKey, listFormCells } from '../form/cells.ts';
import { TABLE_IDS } from '../form/forms.ts';
import type { FormSpec, TableId } from '../form/types.ts';
import type { Diagnostic } from './diagnostic.ts';
import type { SourcePlace } from './types.ts';

/** The cells of a form in form order, and each cell key's index among them. */
const FORM_CELLS = new WeakMap<FormSpec, { readonly keys: readonly string[]; readonly index: ReadonlyMap<string, number> }>();
function indexFormCells(form: FormSpec): { readonly keys: readonly string[]; readonly index: ReadonlyMap<string, number> } {
  let cells = FORM_CELLS.get(form);
  if (!cells) {
    const keys = listFormCells(form).map(formatCellKey);
    cells = { keys, index: new Map(keys.map((k, i) => [k, i])) };
    FORM_CELLS.set(form, cells);
  }
  return cells;
}

/**
 * A report's places, held as two numbers per cell of its form in one typed array (about 1.6 KB a
 * report) instead of a Map of a key string and a {line, col} object per cell (about 40 KB a report:
 * 800 MB at 20,000 reports, held for the whole build). Read only; iterates in form order (the order
 * source-lines.csv is written in); each `get` makes a new SourcePlace. Serialises as `{}`, as a Map.
 */
export class SourcePlaceMap implements ReadonlyMap<string, SourcePlace> {
  readonly #keys: readonly string[];
  readonly #index: ReadonlyMap<string, number>;
  /** line, col of the cell at each index; line 0: no place. */
  readonly #places: Int32Array;
  #size = 0;

  constructor(form: FormSpec) {
    const { keys, index } = indexFormCells(form);
    this.#keys = keys;
    this.#index = index;
    this.#places = new Int32Array(keys.length * 2);
  }

  /** Sets a cell's place (while reading the file); a key that is not a cell of the form throws. */
  set(key: string, place: SourcePlace): void {
    const i = this.#index.get(key);
    if (i === undefined) throw new Error(`SourcePlaceMap: ${key} is not a cell of the form`);
    if (!(place.line >= 1)) throw new Error(`SourcePlaceMap: line ${place.line} of ${key} is not a line`);
    if (this.#places[2 * i] === 0) this.#size++;
    this.#places[2 * i] = place.line;
    this.#places[2 * i + 1] = place.col;
  }

  get size(): number {
    return this.#size;
  }

  get(key: string): SourcePlace | undefined {
    const i = this.#index.get(key);
    const line = i === undefined ? 0 : this.#places[2 * i]!;
    return line ? { line, col: this.#places[2 * i! + 1]! } : undefined;
  }

  has(key: string): boolean {
    const i = this.#index.get(key);
    return i !== undefined && this.#places[2 * i] !== 0;
  }

  *entries(): MapIterator<[string, SourcePlace]> {
    for (let i = 0; i < this.#keys.length; i++) {
      const line = this.#places[2 * i]!;
      if (line) yield [this.#keys[i]!, { line, col: this.#places[2 * i + 1]! }];
    }
  }

  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<SourcePlace> {
    for (const [, place] of this.entries()) yield place;
  }

  [Symbol.iterator](): MapIterator<[string, SourcePlace]> {
    return this.entries();
  }

  forEach(callback: (value: SourcePlace, key: string, map: ReadonlyMap<string, SourcePlace>) => void, thisArg?: unknown): void {
    for (const [key, place] of this.entries()) callback.call(thisArg, place, key, this);
  }

  toJSON(): Record<string, never> {
    return {};
  }
}

/** The header line of source-lines.csv. */
export const SOURCE_LINES_HEADER = 'table,row,column,line,col';

/** Formats the places of a report's cells as source-lines.csv, in form order; cells without a place are left out. */
export function writeSourceLinesCsv(form: FormSpec, places: ReadonlyMap<string, SourcePlace>): string {
  const lines = [SOURCE_LINES_HEADER];
  for (const t of TABLE_IDS) {
    for (const row of form.tables[t].rows) {
      for (const column of row.columns) {
        const p = places.get(formatCellKey({ table: t, row: row.code, column }));
        if (p) lines.push(`${t},${row.code},${column},${p.line},${p.col}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Splits source.txt into its lines as positions count them. */
export function splitSourceText(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split('\n').map((l) => l.replace(/\r$/, ''));
}

/**
 * Reads and checks source-lines.csv against the report's form and its source.txt: every line names a
 * cell of the form once, and a place inside source.txt. Problems are located at the CSV's line and column.
 */
export function readSourceLinesCsv(text: string, file: string, form: FormSpec, sourceText: string, sourceFile: string): { places: SourcePlaceMap; diagnostics: Diagnostic[] } {
  const places = new SourcePlaceMap(form);
  const diagnostics: Diagnostic[] = [];
  const fail = (line: number, column: number, message: string, hint: string): void => {
    diagnostics.push({ file, line, column, severity: 'error', rule: 'source-lines', message, hint });
  };
  const source = splitSourceText(sourceText);
  const rows = text.replace(/^\uFEFF/, '').split('\n');
  if (rows[rows.length - 1] === '') rows.pop();
  if ((rows[0] ?? '').replace(/\r$/, '') !== SOURCE_LINES_HEADER) {
    fail(1, 1, `the header is “${rows[0] ?? ''}”, not “${SOURCE_LINES_HEADER}”`, `start the file with the line ${SOURCE_LINES_HEADER}`);
    return { places, diagnostics };
  }
  rows.slice(1).forEach((raw, i) => {
    const n = i + 2;
    const fields = raw.replace(/\r$/, '').split(',');
    const colOf = (k: number): number => fields.slice(0, k).reduce((c, f) => c + f.length + 1, 1);
    if (fields.length !== 5) return fail(n, 1, `expected 5 fields (${SOURCE_LINES_HEADER}), found ${fields.length}`, 'write one cell per line: table,row,column,line,col');
    const [table = '', row = '', column = '', lineText = '', colText = ''] = fields;
    if (!(TABLE_IDS as readonly string[]).includes(table)) return fail(n, 1, `unknown table “${table}”`, `use one of ${TABLE_IDS.join(', ')}`);
    const spec = form.tables[table as TableId];
    const rowSpec = spec.rows.find((r) => r.code === row);
    if (!rowSpec) return fail(n, colOf(1), `table ${table} of form ${form.id} has no row “${row}”`, 'use the row codes of the table CSV');
    const columnCode = rowSpec.columns.find((c) => c === column);
    if (columnCode === undefined) return fail(n, colOf(2), `row ${table}.${row} of form ${form.id} has no column “${column}”`, 'use the column codes the row has in the table CSV');
    const key = formatCellKey({ table: table as TableId, row: rowSpec.code, column: columnCode });
    if (places.has(key)) return fail(n, 1, `cell ${key} is listed twice`, 'keep one line per cell');
    const line = /^\d+$/.test(lineText) ? Number(lineText) : NaN;
    const col = /^\d+$/.test(colText) ? Number(colText) : NaN;
    if (!(line >= 1 && line <= source.length)) return fail(n, colOf(3), `line “${lineText}” is not a line of ${sourceFile} (it has ${source.length})`, 'ingest the report again with --force to write its places anew');
    const length = source[line - 1]!.length;
    if (!(col >= 1 && col <= Math.max(length, 1))) return fail(n, colOf(4), `column “${colText}” is not in line ${line} of ${sourceFile} (${length} characters long)`, 'ingest the report again with --force to write its places anew');
    places.set(key, { line, col });
  });
  return { places, diagnostics };
}
