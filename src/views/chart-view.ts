/**
 * Charts ready for a page: each chart of a page's chart set rendered to SVG at a phone and a
 * desktop width through the cache, with its hover texts, description and data table.
 */
import type { ChartTable } from '../charts/chart-table.ts';
import type { SvgCache } from '../charts/svg-cache.ts';
import type { JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import type { CheckedReport } from '../reports/types.ts';
import { listJurisdictionCharts, listRankingCharts, listReportCharts, type ChartEntry } from './chart-sets.ts';
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
    narrow: render(entry, CHART_WIDTHS.narrow),
    wide: render(entry, CHART_WIDTHS.wide),
  }));
}

/** Who shows a chart: a report (`report:<id>`), a jurisdiction (`jurisdiction:<code>`) or a year's comparison pages (`year:<year>`). */
export type ChartOwner = `report:${string}` | `jurisdiction:${string}` | `year:${number}`;

/**
 * Every chart entry the site's pages show (report, jurisdiction and comparison pages; their embed
 * pages, images and the report preview images reuse the same charts), one at a time, for rendering them into the
 * cache ahead of the pages; with `owners`, only the charts of those owners (the pages a build will
 * render), in the same order. Mirrors what the pages list; a chart it misses is rendered by its page.
 */
export function* listSiteChartEntries(reports: readonly CheckedReport[], jurisdictions: JurisdictionIndex, owners?: ReadonlySet<ChartOwner>): Generator<ChartEntry> {
  const wanted = (owner: ChartOwner): boolean => !owners || owners.has(owner);
  for (const report of reports) if (wanted(`report:${report.meta.id}`)) yield* listReportCharts(report, jurisdictions);
  for (const j of jurisdictions.all) {
    if (!wanted(`jurisdiction:${j.code}`)) continue;
    const series = listGovernmentSeries(reports, j.code);
    if (series.length) yield* listJurisdictionCharts(series, TREND_METRIC_IDS, jurisdictions);
  }
  for (const page of listComparePages(reports)) if (wanted(`year:${page.year}`)) yield* listRankingCharts(reports, page.metric.id, page.year, jurisdictions);
}
