/**
 * The charts each page type shows that draw on several chart kinds: a report page's four, a place's
 * or a department's trends (or, with one report, what it says about the year before). A comparison
 * page's rankings are ranking.ts's and department-ranking.ts's own lists. A page calls `build(width)`
 * of each entry for the widths it lays out and renders the result through the SVG cache (chart-view.ts).
 */
import type { JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import type { CheckedReport } from '../reports/types.ts';
import { ACTIVE_KEY, buildActiveChart } from './active.ts';
import { APPEALS_KEY, buildAppealsChart } from './appeals.ts';
import { APPLICANTS_KEY, buildApplicantsChart } from './applicants.ts';
import type { ChartEntry } from './chart-entry.ts';
import { buildPriorYearChart } from './prior-year.ts';
import { buildRequestFlowChart, REQUEST_FLOW_KEY } from './request-flow.ts';
import { listTrendCharts } from './trend.ts';

/**
 * The keys of a report page's charts, in page order: every report has all four (a chart with nothing
 * to draw keeps its entry, with `build` null), so the embed routes list them without deriving any.
 */
export const REPORT_CHART_KEYS = [REQUEST_FLOW_KEY, APPLICANTS_KEY, APPEALS_KEY, ACTIVE_KEY] as const;

/** The charts of a report page, keyed as REPORT_CHART_KEYS: request flow, applicants, review and litigation, active disclosure. */
export function listReportCharts(report: CheckedReport, jurisdictions: JurisdictionIndex): ChartEntry[] {
  return [buildRequestFlowChart(report, jurisdictions), buildApplicantsChart(report, jurisdictions), buildAppealsChart(report, jurisdictions), buildActiveChart(report, jurisdictions)];
}

/**
 * The charts of a jurisdiction page: from two reports on, one trend per metric over the series'
 * reports, drawn when the metric has a value in two years or more; with only one report on file, what that report says about the year before (drawn when its
 * form prints it) and no trend (a one-point chart says nothing: the page shows the year's key figures
 * against its peers instead).
 */
export function listJurisdictionCharts(series: readonly CheckedReport[], metricIds: readonly string[], jurisdictions: JurisdictionIndex): ChartEntry[] {
  const trends = series.length < 2 ? [] : listTrendCharts(series, metricIds, jurisdictions);
  const only = series.length === 1 ? series[0] : undefined;
  return only ? [buildPriorYearChart(only, jurisdictions), ...trends] : trends;
}

/**
 * The charts of a department's page: from two reports on, one trend per metric (the form break
 * marked, as on a place's page); with one report, only what it says about the year before — its
 * figures stand as key figures beside its peers', never as a one-point chart.
 */
export function listPublisherCharts(series: readonly CheckedReport[], metricIds: readonly string[], jurisdictions: JurisdictionIndex): ChartEntry[] {
  const only = series.length === 1 ? series[0] : undefined;
  return only ? [buildPriorYearChart(only, jurisdictions)] : listTrendCharts(series, metricIds, jurisdictions);
}
