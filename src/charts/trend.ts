/**
 * A jurisdiction's metric year over year, as a line on a year axis. Each form version is its own
 * series, so the line never runs across the F2019 → F2021 change, and a dashed rule marks the change
 * between the two years. A rate on a small base is drawn hollow and labelled “m/n”, never as a bare
 * percentage. Assumes the points are sorted by year, one per year on file.
 */
import type { EChartsOption } from 'echarts';
import type { FormId } from '../form/types.ts';
import type { Comparability, MetricUnit } from '../metrics/metric-specs.ts';
import { buildAxisStyle, buildBaseOption, buildLabelStyle, buildLegendStyle, estimateTextWidth, FONT_SIZE, isNarrow, type BuiltChart } from './chart-theme.ts';
import { drawFrom, describePoint, formatMetricHeading, type ChartEntry, type ChartNumbers, type ChartTable } from './chart-entry.ts';
import { buildLineType, pickLineMark } from './marks.ts';
import { CAUTION_FILL_ALPHA, fadeColor, INK, OKABE_ITO, SERIES_COLORS } from './palette.ts';
import { formatAxisTick, formatFull, formatPer100, formatPercent, formatProse, formatShare } from '../format/format-number.ts';
import type { JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import type { CheckedReport } from '../reports/types.ts';
import { deriveMetric } from '../metrics/derive-metrics.ts';
import { seriesOf } from '../reports/report-id.ts';
import { findMetricOrThrow, labelForms, nameSeries } from './read-report.ts';

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

/** Formats a point's value for a label: a percentage, a count, or “n件中m件” on a small base (as key figures and lists write it). */
export function formatTrendValue(point: TrendPoint, unit: MetricUnit): string {
  if (point.value === null) return '—';
  if (point.caution && point.numerator !== null && point.denominator !== null) return formatShare(point.numerator, point.denominator, true).text;
  if (unit === 'share') return formatPercent(point.value);
  if (unit === 'per100') return formatPer100(point.value);
  return formatFull(point.value);
}

/** Formats a year tick as the bare year, for axes too narrow for “2021年” (a module-level function, so cache keys see its source). */
export function formatShortYearTick(year: number): string {
  return String(year);
}

/** The least room between two labels on the year axis or between two value labels. */
const LABEL_SPACE = 6;

/** The diameter of a point. */
const SYMBOL_SIZE = 7;

/** The height the legend takes at the top. */
const LEGEND_ROOM = 16;

/**
 * Picks the year ticks for the room one year gets: every year as “2021年” when that fits, else the
 * bare year, every k-th one counted back from the latest year so that the newest is always labelled.
 */
export function planYearTicks(first: number, last: number, perYear: number): { years: number[]; short: boolean } {
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  if (estimateTextWidth(formatYearTick(last)) + LABEL_SPACE <= perYear) return { years, short: false };
  const step = Math.ceil((estimateTextWidth(formatShortYearTick(last)) + LABEL_SPACE) / perYear);
  return { years: years.filter((y) => (last - y) % step === 0), short: true };
}

/** The years where the form version changes from the point before (the first year of the newer form). */
export function listFormBreaks(points: readonly TrendPoint[]): number[] {
  return points.filter((p, i) => i > 0 && points[i - 1]?.form !== p.form).map((p) => p.year);
}

/** Builds the line option with one series per form version and a dashed rule at each change. */
export function buildTrendOption(data: Pick<TrendChartData, 'metricName' | 'unit' | 'points' | 'formLabels'>, width: number): BuiltChart {
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
      .map((p) => `${p.year}年 ${data.metricName}：${p.value === null ? `无（${p.missing ?? '未填写'}）` : formatTrendValue(p, data.unit)}${p.denominator !== null && p.value !== null && !p.caution ? `（${formatFull(p.numerator)} / ${formatFull(p.denominator)}）` : ''}${p.caution ? '，基数小，仅供参考' : ''}`),
  );
  const grid = { left: narrow ? 44 : 56, right: 24 };
  const perYear = (width - grid.left - grid.right) / (last - first + 1);
  const ticks = planYearTicks(first, last, perYear);
  // Every value label when they fit side by side; else only each series' latest (the table and hover texts have all).
  const labelsFit = data.points.every((p) => estimateTextWidth(formatTrendValue(p, data.unit)) + LABEL_SPACE <= perYear);
  const lastOfForm = new Set(forms.map((form) => data.points.filter((p) => p.form === form).at(-1)));
  // “表式变更” sits above the plot, higher than a top point's value label (half the symbol, the label's
  // distance, one line) and below the legend.
  const breakDistance = Math.ceil(SYMBOL_SIZE / 2 + 5 + FONT_SIZE * 1.2 + LABEL_SPACE / 2);
  const top = Math.max(forms.length > 1 ? 56 : 40, breaks.length ? LEGEND_ROOM + FONT_SIZE * 1.2 + breakDistance : 0);
  const option: EChartsOption = {
    ...buildBaseOption(),
    legend: forms.length > 1 ? { ...buildLegendStyle(), icon: undefined, itemWidth: 16, itemHeight: 8 } : { show: false },
    grid: { ...grid, top: Math.ceil(top), bottom: 28, containLabel: false },
    xAxis: {
      type: 'value',
      min: first - 0.5,
      max: last + 0.5,
      ...buildAxisStyle(),
      splitLine: { show: false },
      axisLabel: { ...buildLabelStyle(), customValues: ticks.years, formatter: ticks.short ? formatShortYearTick : formatYearTick },
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
    series: forms.map((form, s) => {
      const color = SERIES_COLORS[s % SERIES_COLORS.length] ?? OKABE_ITO.blue;
      // Each form's line has its own dash and point shape besides its colour (black-and-white print).
      const mark = pickLineMark(s);
      return {
        type: 'line',
        name: data.formLabels[form],
        emphasis: { disabled: true },
        symbol: mark.symbol,
        symbolSize: SYMBOL_SIZE,
        connectNulls: false,
        lineStyle: { width: 2, color, type: buildLineType(mark) },
        itemStyle: { color },
        data: data.points
          .filter((p) => p.form === form)
          .map((p) => ({
            value: [p.year, p.value === null ? null : p.value * scale],
            // Hollow on a small base: a faint fill inside a solid ring (ECharts' own hollow
            // symbol is filled white, which glares on a dark page).
            ...(p.caution ? { itemStyle: { color: fadeColor(color, CAUTION_FILL_ALPHA), borderColor: color, borderWidth: 1.5 } } : {}),
            label: { show: p.value !== null && (labelsFit || lastOfForm.has(p)), position: 'top', formatter: formatTrendValue(p, data.unit), ...buildLabelStyle() },
          })),
        ...(s === 0 && breaks.length
          ? {
              markLine: {
                silent: true,
                symbol: 'none',
                lineStyle: { color: INK, type: 'dashed', width: 1, opacity: 0.6 },
                // The label in full ink (the rule is faint): it must read in greyscale too.
                label: { ...buildLabelStyle(), opacity: 1, position: 'end', distance: breakDistance, formatter: '表式变更' },
                data: breaks.map((y) => ({ xAxis: y - 0.5 })),
              },
            }
          : {}),
      };
    }),
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

/** Notes that go with the trend wherever it is shown: the years whose value uses cells that fail a consistency rule. */
export function listTrendNotes(data: TrendChartData): string[] {
  return data.points
    .filter((p) => p.value !== null && p.flags.length)
    .map((p) => `${p.year} 年的${data.metricName}所用数字未通过报告自身的核对（${p.flags.join('、')}），照印计算，未作修改。`);
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

/** One metric by year: the value, its numerator and denominator, the form, and why a value is missing or cautioned. */
export function tabulateTrendNumbers(data: TrendChartData): ChartNumbers {
  return {
    columns: ['年度', '表式', formatMetricHeading(data.metricName, data.unit), '分子', '分母', '说明'],
    rows: data.points.map((p) => [p.year, data.formLabels[p.form], p.value, p.numerator, p.denominator, describePoint(p.missing, p.caution, p.flags)]),
  };
}

/** One trend chart per metric over a series' reports (a government's or a department's), drawn when the metric has a value in two years or more. */
export function listTrendCharts(series: readonly CheckedReport[], metricIds: readonly string[], jurisdictions: JurisdictionIndex): ChartEntry[] {
  return metricIds.map((id): ChartEntry => {
    const data = deriveTrendData(series, id, jurisdictions);
    // A line needs two points: a metric with a value in one year only is told in words and its table, not drawn as one dot.
    const drawable = data.points.filter((p) => p.value !== null).length >= 2;
    return { key: `trend-${id}`, title: data.title, description: describeTrend(data), table: tabulateTrend(data), data: tabulateTrendNumbers(data), notes: listTrendNotes(data), ...drawFrom('trend', { metricName: data.metricName, unit: data.unit, points: data.points, formLabels: data.formLabels }, buildTrendOption, drawable) };
  });
}
