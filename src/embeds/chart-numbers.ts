/**
 * The numbers behind each chart, for its CSV download: the same chart data the chart and its table
 * are built from, but as plain numbers (no grouping, no percent signs, no 万) with an empty value
 * where the chart has none. Only the figures a chart draws are listed, each once, with the code of
 * the printed row or column it comes from; a figure the chart computes (an outcome group that adds up
 * several printed rows) says so in its 说明 column. Shares are ratios 0–1 at full precision.
 */
import type { ActiveChartData } from '../charts/active.ts';
import type { AppealsChartData } from '../charts/appeals.ts';
import type { ApplicantChartData } from '../charts/applicants.ts';
import type { PriorYearChartData } from '../charts/prior-year.ts';
import { rankItems, type RankingChartData, type RankingItem } from '../charts/ranking.ts';
import type { RequestFlowChartData } from '../charts/request-flow.ts';
import type { TrendChartData } from '../charts/trend.ts';
import type { MetricUnit } from '../metrics/metric-specs.ts';

/** One field of a chart's numbers: text, a number, or null for no value (an empty CSV field). */
export type ChartDatum = string | number | null;

/** A chart's numbers as a table: column headings and rows of the same length. */
export interface ChartNumbers {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly ChartDatum[])[];
}

/** The note of a figure the chart adds up from printed rows. */
export const SUM_NOTE = '各原因之和，报告未单独印出';

/** Heads a metric's value column with its unit: a share is a ratio, not a percentage. */
export function formatMetricHeading(name: string, unit: MetricUnit): string {
  if (unit === 'share') return `${name}（比例，0–1）`;
  if (unit === 'per100') return `${name}（每百件）`;
  return name;
}

/** The request flow: received, every outcome group and reason, carried forward, and the printed total. */
export function tabulateRequestFlowNumbers(data: RequestFlowChartData): ChartNumbers {
  return {
    columns: ['项目', '代码', '所属', '件数', '说明'],
    rows: [
      [data.receivedNewLabel, 'received_new', '', data.receivedNew, ''],
      [data.carriedOverLabel, 'carried_over', '', data.carriedOver, ''],
      ...data.groups.flatMap((g) => [
        [g.label, g.key, '', g.value, g.reasons.length ? SUM_NOTE : ''],
        ...g.reasons.map((r) => [r.fullLabel, r.code, g.label, r.value, '']),
      ]),
      ['办理结果总计（报告所印）', 'processed_total', '', data.printedTotal, ''],
    ],
  };
}

/** The applicants: row 本年新收 of table 三 by applicant column, in form order, then the printed total. */
export function tabulateApplicantNumbers(data: ApplicantChartData): ChartNumbers {
  return {
    columns: ['申请人', '代码', '所属', `${data.rowLabel}（件）`],
    rows: [...data.items.map((i) => [i.label, i.code, i.group ?? '', i.value]), [data.totalLabel, 'total', '', data.total]],
  };
}

/** Review and litigation: the rows of table 四 by result, with the printed total. */
export function tabulateAppealsNumbers(data: AppealsChartData): ChartNumbers {
  return {
    columns: ['类别', '代码', ...data.results.map((r) => r.label), data.totalLabel],
    rows: data.rows.map((row) => [row.label, row.code, ...data.results.map((_r, s) => row.values[s] ?? null), row.total]),
  };
}

/** Active disclosure: the document counts by column, then the decision counts (the figures drawn). */
export function tabulateActiveNumbers(data: ActiveChartData): ChartNumbers {
  return {
    columns: ['项目', '代码', '栏目', '栏目代码', '数值'],
    rows: [
      ...data.documents.rows.flatMap((row) => data.documents.columns.map((c, s) => [row.label, row.code, c.label, c.code, row.values[s] ?? null])),
      ...data.decisions.rows.map((row) => [row.label, row.code, data.decisions.columnLabel, 'decisions', row.value]),
    ],
  };
}

/** One metric by year: the value, its numerator and denominator, the form, and why a value is missing or cautioned. */
export function tabulateTrendNumbers(data: TrendChartData): ChartNumbers {
  return {
    columns: ['年度', '表式', formatMetricHeading(data.metricName, data.unit), '分子', '分母', '说明'],
    rows: data.points.map((p) => [p.year, data.formLabels[p.form], p.value, p.numerator, p.denominator, describePoint(p.missing, p.caution, p.flags)]),
  };
}

/** What the report says about the year before: previous-year counts and changes, then carried-over requests. */
export function tabulatePriorYearNumbers(data: PriorYearChartData): ChartNumbers {
  return {
    columns: ['项目', '代码', `${data.previousLabel}（${data.year - 1} 年）`, data.changeLabel],
    rows: [...data.items.map((i) => [i.label, i.code, i.previous, i.change]), [`${data.carriedOverLabel}申请`, 'carried_over', data.carriedOver, null]],
  };
}

/**
 * One ranking: the ranked items in rank order with their rank, then those on a small base (no rank),
 * then those without a value; each with its value, numerator, denominator, scope (Chinese and code)
 * and the consistency rules failing on its cells.
 */
export function tabulateRankingNumbers(data: RankingChartData): ChartNumbers {
  const { ranked, smallBase, missing } = rankItems(data);
  const alone = ranked.length === 1 ? `同级仅此一个${data.itemLabel}有可比的数值，不排名` : '';
  const row = (i: RankingItem, rank: number | null, note = ''): ChartDatum[] => [i.name, i.key, rank, i.value, i.numerator, i.denominator, i.scopeLabel, i.flags.join(' '), [note, describePoint(i.missing, i.caution, i.flags, `基数不足 ${data.cautionBelow}，不参与排名，仅供参考`)].filter(Boolean).join('；')];
  return {
    columns: [data.itemLabel, '代码', '名次', formatMetricHeading(data.metricName, data.unit), '分子', '分母', '报告范围', '未通过的核对', '说明'],
    rows: [...ranked.map((r) => row(r.item, r.rank, alone)), ...smallBase.map((i) => row(i, null)), ...missing.map((i) => row(i, null))],
  };
}

/** The 说明 of a metric value: why it is missing, that its base is small, which rules fail on its cells. */
function describePoint(missing: string | null, caution: boolean, flags: readonly string[], cautionText = '基数不足 10，仅供参考'): string {
  return [missing ?? '', caution ? cautionText : '', flags.length ? `涉及未通过的核对：${flags.join('、')}` : ''].filter(Boolean).join('；');
}
