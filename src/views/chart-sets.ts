/**
 * The charts each page type shows, each with its accessible title, text description and table
 * equivalent, ready for a component: a page calls `build(width)` for the widths it lays out and
 * renders the result through the SVG cache. A chart with nothing to draw (no requests, no appeals,
 * no ranked value) keeps its title, description and table and has `build` null.
 */
import { buildActiveOption, describeActive, tabulateActive } from '../charts/active.ts';
import { buildAppealsOption, describeAppeals, hasAppeals, tabulateAppeals } from '../charts/appeals.ts';
import { buildApplicantOption, describeApplicants, tabulateApplicants } from '../charts/applicants.ts';
import type { BuiltChart } from '../charts/chart-theme.ts';
import type { ChartTable } from '../charts/chart-table.ts';
import { buildPriorYearOption, describePriorYear, hasPriorYearItems, tabulatePriorYear } from '../charts/prior-year.ts';
import { buildRankingOption, describeRanking, hasRanking, listRankingNotes, tabulateRanking, type RankingChartData } from '../charts/ranking.ts';
import { buildRequestFlowOption, describeRequestFlow, hasRequestFlow, tabulateRequestFlow } from '../charts/request-flow.ts';
import { buildTrendOption, describeTrend, listTrendNotes, tabulateTrend } from '../charts/trend.ts';
import type { JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import type { CheckedReport } from '../reports/types.ts';
import {
  deriveActiveData,
  deriveAppealsData,
  deriveApplicantData,
  deriveDepartmentRankingData,
  derivePriorYearData,
  deriveRankingData,
  deriveRequestFlowData,
  deriveTrendData,
  listChartRuleNotes,
} from './chart-data.ts';
import {
  tabulateActiveNumbers,
  tabulateAppealsNumbers,
  tabulateApplicantNumbers,
  tabulatePriorYearNumbers,
  tabulateRankingNumbers,
  tabulateRequestFlowNumbers,
  tabulateTrendNumbers,
  type ChartNumbers,
} from '../embeds/chart-numbers.ts';

/** One chart of a page: what it is called, what it shows in words and as a table, and how to lay it out. */
export interface ChartEntry {
  /** Stable within a page, for element ids and anchors: flow, applicants, appeals, active, prior-year, trend-<metric>, ranking-<level>. */
  readonly key: string;
  readonly title: string;
  readonly description: string;
  readonly table: ChartTable;
  /** The numbers the chart draws, plain (not formatted), for its CSV download. */
  readonly data: ChartNumbers;
  /**
   * What a reader must know to quote the chart (rule failures on its cells, values listed apart),
   * shown with it visibly wherever it goes: its page, its embed page and its standalone image.
   */
  readonly notes: readonly string[];
  /** Lays the chart out for a width in SVG units (narrow below 560); null when there is nothing to draw. */
  readonly build: ((width: number) => BuiltChart) | null;
}

/**
 * The keys of a report page's charts, in page order: every report has all four (a chart with nothing
 * to draw keeps its entry, with `build` null), so the embed routes list them without deriving any.
 */
export const REPORT_CHART_KEYS = ['flow', 'applicants', 'appeals', 'active'] as const;

/** The charts of a report page, keyed as REPORT_CHART_KEYS: request flow, applicants, review and litigation, active disclosure. */
export function listReportCharts(report: CheckedReport, jurisdictions: JurisdictionIndex): ChartEntry[] {
  const [flowKey, applicantsKey, appealsKey, activeKey] = REPORT_CHART_KEYS;
  const flow = deriveRequestFlowData(report, jurisdictions);
  const applicants = deriveApplicantData(report, jurisdictions);
  const appeals = deriveAppealsData(report, jurisdictions);
  const active = deriveActiveData(report, jurisdictions);
  return [
    { key: flowKey, title: flow.title, description: describeRequestFlow(flow), table: tabulateRequestFlow(flow), data: tabulateRequestFlowNumbers(flow), notes: flow.notes, build: hasRequestFlow(flow) ? (w) => buildRequestFlowOption(flow, w) : null },
    { key: applicantsKey, title: applicants.title, description: describeApplicants(applicants), table: tabulateApplicants(applicants), data: tabulateApplicantNumbers(applicants), notes: listChartRuleNotes(report, 'requests', (row) => row === 'received_new'), build: (w) => buildApplicantOption(applicants, w) },
    { key: appealsKey, title: appeals.title, description: describeAppeals(appeals), table: tabulateAppeals(appeals), data: tabulateAppealsNumbers(appeals), notes: appeals.notes, build: hasAppeals(appeals) ? (w) => buildAppealsOption(appeals, w) : null },
    { key: activeKey, title: active.title, description: describeActive(active), table: tabulateActive(active), data: tabulateActiveNumbers(active), notes: listChartRuleNotes(report, 'active', () => true), build: (w) => buildActiveOption(active, w) },
  ];
}

/** One trend chart per metric over a series' reports (a government's or a department's), drawn when the metric has a value in two years or more. */
function listTrendCharts(series: readonly CheckedReport[], metricIds: readonly string[], jurisdictions: JurisdictionIndex): ChartEntry[] {
  return metricIds.map((id): ChartEntry => {
    const data = deriveTrendData(series, id, jurisdictions);
    // A line needs two points: a metric with a value in one year only is told in words and its table, not drawn as one dot.
    const drawable = data.points.filter((p) => p.value !== null).length >= 2;
    return { key: `trend-${id}`, title: data.title, description: describeTrend(data), table: tabulateTrend(data), data: tabulateTrendNumbers(data), notes: listTrendNotes(data), build: drawable ? (w) => buildTrendOption(data, w) : null };
  });
}

/** What one report says about the year before, as a chart (drawn when its form prints it). */
function buildPriorYearChart(report: CheckedReport, jurisdictions: JurisdictionIndex): ChartEntry {
  const prior = derivePriorYearData(report, jurisdictions);
  const notes = [...listChartRuleNotes(report, 'active', (_row, column) => column === 'prev_items' || column === 'change'), ...listChartRuleNotes(report, 'requests', (row, column) => row === 'carried_over' && column === 'total')];
  return { key: 'prior-year', title: prior.title, description: describePriorYear(prior), table: tabulatePriorYear(prior), data: tabulatePriorYearNumbers(prior), notes, build: hasPriorYearItems(prior) ? (w) => buildPriorYearOption(prior, w) : null };
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

/** A ranking chart's entry. */
function buildRankingEntry(data: RankingChartData): ChartEntry {
  return { key: data.key, title: data.title, description: describeRanking(data), table: tabulateRanking(data), data: tabulateRankingNumbers(data), notes: listRankingNotes(data), build: hasRanking(data) ? (w) => buildRankingOption(data, w) : null };
}

/** The charts of a comparison page (one metric, one year): one ranking per level, province first. */
export function listRankingCharts(reports: readonly CheckedReport[], metricId: string, year: number, jurisdictions: JurisdictionIndex): ChartEntry[] {
  return deriveRankingData(reports, metricId, year, jurisdictions).map(buildRankingEntry);
}

/** The charts of a department comparison (one metric, one year, one kind of department): one ranking per level, province first. */
export function listDepartmentRankingCharts(reports: readonly CheckedReport[], metricId: string, year: number, agencySlug: string, jurisdictions: JurisdictionIndex): ChartEntry[] {
  return deriveDepartmentRankingData(reports, metricId, year, agencySlug, jurisdictions).map(buildRankingEntry);
}
