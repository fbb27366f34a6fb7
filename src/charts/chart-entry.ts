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
  /**
   * What the drawing is made from besides the charts' code, as text: the name of its layout and the
   * view data it lays out (identifyDrawing). Entries of equal identity draw the same at every width,
   * whichever page shows them, so the chart cache keys a chart by it and draws it once for all of them.
   */
  readonly identify: () => string;
}

/**
 * A value as text that tells apart every value a layout could tell apart: JSON, with numbers JSON
 * cannot write (NaN, ±Infinity, -0) and `undefined` written as markers (objects of one key starting
 * with a NUL character, which no view data has). Throws for
 * what JSON would drop or misstate (a function, a Map, a Set, a bigint, a symbol): a view data that
 * holds one cannot be keyed by its text.
 */
export function identifyDrawing(kind: string, data: unknown): string {
  return JSON.stringify([kind, data], (_key, value: unknown) => {
    if (value === undefined) return { '\u0000undefined': true };
    if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0) ? value : { '\u0000number': Object.is(value, -0) ? '-0' : String(value) };
    if (typeof value === 'function' || typeof value === 'bigint' || typeof value === 'symbol' || value instanceof Map || value instanceof Set) throw new Error(`identifyDrawing: the view data of a ${kind} chart holds a ${value instanceof Map ? 'Map' : value instanceof Set ? 'Set' : typeof value}, which its identity cannot tell apart`);
    return value;
  });
}

/**
 * The drawing of a chart of one layout (`kind`, unique per layout function) from `data`, exactly what
 * the layout reads (each layout takes a Pick of its view data, so the compiler holds it to those
 * fields: a report's name in a title it does not draw does not keep two reports' equal charts apart):
 * its `build` (null when `drawable` is false) and its identity, computed when first asked for.
 */
export function drawFrom<T>(kind: string, data: T, lay: (data: T, width: number) => BuiltChart, drawable = true): Pick<ChartEntry, 'build' | 'identify'> {
  let identity: string | undefined;
  return { build: drawable ? (width) => lay(data, width) : null, identify: () => (identity ??= identifyDrawing(kind, data)) };
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
