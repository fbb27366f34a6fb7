/**
 * What the charts read of a report, each thing once: its name as a chart title carries it, a cell's
 * value, the form's labels of a row or a total column, the failing rule checks on the cells a chart
 * draws. Everything comes from the checked report and src/form, so no row or column list is restated.
 */
import { findColumn, findRow } from '../form/cells.ts';
import { FORM_BY_ID } from '../form/forms.ts';
import { listAllRules } from '../form/rules.ts';
import type { ColumnCode, FormId, FormSpec, RowCode, TableId, TableSpec } from '../form/types.ts';
import type { JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import { findMetric, type MetricSpec } from '../metrics/metric-specs.ts';
import { describePublisher, parseReportId } from '../publishers/publisher.ts';
import type { CheckedReport } from '../reports/types.ts';
import { formatFull } from '../format/format-number.ts';

/** The jurisdiction's name, or its code when the list lacks it. */
export function nameJurisdiction(report: CheckedReport, jurisdictions: JurisdictionIndex): string {
  return jurisdictions.byCode.get(report.meta.jurisdiction)?.name ?? report.meta.jurisdiction;
}

/**
 * The name a report's charts carry: the jurisdiction's for a government's report (同江市), the
 * department's for a department's (哈尔滨市教育局), so a department's figures are never titled as its
 * government's.
 */
export function nameSeries(report: CheckedReport, jurisdictions: JurisdictionIndex): string {
  const j = jurisdictions.byCode.get(report.meta.jurisdiction);
  if (!j || !parseReportId(report.meta.id)?.agency) return nameJurisdiction(report, jurisdictions);
  return describePublisher(report.meta.id, j, report.meta.publisher).name;
}

/** Reads a cell's value; null when blank or not a number. */
export function readValue<T extends TableId>(report: Pick<CheckedReport, 'tables'>, table: T, row: RowCode<T>, column: ColumnCode<T>): number | null {
  return report.tables[table][row]?.[column]?.value ?? null;
}

/** Adds values; null when any is null. */
export function sumValues(values: readonly (number | null)[]): number | null {
  return values.some((v) => v === null) ? null : values.reduce<number>((a, v) => a + (v ?? 0), 0);
}

/**
 * Sentences naming every failing rule check of a report that involves a cell a chart draws (one of
 * `table` for which `drawn(row, column)` holds): what the report prints on each side of the check.
 * A check evaluated for a column or row other than 总计 is prefixed with its label (法律服务机构：).
 */
export function listChartRuleNotes(report: CheckedReport, table: TableId, drawn: (row: string, column: string) => boolean): string[] {
  const spec = report.form.tables[table];
  const titles = new Map(listAllRules().map((r) => [r.id, r.title]));
  const touches = (key: string): boolean => {
    const [t, row = '', column = ''] = key.split('.');
    return t === table && drawn(row, column);
  };
  return report.outcomes.flatMap((o) =>
    o.checks
      .filter((c) => c.status === 'fail' && c.terms.some((t) => t.reportId === report.meta.id && touches(t.key)))
      .map((c) => {
        const at = c.at === 'total' ? '' : (findColumn(spec, c.at)?.label ?? findRow(spec, c.at)?.label ?? '');
        return `${at ? `${at}：` : ''}报告所印数字未通过核对 ${o.rule}（${titles.get(o.rule) ?? ''}）：${formatFull(c.left)} ≠ ${formatFull(c.right)}${o.known ? '，已核对原文，照印公布' : ''}。`;
      }),
  );
}

/** The short label the report's form gives a row of table 三 (本年新收); throws for a row the form lacks. */
export function requestRowLabel(report: CheckedReport, code: RowCode<'requests'>): string {
  const row = findRow(report.form.tables.requests, code);
  if (!row) throw new Error(`form ${report.form.id} has no row ${code} in table requests`);
  return row.shortLabel;
}

/** The label a form gives a table's total column (总计); throws for a table without one. */
export function totalColumnLabel(table: TableSpec): string {
  const column = findColumn(table, 'total');
  if (!column) throw new Error(`table ${table.id} has no total column`);
  return column.label;
}

/** Names a form version for readers from the year of its notice: “2019 版表式”. */
export function labelForm(form: FormSpec): string {
  const year = /〔(\d{4})〕/.exec(form.notice)?.[1] ?? form.id;
  return `${year} 版表式`;
}

/** Every form version's reader label, by id. */
export function labelForms(): Record<FormId, string> {
  return { F2019: labelForm(FORM_BY_ID.F2019), F2021: labelForm(FORM_BY_ID.F2021) };
}

/** Looks a metric up by id, throwing for an unknown one (ids come from code, not from content). */
export function findMetricOrThrow(id: string): MetricSpec {
  const metric = findMetric(id);
  if (!metric) throw new Error(`charts: unknown metric ${id}`);
  return metric;
}
