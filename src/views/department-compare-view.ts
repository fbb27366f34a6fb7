/**
 * The department comparisons: one page per kind of department, year and metric (every 教育局 of the
 * province on 公开率 in 2021), ranked within each level by the same rule as the places' rankings
 * (src/metrics/rank-values.ts: small bases apart, scope beside each name, failing rules flagged).
 * The metrics are those a department's page shows (PUBLISHER_METRIC_IDS). A kind has a page for a
 * year only when it has two reports that year or more (PublisherIndex.comparedYears): one report
 * ranked alone compares nothing, so that page is not made and nothing here links to it.
 */
import { LEVELS } from '../jurisdictions/jurisdictions.ts';
import { findMetric, type MetricSpec } from '../metrics/metric-specs.ts';
import { compareAgencySlugs, findAgency, nameAgency } from '../publishers/agencies.ts';
import type { PublisherIndex } from '../publishers/publisher-index.ts';
import type { CheckedReport } from '../reports/types.ts';
import { DEPARTMENT_SCOPE_NOTE } from '../charts/department-ranking.ts';
import { TREND_METRIC_IDS } from './compare-view.ts';
import type { Link } from './report-view.ts';
import { comparePath, departmentComparePath, metricMethodologyPath } from '../site/paths.ts';

/** The metrics departments are compared on: those their pages show as trends and key figures. */
export const DEPARTMENT_COMPARE_METRIC_IDS = TREND_METRIC_IDS;


/** One department comparison page to build. */
export interface DepartmentComparePage {
  readonly year: number;
  readonly metric: MetricSpec;
  readonly agencySlug: string;
  /** 教育局 (the local name; 教育厅 at the province), or the slug for a kind not declared. */
  readonly agencyName: string;
  readonly href: string;
}

/** The department kinds with reports, declared ones in declared order, then any other slug alphabetically. */
export function listAgencySlugs(index: PublisherIndex): string[] {
  const slugs = new Set(index.departments.map((d) => d.publisher.agencySlug).filter((s): s is string => s !== null));
  return [...slugs].sort(compareAgencySlugs);
}

/** Names a department kind for a comparison: 教育局, or its slug when it is not declared. */
function nameKind(slug: string): string {
  const agency = findAgency(slug);
  return agency ? agency.local : slug;
}

/** Every department comparison page: by kind (declared order), year compared (newest first) and metric. */
export function listDepartmentComparePages(index: PublisherIndex): DepartmentComparePage[] {
  return listAgencySlugs(index).flatMap((slug) =>
    [...index.comparedYears(slug)].reverse().flatMap((year) =>
      DEPARTMENT_COMPARE_METRIC_IDS.map((id) => {
        const metric = findMetric(id);
        if (!metric) throw new Error(`department comparisons: unknown metric ${id}`);
        return { year, metric, agencySlug: slug, agencyName: nameKind(slug), href: departmentComparePath(year, id, slug) };
      }),
    ),
  );
}

/** The reports a department comparison ranks: its kind's reports of its year, every level. */
export function listDepartmentCompareReports(page: Pick<DepartmentComparePage, 'agencySlug' | 'year'>, index: PublisherIndex): CheckedReport[] {
  return LEVELS.flatMap((level) => [...index.departmentReports(page.agencySlug, page.year, level)]);
}

/** What a department comparison page says around its charts. */
export interface DepartmentCompareView {
  readonly title: string;
  readonly description: string;
  readonly definition: string;
  readonly methodologyHref: string;
  readonly comparabilityNote: string;
  readonly scopeNote: string;
  /** The same metric among the governments that year. */
  readonly governments: Link;
  readonly otherYears: readonly Link[];
  readonly otherMetrics: readonly Link[];
}

/** Builds the text of a department comparison page. */
export function buildDepartmentCompareView(page: DepartmentComparePage, index: PublisherIndex): DepartmentCompareView {
  const agency = findAgency(page.agencySlug);
  const provincial = agency && agency.provincial !== agency.local ? `（省级为${nameAgency(agency, 'province')}）` : '';
  return {
    title: `${page.year} 年各地${page.agencyName}${page.metric.name}比较`,
    description: `黑龙江省各地${page.agencyName}${provincial} ${page.year} 年政府信息公开工作年度报告中的${page.metric.name}，按省、市（地）、县三级分别排序。`,
    definition: page.metric.definition,
    methodologyHref: metricMethodologyPath(page.metric.id),
    comparabilityNote: page.metric.comparabilityNote,
    scopeNote: DEPARTMENT_SCOPE_NOTE,
    governments: { href: comparePath(page.year, page.metric.id), text: `${page.year} 年各地政府的${page.metric.name}比较` },
    otherYears: [...index.comparedYears(page.agencySlug)]
      .reverse()
      .filter((y) => y !== page.year)
      .map((y) => ({ href: departmentComparePath(y, page.metric.id, page.agencySlug), text: `${y} 年` })),
    otherMetrics: DEPARTMENT_COMPARE_METRIC_IDS.filter((id) => id !== page.metric.id).map((id) => ({ href: departmentComparePath(page.year, id, page.agencySlug), text: findMetric(id)?.name ?? id })),
  };
}

/** The department comparisons of a year and metric, for the government comparison page: one link per kind compared that year. */
export function listDepartmentCompareLinks(index: PublisherIndex, year: number, metricId: string): Link[] {
  if (!(DEPARTMENT_COMPARE_METRIC_IDS as readonly string[]).includes(metricId)) return [];
  return listAgencySlugs(index)
    .filter((slug) => index.comparedYears(slug).includes(year))
    .map((slug) => ({ href: departmentComparePath(year, metricId, slug), text: nameKind(slug) }));
}

/** The index of department comparisons: a row per kind of department compared in some year, a link per such year (to its first metric). */
export function buildDepartmentCompareIndex(index: PublisherIndex): { name: string; links: Link[] }[] {
  const first = DEPARTMENT_COMPARE_METRIC_IDS[0] ?? 'requests_received';
  return listAgencySlugs(index)
    .map((slug) => ({
      name: nameKind(slug),
      links: [...index.comparedYears(slug)].reverse().map((year) => ({ href: departmentComparePath(year, first, slug), text: `${year} 年` })),
    }))
    .filter((row) => row.links.length > 0);
}
