/**
 * What a report itself says about the year before, for a jurisdiction with only one year on file:
 * F2019's 上一年项目数量 per item with its 本年增/减, drawn as bars labelled “本报告所述”, and
 * 上年结转 requests in the text. Nothing here is read from another report, and nothing is added up.
 */
import type { EChartsOption } from 'echarts';
import { buildAxisStyle, buildBaseOption, buildLabelStyle, buildLegendStyle, measureLabelRoom, measureValueRoom, type BuiltChart } from './chart-theme.ts';
import { drawFrom, type ChartEntry, type ChartNumbers, type ChartTable } from './chart-entry.ts';
import { NEUTRAL } from './palette.ts';
import { formatFull, formatProse, formatSigned } from '../format/format-number.ts';
import { findColumn } from '../form/cells.ts';
import type { JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import type { CheckedReport } from '../reports/types.ts';
import { listChartRuleNotes, nameSeries, readValue, requestRowLabel } from './read-report.ts';

/** One table-二 item with its printed 上一年项目数量 and 本年增/减. */
export interface PriorYearItem {
  readonly code: string;
  readonly label: string;
  readonly previous: number | null;
  readonly change: number | null;
}

/** The view data of the prior-year chart. */
export interface PriorYearChartData {
  readonly title: string;
  /** The year the report covers; the figures are about the year before it. */
  readonly year: number;
  /** 上年结转政府信息公开申请数量 (总计), as printed. */
  readonly carriedOver: number | null;
  /** The form's short label of that row (上年结转). */
  readonly carriedOverLabel: string;
  /** Items with a printed previous-year count (F2019 only; empty on F2021). */
  readonly items: readonly PriorYearItem[];
  /** The printed headings of the two columns (上一年项目数量, 本年增/减). */
  readonly previousLabel: string;
  readonly changeLabel: string;
}

const BAR_ROW = 26;

/** Whether there is a chart to draw (the form prints previous-year item counts). */
export function hasPriorYearItems(data: PriorYearChartData): boolean {
  return data.items.some((i) => i.previous !== null);
}

/** Builds the bar option: 上一年项目数量 per item, labelled with 本年增/减. */
export function buildPriorYearOption(data: Pick<PriorYearChartData, 'year' | 'items' | 'previousLabel' | 'changeLabel'>, width: number): BuiltChart {
  const left = measureLabelRoom(data.items.map((i) => i.label));
  const valueText = (i: PriorYearItem): string => `${formatFull(i.previous)}（${formatSigned(i.change)}）`;
  const tips = [data.items.map((i) => `${i.label}：${data.year - 1} 年 ${data.previousLabel} ${formatFull(i.previous)}，${data.year} 年${data.changeLabel} ${formatSigned(i.change)}（本报告所述）`)];
  const option: EChartsOption = {
    ...buildBaseOption(),
    legend: { ...buildLegendStyle() },
    grid: { left, right: measureValueRoom(data.items.map(valueText)), top: 28, bottom: 4, containLabel: false },
    xAxis: { type: 'value', show: false, min: 0, max: 'dataMax' },
    yAxis: { type: 'category', inverse: true, data: data.items.map((i) => i.label), ...buildAxisStyle(), axisLine: { show: false } },
    series: [
      {
        type: 'bar',
        name: `${data.previousLabel}（${data.year - 1} 年，本报告所述；括号内为${data.changeLabel}）`,
        barWidth: 14,
        emphasis: { disabled: true },
        itemStyle: { color: NEUTRAL },
        data: data.items.map((i) => ({
          value: i.previous ?? '-',
          label: { show: true, position: 'right', formatter: valueText(i), ...buildLabelStyle() },
        })),
      },
    ],
  };
  return { option, size: { width, height: 34 + data.items.length * BAR_ROW }, tips };
}

/** Describes what the report says about the previous year, in Chinese. */
export function describePriorYear(data: PriorYearChartData): string {
  const head = `本报告所述上一年（${data.year - 1} 年）情况：${data.carriedOverLabel}申请 ${formatProse(data.carriedOver)} 件`;
  const items = data.items.map((i) => `${i.label}${data.previousLabel} ${formatProse(i.previous)}，${data.changeLabel} ${formatSigned(i.change)}`);
  return `${head}${items.length ? `；${items.join('；')}` : ''}。括号内为本年增/减。`;
}

/** The prior-year figures as a table, labelled as the report's own statement. */
export function tabulatePriorYear(data: PriorYearChartData): ChartTable {
  return {
    caption: data.title,
    columns: ['项目', `${data.previousLabel}（${data.year - 1} 年）`, data.changeLabel],
    rows: [
      ...data.items.map((i) => ({ header: i.label, cells: [formatFull(i.previous), formatSigned(i.change)] })),
      { header: `${data.carriedOverLabel}申请`, cells: [formatFull(data.carriedOver), ''] },
    ],
    notes: ['以上数字均为本报告自述的上一年情况，不是上一年报告中的数字。'],
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

/** What the report says about the year before: previous-year counts and changes, then carried-over requests. */
export function tabulatePriorYearNumbers(data: PriorYearChartData): ChartNumbers {
  return {
    columns: ['项目', '代码', `${data.previousLabel}（${data.year - 1} 年）`, data.changeLabel],
    rows: [...data.items.map((i) => [i.label, i.code, i.previous, i.change]), [`${data.carriedOverLabel}申请`, 'carried_over', data.carriedOver, null]],
  };
}

/** What one report says about the year before, as a chart (drawn when its form prints it). */
export function buildPriorYearChart(report: CheckedReport, jurisdictions: JurisdictionIndex): ChartEntry {
  const prior = derivePriorYearData(report, jurisdictions);
  const notes = [...listChartRuleNotes(report, 'active', (_row, column) => column === 'prev_items' || column === 'change'), ...listChartRuleNotes(report, 'requests', (row, column) => row === 'carried_over' && column === 'total')];
  return { key: 'prior-year', title: prior.title, description: describePriorYear(prior), table: tabulatePriorYear(prior), data: tabulatePriorYearNumbers(prior), notes, ...drawFrom('prior-year', { year: prior.year, items: prior.items, previousLabel: prior.previousLabel, changeLabel: prior.changeLabel }, buildPriorYearOption, hasPriorYearItems(prior)) };
}
