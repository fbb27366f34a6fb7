/**
 * Review and litigation (table 四): 行政复议, 未经复议直接起诉, 复议后起诉 as horizontal bars stacked by
 * result (维持 / 纠正 / 其他 / 尚未审结), in form order. Segment labels are drawn only where the segment
 * is wide enough to hold them; every number is in the tooltip and the table.
 */
import type { EChartsOption } from 'echarts';
import { buildAxisStyle, buildBaseOption, buildLabelStyle, buildLegendStyle, estimateTextWidth, measureLabelRoom, type BuiltChart } from './chart-theme.ts';
import { drawFrom, type ChartEntry, type ChartNumbers, type ChartTable } from './chart-entry.ts';
import { buildBarStyle, pickBarPattern } from './marks.ts';
import { APPEAL_RESULT_COLORS, NEUTRAL, pickTextColor } from './palette.ts';
import { formatFull, formatProse } from '../format/format-number.ts';
import type { JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import type { CheckedReport } from '../reports/types.ts';
import { listChartRuleNotes, nameSeries, readValue, totalColumnLabel } from './read-report.ts';

/** One result column of table 四. */
export interface AppealResult {
  readonly code: string;
  readonly label: string;
}

/** One row of table 四 with its results in column order and its printed total. */
export interface AppealRow {
  readonly code: string;
  readonly label: string;
  /** Values in the order of `AppealsChartData.results`; null when blank. */
  readonly values: readonly (number | null)[];
  readonly total: number | null;
}

/** The view data of the appeals chart. */
export interface AppealsChartData {
  readonly title: string;
  readonly results: readonly AppealResult[];
  /** The form's label of the total column (总计). */
  readonly totalLabel: string;
  readonly rows: readonly AppealRow[];
  /** Sentences about rows whose results do not add up to the printed total (T4-A). */
  readonly notes: readonly string[];
}

const BAR_ROW = 34;
const MIN_LABEL_PX = 26;
/** The width of the outline in the segment's colour that clears the fill pattern around a label's digits. */
const LABEL_HALO = 3;

/** Whether any case is on file. */
export function hasAppeals(data: AppealsChartData): boolean {
  return data.rows.some((r) => (r.total ?? 0) > 0 || r.values.some((v) => (v ?? 0) > 0));
}

/** Builds the stacked-bar option, one series per result, rows top to bottom in form order. */
export function buildAppealsOption(data: Pick<AppealsChartData, 'results' | 'rows'>, width: number): BuiltChart {
  const categories = data.rows.map((r) => `${r.label} ${formatFull(r.total)}`);
  const categoryWidth = measureLabelRoom(categories);
  const plotWidth = width - categoryWidth - 16;
  const max = Math.max(1, ...data.rows.map((r) => r.values.reduce<number>((a, v) => a + (v ?? 0), 0)));
  const tips = data.results.map((res, s) =>
    data.rows.map((row) => `${row.label}：${res.label} ${formatFull(row.values[s] ?? null)} 件（总计 ${formatFull(row.total)} 件）`),
  );
  const option: EChartsOption = {
    ...buildBaseOption(),
    legend: { ...buildLegendStyle() },
    grid: { left: categoryWidth, right: 16, top: 32, bottom: 4, containLabel: false },
    xAxis: { type: 'value', show: false, max },
    yAxis: {
      type: 'category',
      inverse: true,
      data: categories,
      ...buildAxisStyle(),
      axisLine: { show: false },
    },
    series: data.results.map((res, s) => {
      const color = APPEAL_RESULT_COLORS[res.code] ?? NEUTRAL;
      const itemStyle = buildBarStyle(color, pickBarPattern(s));
      const halo = itemStyle.decal ? LABEL_HALO : 0;
      // Each result has its own fill pattern besides its colour; a segment's number has an outline in
      // the segment's colour, so the pattern does not run through the digits.
      return {
        type: 'bar',
        name: res.label,
        stack: 'results',
        barWidth: 16,
        emphasis: { disabled: true },
        itemStyle,
        data: data.rows.map((row) => {
          const v = row.values[s] ?? null;
          const text = formatFull(v);
          const show = v !== null && v > 0 && (v / max) * plotWidth >= Math.max(MIN_LABEL_PX, estimateTextWidth(text) + 2 * halo);
          return { value: v ? v : '-', label: { show, position: 'inside', formatter: text, ...buildLabelStyle(), color: pickTextColor(color), ...(halo ? { textBorderColor: color, textBorderWidth: halo } : {}) } };
        }),
      };
    }),
  };
  return { option, size: { width, height: 40 + data.rows.length * BAR_ROW }, tips };
}

/** Describes the review and litigation figures in Chinese. */
export function describeAppeals(data: AppealsChartData): string {
  if (!hasAppeals(data)) return `报告的复议、诉讼各项均为 0 或未填写。`;
  const parts = data.rows.map((row) => {
    if (!row.total) return `${row.label} ${formatProse(row.total)} 件`;
    const detail = data.results
      .map((res, s) => ({ res, v: row.values[s] ?? null }))
      .filter((x) => x.v === null || x.v > 0)
      .map((x) => `${x.res.label} ${formatProse(x.v)}`)
      .join('、');
    return `${row.label} ${formatProse(row.total)} 件（${detail}）`;
  });
  return `${parts.join('；')}。`;
}

/** The figures as a table: rows of table 四, columns of results and the printed total. */
export function tabulateAppeals(data: AppealsChartData): ChartTable {
  return {
    caption: data.title,
    columns: ['类别', ...data.results.map((r) => r.label), data.totalLabel],
    rows: data.rows.map((row) => ({ header: row.label, cells: [...row.values.map((v) => formatFull(v)), formatFull(row.total)] })),
    notes: data.notes,
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

/** Review and litigation: the rows of table 四 by result, with the printed total. */
export function tabulateAppealsNumbers(data: AppealsChartData): ChartNumbers {
  return {
    columns: ['类别', '代码', ...data.results.map((r) => r.label), data.totalLabel],
    rows: data.rows.map((row) => [row.label, row.code, ...data.results.map((_r, s) => row.values[s] ?? null), row.total]),
  };
}

/** The key of the review and litigation chart among a report's charts. */
export const APPEALS_KEY = 'appeals';

/** A report's review and litigation chart. */
export function buildAppealsChart(report: CheckedReport, jurisdictions: JurisdictionIndex): ChartEntry {
  const appeals = deriveAppealsData(report, jurisdictions);
  return { key: APPEALS_KEY, title: appeals.title, description: describeAppeals(appeals), table: tabulateAppeals(appeals), data: tabulateAppealsNumbers(appeals), notes: appeals.notes, ...drawFrom('appeals', { results: appeals.results, rows: appeals.rows }, buildAppealsOption, hasAppeals(appeals)) };
}
