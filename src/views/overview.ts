/**
 * A year's headline figures across every report on file, by group (the governments of each level,
 * the departments of each level): how many reports and of what scope, requests received, outcome
 * shares, review and litigation correction rates, and how many reports fail which rule. Each figure is
 * derived from the declared metrics (src/metrics) as a pooled figure: the group's numerators added
 * up over its denominators. Assumes figures are only added within a group: a province's report
 * already holds its prefectures', and a government's report (本级政府及其部门) may hold its
 * departments', so levels and kinds are never added together. Computed once per year per build.
 */
import { listAllRules, type RuleId } from '../form/rules.ts';
import { LEVEL_LABELS, LEVELS, type JurisdictionIndex, type Level } from '../jurisdictions/jurisdictions.ts';
import { deriveMetric } from '../metrics/derive-metrics.ts';
import { findMetric, SMALL_BASE, type MetricId } from '../metrics/metric-specs.ts';
import { parseReportId } from '../publishers/publisher.ts';
import { REPORT_SCOPE_SHORT, REPORT_SCOPES } from '../reports/front-matter.ts';
import type { CheckedReport, ReportScope } from '../reports/types.ts';
import { formatMetricValue } from './key-figures.ts';
import { formatFull } from '../format/format-number.ts';
import { comparePath, METHODOLOGY_PATH, yearPath } from '../site/paths.ts';

/** The metrics an overview adds up, in the order it shows them. */
export const OVERVIEW_METRIC_IDS: readonly MetricId[] = ['requests_received', 'grant_rate', 'denial_rate', 'unavailable_rate', 'not_processed_rate', 'other_rate', 'review_correction_rate', 'litigation_correction_rate'];

/** A group of reports that may be added up: one level, governments or departments. */
export interface OverviewGroup {
  /** province-government, county-department … */
  readonly key: string;
  /** 县级政府, 地市级部门 */
  readonly label: string;
  readonly reports: number;
  /** How much of the province the group covers, so its sums are not taken for the province's: 全省 121 个县级地区中的 2 个; for departments, 2 个地区的部门. */
  readonly coverage: string;
  /** 全辖区 1 份、本级政府 1 份 */
  readonly scopeText: string;
}

/** One figure of one group. */
export interface OverviewCell {
  /** 1,234; 54.8%; 8件中3件; — */
  readonly text: string;
  /** When not every report of the group has the figure, or some fail a rule on its cells: 2 份中 1 份有数；1 份未通过核对; else ''. */
  readonly note: string;
  /** The pooled numerator and denominator (null for a count's denominator, or when no report has the figure). */
  readonly numerator: number | null;
  readonly denominator: number | null;
}

/** One line of the overview: a figure across the groups. */
export interface OverviewRow {
  readonly name: string;
  /** How it is computed, in one phrase: 予以公开 + 部分公开 ÷ 办理结果总计. */
  readonly definition: string;
  /** The page behind it: the metric's comparison page that year. */
  readonly href: string;
  readonly cells: readonly OverviewCell[];
}

/** How many reports of a group fail one rule. */
export interface OverviewFailure {
  readonly rule: RuleId;
  readonly title: string;
  readonly href: string;
  /** One count per group. */
  readonly counts: readonly number[];
}

/** Everything a year's overview shows. */
export interface YearOverview {
  readonly year: number;
  readonly title: string;
  readonly groups: readonly OverviewGroup[];
  /** The report counts' line links to the year's list of reports. */
  readonly yearHref: string;
  readonly rows: readonly OverviewRow[];
  /** Reports failing any rule, per group. */
  readonly failingReports: readonly number[];
  readonly failures: readonly OverviewFailure[];
  readonly notes: readonly string[];
}


