/**
 * A comparison of one metric across comparable publishers for one year (the governments of one
 * level, the departments of one kind), as ranked horizontal bars. One chart holds one group only: a
 * province's figure already includes its prefectures, so levels are never drawn on one scale or
 * added together. The ranking rule is src/metrics/rank-values.ts: a value on a small base is not
 * ranked but listed apart under the bars as “n件中m件”; each name carries its report's scope; a value
 * whose cells fail a consistency rule carries the rule beside it; items without a value are in the
 * table only.
 */
import type { EChartsOption } from 'echarts';
import type { RuleId } from '../form/rules.ts';
import type { MetricSpec, MetricUnit } from '../metrics/metric-specs.ts';
import { rankValues, type Rankable, type Ranking } from '../metrics/rank-values.ts';
import { buildAxisStyle, buildBaseOption, buildLabelStyle, FONT_SIZE, measureLabelRoom, measureValueRoom, type BuiltChart } from './chart-theme.ts';
import { drawFrom, describePoint, formatMetricHeading, type ChartDatum, type ChartEntry, type ChartNumbers, type ChartTable } from './chart-entry.ts';
import { INK, OKABE_ITO } from './palette.ts';
import { formatFull, formatPer100, formatPercent, formatShare } from '../format/format-number.ts';
import { LEVEL_LABELS, LEVELS, type JurisdictionIndex, type Level } from '../jurisdictions/jurisdictions.ts';
import { deriveMetric } from '../metrics/derive-metrics.ts';
import { REPORT_SCOPE_SHORT, REPORT_SCOPES } from '../reports/front-matter.ts';
import { parseReportId } from '../publishers/publisher.ts';
import type { CheckedReport } from '../reports/types.ts';
import { findMetricOrThrow, nameJurisdiction } from './read-report.ts';

/** One publisher's value. */
export interface RankingItem extends Rankable {
  /** The jurisdiction code or publisher key: unique in the chart, orders ties. */
  readonly key: string;
  readonly name: string;
  /** A share is 0–1; null when it cannot be computed. */
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  /** The denominator is below the metric's threshold: listed apart, not ranked. */
  readonly caution: boolean;
  /** Why there is no value; null when there is one. */
  readonly missing: string | null;
  /** What the report covers (本级政府及其部门 …), as the table and CSV say it. */
  readonly scopeLabel: string;
  /** The same, short, beside the name in the chart (本级政府, 全辖区). */
  readonly scopeShort: string;
  /** Consistency rules that fail on a cell the value uses: drawn beside the value, never corrected. */
  readonly flags: readonly RuleId[];
}

/** The view data of one ranking chart. */
export interface RankingChartData {
  /** The chart's key on its page: ranking-county, ranking-jiaoyu-prefecture. */
  readonly key: string;
  readonly title: string;
  readonly metricName: string;
  readonly unit: MetricUnit;
  readonly year: number;
  /** Who is compared, as prose names them: 县级, 地市级教育局. */
  readonly groupLabel: string;
  /** What one item is: 地区, 部门. */
  readonly itemLabel: string;
  /** The metric's small-base threshold (a denominator below it is not ranked). */
  readonly cautionBelow: number;
  /** Every publisher of the group with a report that year, in any order (the builder ranks them). */
  readonly items: readonly RankingItem[];
  /** The scope note shown with every comparison. */
  readonly scopeNote: string;
}

const BAR_ROW = 22;
const LIST_ROW = 20;

/** Formats an item's value: percentage, per-100 or count; on a small base “n件中m件”. */
export function formatRankingValue(item: RankingItem, unit: MetricUnit): string {
  if (item.value === null) return '—';
  if (item.caution && item.numerator !== null && item.denominator !== null) return formatShare(item.numerator, item.denominator, true).text;
  if (unit === 'share') return formatPercent(item.value);
  if (unit === 'per100') return formatPer100(item.value);
  return formatFull(item.value);
}

