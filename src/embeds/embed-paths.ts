/**
 * The URLs of every embed and per-chart file, declared once. Stable: iframes on other sites, oEmbed
 * consumers and articles link to them, so a path here is never renamed. A chart is named by its page
 * and its key: `/embed/<report-id>/<chart-key>/` for the charts of a report page (flow, applicants,
 * appeals, active), `/embed/jurisdictions/<code>/<chart-key>/` for those of a jurisdiction page
 * (trend-<metric>, prior-year), `/embed/publishers/<publisher-key>/<chart-key>/` for those of a
 * department's page (trend-<metric>, prior-year) and `/embed/compare/<year>/<metric>/<chart-key>/`
 * for those of a comparison page (ranking-<level>; a department comparison's under
 * `/embed/compare/<year>/<metric>/<agency>/<chart-key>/`), each with its oEmbed JSON, standalone SVG
 * and its numbers as CSV beside it (the PNG a reader downloads is drawn from the SVG in the browser).
 * The fixed first segments keep the kinds apart: a report id is never `jurisdictions`, `publishers`
 * or `compare`.
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

/** One documented URL pattern of the embeds. */
export interface EmbedUrlPattern {
  readonly pattern: string;
  readonly description: string;
}

/** The embed URL patterns with Chinese descriptions, for the data page: each kind of chart page, then the files beside every embed page. */
export function listEmbedUrlPatterns(): EmbedUrlPattern[] {
  const pages = [
    { href: embedPath('<报告编号>', '<图表>'), description: '报告页的一张图表，可用 iframe 嵌入其他网页（图表：flow、applicants、appeals、active）' },
    { href: jurisdictionEmbedPath('<地区代码>', '<图表>'), description: '地区页的一张图表（图表：trend-<指标>，只有一份报告时还有 prior-year）' },
    { href: publisherEmbedPath('<部门代码>', '<图表>'), description: '部门页的一张图表（部门代码如 230100-jiaoyu；图表：trend-<指标>，只有一份报告时为 prior-year；无 PNG）' },
    { href: compareEmbedPath('<年度>', '<指标>', '<图表>'), description: '比较页的一张图表（图表：ranking-province、ranking-prefecture、ranking-county）' },
    { href: departmentCompareEmbedPath('<年度>', '<指标>', '<部门类别>', '<图表>'), description: '部门比较页的一张图表（部门类别如 jiaoyu；图表：ranking-prefecture、ranking-county；无 PNG）' },
  ];
  const files = listEmbedFiles('…/');
  return [
    ...pages.map((p) => ({ pattern: p.href, description: p.description })),
    { pattern: files.oembed, description: '上述每张图表的 oEmbed（rich）描述，html 即嵌入代码' },
    { pattern: files.csv, description: '上述每张图表所画的数字（CSV）' },
    { pattern: files.svg, description: '上述每张图表的独立图片（SVG），含标题和来源，文字已转为轮廓；图表下的「下载 PNG」在浏览器里把它画成 2 倍大小的 PNG' },
    { pattern: EMBED_SCRIPT_PATH, description: '嵌入网页引用的脚本，让 iframe 的高度随图表变化' },
  ];
}