/** Splits a year's reports into groups, governments before departments, province first. */
function groupReports(reports: readonly CheckedReport[], jurisdictions: JurisdictionIndex): { group: Omit<OverviewGroup, 'reports' | 'coverage' | 'scopeText'>; level: Level; kind: 'government' | 'department'; reports: CheckedReport[] }[] {
  const byKey = new Map<string, CheckedReport[]>();
  for (const r of reports) {
    const level = jurisdictions.byCode.get(r.meta.jurisdiction)?.level;
    if (!level) continue;
    const key = `${level}-${parseReportId(r.meta.id)?.agency ? 'department' : 'government'}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  return (['government', 'department'] as const).flatMap((kind) =>
    LEVELS.flatMap((level) => {
      const key = `${level}-${kind}`;
      const list = byKey.get(key);
      return list ? [{ group: { key, label: `${LEVEL_LABELS[level]}${kind === 'government' ? '政府' : '部门'}` }, level, kind, reports: list }] : [];
    }),
  );
}

/** How much of the province a group's reports cover: of how many places of the level (governments), or of how many places' departments. */
function describeCoverage(level: Level, kind: 'government' | 'department', reports: readonly CheckedReport[], jurisdictions: JurisdictionIndex): string {
  const places = new Set(reports.map((r) => r.meta.jurisdiction)).size;
  if (kind === 'department') return `${formatFull(places)} 个地区的部门`;
  const all = jurisdictions.all.filter((j) => j.level === level).length;
  return `全省 ${formatFull(all)} 个${LEVEL_LABELS[level]}地区中的 ${formatFull(places)} 个`;
}

/** Names the scopes of a group's reports with their counts, in declared order. */
function describeScopes(reports: readonly CheckedReport[]): string {
  const counts = new Map<ReportScope, number>();
  for (const r of reports) counts.set(r.meta.scope, (counts.get(r.meta.scope) ?? 0) + 1);
  return (Object.keys(REPORT_SCOPES) as ReportScope[]).filter((s) => counts.has(s)).map((s) => `${REPORT_SCOPE_SHORT[s]} ${counts.get(s)} 份`).join('、');
}

/** Adds up one metric over a group's reports: the pooled figure, how many reports it stands on, how many are flagged. */
function poolMetric(id: MetricId, reports: readonly CheckedReport[]): OverviewCell {
  const metric = findMetric(id);
  if (!metric) throw new Error(`overview: unknown metric ${id}`);
  let numerator = 0;
  let denominator = 0;
  let counted = 0;
  let flagged = 0;
  for (const r of reports) {
    const v = deriveMetric(metric, r);
    if (v.numerator === null || (metric.denominator !== null && v.denominator === null)) continue;
    counted += 1;
    numerator += v.numerator;
    denominator += v.denominator ?? 0;
    if (v.flags.length) flagged += 1;
  }
  const rate = metric.denominator !== null;
  const value = !counted || (rate && denominator === 0) ? null : rate ? (metric.unit === 'per100' ? (numerator / denominator) * 100 : numerator / denominator) : numerator;
  const shown = formatMetricValue(metric.unit, value, counted ? numerator : null, rate && counted ? denominator : null, rate && denominator > 0 && denominator < (metric.cautionBelow ?? SMALL_BASE));
  const parts = [...(counted < reports.length ? [`${reports.length} 份中 ${counted} 份有数`] : []), ...(flagged ? [`${flagged} 份未通过核对`] : [])];
  return { text: shown.text, note: parts.join('；'), numerator: counted ? numerator : null, denominator: rate && counted ? denominator : null };
}

const memo = new WeakMap<readonly CheckedReport[], Map<number, YearOverview | null>>();

/** Builds the overview of a year (null when it has no report); computed once per year and report list. */
export function buildYearOverview(reports: readonly CheckedReport[], jurisdictions: JurisdictionIndex, year: number): YearOverview | null {
  let years = memo.get(reports);
  if (!years) memo.set(reports, (years = new Map()));
  if (years.has(year)) return years.get(year) ?? null;
  const overview = composeYearOverview(reports.filter((r) => r.meta.year === year), jurisdictions, year);
  years.set(year, overview);
  return overview;
}

/** Composes the overview of one year's reports. */
function composeYearOverview(reports: readonly CheckedReport[], jurisdictions: JurisdictionIndex, year: number): YearOverview | null {
  const grouped = groupReports(reports, jurisdictions);
  if (!grouped.length) return null;
  const groups = grouped.map((g) => ({ ...g.group, reports: g.reports.length, coverage: describeCoverage(g.level, g.kind, g.reports, jurisdictions), scopeText: describeScopes(g.reports) }));
  const rows = OVERVIEW_METRIC_IDS.map((id): OverviewRow => {
    const metric = findMetric(id);
    if (!metric) throw new Error(`overview: unknown metric ${id}`);
    const definition = metric.denominatorLabel ? `${metric.numeratorLabel} ÷ ${metric.denominatorLabel}` : metric.numeratorLabel;
    return { name: metric.name, definition, href: comparePath(year, id), cells: grouped.map((g) => poolMetric(id, g.reports)) };
  });
  const failing = (r: CheckedReport): RuleId[] => r.outcomes.filter((o) => o.status === 'fail').map((o) => o.rule);
  const failures = listAllRules()
    .map((rule) => ({ rule: rule.id, title: rule.title, href: `${METHODOLOGY_PATH}#rule-${rule.id}`, counts: grouped.map((g) => g.reports.filter((r) => failing(r).includes(rule.id)).length) }))
    .filter((f) => f.counts.some((c) => c > 0));
  return {
    year,
    title: `${year} 年度概览`,
    groups,
    yearHref: yearPath(year),
    rows,
    failingReports: grouped.map((g) => g.reports.filter((r) => failing(r).length > 0).length),
    failures,
    notes: [
      `只合计本站已收录的 ${formatFull(reports.length)} 份 ${year} 年度报告，不是全省的总数：同一组的数字相加；比例是各报告分子之和除以分母之和。统计范围：${(Object.keys(REPORT_SCOPES) as ReportScope[]).map((s) => `${REPORT_SCOPE_SHORT[s]}＝${REPORT_SCOPES[s]}`).join('；')}。`,
      '各组之间不相加：统计范围为“全辖区”的报告已含其下级政府的数字；政府报告（本级政府及其部门）可能已含其部门的数字。',
      `合计的分母不足 ${SMALL_BASE} 件时写作“n件中m件”。报告自身数字对不上的，照所印数字相加，并注明份数。`,
    ],
  };
}
