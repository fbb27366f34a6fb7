/**
 * Turns one cell token into a cell of the content model, through the declared cell grammar
 * (src/tables/cell-text.ts) only. What is not a number becomes a cell with no value that keeps
 * the printed text, with a diagnostic saying why.
 */
import type { ColumnSpec } from '../form/types.ts';
import type { Cell } from '../reports/types.ts';
import { makeCell, parseCellText } from '../tables/cell-text.ts';
import { formatReading, type Token } from './cell-tokens.ts';

/** A problem found while reading a cell, before it gets a file and a position. */
export interface CellProblem {
  readonly severity: 'error' | 'warning';
  readonly rule: string;
  readonly message: string;
  readonly hint: string;
}

/** A cell with no value, keeping what the report printed. */
export function makeEmptyCell(raw: string): Cell {
  return { value: null, raw, unit: null };
}

/** Reads a cell token for a column; `where` names the cell in messages (行政许可 × 本年增/减). */
export function readCellToken(token: Token, column: ColumnSpec, where: string): { cell: Cell; problem: CellProblem | null } {
  const reading = token.cell;
  if (token.unreadable) {
    return {
      cell: makeEmptyCell(''),
      problem: { severity: 'error', rule: 'cut-cell', message: `${where}: ${token.unreadable}; what shows (“${token.text}”) may be only part of the printed value, so the cell has no value`, hint: 'check the cell in the published file: ingest its HTML page or Word file if there is one, or enter the value in the table CSV by hand' },
    };
  }
  if (!reading || reading.kind === 'mark') {
    return {
      cell: makeEmptyCell(token.text),
      problem: { severity: 'warning', rule: 'no-number', message: `${where} prints “${token.text}”, not a number: kept as printed, with no value`, hint: 'nothing to do if the report prints it so' },
    };
  }
  if (reading.kind === 'unreadable') {
    return {
      cell: makeEmptyCell(token.text),
      problem: { severity: 'warning', rule: 'unreadable-cell', message: `${where} prints “${token.text}”, which is not a readable number: kept as printed, with no value`, hint: 'check the published report; if it prints this, the cell stays without a value (never guess it)' },
    };
  }
  if (reading.unit && column.kind !== 'money') {
    return {
      cell: makeEmptyCell(token.text),
      problem: { severity: 'warning', rule: 'unreadable-cell', message: `${where} prints “${token.text}” with a money unit in a column of counts: kept as printed, with no value`, hint: 'check the published report: the numbers may be shifted by one column' },
    };
  }
  const parsed = parseCellText(formatReading(reading), column);
  if (!parsed.ok) {
    return { cell: makeEmptyCell(token.text), problem: { severity: 'warning', rule: 'unreadable-cell', message: `${where}: ${parsed.problem}`, hint: parsed.hint } };
  }
  const value = parsed.cell.value;
  return { cell: value === null ? parsed.cell : makeCell(value, column, { unit: parsed.cell.unit }), problem: null };
}
