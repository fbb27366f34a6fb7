/**
 * Reads the cells of one table from the tokens of its region. Rows are found by their labels
 * (label-stream.ts) and each row's values are read by position, in the order of the row's columns
 * in src/form. Assumes a row prints exactly one value per column: when the count differs, nothing
 * of that row is guessed (its cells have no value and an error says what was found). When the next
 * row's label is missing, values printed below a label (not beside it) could be either row's, and
 * are not used either.
 */
import { formatColumnLabel, formatRowLabel } from '../form/cells.ts';
import type { MoneyUnit, TableSpec } from '../form/types.ts';
import type { Cell } from '../reports/types.ts';
import type { Token } from './cell-tokens.ts';
import type { Doubt } from './source-lines.ts';
import { buildLabelStream, findRowAnchors, type Anchor } from './label-stream.ts';
import { normaliseLabel } from './normalise-text.ts';
import { makeEmptyCell, readCellToken, type CellProblem } from './read-cell.ts';

/** A 1-based place in the input. */
export interface Place {
  readonly line: number;
  readonly col: number;
}

/** The cells read from one table, where each came from, and what went wrong. */
export interface TableReading {
  readonly data: Record<string, Record<string, Cell>>;
  /** Place of each cell's value, by `row.column`. */
  readonly places: Map<string, Place>;
  /** Where each cell's printed text starts in source.txt, by `row.column`. */
  readonly sources: Map<string, Place>;
  /** Why a cell's place in the table is doubtful (with the other reading), by `row.column`. */
  readonly doubtful: Map<string, Doubt>;
  readonly problems: { place: Place; problem: CellProblem }[];
}

/** Whether a text token is prose (a sentence), which ends the values of the row before it. */
function isProse(token: Token): boolean {
  return !token.cell && /[。；]/.test(token.text);
}

/** Groups cell tokens by the row whose label precedes them; `starts` are the rows' stream offsets. */
function groupCells(tokens: readonly Token[], offsets: readonly number[], starts: readonly (number | null)[]): Token[][] {
  const groups: Token[][] = starts.map(() => []);
  const closed = starts.map(() => false);
  const order = starts.map((s, i) => ({ s, i })).filter((x): x is { s: number; i: number } => x.s !== null);
  let current = -1;
  let k = 0;
  tokens.forEach((t, ti) => {
    const at = offsets[ti] ?? 0;
    while (k < order.length && order[k]!.s < at + (t.cell ? 0 : 1)) current = order[k++]!.i;
    if (current < 0) return;
    if (isProse(t) && groups[current]!.length > 0) closed[current] = true;
    if (t.cell && !closed[current]) groups[current]!.push(t);
  });
  return groups;
}

/** Records where a cell's token stands (input and source.txt) and whether its place is doubtful. */
function noteToken(reading: TableReading, key: string, token: Token): void {
  reading.places.set(key, { line: token.line, col: token.col });
  reading.sources.set(key, token.source);
  if (token.doubtful) reading.doubtful.set(key, token.doubtful);
}

/** Whether every value stands on a line that also holds part of the row's label. */
function shareLines(values: readonly Token[], tokens: readonly Token[], owner: readonly number[], anchor: Anchor): boolean {
  const rows = new Set<number>();
  for (let k = anchor.start; k < anchor.end; k++) {
    const t = tokens[owner[k] ?? -1];
    if (t) rows.add(t.row);
  }
  return values.every((v) => rows.has(v.row));
}

/** Reads a table whose rows are printed one after another, each with its label (tables 二 and 三). */
export function readRowTable(tokens: readonly Token[], spec: TableSpec, headingPlace: Place): TableReading {
  const stream = buildLabelStream(tokens);
  const anchors = findRowAnchors(stream, spec.rows);
  const groups = groupCells(tokens, stream.offsets, anchors.map((a) => a?.start ?? null));
  const reading: TableReading = { data: {}, places: new Map(), sources: new Map(), doubtful: new Map(), problems: [] };
  spec.rows.forEach((row, r) => {
    const anchor = anchors[r];
    const cells: Record<string, Cell> = {};
    for (const c of row.columns) cells[c] = makeEmptyCell('');
    reading.data[row.code] = cells;
    const label = formatRowLabel(row);
    const anchorToken = anchor ? tokens[anchor.token] : undefined;
    const rowPlace = anchorToken ? { line: anchorToken.line, col: anchorToken.col } : headingPlace;
    if (!anchor) {
      reading.problems.push({ place: rowPlace, problem: { severity: 'error', rule: 'missing-row', message: `table ${spec.section}: row “${label}” (${row.code}) was not found, so its ${row.columns.length} cells have no value`, hint: 'check that the row is printed in the report; if its label is worded differently, add the wording to the row’s aliases in src/form/forms.ts' } });
      return;
    }
    const found = groups[r] ?? [];
    const nextMissing = r + 1 < spec.rows.length && !anchors[r + 1];
    if (nextMissing && found.length > 0 && !shareLines(found, tokens, stream.owner, anchor)) {
      reading.problems.push({ place: rowPlace, problem: { severity: 'error', rule: 'ambiguous-row', message: `table ${spec.section}: the row after “${label}” (${row.code}) was not found, and the values below this label could be that row’s: none of them is used`, hint: 'check the two rows in the report; fix the extracted text or enter them by hand' } });
      return;
    }
    if (found.length < row.columns.length && readCutRow(reading, spec, row, found, stream.text.slice(0, anchors.find((a) => a)?.start ?? 0))) return;
    if (found.length !== row.columns.length) {
      const shown = found.map((t) => t.text).join(' ') + found.filter((t) => t.unreadable).map((t) => `; “${t.text}”: ${t.unreadable}`).join('');
      reading.problems.push({ place: rowPlace, problem: { severity: 'error', rule: 'cell-count', message: `table ${spec.section}: row “${label}” (${row.code}) should have ${row.columns.length} values, found ${found.length}${shown ? ` (${shown})` : ''}: none of them is used`, hint: 'check the row in the report: a blank cell, a split line or a stray number can shift the values; fix the extracted text or enter the row by hand' } });
      return;
    }
    row.columns.forEach((code, i) => {
      const column = spec.columns.find((c) => c.code === code);
      const token = found[i];
      if (!column || !token) return;
      const place = { line: token.line, col: token.col };
      const { cell, problem } = readCellToken(token, column, `table ${spec.section} ${label} × ${formatColumnLabel(column)} (${spec.id}.${row.code}.${code})`);
      const headerUnit = column.kind === 'money' && !column.fixedUnit && cell.value !== null && cell.unit === null ? findHeaderUnit(stream.text, anchors[r - 1]?.end ?? 0, anchor.start, column.label) : null;
      cells[code] = headerUnit ? { ...cell, unit: headerUnit } : cell;
      noteToken(reading, `${row.code}.${code}`, token);
      if (problem) reading.problems.push({ place, problem });
    });
  });
  return reading;
}

