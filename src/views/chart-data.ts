/**
 * Derives the small view-data objects the chart builders take from checked reports. The builders
 * never see a report; everything they draw (labels, groups, order) comes from here, and here it comes
 * from src/form (outcome groups and short labels included), so a row or column list is never restated.
 */
import { findColumn, findRow, listOutcomeGroups } from '../form/cells.ts';
import { FORM_BY_ID } from '../form/forms.ts';
import { listAllRules } from '../form/rules.ts';
import type { ColumnCode, ColumnSpec, FormId, FormSpec, RowCode, TableId, TableSpec } from '../form/types.ts';
import { LEVEL_LABELS, LEVELS, type JurisdictionIndex, type Level } from '../jurisdictions/jurisdictions.ts';
import { deriveMetric } from '../metrics/derive-metrics.ts';
import { findMetric, type MetricSpec } from '../metrics/metric-specs.ts';
import { REPORT_SCOPE_SHORT, REPORT_SCOPES } from '../reports/front-matter.ts';
import { findAgency, nameAgency } from '../publishers/agencies.ts';
import { describePublisher, parseReportId } from '../publishers/publisher.ts';
import { seriesOf } from '../reports/report-id.ts';
import type { Cell, CheckedReport } from '../reports/types.ts';
import type { ActiveChartData } from '../charts/active.ts';
import type { AppealsChartData } from '../charts/appeals.ts';
import type { ApplicantChartData } from '../charts/applicants.ts';
import type { PriorYearChartData } from '../charts/prior-year.ts';
import type { RankingChartData, RankingItem } from '../charts/ranking.ts';
import type { FlowGroup, RequestFlowChartData } from '../charts/request-flow.ts';
import type { TrendChartData } from '../charts/trend.ts';
import { formatFull, formatSigned } from '../format/format-number.ts';

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
function sumValues(values: readonly (number | null)[]): number | null {
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
function requestRowLabel(report: CheckedReport, code: RowCode<'requests'>): string {
  const row = findRow(report.form.tables.requests, code);
  if (!row) throw new Error(`form ${report.form.id} has no row ${code} in table requests`);
  return row.shortLabel;
}

/** The label a form gives a table's total column (总计); throws for a table without one. */
function totalColumnLabel(table: TableSpec): string {
  const column = findColumn(table, 'total');
  if (!column) throw new Error(`table ${table.id} has no total column`);
  return column.label;
}

/** Derives the request-flow (Sankey) data of a report from table 三's 总计 column. */
export function deriveRequestFlowData(report: CheckedReport, jurisdictions: JurisdictionIndex): RequestFlowChartData {
  const form = report.form;
  const total = (row: RowCode<'requests'>): number | null => readValue(report, 'requests', row, 'total');
  const groups: FlowGroup[] = listOutcomeGroups(form).map(({ group, rows }) => {
    const reasons = rows.length > 1 ? rows.map((r) => ({ code: r.code, label: r.shortLabel, fullLabel: `${r.number ?? ''}${r.label}`, value: total(r.code) })) : [];
    return { key: group.code, label: group.shortLabel, value: sumValues(rows.map((r) => total(r.code))), reasons };
  });
  const forward = findRow(form.tables.requests, 'carried_forward');
  if (forward) groups.push({ key: 'carried_forward', label: forward.shortLabel, value: total('carried_forward'), reasons: [] });
  return {
    title: `${nameSeries(report, jurisdictions)}${report.meta.year}年政府信息公开申请的办理结果`,
    receivedNew: total('received_new'),
    carriedOver: total('carried_over'),
    receivedNewLabel: requestRowLabel(report, 'received_new'),
    carriedOverLabel: requestRowLabel(report, 'carried_over'),
    groups,
    printedTotal: total('processed_total'),
    notes: listChartRuleNotes(report, 'requests', (_row, column) => column === 'total'),
  };
}

/** Names a form version for readers from the year of its notice: “2019 版表式”. */
export function labelForm(form: FormSpec): string {
  const year = /〔(\d{4})〕/.exec(form.notice)?.[1] ?? form.id;
  return `${year} 版表式`;
}

/** Every form version's reader label, by id. */
function labelForms(): Record<FormId, string> {
  return { F2019: labelForm(FORM_BY_ID.F2019), F2021: labelForm(FORM_BY_ID.F2021) };
}

/** Derives the applicant-type data: row 一、本年新收 of table 三, every applicant column in form order. */
export function deriveApplicantData(report: CheckedReport, jurisdictions: JurisdictionIndex): ApplicantChartData {
  const form = report.form;
  const row = findRow(form.tables.requests, 'received_new');
  return {
    title: `${nameSeries(report, jurisdictions)}${report.meta.year}年新收申请的申请人类型`,
    items: form.tables.requests.columns
      .filter((c) => c.code !== 'total')
      .map((c) => ({ code: c.code, label: c.label, group: c.group ?? null, value: readValue(report, 'requests', 'received_new', c.code) })),
    total: readValue(report, 'requests', 'received_new', 'total'),
    totalLabel: totalColumnLabel(form.tables.requests),
    rowLabel: row?.shortLabel ?? 'received_new',
  };
}

/** Derives the review and litigation data: every row of table 四 by result column, with the printed total. */
export function deriveAppealsData(report: CheckedReport, jurisdictions: JurisdictionIndex): AppealsChartData {
  const table = report.form.tables.appeals;
  const results = table.columns.filter((c) => c.code !== 'total').map((c) => ({ code: c.code, label: c.shortLabel }));
  return {
    title: `${nameSeries(report, jurisdictions)}${report.meta.year}年政府信息公开行政复议、行政诉讼情况`,
    results,
    totalLabel: totalColumnLabel(table),
    rows: table.rows.map((r) => ({
      code: r.code,
      label: r.label,
      values: results.map((c) => readValue(report, 'appeals', r.code, c.code)),
      total: readValue(report, 'appeals', r.code, 'total'),
    })),
    notes: listChartRuleNotes(report, 'appeals', () => true),
  };
}

/** Formats any cell of table 二 for a table: counts in full, signs explicit, money with its unit or the printed text. */
function formatActiveCell(cell: Cell | undefined, column: ColumnSpec): string {
  if (!cell || cell.value === null) return cell?.raw ? `“${cell.raw}”（无法读取）` : '—（未填写）';
  if (column.kind === 'signed') return formatSigned(cell.value);
  if (column.kind === 'money') return `${formatFull(cell.value)}${cell.unit ?? column.fixedUnit ?? '（未注明单位）'}`;
  return formatFull(cell.value);
}

/**
 * Derives the active-disclosure data, form-aware: the document rows are those with the columns of
 * the first row (规章); the decision rows those with a `decisions` column; every other cell is listed.
 */
export function deriveActiveData(report: CheckedReport, jurisdictions: JurisdictionIndex): ActiveChartData {
  const form = report.form;
  const table = form.tables.active;
  const first = table.rows[0];
  const docRows = table.rows.filter((r) => first && r.columns.join() === first.columns.join());
  const decisionRows = table.rows.filter((r) => r.columns.includes('decisions'));
  const docColumns = (first?.columns ?? []).map((code) => ({ code, label: findColumn(table, code)?.label ?? code }));
  const decisionColumn = findColumn(table, 'decisions');
  const drawn = new Set([...docRows.flatMap((r) => r.columns.map((c) => `${r.code}.${c}`)), ...decisionRows.map((r) => `${r.code}.decisions`)]);
  const others = table.rows.flatMap((r) =>
    r.columns
      .filter((c) => !drawn.has(`${r.code}.${c}`))
      .map((c) => {
        const col = findColumn(table, c);
        return { row: r.label, column: col?.label ?? c, text: col ? formatActiveCell(report.tables.active[r.code]?.[c], col) : '—' };
      }),
  );
  return {
    title: `${nameSeries(report, jurisdictions)}${report.meta.year}年主动公开政府信息情况`,
    formLabel: labelForm(form),
    documents: {
      columns: docColumns,
      rows: docRows.map((r) => ({ code: r.code, label: r.label, values: docColumns.map((c) => readValue(report, 'active', r.code, c.code)) })),
    },
    decisions: {
      columnLabel: decisionColumn?.label ?? 'decisions',
      rows: decisionRows.map((r) => ({ code: r.code, label: r.label, value: readValue(report, 'active', r.code, 'decisions') })),
    },
    others,
  };
}

/**
 * Derives what the report itself says about the previous year: table 二 rows with 上一年项目数量 and
 * 本年增/减 (F2019 only), and 上年结转 requests. For a jurisdiction with one year on file.
 */
export function derivePriorYearData(report: CheckedReport, jurisdictions: JurisdictionIndex): PriorYearChartData {
  const table = report.form.tables.active;
  const rows = table.rows.filter((r) => r.columns.includes('prev_items') && r.columns.includes('change'));
  return {
    title: `${nameSeries(report, jurisdictions)}${report.meta.year}年报告所述的上一年情况`,
    year: report.meta.year,
    carriedOver: readValue(report, 'requests', 'carried_over', 'total'),
    carriedOverLabel: requestRowLabel(report, 'carried_over'),
    items: rows.map((r) => ({ code: r.code, label: r.label, previous: readValue(report, 'active', r.code, 'prev_items'), change: readValue(report, 'active', r.code, 'change') })),
    previousLabel: findColumn(table, 'prev_items')?.label ?? '',
    changeLabel: findColumn(table, 'change')?.label ?? '',
  };
}

/** Looks a metric up by id, throwing for an unknown one (ids come from code, not from content). */
function findMetricOrThrow(id: string): MetricSpec {
  const metric = findMetric(id);
  if (!metric) throw new Error(`chart-data: unknown metric ${id}`);
  return metric;
}

/** Derives one metric's trend over the reports of one series (any order; one report per year). */
export function deriveTrendData(series: readonly CheckedReport[], metricId: string, jurisdictions: JurisdictionIndex): TrendChartData {
  const metric = findMetricOrThrow(metricId);
  const sorted = [...series].sort((a, b) => a.meta.year - b.meta.year);
  const ids = new Set(sorted.map((r) => seriesOf(r.meta.id)));
  if (ids.size > 1) throw new Error(`deriveTrendData: reports of several series: ${[...ids].join(', ')}`);
  const first = sorted[0];
  const name = first ? nameSeries(first, jurisdictions) : '';
  const years = sorted.map((r) => r.meta.year);
  const span = years.length > 1 ? `${years[0]}–${years.at(-1)}年` : `${years[0] ?? ''}年`;
  return {
    title: `${name}${metric.name}（${span}）`,
    metricName: metric.name,
    unit: metric.unit,
    comparability: metric.comparability,
    comparabilityNote: metric.comparabilityNote,
    formLabels: labelForms(),
    points: sorted.map((r) => {
      const v = deriveMetric(metric, r);
      return { year: r.meta.year, form: r.meta.form, value: v.value, numerator: v.numerator, denominator: v.denominator, caution: v.caution, missing: v.missing?.message ?? null, flags: v.flags };
    }),
  };
}

/** The note every cross-jurisdiction comparison carries. */
export const SCOPE_NOTE = '各级数字分开比较：统计范围为“全辖区”的数字已含其下级政府的数字，“本级政府”“本机关”的不含；不同层级不可相加。';

/** Names one item of a ranking: its key (unique in the chart) and the name the chart shows. */
export interface RankingName {
  readonly key: string;
  readonly name: string;
}

/**
 * Derives the ranking items of a metric from comparable reports (one per publisher), each named by
 * `nameOf`: its value, base, scope and the failing rules on the cells it uses. Works for any group
 * (the governments of a level, the departments of a kind).
 */
export function deriveRankingItems(reports: readonly CheckedReport[], metric: MetricSpec, nameOf: (report: CheckedReport) => RankingName): RankingItem[] {
  return reports.map((r) => {
    const v = deriveMetric(metric, r);
    return { ...nameOf(r), value: v.value, numerator: v.numerator, denominator: v.denominator, caution: v.caution, missing: v.missing?.message ?? null, scopeLabel: REPORT_SCOPES[r.meta.scope], scopeShort: REPORT_SCOPE_SHORT[r.meta.scope], flags: v.flags };
  });
}

/** Wraps ranking items in a chart's data: its key, title and group label, the metric's name, unit and small-base threshold. */
export function composeRankingData(metric: MetricSpec, year: number, group: { key: string; label: string; itemLabel: string }, items: readonly RankingItem[]): RankingChartData {
  return {
    key: group.key,
    title: `${year}年${group.label}${metric.name}比较`,
    metricName: metric.name,
    unit: metric.unit,
    year,
    groupLabel: group.label,
    itemLabel: group.itemLabel,
    cautionBelow: metric.cautionBelow ?? 0,
    items: [...items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    scopeNote: SCOPE_NOTE,
  };
}

/** A year's reports of one publisher kind (null: the governments' own; else a department slug), by their jurisdiction's level, in input order. */
function groupByLevel(reports: readonly CheckedReport[], year: number, agency: string | null, jurisdictions: JurisdictionIndex): Map<Level, CheckedReport[]> {
  const byLevel = new Map<Level, CheckedReport[]>();
  for (const r of reports) {
    if (r.meta.year !== year || parseReportId(r.meta.id)?.agency !== agency) continue;
    const j = jurisdictions.byCode.get(r.meta.jurisdiction);
    if (!j) continue;
    const list = byLevel.get(j.level);
    if (list) list.push(r);
    else byLevel.set(j.level, [r]);
  }
  return byLevel;
}

/**
 * Derives one ranking per level (province, prefecture, county) for a metric and a year, from the
 * governments' own reports (department reports are left out). Levels without a report are omitted.
 */
export function deriveRankingData(reports: readonly CheckedReport[], metricId: string, year: number, jurisdictions: JurisdictionIndex): RankingChartData[] {
  const metric = findMetricOrThrow(metricId);
  const byLevel = groupByLevel(reports, year, null, jurisdictions);
  const name = (r: CheckedReport): RankingName => ({ key: r.meta.jurisdiction, name: nameJurisdiction(r, jurisdictions) });
  return LEVELS
    .filter((l) => byLevel.has(l))
    .map((level) => composeRankingData(metric, year, { key: `ranking-${level}`, label: LEVEL_LABELS[level], itemLabel: '地区' }, deriveRankingItems(byLevel.get(level) ?? [], metric, name)));
}

/** The note every comparison of departments carries. */
export const DEPARTMENT_SCOPE_NOTE = '各部门的数字只含本部门，与其所属政府的数字分开；省、市、县的部门分开比较，不同层级不可相加。';

/**
 * Derives one ranking per level for a metric and a year across the departments of one kind (agency
 * slug), from their own reports (`reports`: that kind's reports of that year, any level). Each is
 * named as its publisher (哈尔滨市教育局); levels without a report are omitted.
 */
export function deriveDepartmentRankingData(reports: readonly CheckedReport[], metricId: string, year: number, agencySlug: string, jurisdictions: JurisdictionIndex): RankingChartData[] {
  const metric = findMetricOrThrow(metricId);
  const agency = findAgency(agencySlug);
  const byLevel = groupByLevel(reports, year, agencySlug, jurisdictions);
  const name = (r: CheckedReport): RankingName => {
    const j = jurisdictions.byCode.get(r.meta.jurisdiction)!;
    const p = describePublisher(r.meta.id, j, r.meta.publisher);
    return { key: p.key, name: p.name };
  };
  return LEVELS
    .filter((l) => byLevel.has(l))
    .map((level) => {
      const label = `${LEVEL_LABELS[level]}${agency ? nameAgency(agency, level) : `同类部门（${agencySlug}）`}`;
      const data = composeRankingData(metric, year, { key: `ranking-${level}`, label, itemLabel: '部门' }, deriveRankingItems(byLevel.get(level) ?? [], metric, name));
      return { ...data, scopeNote: DEPARTMENT_SCOPE_NOTE };
    });
}
