/** Computes the declared metrics of one report from its cells, with the reason when one cannot be computed. */
import { findColumn, findRow, formatCellKey, formatRowLabel, hasCell, listOutcomeGroupRows } from '../form/cells.ts';
import type { RuleId } from '../form/rules.ts';
import type { CellRef, FormId, FormSpec, RowCode } from '../form/types.ts';
import type { CheckedReport, ParsedReport } from '../reports/types.ts';
import { METRICS, type CellSum, type MetricCells, type MetricId, type MetricSpec } from './metric-specs.ts';

/** Why a metric has no value: a cell it needs has no number, the denominator is 0, or the form lacks a cell. */
export type MissingReason = 'no-number' | 'zero-denominator' | 'not-on-form';

/** One metric of one report. */
export interface MetricValue {
  readonly metric: MetricId;
  /** The value (a share is 0–1), or null when it cannot be computed (see `missing`). */
  readonly value: number | null;
  readonly numerator: number | null;
  /** Null for a count. */
  readonly denominator: number | null;
  /** The denominator is positive but below the metric's `cautionBelow`: show it with a caution. */
  readonly caution: boolean;
  /** Why `value` is null, in Chinese with the cells named; null when there is a value. */
  readonly missing: { readonly reason: MissingReason; readonly message: string; readonly cells: readonly string[] } | null;
  /** The dotted keys of every cell used (numerator first), in form order. */
  readonly cells: readonly string[];
  /** Consistency rules that fail on a cell this value uses (a visible flag, never a correction). */
  readonly flags: readonly RuleId[];
}

/** Every metric of one report, keyed by metric id. */
export interface ReportMetrics {
  readonly reportId: string;
  readonly year: number;
  readonly form: FormId;
  readonly values: Readonly<Record<MetricId, MetricValue>>;
}

/** The cell block a metric uses on one form version. */
function resolveCells(cells: MetricCells, form: FormId): CellSum {
  return 'byForm' in cells ? cells.byForm[form] : cells;
}

/** Lists the cells of a block on a form in form order, an outcome group as its rows; a named row the form lacks comes last. */
export function listCellSum(sum: CellSum, form: FormSpec): CellRef[] {
  const codes: readonly RowCode[] = 'groups' in sum ? listOutcomeGroupRows(form, sum.groups) : sum.rows;
  const rows = form.tables[sum.table].rows.filter((r) => codes.includes(r.code));
  const first = sum.columns[0];
  if (first === undefined) throw new Error(`a metric's cells in table ${sum.table} name no column`);
  const absent = codes.filter((c) => !rows.some((r) => r.code === c)).map((row) => ({ table: sum.table, row, column: first }));
  return [...rows.flatMap((r) => sum.columns.map((column) => ({ table: sum.table, row: r.code, column }))), ...absent];
}

/** The cells a metric reads on a form version: numerator and denominator (empty for a count). */
export function listMetricCells(metric: MetricSpec, form: FormSpec): { numerator: CellRef[]; denominator: CellRef[] } {
  return {
    numerator: listCellSum(resolveCells(metric.numerator, form.id), form),
    denominator: metric.denominator ? listCellSum(resolveCells(metric.denominator, form.id), form) : [],
  };
}

/** Names a cell in Chinese for messages: the row's printed label and the column heading. */
function formatCellName(form: FormSpec, ref: CellRef): string {
  const table = form.tables[ref.table];
  const row = findRow(table, ref.row);
  const col = findColumn(table, ref.column);
  return `${row ? formatRowLabel(row) : ref.row} · ${col?.label ?? ref.column}`;
}

/** Adds up cells; reports the cells with no number and those the form lacks. */
function sumCells(report: ParsedReport, form: FormSpec, refs: readonly CellRef[]): { total: number | null; blank: CellRef[]; absent: CellRef[] } {
  let total = 0;
  const blank: CellRef[] = [];
  const absent: CellRef[] = [];
  for (const ref of refs) {
    if (!hasCell(form, ref.table, ref.row, ref.column)) {
      absent.push(ref);
      continue;
    }
    const value = report.tables[ref.table][ref.row]?.[ref.column]?.value ?? null;
    if (value === null) blank.push(ref);
    else total += value;
  }
  return { total: blank.length || absent.length ? null : total, blank, absent };
}

