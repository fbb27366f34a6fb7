/**
 * What every chart of the site is made of, whatever its kind: its title, its description in words,
 * its table equivalent (formatted for people), its numbers (plain, for its CSV download), the notes a
 * reader must see with it, and how to lay it out. Each chart kind's file in this folder makes these
 * from the reports; pages, embeds and the pre-render pass only read them.
 */
import type { BuiltChart } from './chart-theme.ts';
import type { MetricUnit } from '../metrics/metric-specs.ts';

/** One row: its header cell (scope="row") and its data cells, already formatted. */
export interface ChartTableRow {
  readonly header: string;
  readonly cells: readonly string[];
}

/** A chart's data as a table: caption, column headings (the first heads the row headers), rows. */
export interface ChartTable {
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly ChartTableRow[];
  /** Notes shown under the table (cautions, flags, blank cells); may be empty. */
  readonly notes: readonly string[];
}

/** One field of a chart's numbers: text, a number, or null for no value (an empty CSV field). */
export type ChartDatum = string | number | null;

/**
 * A chart's numbers as a table, for its CSV download: column headings and rows of the same length.
 * The same chart data the chart and its table are built from, but as plain numbers (no grouping, no
 * percent signs, no 万) with an empty value where the chart has none. Only the figures a chart draws
 * are listed, each once, with the code of the printed row or column it comes from; a figure the chart
 * computes says so in its 说明 column. Shares are ratios 0–1 at full precision.
 */
export interface ChartNumbers {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly ChartDatum[])[];
}

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

/** Heads a metric's value column with its unit: a share is a ratio, not a percentage. */
export function formatMetricHeading(name: string, unit: MetricUnit): string {
  if (unit === 'share') return `${name}（比例，0–1）`;
  if (unit === 'per100') return `${name}（每百件）`;
  return name;
}

/** The 说明 of a metric value: why it is missing, that its base is small, which rules fail on its cells. */
export function describePoint(missing: string | null, caution: boolean, flags: readonly string[], cautionText = '基数不足 10，仅供参考'): string {
  return [missing ?? '', caution ? cautionText : '', flags.length ? `涉及未通过的核对：${flags.join('、')}` : ''].filter(Boolean).join('；');
}
