/**
 * A jurisdiction's metric year over year, as a line on a year axis. Each form version is its own
 * series, so the line never runs across the F2019 → F2021 change, and a dashed rule marks the change
 * between the two years. A rate on a small base is drawn hollow and labelled “m/n”, never as a bare
 * percentage. Assumes the points are sorted by year, one per year on file.
 */
import type { EChartsOption } from 'echarts';
import type { FormId } from '../form/types.ts';
import type { Comparability, MetricUnit } from '../metrics/metric-specs.ts';
import { buildAxisStyle, buildBaseOption, buildLabelStyle, buildLegendStyle, isNarrow, type BuiltChart } from './chart-theme.ts';
import type { ChartTable } from './chart-table.ts';
import { INK, SERIES_COLORS } from './palette.ts';
import { formatAxisTick, formatFull, formatPer100, formatPercent, formatProse } from '../views/format-number.ts';

/** One year of the metric. */
export interface TrendPoint {
  readonly year: number;
  readonly form: FormId;
  /** A share is 0–1; null when it could not be computed (see `missing`). */
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly caution: boolean;
  /** Why there is no value, in Chinese; null when there is one. */
  readonly missing: string | null;
  /** Rule ids that fail on the cells used. */
  readonly flags: readonly string[];
}

/** The view data of a trend chart. */
export interface TrendChartData {
  readonly title: string;
  readonly metricName: string;
  readonly unit: MetricUnit;
  readonly comparability: Comparability;
  readonly comparabilityNote: string;
  readonly points: readonly TrendPoint[];
  /** How each form version is named for readers (2019 版表式). */
  readonly formLabels: Readonly<Record<FormId, string>>;
}

/** Formats a year tick without grouping: 2021 → “2021年” (a module-level function, so cache keys see its source). */
export function formatYearTick(year: number): string {
  return `${year}年`;
}

/** Formats a point's value for a label: a percentage, a count, or “m/n” on a small base. */
export function formatTrendValue(point: TrendPoint, unit: MetricUnit): string {
  if (point.value === null) return '—';
  if (point.caution && point.numerator !== null && point.denominator !== null) return `${point.numerator}/${point.denominator}`;
  if (unit === 'share') return formatPercent(point.value);
  if (unit === 'per100') return formatPer100(point.value);
  return formatFull(point.value);
}

/** The years where the form version changes from the point before (the first year of the newer form). */
export function listFormBreaks(points: readonly TrendPoint[]): number[] {
  return points.filter((p, i) => i > 0 && points[i - 1]?.form !== p.form).map((p) => p.year);
}

