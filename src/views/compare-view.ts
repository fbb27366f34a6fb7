/** The comparison pages: one per report year and metric, ranked within each level of government. */
import { METRICS, type MetricId, type MetricSpec } from '../metrics/metric-specs.ts';
import type { CheckedReport } from '../reports/types.ts';
import { SCOPE_NOTE } from '../charts/ranking.ts';
import { comparePath, metricMethodologyPath } from '../site/paths.ts';

/** The metrics a jurisdiction page charts over the years, in this order. */
export const TREND_METRIC_IDS: readonly MetricId[] = ['requests_received', 'grant_rate', 'denial_rate', 'not_held_share', 'review_correction_rate', 'appeals_per_100'];

/** One comparison page to build. */
export interface ComparePage {
  readonly year: number;
  readonly metric: MetricSpec;
  readonly href: string;
}

/** Every (year, metric) pair that has at least one report, newest year first, metrics in declared order. */
export function listComparePages(reports: readonly CheckedReport[]): ComparePage[] {
  const years = [...new Set(reports.map((r) => r.meta.year))].sort((a, b) => b - a);
  return years.flatMap((year) => METRICS.map((metric) => ({ year, metric, href: comparePath(year, metric.id) })));
}

/** The index of comparison pages: a row per year, a link per metric. */
export function buildCompareIndex(reports: readonly CheckedReport[]): { year: number; links: { href: string; text: string }[] }[] {
  const pages = listComparePages(reports);
  const years = [...new Set(pages.map((p) => p.year))];
  return years.map((year) => ({ year, links: pages.filter((p) => p.year === year).map((p) => ({ href: p.href, text: p.metric.name })) }));
}

/** What a comparison page says around its charts. */
export interface CompareView {
  readonly title: string;
  readonly description: string;
  readonly definition: string;
  /** The metric's entry on the methodology page. */
  readonly methodologyHref: string;
  readonly comparabilityNote: string;
  readonly scopeNote: string;
  /** The same metric in the other years, and the other metrics this year. */
  readonly otherYears: readonly { href: string; text: string }[];
  readonly otherMetrics: readonly { href: string; text: string }[];
}

/** Builds the text of a comparison page. */
export function buildCompareView(page: ComparePage, reports: readonly CheckedReport[]): CompareView {
  const pages = listComparePages(reports);
  return {
    title: `${page.year} 年各地${page.metric.name}比较`,
    description: `黑龙江省各级政府 ${page.year} 年政府信息公开工作年度报告中的${page.metric.name}，按省、市（地）、县三级分别排序。`,
    definition: page.metric.definition,
    methodologyHref: metricMethodologyPath(page.metric.id),
    comparabilityNote: page.metric.comparabilityNote,
    scopeNote: SCOPE_NOTE,
    otherYears: pages.filter((p) => p.metric.id === page.metric.id && p.year !== page.year).map((p) => ({ href: p.href, text: `${p.year} 年` })),
    otherMetrics: pages.filter((p) => p.year === page.year && p.metric.id !== page.metric.id).map((p) => ({ href: p.href, text: p.metric.name })),
  };
}
