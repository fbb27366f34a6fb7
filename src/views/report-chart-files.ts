/**
 * What the embed endpoints of report charts share at build time (their paths: src/routes/routes.ts): one
 * chart of a report found by key and rendered through the chart cache (only that chart, only the
 * widths asked for, so each of a chart's files costs one chart, not a whole report). The entries of
 * the last few reports are kept: a route's paths come report by report, and at 20,000 reports
 * building every entry of a report to find one was a third of the embed routes' time.
 */
import { getSiteContent } from '../loaders/site-content.ts';
import type { CheckedReport } from '../reports/types.ts';
import { listReportCharts } from '../charts/chart-sets.ts';
import type { ChartEntry } from '../charts/chart-entry.ts';
import { CHART_WIDTHS, renderChartViews, type ChartRenderer, type ChartView } from '../charts/chart-view.ts';
import { makeChartSvg } from '../embeds/build-images.ts';
import { writeChartCsv } from '../embeds/chart-csv.ts';
import { buildChartImageText, buildOembed } from '../embeds/embed-view.ts';

/** The props of every embed route: the report whose chart it is. */
export interface ReportChartProps {
  readonly report: CheckedReport;
}

/** How many reports' chart entries are kept: the paths of a route render a few at a time, in report order. */
const MEMO_REPORTS = 8;

/** The chart entries of the last few reports asked for, oldest first: each of a chart's files needs its report's entries, and building them is most of an embed file's cost. */
const recentEntries = new Map<CheckedReport, ChartEntry[]>();

/** A report's chart entries, built once for the paths of a report rendered close together (listReportCharts builds all of them to find one). */
function listMemoisedCharts(report: CheckedReport): ChartEntry[] {
  let entries = recentEntries.get(report);
  if (entries) return entries;
  entries = listReportCharts(report, getSiteContent().jurisdictions);
  recentEntries.set(report, entries);
  if (recentEntries.size > MEMO_REPORTS) recentEntries.delete(recentEntries.keys().next().value!);
  return entries;
}

/** Finds a chart of a report by key; throws for an unknown key. */
export function findReportChart(report: CheckedReport, key: string): ChartEntry {
  const entry = listMemoisedCharts(report).find((e) => e.key === key);
  if (!entry) throw new Error(`report ${report.meta.id} has no chart ${key}`);
  return entry;
}

/**
 * Renders one chart of a report through the build's chart cache: at both widths for its embed page,
 * or at the desktop width only (`wideOnly`) for its images and oEmbed, which show no other.
 */
export function renderReportChart(report: CheckedReport, key: string, cache: ChartRenderer, wideOnly = false): ChartView {
  return renderEmbedChart(findReportChart(report, key), wideOnly, `report ${report.meta.id}: chart ${key}`, cache);
}

/**
 * Renders one chart entry of any page through the build's chart cache, as
 * renderReportChart does; `what` names the chart in the error thrown when it does not render.
 */
export function renderEmbedChart(entry: ChartEntry, wideOnly: boolean, what: string, cache: ChartRenderer): ChartView {
  const [view] = renderChartViews([wideOnly ? { ...entry, build: null } : entry], cache);
  if (!view) throw new Error(`${what} did not render`);
  if (!wideOnly) return view;
  return { ...view, wide: entry.build ? cache.render({ ...entry, build: entry.build }, CHART_WIDTHS.wide) : null };
}

/** The files of a chart embed beside its page, in the order the make-all functions below return them. */
export const CHART_FILE_NAMES = ['chart.svg', 'data.csv', 'oembed.json'] as const;

/** A chart embed's files, in CHART_FILE_NAMES' order. */
export type ChartFiles = [svg: Uint8Array<ArrayBuffer>, csv: string, oembed: string];

/**
 * A report chart's three files (CHART_FILE_NAMES), the two that show the chart made from one rendering
 * of it.
 */
export function makeReportChartFiles(report: CheckedReport, key: string, site: string, cache: ChartRenderer): ChartFiles {
  const chart = renderReportChart(report, key, cache, true);
  return [reportChartSvg(report, chart, site), writeReportChartCsv(report, key), reportChartOembed(report, chart, site)];
}

/** `chart.svg` of a report chart: the chart with its title and source line, every text outlined. */
export function makeReportChartSvg(report: CheckedReport, key: string, site: string, cache: ChartRenderer): Uint8Array<ArrayBuffer> {
  return reportChartSvg(report, renderReportChart(report, key, cache, true), site);
}

/** `chart.svg` of a report chart rendered at the desktop width. */
function reportChartSvg(report: CheckedReport, chart: ChartView, site: string): Uint8Array<ArrayBuffer> {
  return makeChartSvg(chart.wide?.svg ?? null, buildChartImageText(report.meta, chart, site));
}

/** `data.csv` of a report chart: the numbers it draws. */
export function writeReportChartCsv(report: CheckedReport, key: string): string {
  return writeChartCsv(findReportChart(report, key).data);
}

/** `oembed.json` of a report chart: the oEmbed (rich) response of its embed page. */
export function writeReportChartOembed(report: CheckedReport, key: string, site: string, cache: ChartRenderer): string {
  return reportChartOembed(report, renderReportChart(report, key, cache, true), site);
}

/** `oembed.json` of a report chart rendered at the desktop width. */
function reportChartOembed(report: CheckedReport, chart: ChartView, site: string): string {
  return `${JSON.stringify(buildOembed(report.meta, chart, site), null, 2)}\n`;
}
