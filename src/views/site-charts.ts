/**
 * Every chart the site's pages show, owner by owner, for the pre-render pass and its workers
 * (src/machinery/chart-cache.ts): which pages exist is decided here, among the page view models.
 */
import type { JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import type { CheckedReport } from '../reports/types.ts';
import { indexPublishers } from '../publishers/publisher-index.ts';
import type { ChartEntry } from '../charts/chart-entry.ts';
import { listJurisdictionCharts, listPublisherCharts, listReportCharts } from '../charts/chart-sets.ts';
import { listDepartmentRankingCharts } from '../charts/department-ranking.ts';
import { listRankingCharts } from '../charts/ranking.ts';
import { listDepartmentComparePages, listDepartmentCompareReports } from './department-compare-view.ts';
import { listComparePages, TREND_METRIC_IDS } from './compare-view.ts';
import { listGovernmentSeries } from './site-views.ts';

/**
 * Who shows a chart: a report (`report:<id>`), a jurisdiction (`jurisdiction:<code>`), a department
 * (`publisher:<key>`), a year's comparison pages (`year:<year>`) or a year's comparisons of one kind
 * of department (`departments:<year>:<agency slug>`).
 */
export type ChartOwner = `report:${string}` | `jurisdiction:${string}` | `publisher:${string}` | `year:${number}` | `departments:${number}:${string}`;

/** A chart entry with who shows it and its place among that owner's entries. */
export interface OwnedChartEntry {
  readonly owner: ChartOwner;
  /** Its position among the entries of its owner, counted from 0. */
  readonly index: number;
  readonly entry: ChartEntry;
}

/**
 * Every chart entry the site's pages show (report, jurisdiction, department and comparison pages; their embed
 * pages, images and the report preview images reuse the same charts), one at a time, for rendering them into the
 * cache ahead of the pages; with `owners`, only the charts of those owners (the pages a build will
 * render), in the same order. Mirrors what the pages list; a chart it misses is rendered by its page.
 * An owner's entries need only its own reports in `reports`: a report's, its report; a
 * jurisdiction's, its government's series; a department's, its series; a year's, the governments'
 * reports of that year (its rankings leave department reports out); a kind of department's in a
 * year, its reports of that year.
 */
export function* listSiteChartEntries(reports: readonly CheckedReport[], jurisdictions: JurisdictionIndex, owners?: ReadonlySet<ChartOwner>): Generator<OwnedChartEntry> {
  const wanted = (owner: ChartOwner): boolean => !owners || owners.has(owner);
  function* own(owner: ChartOwner, entries: Iterable<ChartEntry>): Generator<OwnedChartEntry> {
    let index = 0;
    for (const entry of entries) yield { owner, index: index++, entry };
  }
  for (const report of reports) if (wanted(`report:${report.meta.id}`)) yield* own(`report:${report.meta.id}`, listReportCharts(report, jurisdictions));
  for (const j of jurisdictions.all) {
    if (!wanted(`jurisdiction:${j.code}`)) continue;
    const series = listGovernmentSeries(reports, j.code);
    if (series.length) yield* own(`jurisdiction:${j.code}`, listJurisdictionCharts(series, TREND_METRIC_IDS, jurisdictions));
  }
  const index = indexPublishers(reports, jurisdictions);
  for (const { publisher, reports: series } of index.departments) {
    if (wanted(`publisher:${publisher.key}`)) yield* own(`publisher:${publisher.key}`, listPublisherCharts(series, TREND_METRIC_IDS, jurisdictions));
  }
  const years = new Map<number, ChartEntry[]>();
  for (const page of listComparePages(reports)) {
    if (!wanted(`year:${page.year}`)) continue;
    const list = years.get(page.year) ?? [];
    list.push(...listRankingCharts(reports, page.metric.id, page.year, jurisdictions));
    years.set(page.year, list);
  }
  for (const [year, entries] of years) yield* own(`year:${year}`, entries);
  const kinds = new Map<ChartOwner, ChartEntry[]>();
  for (const page of listDepartmentComparePages(index)) {
    const owner: ChartOwner = `departments:${page.year}:${page.agencySlug}`;
    if (!wanted(owner)) continue;
    const list = kinds.get(owner) ?? [];
    list.push(...listDepartmentRankingCharts(listDepartmentCompareReports(page, index), page.metric.id, page.year, page.agencySlug, jurisdictions));
    kinds.set(owner, list);
  }
  for (const [owner, entries] of kinds) yield* own(owner, entries);
}
