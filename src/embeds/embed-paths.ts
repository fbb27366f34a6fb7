/**
 * The URLs of every embed and per-chart file, declared once. Stable: iframes on other sites, oEmbed
 * consumers and articles link to them, so a path here is never renamed. A chart is named by its page
 * and its key: `/embed/<report-id>/<chart-key>/` for the charts of a report page (flow, applicants,
 * appeals, active), with its oEmbed JSON, standalone SVG and PNG and its numbers as CSV beside it.
 */

/** The host-side script that sizes embedded iframes to their chart (one per site). */
export const EMBED_SCRIPT_PATH = '/embed.js';

/** The folder of every embed and per-chart file. */
export const EMBED_ROOT = '/embed/';

/** The embed page of a report chart: `/embed/230881-2020/flow/`. */
export function embedPath(reportId: string, chartKey: string): string {
  return `${EMBED_ROOT}${reportId}/${chartKey}/`;
}

/** The oEmbed (rich) JSON of a chart's embed: `/embed/<id>/<key>/oembed.json`. */
export function embedOembedPath(reportId: string, chartKey: string): string {
  return `${embedPath(reportId, chartKey)}oembed.json`;
}

/** The standalone chart image with its title and source line, text outlined: `/embed/<id>/<key>/chart.svg`. */
export function chartSvgPath(reportId: string, chartKey: string): string {
  return `${embedPath(reportId, chartKey)}chart.svg`;
}

/** The same image as PNG, at twice the SVG's size: `/embed/<id>/<key>/chart.png`. */
export function chartPngPath(reportId: string, chartKey: string): string {
  return `${embedPath(reportId, chartKey)}chart.png`;
}

/** The numbers the chart draws, as CSV: `/embed/<id>/<key>/data.csv`. */
export function chartCsvPath(reportId: string, chartKey: string): string {
  return `${embedPath(reportId, chartKey)}data.csv`;
}

/** The Open Graph preview image of a report page (1200×630): `/reports/<id>/og.png`. */
export function reportOgImagePath(reportId: string): string {
  return `/reports/${reportId}/og.png`;
}

/** The file name a browser saves a chart's files under: `230881-2020-flow.csv`. */
export function formatChartFileName(reportId: string, chartKey: string, ext: 'csv' | 'svg' | 'png'): string {
  return `${reportId}-${chartKey}.${ext}`;
}
