/**
 * A comparison of one metric across the jurisdictions of one level for one year, as ranked horizontal
 * bars. One chart holds one level only: a province's figure already includes its prefectures, so
 * levels are never drawn on one scale or added together. Values on a small base are drawn pale and
 * labelled “m/n”; jurisdictions without a value are listed in the table, not drawn.
 */
import type { EChartsOption } from 'echarts';
import type { MetricUnit } from '../metrics/metric-specs.ts';
import { buildAxisStyle, buildBaseOption, buildLabelStyle, measureLabelRoom, measureValueRoom, type BuiltChart } from './chart-theme.ts';
import type { ChartTable } from './chart-table.ts';
import { CAUTION_FILL_ALPHA, fadeColor, OKABE_ITO } from './palette.ts';
import { formatFull, formatPer100, formatPercent } from '../views/format-number.ts';

/** One jurisdiction's value. */
export interface RankingItem {
  readonly code: string;
  readonly name: string;
  /** A share is 0–1; null when it cannot be computed or there is no report. */
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly caution: boolean;
  /** Why there is no value; null when there is one. */
  readonly missing: string | null;
  /** What the report covers (本级政府及其部门 …), as the comparison must say. */
  readonly scopeLabel: string;
}

/** The view data of one level's ranking chart. */
export interface RankingChartData {
  readonly title: string;
  readonly metricName: string;
  readonly unit: MetricUnit;
  readonly year: number;
  /** The level code (province, prefecture, county) and its Chinese label. */
  readonly level: string;
  readonly levelLabel: string;
  /** Every jurisdiction of the level with a report that year, in any order (the builder ranks them). */
  readonly items: readonly RankingItem[];
  /** The scope note shown with every comparison. */
  readonly scopeNote: string;
}

const BAR_ROW = 22;

/** Formats an item's value: percentage, per-100, count, or “m/n” on a small base. */
export function formatRankingValue(item: RankingItem, unit: MetricUnit): string {
  if (item.value === null) return '—';
  if (item.caution && item.numerator !== null && item.denominator !== null) return `${item.numerator}/${item.denominator}`;
  if (unit === 'share') return formatPercent(item.value);
  if (unit === 'per100') return formatPer100(item.value);
  return formatFull(item.value);
}

/** Ranks items: highest value first, ties by code; items without a value are dropped. */
export function rankItems(items: readonly RankingItem[]): RankingItem[] {
  return items
    .filter((i) => i.value !== null)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Builds the ranked horizontal bar option; height grows with the number of jurisdictions. */
export function buildRankingOption(data: RankingChartData, width: number): BuiltChart {
  const ranked = rankItems(data.items);
  const left = measureLabelRoom(ranked.map((i) => i.name));
  const right = measureValueRoom(ranked.map((i) => formatRankingValue(i, data.unit)));
  const tips = [
    ranked.map((i) => `${i.name}（${i.scopeLabel}）：${formatRankingValue(i, data.unit)}${i.denominator !== null ? `（${formatFull(i.numerator)} / ${formatFull(i.denominator)}）` : ''}${i.caution ? '，基数小，仅供参考' : ''}`),
  ];
  const option: EChartsOption = {
    ...buildBaseOption(),
    grid: { left, right, top: 4, bottom: 4, containLabel: false },
    xAxis: { type: 'value', show: false, min: 0, max: 'dataMax' },
    yAxis: { type: 'category', inverse: true, data: ranked.map((i) => i.name), ...buildAxisStyle(), axisLine: { show: false } },
    series: [
      {
        type: 'bar',
        barWidth: 12,
        emphasis: { disabled: true },
        data: ranked.map((i) => ({
          value: i.value,
          itemStyle: i.caution ? { color: fadeColor(OKABE_ITO.blue, CAUTION_FILL_ALPHA), borderColor: OKABE_ITO.blue, borderWidth: 1 } : { color: OKABE_ITO.blue },
          label: { show: true, position: 'right', formatter: formatRankingValue(i, data.unit), ...buildLabelStyle() },
        })),
      },
    ],
  };
  return { option, size: { width, height: 8 + Math.max(1, ranked.length) * BAR_ROW }, tips };
}

/** Describes the ranking in Chinese: how many, the highest and lowest, the scope note. */
export function describeRanking(data: RankingChartData): string {
  const ranked = rankItems(data.items);
  const top = ranked[0];
  const bottom = ranked.at(-1);
  const without = data.items.length - ranked.length;
  const head = `${data.year} 年${data.levelLabel}${data.metricName}：${ranked.length} 个地区有数值`;
  const range = top && bottom && top !== bottom ? `，最高为${top.name}（${formatRankingValue(top, data.unit)}），最低为${bottom.name}（${formatRankingValue(bottom, data.unit)}）` : top ? `：${top.name}（${formatRankingValue(top, data.unit)}）` : '';
  return `${head}${range}。${without ? `另有 ${without} 个无法计算。` : ''}${data.scopeNote}`;
}

/** The ranking as a table: ranked items, then those without a value with the reason. */
export function tabulateRanking(data: RankingChartData): ChartTable {
  const ranked = rankItems(data.items);
  const rate = data.unit !== 'count';
  const rows = [
    ...ranked.map((i, n) => ({ header: i.name, cells: [String(n + 1), formatRankingValue(i, data.unit), ...(rate ? [formatFull(i.numerator), formatFull(i.denominator)] : []), i.scopeLabel] })),
    ...data.items
      .filter((i) => i.value === null)
      .sort((a, b) => (a.code < b.code ? -1 : 1))
      .map((i) => ({ header: i.name, cells: ['—', `—（${i.missing ?? '无数据'}）`, ...(rate ? [formatFull(i.numerator), formatFull(i.denominator)] : []), i.scopeLabel] })),
  ];
  return {
    caption: data.title,
    columns: ['地区', '名次', data.metricName, ...(rate ? ['分子', '分母'] : []), '报告范围'],
    rows,
    notes: [data.scopeNote, ...(ranked.some((i) => i.caution) ? ['以“m/n”表示、颜色较浅的比例基数不足 10，仅供参考。'] : [])],
  };
}
