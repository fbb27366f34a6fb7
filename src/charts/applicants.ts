/**
 * Who asked: a report's new requests by applicant type (table 三, row 一、本年新收), as horizontal
 * bars in form order. Natural persons and the five kinds of 法人或其他组织 get the two colours of
 * a two-entry legend, so the printed group heading survives without a subtotal the form does not print.
 */
import type { EChartsOption } from 'echarts';
import { buildAxisStyle, buildBaseOption, buildLabelStyle, buildLegendStyle, measureLabelRoom, measureValueRoom, type BuiltChart } from './chart-theme.ts';
import { drawFrom, type ChartEntry, type ChartNumbers, type ChartTable } from './chart-entry.ts';
import { buildBarStyle, pickBarPattern } from './marks.ts';
import { OKABE_ITO } from './palette.ts';
import { formatFull, formatPercent, formatProse } from '../format/format-number.ts';
import { findRow } from '../form/cells.ts';
import type { JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import type { CheckedReport } from '../reports/types.ts';
import { listChartRuleNotes, nameSeries, readValue, totalColumnLabel } from './read-report.ts';

/** One applicant column with its value (null when blank). */
export interface ApplicantItem {
  readonly code: string;
  readonly label: string;
  /** The printed group heading (法人或其他组织), or null for 自然人. */
  readonly group: string | null;
  readonly value: number | null;
}

/** The view data of the applicant chart. */
export interface ApplicantChartData {
  readonly title: string;
  /** The applicant columns in form order (without 总计). */
  readonly items: readonly ApplicantItem[];
  /** The printed 总计 of the row. */
  readonly total: number | null;
  /** The form's label of the total column (总计). */
  readonly totalLabel: string;
  /** The name of the row the numbers come from (本年新收政府信息公开申请数量). */
  readonly rowLabel: string;
}

const BAR_ROW = 26;

/** The share text of a value in the printed total, or '' when there is none. */
function formatShareText(value: number | null, total: number | null): string {
  return value !== null && total ? formatPercent(value / total) : '';
}

/** Builds the horizontal bar option: one series per legend group, items in form order top to bottom. */
export function buildApplicantOption(data: Pick<ApplicantChartData, 'items' | 'total'>, width: number): BuiltChart {
  const groups = [...new Set(data.items.map((i) => i.group))];
  const colors = [OKABE_ITO.blue, OKABE_ITO.orange];
  const labelWidth = measureLabelRoom(data.items.map((i) => i.label));
  const valueText = (item: ApplicantItem): string => {
    const share = formatShareText(item.value, data.total);
    return `${formatFull(item.value)}${share ? `（${share}）` : ''}`;
  };
  const tips: string[][] = groups.map(() => []);
  const series = groups.map((group, s) => ({
    type: 'bar' as const,
    name: group ?? data.items.find((i) => i.group === null)?.label ?? '',
    stack: 'one',
    barWidth: 14,
    emphasis: { disabled: true },
    itemStyle: buildBarStyle(colors[s % colors.length] ?? OKABE_ITO.blue, pickBarPattern(s)),
    data: data.items.map((item, d) => {
      const tip = `${item.group ? `${item.group}·` : ''}${item.label}：${formatFull(item.value)} 件${item.value !== null && data.total ? `，占${formatShareText(item.value, data.total)}` : ''}`;
      tips[s]![d] = item.group === group ? tip : '';
      if (item.group !== group) return '-';
      return { value: item.value ?? '-', label: { show: true, position: 'right' as const, formatter: valueText(item) } };
    }),
  }));
  const option: EChartsOption = {
    ...buildBaseOption(),
    legend: { ...buildLegendStyle() },
    grid: { left: labelWidth, right: measureValueRoom(data.items.map(valueText)), top: 30, bottom: 4, containLabel: false },
    xAxis: { type: 'value', show: false, max: 'dataMax' },
    yAxis: { type: 'category', inverse: true, data: data.items.map((i) => i.label), ...buildAxisStyle(), axisLine: { show: false } },
    series: series.map((s) => ({ ...s, label: buildLabelStyle() })),
  };
  return { option, size: { width, height: 34 + data.items.length * BAR_ROW }, tips };
}

/** Describes the applicant mix in Chinese with the numbers. */
export function describeApplicants(data: ApplicantChartData): string {
  const named = data.items.filter((i) => (i.value ?? 0) > 0).sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  const blank = data.items.filter((i) => i.value === null).map((i) => i.label);
  const parts = named.map((i) => `${i.label} ${formatProse(i.value)} 件${data.total ? `（${formatShareText(i.value, data.total)}）` : ''}`);
  const head = `本年新收申请共 ${formatProse(data.total)} 件`;
  const body = parts.length ? `，按申请人分：${parts.join('，')}` : '，没有申请';
  return `${head}${body}。${blank.length ? `${blank.join('、')}未填写。` : ''}`;
}

/** The applicant numbers as a table, in form order, with the printed total. */
export function tabulateApplicants(data: ApplicantChartData): ChartTable {
  const rows = data.items.map((i) => ({ header: i.group ? `${i.group} · ${i.label}` : i.label, cells: [formatFull(i.value), formatShareText(i.value, data.total) || '—'] }));
  return { caption: data.title, columns: ['申请人', `${data.rowLabel}`, '占总计'], rows: [...rows, { header: data.totalLabel, cells: [formatFull(data.total), ''] }], notes: [] };
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

/** The applicants: row 本年新收 of table 三 by applicant column, in form order, then the printed total. */
export function tabulateApplicantNumbers(data: ApplicantChartData): ChartNumbers {
  return {
    columns: ['申请人', '代码', '所属', `${data.rowLabel}（件）`],
    rows: [...data.items.map((i) => [i.label, i.code, i.group ?? '', i.value]), [data.totalLabel, 'total', '', data.total]],
  };
}

/** The key of the applicants chart among a report's charts. */
export const APPLICANTS_KEY = 'applicants';

/** A report's applicants chart: who asked. */
export function buildApplicantsChart(report: CheckedReport, jurisdictions: JurisdictionIndex): ChartEntry {
  const applicants = deriveApplicantData(report, jurisdictions);
  return { key: APPLICANTS_KEY, title: applicants.title, description: describeApplicants(applicants), table: tabulateApplicants(applicants), data: tabulateApplicantNumbers(applicants), notes: listChartRuleNotes(report, 'requests', (row) => row === 'received_new'), ...drawFrom('applicants', { items: applicants.items, total: applicants.total }, buildApplicantOption) };
}
