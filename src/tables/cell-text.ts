/**
 * The text of one cell in a content CSV, and back. Never `Number()` on government text:
 * only the grammar below is a number.
 *
 *   `123`, `-3`, `+451`, `12.5`   a number (its sign and decimals kept; G-1 judges if the kind allows them)
 *   `21997万元`, `500元`           a money cell with the unit it printed
 *   `~`                           the report printed nothing there (value null)
 *   `~text`                       the report printed `text`, which is not a number (value null, text kept)
 *   (empty)                       no such cell in this form: allowed only where the form has none
 */
import type { ColumnSpec, MoneyUnit } from '../form/types.ts';
import type { Cell } from '../reports/types.ts';

const NUMBER = /^([+-]?)(\d+)(?:\.(\d+))?$/;
const UNITS: readonly MoneyUnit[] = ['万元', '元'];

/** A cell parsed from CSV text, or why the text is not a cell. */
export type CellTextResult = { ok: true; cell: Cell } | { ok: false; problem: string; hint: string };

/** Parses the text of one CSV cell for a column; the empty string is the caller's business. */
export function parseCellText(text: string, column: ColumnSpec): CellTextResult {
  if (text.startsWith('~')) return { ok: true, cell: { value: null, raw: text.slice(1), unit: null } };
  let body = text;
  let unit: MoneyUnit | null = null;
  const suffix = UNITS.find((u) => text.endsWith(u));
  if (suffix) {
    if (column.kind !== 'money') {
      return {
        ok: false,
        problem: `“${text}” carries a unit, but ${column.code} (${column.label}) is not a money column`,
        hint: 'write the bare number; only money columns carry 元 or 万元',
      };
    }
    unit = suffix;
    body = text.slice(0, -suffix.length);
  }
  const m = NUMBER.exec(body);
  if (!m) {
    return {
      ok: false,
      problem: `“${text}” is not a number`,
      hint: 'write the number as digits (e.g. 12, -3, 21997万元); if the report prints something that is not a number, write ~ followed by the printed text (e.g. ~/ or ~91.928.320), or ~ alone for a blank',
    };
  }
  const value = Number(body);
  if (column.kind === 'money' && column.fixedUnit && unit === null) unit = column.fixedUnit;
  return { ok: true, cell: { value: Object.is(value, -0) ? 0 : value, raw: text, unit: column.kind === 'money' ? unit : null } };
}

/** Formats a cell as the canonical CSV text `parseCellText` reads back to the same cell. */
export function formatCellText(cell: Cell, column: ColumnSpec): string {
  if (cell.value === null) return `~${cell.raw}`;
  const sign = column.kind === 'signed' && cell.value > 0 ? '+' : '';
  const unit = column.kind === 'money' && cell.unit !== null && cell.unit !== column.fixedUnit ? cell.unit : '';
  return `${sign}${formatPlainNumber(cell.value)}${unit}`;
}

/** Writes a number in plain digits, never in exponent form. */
function formatPlainNumber(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/** Builds a cell from a value the way `parseCellText` would read its canonical text. */
export function makeCell(value: number | null, column: ColumnSpec, opts: { raw?: string; unit?: MoneyUnit | null } = {}): Cell {
  const unit = column.kind === 'money' ? (opts.unit ?? column.fixedUnit ?? null) : null;
  if (value === null) return { value: null, raw: opts.raw ?? '', unit: null };
  const draft: Cell = { value, raw: '', unit };
  return { ...draft, raw: formatCellText(draft, column) };
}
