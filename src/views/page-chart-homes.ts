/**
 * The charts of jurisdiction and comparison pages as the embed routes see them: which pages have
 * charts and the keys of those charts (listed once per build from the content, grouped in one pass
 * over the reports), each page's chart entries, and each chart's home (its embed URLs and the words
 * of its source line). A jurisdiction's charts are drawn from its own government's series of
 * reports; a department's from its own series; a comparison's from the governments' reports of its year.
 */
import type { Jurisdiction, JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import { indexPublishers } from '../publishers/publisher-index.ts';
import type { Publisher } from '../publishers/publisher.ts';
import { seriesOf } from '../reports/report-id.ts';
import { groupReports } from '../reports/report-groups.ts';
import type { CheckedReport } from '../reports/types.ts';
import { listDepartmentRankingCharts, listDepartmentRankingKeys } from '../charts/department-ranking.ts';
import { listJurisdictionCharts, listPublisherCharts } from '../charts/chart-sets.ts';
import { deriveRankingData, listRankingCharts } from '../charts/ranking.ts';
import type { ChartEntry } from '../charts/chart-entry.ts';
import { listDepartmentComparePages, listDepartmentCompareReports, type DepartmentComparePage } from './department-compare-view.ts';
import type { ChartView } from '../charts/chart-view.ts';
import { buildCompareView, listComparePages, TREND_METRIC_IDS, type ComparePage } from './compare-view.ts';
import { buildEmbedLinksAt, type ChartEmbedLinks, type ChartHome } from '../embeds/embed-view.ts';
import { compareEmbedPath, departmentCompareEmbedPath, formatCompareChartStem, formatDepartmentCompareChartStem, formatJurisdictionChartStem, formatPublisherChartStem, jurisdictionEmbedPath, jurisdictionPath, placeOgImagePath, publisherEmbedPath, publisherPath, yearOgImagePath } from '../site/paths.ts';

/**
 * A page whose charts have embeds: a jurisdiction with its government's reports (oldest first), a
 * department with its reports (oldest first), or a comparison with the reports of its year.
 */
export type ChartPlace =
  | { readonly kind: 'jurisdiction'; readonly jurisdiction: Jurisdiction; readonly series: readonly CheckedReport[] }
  | { readonly kind: 'publisher'; readonly publisher: Publisher; readonly series: readonly CheckedReport[] }
  | { readonly kind: 'departments'; readonly page: DepartmentComparePage; readonly reports: readonly CheckedReport[] }
  | { readonly kind: 'compare'; readonly page: ComparePage; readonly reports: readonly CheckedReport[] };

/** A page with charts and the keys of its charts, in page order. */
export interface ListedPlace {
  readonly place: ChartPlace;
  readonly keys: readonly string[];
}

/** Who the oEmbed of a comparison chart names as its author: the governments whose reports it ranks. */
export const COMPARE_AUTHOR = '各地人民政府';

/** Who the oEmbed of a department comparison chart names as its author: the departments whose reports it ranks. */
export const DEPARTMENT_COMPARE_AUTHOR = '各地政府部门';

/** The charts a page shows (the same call as the page's own), in page order. */
export function listPlaceCharts(place: ChartPlace, jurisdictions: JurisdictionIndex): ChartEntry[] {
  if (place.kind === 'jurisdiction') return listJurisdictionCharts(place.series, TREND_METRIC_IDS, jurisdictions);
  if (place.kind === 'publisher') return listPublisherCharts(place.series, TREND_METRIC_IDS, jurisdictions);
  if (place.kind === 'departments') return listDepartmentRankingCharts(place.reports, place.page.metric.id, place.page.year, place.page.agencySlug, jurisdictions);
  return listRankingCharts(place.reports, place.page.metric.id, place.page.year, jurisdictions);
}

/** Every department page (a department with a report), in the jurisdiction list's order, with its chart keys. */
export function listPublisherChartPlaces(reports: readonly CheckedReport[], jurisdictions: JurisdictionIndex): ListedPlace[] {
  return indexPublishers(reports, jurisdictions).departments.map(({ publisher, reports: series }) => {
    const place: ChartPlace = { kind: 'publisher', publisher, series };
    return { place, keys: listPlaceCharts(place, jurisdictions).map((e) => e.key) };
  });
}

/** Every jurisdiction page with charts (its government has reports), in the jurisdiction list's order, with its chart keys. */
export function listJurisdictionChartPlaces(reports: readonly CheckedReport[], jurisdictions: JurisdictionIndex): ListedPlace[] {
  const bySeries = groupReports(reports, (r) => seriesOf(r.meta.id));
  return jurisdictions.all.flatMap((jurisdiction) => {
    const series = [...(bySeries.get(jurisdiction.code) ?? [])].sort((a, b) => a.meta.year - b.meta.year);
    if (!series.length) return [];
    const place: ChartPlace = { kind: 'jurisdiction', jurisdiction, series };
    return [{ place, keys: listPlaceCharts(place, jurisdictions).map((e) => e.key) }];
  });
}

/** Every comparison page (year and metric) with its chart keys; each ranks only the reports of its year. */
export function listCompareChartPlaces(reports: readonly CheckedReport[], jurisdictions: JurisdictionIndex): ListedPlace[] {
  const byYear = groupReports(reports, (r) => r.meta.year);
  return listComparePages(reports).map((page) => {
    const place: ChartPlace = { kind: 'compare', page, reports: byYear.get(page.year) ?? [] };
    // Its charts are its rankings (listRankingCharts), by key: derived from the whole list of reports,
    // as its cache key and its page derive them, they are derived once (deriveRankingData's memo).
    return { place, keys: deriveRankingData(reports, page.metric.id, page.year, jurisdictions).map((d) => d.key) };
  });
}

/** Every department comparison page (kind, year, metric) with its chart keys; each ranks only its kind's reports of its year. */
export function listDepartmentCompareChartPlaces(reports: readonly CheckedReport[], jurisdictions: JurisdictionIndex): ListedPlace[] {
  const index = indexPublishers(reports, jurisdictions);
  return listDepartmentComparePages(index).map((page) => {
    const place: ChartPlace = { kind: 'departments', page, reports: listDepartmentCompareReports(page, index) };
    // Its charts' keys, the keys listPlaceCharts' rankings take, without deriving the rankings.
    return { place, keys: listDepartmentRankingKeys(place.reports, page.year, page.agencySlug, jurisdictions) };
  });
}

/** Names the reports of a series as a source line does: 页所列同江市人民政府 2019–2021 年的 3 份年度报告. */
function describeSeriesReports(series: readonly CheckedReport[], what: string): { reportsText: string; author: string } {
  const latest = series.at(-1);
  if (!latest) throw new Error(`describeChartHome: ${what} has no reports`);
  const first = series[0]?.meta.year ?? latest.meta.year;
  const span = first === latest.meta.year ? `${first}` : `${first}–${latest.meta.year}`;
  return { reportsText: `页所列${latest.meta.publisher} ${span} 年的 ${series.length} 份年度报告`, author: latest.meta.publisher };
}

/** Describes where one of a page's charts lives and what its numbers come from. */
export function describeChartHome(place: ChartPlace, entry: ChartEntry): ChartHome {
  if (place.kind === 'jurisdiction') {
    const { jurisdiction, series } = place;
    return {
      embedHref: jurisdictionEmbedPath(jurisdiction.code, entry.key),
      frameId: `jurisdictions/${jurisdiction.code}/${entry.key}`,
      fileStem: formatJurisdictionChartStem(jurisdiction.code, entry.key),
      pagePath: jurisdictionPath(jurisdiction.code),
      pageText: jurisdiction.name,
      ...describeSeriesReports(series, jurisdiction.code),
      ogImagePath: placeOgImagePath(jurisdiction.code),
    };
  }
  if (place.kind === 'publisher') {
    const { publisher, series } = place;
    return {
      embedHref: publisherEmbedPath(publisher.key, entry.key),
      frameId: `publishers/${publisher.key}/${entry.key}`,
      fileStem: formatPublisherChartStem(publisher.key, entry.key),
      pagePath: publisherPath(publisher.key),
      pageText: publisher.name,
      ...describeSeriesReports(series, publisher.key),
      // Its place's card (which counts the place's departments' reports too), as its reports' pages show.
      ogImagePath: placeOgImagePath(publisher.jurisdiction.code),
    };
  }
  if (place.kind === 'departments') {
    const { page } = place;
    return {
      embedHref: departmentCompareEmbedPath(page.year, page.metric.id, page.agencySlug, entry.key),
      frameId: `compare/${page.year}/${page.metric.id}/${page.agencySlug}/${entry.key}`,
      fileStem: formatDepartmentCompareChartStem(page.year, page.metric.id, page.agencySlug, entry.key),
      pagePath: page.href,
      pageText: `${page.year} 年各地${page.agencyName}${page.metric.name}比较`,
      reportsText: `页所列 ${entry.data.rows.length} 份 ${page.year} 年度报告`,
      author: DEPARTMENT_COMPARE_AUTHOR,
      ogImagePath: yearOgImagePath(page.year),
    };
  }
  const { page, reports } = place;
  // A ranking's numbers have one row per ranked report (src/charts/ranking.ts tabulateRankingNumbers).
  return {
    embedHref: compareEmbedPath(page.year, page.metric.id, entry.key),
    frameId: `compare/${page.year}/${page.metric.id}/${entry.key}`,
    fileStem: formatCompareChartStem(page.year, page.metric.id, entry.key),
    pagePath: page.href,
    pageText: buildCompareView(page, reports).title,
    reportsText: `页所列 ${entry.data.rows.length} 份 ${page.year} 年度报告`,
    author: COMPARE_AUTHOR,
    ogImagePath: yearOgImagePath(page.year),
  };
}

/** The links and snippet under a chart of a jurisdiction page. */
export function buildJurisdictionChartLinks(code: string, chart: ChartView, site: string): ChartEmbedLinks {
  return buildEmbedLinksAt(jurisdictionEmbedPath(code, chart.key), formatJurisdictionChartStem(code, chart.key), chart, site);
}

/** The links and snippet under a chart of a department's page. */
export function buildPublisherChartLinks(key: string, chart: ChartView, site: string): ChartEmbedLinks {
  return buildEmbedLinksAt(publisherEmbedPath(key, chart.key), formatPublisherChartStem(key, chart.key), chart, site);
}

/** The links and snippet under a chart of a department comparison page. */
export function buildDepartmentCompareChartLinks(page: DepartmentComparePage, chart: ChartView, site: string): ChartEmbedLinks {
  return buildEmbedLinksAt(departmentCompareEmbedPath(page.year, page.metric.id, page.agencySlug, chart.key), formatDepartmentCompareChartStem(page.year, page.metric.id, page.agencySlug, chart.key), chart, site);
}

/** The links and snippet under a chart of a comparison page. */
export function buildCompareChartLinks(year: number, metricId: string, chart: ChartView, site: string): ChartEmbedLinks {
  return buildEmbedLinksAt(compareEmbedPath(year, metricId, chart.key), formatCompareChartStem(year, metricId, chart.key), chart, site);
}