/** The failing rule ids whose checks involve any of the given cells of this report. */
function findFlags(report: CheckedReport | ParsedReport, keys: ReadonlySet<string>): RuleId[] {
  if (!('outcomes' in report)) return [];
  const flags = new Set<RuleId>();
  for (const outcome of report.outcomes) {
    for (const check of outcome.checks) {
      if (check.status !== 'fail') continue;
      if (check.terms.some((t) => t.reportId === report.meta.id && keys.has(t.key))) flags.add(outcome.rule);
    }
  }
  return [...flags].sort();
}

/** Computes one metric of a report; a checked report also gets the rule flags of the cells used. */
export function deriveMetric(metric: MetricSpec, report: CheckedReport | ParsedReport): MetricValue {
  const { form } = report;
  const refs = listMetricCells(metric, form);
  const cells = [...refs.numerator, ...refs.denominator].map(formatCellKey);
  const flags = findFlags(report, new Set(cells));
  const id = metric.id as MetricId;
  const num = sumCells(report, form, refs.numerator);
  const den = metric.denominator ? sumCells(report, form, refs.denominator) : null;
  const base = { metric: id, numerator: num.total, denominator: den?.total ?? null, caution: false, cells, flags };
  const absent = [...num.absent, ...(den?.absent ?? [])];
  if (absent.length) {
    const message = `${form.id} 表式没有这些单元格：${absent.map(formatCellKey).join('、')}`;
    return { ...base, value: null, missing: { reason: 'not-on-form', message, cells: absent.map(formatCellKey) } };
  }
  const blank = [...num.blank, ...(den?.blank ?? [])];
  if (blank.length) {
    const named = blank.map((ref) => `${formatCellName(form, ref)}（“${report.tables[ref.table][ref.row]?.[ref.column]?.raw ?? ''}”）`);
    return { ...base, value: null, missing: { reason: 'no-number', message: `报告中这些单元格没有可读的数字：${named.join('、')}`, cells: blank.map(formatCellKey) } };
  }
  const n = num.total ?? 0;
  if (!den) return { ...base, value: n, missing: null };
  const d = den.total ?? 0;
  if (d === 0) {
    const message = `${metric.denominatorLabel ?? '分母'}为 0，无法计算比例`;
    return { ...base, value: null, missing: { reason: 'zero-denominator', message, cells: refs.denominator.map(formatCellKey) } };
  }
  const caution = metric.cautionBelow !== null && d < metric.cautionBelow;
  return { ...base, value: metric.unit === 'per100' ? (n / d) * 100 : n / d, caution, missing: null };
}

/** Computes every declared metric of a report. */
export function deriveMetrics(report: CheckedReport | ParsedReport): ReportMetrics {
  const values = Object.fromEntries(METRICS.map((m) => [m.id, deriveMetric(m, report)])) as Record<MetricId, MetricValue>;
  return { reportId: report.meta.id, year: report.meta.year, form: report.meta.form, values };
}

/** States a metric's formula in Chinese from its labels: 予以公开 + 部分公开 ÷ 办理结果总计. */
export function formatMetricFormula(metric: MetricSpec): string {
  if (metric.unit === 'count' || !metric.denominatorLabel) return metric.numeratorLabel;
  return `${metric.numeratorLabel} ÷ ${metric.denominatorLabel}${metric.unit === 'per100' ? ' × 100' : ''}`;
}

/** Names the cells of a block on a form in Chinese, rows then columns: 表三 （一）予以公开、（二）部分公开；总计. */
export function describeCellSum(sum: CellSum, form: FormSpec): string {
  const table = form.tables[sum.table];
  const rows = [...new Set(listCellSum(sum, form).map((r) => r.row))].map((code) => {
    const row = findRow(table, code);
    return row ? `${row.number ?? ''}${row.label}` : code;
  });
  const cols = sum.columns.map((c) => findColumn(table, c)?.label ?? c);
  return `表${table.section} ${rows.join('、')}；${cols.join('、')}`;
}

/** Names a metric's numerator and denominator cells on a form version, for the methodology page. */
export function describeMetricCells(metric: MetricSpec, form: FormSpec): { numerator: string; denominator: string | null } {
  return {
    numerator: describeCellSum(resolveCells(metric.numerator, form.id), form),
    denominator: metric.denominator ? describeCellSum(resolveCells(metric.denominator, form.id), form) : null,
  };
}