/**
 * Reads a row of a table that runs past the page's right edge (pdf-layout.ts marks its last value): its
 * values, one per cell, are the row's first columns, which the table's heading must print in order; every
 * other column is not on the page whole and has no value, each with an error. Returns false (nothing read)
 * when the row is not such a row.
 */
function readCutRow(reading: TableReading, spec: TableSpec, row: TableSpec['rows'][number], found: readonly Token[], heading: string): boolean {
  const edge = found[found.length - 1]?.pastEdge;
  if (!edge || found.some((t) => t.row !== found[0]!.row)) return false;
  const columns = row.columns.map((code) => spec.columns.find((c) => c.code === code));
  // The heading prints the labels of the columns read, in order (but for a last one cut by the edge).
  let at = 0;
  for (const column of columns.slice(0, found[found.length - 1]!.unreadable ? found.length - 1 : found.length)) {
    const i = column ? heading.indexOf(normaliseLabel(column.label), at) : -1;
    if (i < 0) return false;
    at = i + 1;
  }
  const label = formatRowLabel(row);
  found.forEach((token, i) => {
    const column = columns[i];
    const code = row.columns[i];
    if (!column || !code) return;
    const { cell, problem } = readCellToken(token, column, `table ${spec.section} ${label} × ${formatColumnLabel(column)} (${spec.id}.${row.code}.${code})`);
    reading.data[row.code]![code] = cell;
    noteToken(reading, `${row.code}.${code}`, token);
    if (problem) reading.problems.push({ place: { line: token.line, col: token.col }, problem: problem.rule === 'cut-cell' ? { ...problem, hint: CUT_HINT } : problem });
  });
  const last = found[found.length - 1]!;
  columns.slice(found.length).forEach((column) => {
    if (!column) return;
    const key = `${spec.id}.${row.code}.${column.code}`;
    reading.problems.push({ place: { line: last.line, col: last.col }, problem: { severity: 'error', rule: 'cut-cell', message: `table ${spec.section} ${label} × ${formatColumnLabel(column)} (${key}) has no value: ${edge}`, hint: CUT_HINT } });
  });
  return true;
}

/** What to do about cells a page edge cuts. */
const CUT_HINT = 'the page cuts the table: ingest the report’s Word original or HTML page, or a PDF printed on a landscape page, or enter these cells by hand in the table CSV';

/** The unit a money column's heading prints (采购总金额（万元）) between two rows, if any. */
function findHeaderUnit(text: string, from: number, to: number, label: string): MoneyUnit | null {
  const head = text.slice(from, to);
  const key = normaliseLabel(label);
  if (head.includes(`${key}万元`)) return '万元';
  if (head.includes(`${key}元`)) return '元';
  return null;
}

/** Reads table 四: one printed row holding every cell, rows of the form one after the other. */
export function readGridTable(tokens: readonly Token[], spec: TableSpec, headingPlace: Place): TableReading {
  const reading: TableReading = { data: {}, places: new Map(), sources: new Map(), doubtful: new Map(), problems: [] };
  const found: Token[] = [];
  for (const t of tokens) {
    if (isProse(t) && found.length > 0) break;
    if (t.cell) found.push(t);
  }
  const expected = spec.rows.reduce((n, r) => n + r.columns.length, 0);
  const ok = found.length === expected;
  if (!ok) {
    reading.problems.push({ place: found[0] ? { line: found[0].line, col: found[0].col } : headingPlace, problem: { severity: 'error', rule: 'cell-count', message: `table ${spec.section} should have ${expected} values, found ${found.length}: none of them is used`, hint: 'check the table in the report; fix the extracted text or enter the table by hand' } });
  }
  let k = 0;
  for (const row of spec.rows) {
    const cells: Record<string, Cell> = {};
    reading.data[row.code] = cells;
    for (const code of row.columns) {
      const column = spec.columns.find((c) => c.code === code);
      const token = found[k++];
      if (!ok || !column || !token) {
        cells[code] = makeEmptyCell('');
        continue;
      }
      const place = { line: token.line, col: token.col };
      const { cell, problem } = readCellToken(token, column, `table ${spec.section} ${formatRowLabel(row)} × ${formatColumnLabel(column)} (${spec.id}.${row.code}.${code})`);
      cells[code] = cell;
      noteToken(reading, `${row.code}.${code}`, token);
      if (problem) reading.problems.push({ place, problem });
    }
  }
  return reading;
}
