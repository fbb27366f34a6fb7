/**
 * Every URL path of the site, declared once, and the names its files are saved under. Stable:
 * published links, embeds on other sites, oEmbed consumers and scripts depend on them, so a path here
 * is never renamed; a new page or file gets a new path. Pure strings: every part of the code may read
 * them (views, downloads, embeds, the routes that generate them), and this module reads nothing but
 * the form's table ids.
 *
 * A chart embed is named by its page and its key: `/embed/<report-id>/<chart-key>/` for the charts of a report page (flow, applicants,
 * appeals, active), `/embed/jurisdictions/<code>/<chart-key>/` for those of a jurisdiction page
 * (trend-<metric>, prior-year), `/embed/publishers/<publisher-key>/<chart-key>/` for those of a
 * department's page (trend-<metric>, prior-year) and `/embed/compare/<year>/<metric>/<chart-key>/`
 * for those of a comparison page (ranking-<level>; a department comparison's under
 * `/embed/compare/<year>/<metric>/<agency>/<chart-key>/`), each with its oEmbed JSON, standalone SVG
 * and its numbers as CSV beside it (the PNG a reader downloads is drawn from the SVG in the browser).
 * The fixed first segments keep the kinds apart: a report id is never `jurisdictions`, `publishers`
 * or `compare`.
 */
import type { TableId } from '../form/types.ts';

// Pages.

/** The page of a report. */
export function reportPath(id: string): string {
  return `/reports/${id}/`;
}

/** The page of a jurisdiction. */
export function jurisdictionPath(code: string): string {
  return `/jurisdictions/${code}/`;
}

/** The page of a department that publishes its own reports (a publisher key: `230100-jiaoyu`). */
export function publisherPath(key: string): string {
  return `/publishers/${key}/`;
}

/** The list of one year's reports. */
export function yearPath(year: number): string {
  return `/years/${year}/`;
}

/** The n-th page of a year's reports (`/years/2020/`, `/years/2020/2/`). */
export function yearPagePath(year: number, page = 1): string {
  return page > 1 ? `${yearPath(year)}${page}/` : yearPath(year);
}

/** The methodology page. */
export const METHODOLOGY_PATH = '/methodology/';

/** The list of all jurisdictions. */
export const JURISDICTIONS_PATH = '/jurisdictions/';

/** The search page; it reads the query from `?q=`. */
export const SEARCH_PATH = '/search/';

/** The index of comparison pages. */
export const COMPARE_PATH = '/compare/';

/** The comparison page of one metric in one year. */
export function comparePath(year: number, metricId: string): string {
  return `/compare/${year}/${metricId}/`;
}

/** The comparison of one metric in one year across the departments of one kind (agency slug): `/compare/2020/grant_rate/jiaoyu/`. */
export function departmentComparePath(year: number, metricId: string, agencySlug: string): string {
  return `${comparePath(year, metricId)}${agencySlug}/`;
}

/** The element id of a metric's entry on the methodology page. */
export function metricAnchor(metricId: string): string {
  return `metric-${metricId}`;
}

/** The methodology entry of a metric: its definition, cells and comparability. */
export function metricMethodologyPath(metricId: string): string {
  return `${METHODOLOGY_PATH}#${metricAnchor(metricId)}`;
}

// Downloads.

/** The data page: every download, its columns, licence and citation. */
export const DATA_PATH = '/data/';

/** The data page of a year, or its n-th page (`/data/2020/`, `/data/2020/2/`). */
export function dataYearPath(year: number, page = 1): string {
  return page > 1 ? `${DATA_PATH}${year}/${page}/` : `${DATA_PATH}${year}/`;
}

/** The site-wide files under /data/, by resource name. */
export type SiteFileName = 'cells' | 'reports' | TableId;

/** A site-wide CSV: `/data/cells.csv`, `/data/reports.csv`, `/data/requests.csv`, … */
export function siteCsvPath(name: SiteFileName): string {
  return `${DATA_PATH}${name}.csv`;
}

/**
 * Every cell of one year's reports in the tidy long layout, beside that year's data page:
 * `/data/2020/cells.csv` (`year` may be a placeholder such as `<年度>` for documentation).
 */
export function yearCellsCsvPath(year: number | string): string {
  return `${DATA_PATH}${year}/cells.csv`;
}

/** The file name a browser saves a year's cells file under (`gongkai-2020-cells.csv`). */
export function formatYearCellsDownloadName(year: number): string {
  return `gongkai-${year}-cells.csv`;
}

/** The Frictionless Data Package descriptor of the site-wide files. */
export const DATAPACKAGE_PATH = `${DATA_PATH}datapackage.json`;

/** One table of one report, with the printed form's Chinese labels: `/reports/<id>/requests.csv`. */
export function reportTableCsvPath(id: string, table: TableId): string {
  return `/reports/${id}/${table}.csv`;
}

/** Every cell of one report in the tidy long layout: `/reports/<id>/cells.csv`. */
export function reportCellsCsvPath(id: string): string {
  return `/reports/${id}/cells.csv`;
}