/** The flag written beside a value whose cells fail a rule: （未通过 T3-B）; empty when none. */
export function formatRankingFlag(item: RankingItem): string {
  return item.flags.length ? `（未通过 ${item.flags.join('、')}）` : '';
}

/** The name as the chart writes it, with the report's scope: 同江市（本级政府）. */
export function formatRankingName(item: RankingItem): string {
  return `${item.name}（${item.scopeShort}）`;
}

/** Splits and ranks a chart's items by the site's ranking rule. */
export function rankItems(data: RankingChartData): Ranking<RankingItem> {
  return rankValues(data.items);
}

/** Whether a ranking has anything to draw: a ranked value or one listed apart. */
export function hasRanking(data: RankingChartData): boolean {
  const { ranked, smallBase } = rankItems(data);
  return ranked.length + smallBase.length > 0;
}

/** Whether the chart's one counted value stands alone, drawn but not ranked (rankValues gives it no rank). */
function standsAlone(ranking: Ranking<RankingItem>): boolean {
  return ranking.ranked.length === 1;
}

/** Says that a value alone is not ranked: 同级仅此一个地区有可比数值，不排名. */
function formatAloneNote(data: RankingChartData): string {
  return `${data.groupLabel}仅此一个${data.itemLabel}有可比的数值，不排名；图中只有一条，不是第 1 名。`;
}

/** The heading of the small-base list under the bars. */
function formatSmallBaseHeading(data: RankingChartData): string {
  return `基数不足 ${data.cautionBelow} 件，不参与排名：`;
}

/**
 * Builds the ranked horizontal bar option; height grows with the number of items. Small-base items
 * follow the bars as text rows (name, then “n件中m件”), under a heading that says why they are apart.
 */
export function buildRankingOption(data: RankingChartData, width: number): BuiltChart {
  const { ranked, smallBase } = rankItems(data);
  const items = ranked.map((r) => r.item);
  const left = measureLabelRoom([...items, ...smallBase].map(formatRankingName));
  const valueLabel = (i: RankingItem): string => `${formatRankingValue(i, data.unit)}${formatRankingFlag(i)}`;
  const right = measureValueRoom(items.map(valueLabel));
  const barsHeight = items.length ? 8 + items.length * BAR_ROW : 0;
  const text = (x: number, y: number, content: string, align: 'left' | 'right'): Record<string, unknown> => ({
    type: 'text',
    x,
    y,
    silent: true,
    style: { text: content, fill: INK, fontSize: FONT_SIZE, align, verticalAlign: 'middle' },
  });
  const listTop = barsHeight + (items.length ? 10 : 0);
  const graphic = smallBase.length
    ? [
        text(4, listTop + LIST_ROW / 2, formatSmallBaseHeading(data), 'left'),
        ...smallBase.flatMap((i, n) => {
          const y = listTop + LIST_ROW * (n + 1.5);
          return [text(left - 8, y, formatRankingName(i), 'right'), text(left, y, `${formatRankingValue(i, data.unit)}${formatRankingFlag(i)}`, 'left')];
        }),
      ]
    : [];
  const height = smallBase.length ? listTop + LIST_ROW * (smallBase.length + 1) + 6 : barsHeight;
  const tips = [
    ranked.map(({ item: i, rank }) => {
      const parts = i.denominator !== null && data.unit !== 'count' ? `（${formatFull(i.numerator)} / ${formatFull(i.denominator)}）` : '';
      return `${rank === null ? '' : `第 ${rank} 名 `}${i.name}（${i.scopeLabel}）：${formatRankingValue(i, data.unit)}${parts}${i.flags.length ? `，报告所印数字未通过核对 ${i.flags.join('、')}` : ''}`;
    }),
  ];
  const bars: EChartsOption = items.length
    ? {
        grid: { left, right, top: 4, bottom: height - barsHeight + 4, containLabel: false },
        xAxis: { type: 'value', show: false, min: 0, max: 'dataMax' },
        yAxis: { type: 'category', inverse: true, data: items.map(formatRankingName), ...buildAxisStyle(), axisLine: { show: false } },
        series: [
          {
            type: 'bar',
            barWidth: 12,
            emphasis: { disabled: true },
            data: items.map((i) => ({
              value: i.value,
              itemStyle: { color: OKABE_ITO.blue },
              label: { show: true, position: 'right', formatter: valueLabel(i), ...buildLabelStyle() },
            })),
          },
        ],
      }
    : {};
  const option: EChartsOption = { ...buildBaseOption(), ...bars, ...(graphic.length ? { graphic } : {}) };
  return { option, size: { width, height: Math.max(height, 30) }, tips };
}

