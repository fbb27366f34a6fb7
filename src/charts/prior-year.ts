/**
 * What a report itself says about the year before, for a jurisdiction with only one year on file:
 * F2019's 上一年项目数量 per item with its 本年增/减, drawn as bars labelled “本报告所述”, and
 * 上年结转 requests in the text. Nothing here is read from another report, and nothing is added up.
 */
import type { EChartsOption } from 'echarts';
import { buildAxisStyle, buildBaseOption, buildLabelStyle, buildLegendStyle, measureLabelRoom, measureValueRoom, type BuiltChart } from './chart-theme.ts';
import type { ChartTable } from './chart-table.ts';
import { NEUTRAL } from './palette.ts';
import { formatFull, formatProse, formatSigned } from '../format/format-number.ts';

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
export function buildPriorYearOption(data: PriorYearChartData, width: number): BuiltChart {
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
