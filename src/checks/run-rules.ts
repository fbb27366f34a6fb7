/** Evaluates the consistency rules of src/form/rules.ts on a report (and its previous year's). */
import { findColumn, findRow, formatCellKey, listFormCells } from '../form/cells.ts';
import { listRules, type CellKindRule, type RuleSpec, type SumRule } from '../form/rules.ts';
import type { CellRef, ColumnSpec, FormSpec } from '../form/types.ts';
import type { CheckTerm, ParsedReport, RuleCheck, RuleOutcome } from '../reports/types.ts';

/** Looks a cell up by its place; null when the report lacks the cell or it has no number. */
function readValue(report: ParsedReport, table: SumRule['table'], row: string, column: string): number | null {
  return report.tables[table][row]?.[column]?.value ?? null;
}

/** Rounds away float noise in sums of decimals (money) before comparing. */
function roundSum(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/**
 * Adds up both sides of a sum rule at one place without building anything; returns the sums when
 * the check passes, else null. Most checks pass, and a passing check keeps no terms or message
 * (pages and diagnostics show only failing and skipped checks), which keeps large builds lean.
 */
function sumIfPassing(rule: SumRule, report: ParsedReport, previous: ParsedReport | null, place: string): { left: number; right: number } | null {
  const add = (list: SumRule['left']): number | null => {
    let acc = 0;
    for (const term of list) {
      const source = term.year === -1 ? previous : report;
      const value = !source ? null : rule.each === 'column' ? readValue(source, rule.table, term.code, place) : readValue(source, rule.table, place, term.code);
      if (value === null) return null;
      acc += term.sign * value;
    }
    return roundSum(acc);
  };
  const left = add(rule.left);
  const right = left === null ? null : add(rule.right);
  if (left === null || right === null) return null;
  return (rule.relation === 'eq' ? left === right : left >= right) ? { left, right } : null;
}

/** The terms of every passing check: one frozen empty list, not one per check (about 50 checks a report pass). */
const NO_TERMS: readonly CheckTerm[] = Object.freeze([]);

/** Evaluates a sum rule at every column (or row) of its table. */
function checkSumRule(rule: SumRule, form: FormSpec, report: ParsedReport, previous: ParsedReport | null): RuleCheck[] {
  const spec = form.tables[rule.table];
  const places = rule.only ?? (rule.each === 'column' ? spec.columns : spec.rows).map((x) => x.code);
  return places.flatMap((place): RuleCheck[] => {
    if (rule.crossYear && !previous) return [];
    const passed = sumIfPassing(rule, report, previous, place);
    if (passed) return [{ rule: rule.id, severity: rule.severity, at: place, status: 'pass', left: passed.left, right: passed.right, terms: NO_TERMS, message: '' }];
    const terms: CheckTerm[] = [];
    for (const [side, list] of [['left', rule.left], ['right', rule.right]] as const) {
      for (const term of list) {
        const source = term.year === -1 ? previous : report;
        const [row, column] = rule.each === 'column' ? [term.code, place] : [place, term.code];
        // A previous report in the other form version may lack the cell: then the check is skipped.
        const value = source ? readValue(source, rule.table, row, column) : null;
        terms.push({ key: `${rule.table}.${row}.${column}`, reportId: source?.meta.id ?? '', value, sign: term.sign, side });
      }
    }
    const lookup = rule.each === 'column' ? findColumn(spec, place)?.label : findRow(spec, place)?.label;
    if (terms.some((t) => t.value === null)) {
      const missing = terms.filter((t) => t.value === null).map((t) => t.key).join('、');
      return [{ rule: rule.id, severity: rule.severity, at: place, status: 'skipped', left: null, right: null, terms, message: `${lookup}：${missing} 没有可读的数字，无法核对` }];
    }
    const sum = (side: 'left' | 'right'): number =>
      roundSum(terms.filter((t) => t.side === side).reduce((acc, t) => acc + t.sign * (t.value ?? 0), 0));
    const left = sum('left');
    const right = sum('right');
    const ok = rule.relation === 'eq' ? left === right : left >= right;
    const rel = rule.relation === 'eq' ? (ok ? '=' : '≠') : ok ? '≥' : '<';
    const labelOf = (code: string, year: 0 | -1): string => {
      const r = findRow(spec, code);
      const label = rule.each === 'column' ? r && `${r.number ?? ''}${r.label}` : findColumn(spec, code)?.label;
      return `${year === -1 ? '上年报告' : ''}${label ?? code}`;
    };
    const describe = (side: 'left' | 'right', total: number): string => {
      const list = rule[side];
      const shown = terms.map((t, i) => ({ t, term: list[i - (side === 'right' ? rule.left.length : 0)] })).filter((x) => x.t.side === side);
      const nonZero = shown.length > 4 ? shown.filter((x) => x.t.value !== 0) : shown;
      const parts = nonZero.map((x, i) => `${x.t.sign < 0 ? '− ' : i ? '+ ' : ''}${labelOf(x.term?.code ?? '', x.term?.year ?? 0)} ${x.t.value}`);
      if (!parts.length) return `${shown.length} 项均为 0`;
      const rest = nonZero.length < shown.length ? `（其余 ${shown.length - nonZero.length} 项为 0）` : '';
      return shown.length === 1 ? parts.join(' ') : `${parts.join(' ')}${rest}，合计 ${total}`;
    };
    const message = `${lookup}：${describe('left', left)} ${rel} ${describe('right', right)}`;
    return [{ rule: rule.id, severity: rule.severity, at: place, status: ok ? 'pass' : 'fail', left, right, terms, message }];
  });
}

/** Each form's cells with their column specs, in printed order: the same for every report of the form, so listed once. */
const formCellColumns = new WeakMap<FormSpec, ReadonlyArray<{ readonly ref: CellRef; readonly col: ColumnSpec }>>();

/** The cells of a form that have a column spec, with it (listFormCells, findColumn), listed once per form. */
function listCellColumns(form: FormSpec): ReadonlyArray<{ readonly ref: CellRef; readonly col: ColumnSpec }> {
  let list = formCellColumns.get(form);
  if (!list) {
    list = listFormCells(form).flatMap((ref) => {
      const col = findColumn(form.tables[ref.table], ref.column);
      return col ? [{ ref, col }] : [];
    });
    formCellColumns.set(form, list);
  }
  return list;
}

/** Evaluates G-1: every cell's value fits its column's kind. */
function checkCellKinds(rule: CellKindRule, form: FormSpec, report: ParsedReport): RuleCheck[] {
  return listCellColumns(form).flatMap(({ ref, col }): RuleCheck[] => {
    const cell = report.tables[ref.table][ref.row]?.[ref.column];
    if (!cell || cell.value === null) return [];
    const v = cell.value;
    const ok = col.kind === 'signed' ? Number.isInteger(v) : col.kind === 'money' ? v >= 0 : Number.isInteger(v) && v >= 0;
    if (ok) return [];
    const key = formatCellKey(ref);
    const want = col.kind === 'signed' ? '整数' : col.kind === 'money' ? '非负数' : '非负整数';
    const term: CheckTerm = { key, reportId: report.meta.id, value: v, sign: 1, side: 'left' };
    return [{ rule: rule.id, severity: rule.severity, at: key, status: 'fail', left: v, right: null, terms: [term], message: `${key} 为 ${cell.raw}，应为${want}` }];
  });
}

/** Evaluates one rule on a report; `previous` is the same jurisdiction's report for the year before. */
export function checkRule(rule: RuleSpec, form: FormSpec, report: ParsedReport, previous: ParsedReport | null): RuleCheck[] {
  return rule.kind === 'sum' ? checkSumRule(rule, form, report, previous) : checkCellKinds(rule, form, report);
}

/** Evaluates every rule of the report's form version and summarises each as pass, fail or skipped. */
export function runRules(report: ParsedReport, previous: ParsedReport | null): Omit<RuleOutcome, 'known'>[] {
  const { form } = report;
  return listRules(form).map((rule) => {
    const checks = checkRule(rule, form, report, previous);
    const status = checks.some((c) => c.status === 'fail')
      ? 'fail'
      : rule.kind === 'cell-kind' || checks.some((c) => c.status === 'pass')
        ? 'pass'
        : 'skipped';
    return { rule: rule.id, status, checks };
  });
}