/** Builds the line option with one series per form version and a dashed rule at each change. */
export function buildTrendOption(data: TrendChartData, width: number): BuiltChart {
  const narrow = isNarrow(width);
  const years = data.points.map((p) => p.year);
  const first = Math.min(...years);
  const last = Math.max(...years);
  const forms = [...new Set(data.points.map((p) => p.form))];
  const scale = data.unit === 'share' ? 100 : 1;
  const breaks = listFormBreaks(data.points);
  const tips = forms.map((form) =>
    data.points
      .filter((p) => p.form === form)
      .map((p) => `${p.year}年 ${data.metricName}：${p.value === null ? `无（${p.missing ?? '未填写'}）` : formatTrendValue(p, data.unit)}${p.denominator !== null && p.value !== null ? `（${formatFull(p.numerator)} / ${formatFull(p.denominator)}）` : ''}${p.caution ? '，基数小，仅供参考' : ''}`),
  );
  const years1 = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const option: EChartsOption = {
    ...buildBaseOption(),
    legend: forms.length > 1 ? { ...buildLegendStyle(), icon: undefined, itemWidth: 16, itemHeight: 8 } : { show: false },
    grid: { left: narrow ? 44 : 56, right: 24, top: forms.length > 1 ? 56 : 40, bottom: 28, containLabel: false },
    xAxis: {
      type: 'value',
      min: first - 0.5,
      max: last + 0.5,
      ...buildAxisStyle(),
      splitLine: { show: false },
      axisLabel: { ...buildLabelStyle(), customValues: years1, formatter: formatYearTick },
      axisTick: { show: false },
    },
    yAxis: {
      type: 'value',
      min: 0,
      ...(data.unit === 'share' ? { max: 100, interval: 25 } : { splitNumber: 4 }),
      ...buildAxisStyle(),
      axisLine: { show: false },
      axisLabel: { ...buildLabelStyle(), formatter: data.unit === 'share' ? '{value}%' : data.unit === 'count' ? formatAxisTick : '{value}' },
    },
    series: forms.map((form, s) => ({
      type: 'line',
      name: data.formLabels[form],
      emphasis: { disabled: true },
      symbolSize: 7,
      connectNulls: false,
      lineStyle: { width: 2, color: SERIES_COLORS[s % SERIES_COLORS.length] },
      itemStyle: { color: SERIES_COLORS[s % SERIES_COLORS.length] },
      data: data.points
        .filter((p) => p.form === form)
        .map((p) => ({
          value: [p.year, p.value === null ? null : p.value * scale],
          symbol: p.caution ? 'emptyCircle' : 'circle',
          label: { show: p.value !== null, position: 'top', formatter: formatTrendValue(p, data.unit), ...buildLabelStyle() },
        })),
      ...(s === 0 && breaks.length
        ? {
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { color: INK, type: 'dashed', width: 1, opacity: 0.6 },
              label: { ...buildLabelStyle(), position: 'end', distance: 2, formatter: '表式变更' },
              data: breaks.map((y) => ({ xAxis: y - 0.5 })),
            },
          }
        : {}),
    })),
  };
  return { option, size: { width, height: narrow ? 220 : 260 }, tips };
}

/** Describes the trend in Chinese: first and last values, the change of form, the cautions. */
export function describeTrend(data: TrendChartData): string {
  const shown = data.points.filter((p) => p.value !== null);
  const fmt = (p: TrendPoint): string => (data.unit === 'count' ? `${formatProse(p.value)}` : formatTrendValue(p, data.unit));
  const firstPoint = shown[0];
  const lastPoint = shown.at(-1);
  const parts: string[] = [];
  if (!firstPoint || !lastPoint) parts.push(`${data.metricName}没有可计算的年份。`);
  else if (firstPoint === lastPoint) parts.push(`只有 ${firstPoint.year} 年一年的数据：${data.metricName} ${fmt(firstPoint)}。`);
  else parts.push(`${data.metricName}从 ${firstPoint.year} 年的 ${fmt(firstPoint)} 到 ${lastPoint.year} 年的 ${fmt(lastPoint)}。`);
  for (const y of listFormBreaks(data.points)) parts.push(`${y} 年起报告使用新表式（${data.comparabilityNote}）`);
  const missing = data.points.filter((p) => p.value === null).map((p) => `${p.year} 年（${p.missing ?? '未填写'}）`);
  if (missing.length) parts.push(`无法计算：${missing.join('、')}。`);
  if (data.points.some((p) => p.caution)) parts.push('空心点的基数不足，仅供参考。');
  return parts.join('');
}

/** The trend as a table: one row per year with value, numerator, denominator and form. */
export function tabulateTrend(data: TrendChartData): ChartTable {
  const rate = data.unit !== 'count';
  return {
    caption: data.title,
    columns: rate ? ['年度', data.metricName, '分子', '分母', '表式'] : ['年度', data.metricName, '表式'],
    rows: data.points.map((p) => ({
      header: `${p.year}年`,
      cells: rate
        ? [p.value === null ? `—（${p.missing ?? '未填写'}）` : formatTrendValue(p, data.unit), formatFull(p.numerator), formatFull(p.denominator), data.formLabels[p.form]]
        : [p.value === null ? `—（${p.missing ?? '未填写'}）` : formatFull(p.value), data.formLabels[p.form]],
    })),
    notes: [data.comparabilityNote, ...(data.points.some((p) => p.caution) ? ['以“m/n”表示的比例基数不足 10，仅供参考。'] : [])],
  };
}
