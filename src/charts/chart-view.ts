/**
 * Charts ready for a page: each chart entry rendered to SVG at a phone and a desktop width through
 * the build's chart cache, with its hover texts, description and data table.
 */
import type { ChartEntry, ChartTable } from './chart-entry.ts';

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

/**
 * What renders a chart entry at a width: the build's chart cache (src/machinery/svg-cache.ts), which
 * finds it by its identity (ChartEntry's `identify`) and the width, and lays it out only when it has
 * to draw it.
 */
export interface ChartRenderer {
  render(entry: ChartEntry & { readonly build: NonNullable<ChartEntry['build']> }, width: number): ChartRendering;
}

/** Renders a page's charts through the cache. */
export function renderChartViews(entries: readonly ChartEntry[], cache: ChartRenderer): ChartView[] {
  const render = (entry: ChartEntry, width: number): ChartRendering | null => (entry.build ? cache.render({ ...entry, build: entry.build }, width) : null);
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