/** The file name a browser saves a report download under (`230881-2020-requests.csv`). */
export function formatDownloadName(id: string, name: TableId | 'cells'): string {
  return `${id}-${name}.csv`;
}

/** Makes a site path absolute against the site's address; the path alone when none is configured. */
export function formatAbsoluteUrl(path: string, site: string): string {
  return site ? new URL(path, site).href : path;
}

// Chart embeds and their files.

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

/** The numbers the chart draws, as CSV: `/embed/<id>/<key>/data.csv`. */
export function chartCsvPath(reportId: string, chartKey: string): string {
  return `${embedPath(reportId, chartKey)}data.csv`;
}

/** The stem of the names a report chart's files are saved under: `230881-2020-flow`. */
export function formatReportChartStem(reportId: string, chartKey: string): string {
  return `${reportId}-${chartKey}`;
}

/** The file name a browser saves a chart's files under: `230881-2020-flow.csv`. */
export function formatChartFileName(reportId: string, chartKey: string, ext: 'csv' | 'svg' | 'png'): string {
  return `${formatReportChartStem(reportId, chartKey)}.${ext}`;
}

/** The folder of the jurisdiction pages' chart embeds. */
export const JURISDICTION_EMBED_ROOT = `${EMBED_ROOT}jurisdictions/`;

/** The folder of the department pages' chart embeds. */
export const PUBLISHER_EMBED_ROOT = `${EMBED_ROOT}publishers/`;

/** The folder of the comparison pages' chart embeds. */
export const COMPARE_EMBED_ROOT = `${EMBED_ROOT}compare/`;

/** The embed page of a jurisdiction page's chart: `/embed/jurisdictions/230881/trend-grant_rate/`. */
export function jurisdictionEmbedPath(code: string, chartKey: string): string {
  return `${JURISDICTION_EMBED_ROOT}${code}/${chartKey}/`;
}

/** The embed page of a department page's chart: `/embed/publishers/230100-jiaoyu/trend-grant_rate/`. */
export function publisherEmbedPath(key: string, chartKey: string): string {
  return `${PUBLISHER_EMBED_ROOT}${key}/${chartKey}/`;
}

/** The embed page of a comparison page's chart: `/embed/compare/2020/grant_rate/ranking-county/`. */
export function compareEmbedPath(year: number | string, metricId: string, chartKey: string): string {
  return `${COMPARE_EMBED_ROOT}${year}/${metricId}/${chartKey}/`;
}

/** The embed page of a department comparison's chart: `/embed/compare/2020/grant_rate/jiaoyu/ranking-county/`. */
export function departmentCompareEmbedPath(year: number | string, metricId: string, agencySlug: string, chartKey: string): string {
  return `${COMPARE_EMBED_ROOT}${year}/${metricId}/${agencySlug}/${chartKey}/`;
}

/** The files beside an embed page, whatever page its chart is on. */
export interface EmbedFilePaths {
  readonly oembed: string;
  readonly svg: string;
  readonly csv: string;
}

/** The oEmbed JSON, SVG and CSV beside an embed page (`embedHref` ends with `/`). */
export function listEmbedFiles(embedHref: string): EmbedFilePaths {
  return { oembed: `${embedHref}oembed.json`, svg: `${embedHref}chart.svg`, csv: `${embedHref}data.csv` };
}

/** The stem of the names a jurisdiction chart's files are saved under: `230881-trend-grant_rate`. */
export function formatJurisdictionChartStem(code: string, chartKey: string): string {
  return `${code}-${chartKey}`;
}

/** The stem of the names a department page chart's files are saved under: `230100-jiaoyu-trend-grant_rate`. */
export function formatPublisherChartStem(key: string, chartKey: string): string {
  return `${key}-${chartKey}`;
}

/** The stem of the names a department comparison chart's files are saved under: `compare-2020-grant_rate-jiaoyu-ranking-county`. */
export function formatDepartmentCompareChartStem(year: number | string, metricId: string, agencySlug: string, chartKey: string): string {
  return `compare-${year}-${metricId}-${agencySlug}-${chartKey}`;
}

/** The stem of the names a comparison chart's files are saved under: `compare-2020-grant_rate-ranking-county`. */
export function formatCompareChartStem(year: number | string, metricId: string, chartKey: string): string {
  return `compare-${year}-${metricId}-${chartKey}`;
}

// Link-preview images, feeds, sitemap.

/** The preview image of a jurisdiction's page, which its reports and their embeds share: `/jurisdictions/230881/og.png`. */
export function placeOgImagePath(code: string): string {
  return `/jurisdictions/${code}/og.png`;
}

/** The preview image of a year's pages (its report list and comparisons): `/years/2020/og.png`. */
export function yearOgImagePath(year: number): string {
  return `/years/${year}/og.png`;
}

/** Site paths of the two Atom feeds. */
export const FEED_PATHS = { reports: '/feeds/reports.xml', findings: '/feeds/findings.xml' } as const;

/** Site path of the sitemap (past 50,000 pages, the index of numbered sitemaps beside it). */
export const SITEMAP_PATH = '/sitemap.xml';
