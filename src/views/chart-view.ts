/**
 * Charts ready for a page: each chart of a page's chart set rendered to SVG at a phone and a
 * desktop width through the cache, with its hover texts, description and data table.
 */
import type { ChartTable } from '../charts/chart-table.ts';
import type { SvgCache } from '../machinery/svg-cache.ts';
import type { JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import type { CheckedReport } from '../reports/types.ts';
import { indexPublishers } from '../publishers/publisher-index.ts';
import { listDepartmentRankingCharts, listJurisdictionCharts, listPublisherCharts, listRankingCharts, listReportCharts, type ChartEntry } from './chart-sets.ts';
import { listDepartmentComparePages, listDepartmentCompareReports } from './department-compare-view.ts';
import { listComparePages, TREND_METRIC_IDS } from './compare-view.ts';
import { listGovernmentSeries } from './site-views.ts';

/** The widths (SVG units) a chart is laid out at: phone and desktop. */
export const CHART_WIDTHS = { narrow: 360, wide: 720 } as const;

/** One rendering of a chart. */
export interface ChartRendering {
  readonly svg: string;
  /** Hover texts by series then data index, as JSON for the tooltip script. */
  readonly tipsJson: string;
}

/** A chart as a page shows it. */
export interface ChartView {
  /** Element id, unique on the page. */
  readonly id: string;
  readonly key: string;
  readonly title: string;
  readonly description: string;
  readonly table: ChartTable;
  /** What a reader must know to quote the chart, shown visibly with it (see ChartEntry). */
  readonly notes: readonly string[];
  /** Null when there is nothing to draw: the page shows the description and table only. */
  readonly narrow: ChartRendering | null;
  readonly wide: ChartRendering | null;
}

/** Renders a page's charts through the cache. */
export function renderChartViews(entries: readonly ChartEntry[], cache: SvgCache): ChartView[] {
  const render = (entry: ChartEntry, width: number): ChartRendering | null => {
    if (!entry.build) return null;
    const built = entry.build(width);
    return { svg: cache.render(built), tipsJson: JSON.stringify(built.tips) };
  };
  return entries.map((entry) => ({
    id: `chart-${entry.key}`,
    key: entry.key,
    title: entry.title,
    description: entry.description,
    table: entry.table,
    notes: entry.notes,
    narrow: render(entry, CHART_WIDTHS.narrow),
    wide: render(entry, CHART_WIDTHS.wide),
  }));
}

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
 * jurisdiction's, its government's series; a department's, its series; a year's, the reports of that
 * year; a kind of department's in a year, its reports of that year.
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