/** Names items with their values for prose: 同江市（36.0%）. */
function listNamed(items: readonly RankingItem[], unit: MetricUnit): string {
  return items.map((i) => `${i.name}（${formatRankingValue(i, unit)}）`).join('、');
}

/** Describes the ranking in Chinese: how many are ranked, the highest and lowest, those apart and flagged, the scope note. */
export function describeRanking(data: RankingChartData): string {
  const ranking = rankItems(data);
  const { ranked, smallBase, missing } = ranking;
  const top = ranked[0]?.item;
  const bottom = ranked.at(-1)?.item;
  const n = `个${data.itemLabel}`;
  const head = `${data.year} 年${data.groupLabel}${data.metricName}：${standsAlone(ranking) ? `仅 1 ${n}有可比的数值，不排名` : `${ranked.length} ${n}参与排名`}`;
  const range = top && bottom && top !== bottom ? `，最高为${top.name}（${formatRankingValue(top, data.unit)}），最低为${bottom.name}（${formatRankingValue(bottom, data.unit)}）` : top ? `：${top.name}（${formatRankingValue(top, data.unit)}）` : '';
  const apart = smallBase.length ? `基数不足 ${data.cautionBelow} 件、不参与排名的 ${smallBase.length} ${n}：${listNamed(smallBase, data.unit)}。` : '';
  const flagged = data.items.filter((i) => i.value !== null && i.flags.length);
  const flags = flagged.length ? `报告所印数字未通过核对的：${flagged.map((i) => `${i.name}（${i.flags.join('、')}）`).join('、')}，照印公布。` : '';
  const without = missing.length ? `另有 ${missing.length} ${n}无法计算。` : '';
  return `${head}${range}。${apart}${flags}${without}${data.scopeNote}`;
}

/** The notes a ranking shows with it wherever it goes (page, embed, image): items apart and flagged. */
export function listRankingNotes(data: RankingChartData): string[] {
  const ranking = rankItems(data);
  const { smallBase } = ranking;
  const flagged = data.items.filter((i) => i.value !== null && i.flags.length);
  return [
    ...(standsAlone(ranking) ? [formatAloneNote(data)] : []),
    ...(smallBase.length ? [`基数不足 ${data.cautionBelow} 件的比例不参与排名，列在排名之后，以“n件中m件”表示：${listNamed(smallBase, data.unit)}。`] : []),
    ...(flagged.length ? [`标“未通过”的数字，报告自身未通过所注核对（${[...new Set(flagged.flatMap((i) => i.flags))].join('、')}），照印公布，未作修改；详见各报告页的数据质量说明。`] : []),
  ];
}

/** The ranking as a table: ranked items with their rank, those on a small base apart, then those without a value with the reason. */
export function tabulateRanking(data: RankingChartData): ChartTable {
  const { ranked, smallBase, missing } = rankItems(data);
  const rate = data.unit !== 'count';
  const row = (i: RankingItem, rank: string, value: string): { header: string; cells: string[] } => ({
    header: i.name,
    cells: [rank, value, ...(rate ? [formatFull(i.numerator), formatFull(i.denominator)] : []), i.scopeLabel, i.flags.length ? `未通过 ${i.flags.join('、')}` : ''],
  });
  return {
    caption: data.title,
    columns: [data.itemLabel, '名次', data.metricName, ...(rate ? ['分子', '分母'] : []), '报告范围', '核对'],
    rows: [
      ...ranked.map(({ item, rank }) => row(item, rank === null ? '不排名（同级仅此一个）' : String(rank), formatRankingValue(item, data.unit))),
      ...smallBase.map((i) => row(i, '不排名（基数小）', formatRankingValue(i, data.unit))),
      ...missing.map((i) => row(i, '—', `—（${i.missing ?? '无数据'}）`)),
    ],
    notes: [data.scopeNote, ...listRankingNotes(data)],
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
export function groupByLevel(reports: readonly CheckedReport[], year: number, agency: string | null, jurisdictions: JurisdictionIndex): Map<Level, CheckedReport[]> {
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
  // Derived once per list of reports: a comparison's keys, its page, its embeds' listing and the chart
  // plan all ask for the same rankings (src/routes/keys.ts, src/views/page-chart-homes.ts).
  const byRanking = derivedRankings.get(reports) ?? new Map<string, { jurisdictions: JurisdictionIndex; data: RankingChartData[] }>();
  derivedRankings.set(reports, byRanking);
  const id = `${year}\u0000${metricId}`;
  const known = byRanking.get(id);
  if (known?.jurisdictions === jurisdictions) return known.data;
  const data = deriveRankingDataOnce(yearReports(reports, year), metricId, year, jurisdictions);
  byRanking.set(id, { jurisdictions, data });
  return data;
}

/** The rankings derived from each list of reports, by year and metric, with the jurisdictions they were derived with. */
const derivedRankings = new WeakMap<readonly CheckedReport[], Map<string, { jurisdictions: JurisdictionIndex; data: RankingChartData[] }>>();

/** Each list of reports by year, in input order, grouped on first use. */
const byYearOf = new WeakMap<readonly CheckedReport[], Map<number, CheckedReport[]>>();

/** The reports of one year in a list, in its order (the same array for every call on the same list). */
function yearReports(reports: readonly CheckedReport[], year: number): readonly CheckedReport[] {
  let byYear = byYearOf.get(reports);
  if (!byYear) {
    byYear = new Map();
    for (const r of reports) {
      const list = byYear.get(r.meta.year);
      if (list) list.push(r);
      else byYear.set(r.meta.year, [r]);
    }
    byYearOf.set(reports, byYear);
  }
  return byYear.get(year) ?? [];
}

/** deriveRankingData without the memo. */
function deriveRankingDataOnce(reports: readonly CheckedReport[], metricId: string, year: number, jurisdictions: JurisdictionIndex): RankingChartData[] {
  const metric = findMetricOrThrow(metricId);
  const byLevel = groupByLevel(reports, year, null, jurisdictions);
  const name = (r: CheckedReport): RankingName => ({ key: r.meta.jurisdiction, name: nameJurisdiction(r, jurisdictions) });
  return LEVELS
    .filter((l) => byLevel.has(l))
    .map((level) => composeRankingData(metric, year, { key: `ranking-${level}`, label: LEVEL_LABELS[level], itemLabel: '地区' }, deriveRankingItems(byLevel.get(level) ?? [], metric, name)));
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

/** A ranking chart, ready for a page. */
export function buildRankingChart(data: RankingChartData): ChartEntry {
  return { key: data.key, title: data.title, description: describeRanking(data), table: tabulateRanking(data), data: tabulateRankingNumbers(data), notes: listRankingNotes(data), ...drawFrom('ranking', data, buildRankingOption, hasRanking(data)) };
}

/** The charts of a comparison page (one metric, one year): one ranking per level, province first. */
export function listRankingCharts(reports: readonly CheckedReport[], metricId: string, year: number, jurisdictions: JurisdictionIndex): ChartEntry[] {
  return deriveRankingData(reports, metricId, year, jurisdictions).map(buildRankingChart);
}
