/**
 * The view models of embedding: a chart's links and iframe snippet on the page that shows it, the
 * embed page itself, its oEmbed JSON, and the words of the chart's standalone image. A report page's chart names its report; a chart of another page (a
 * jurisdiction's trends, a comparison's rankings) is described by its `ChartHome`: the page it is
 * on and the reports its numbers come from. Absolute URLs are made against the site's configured address.
 */
import { estimateTextWidth, FONT_SIZE } from '../charts/chart-theme.ts';
import { COMPILER } from '../downloads/citation.ts';
import { DATA_LICENSE } from '../downloads/datapackage.ts';
import type { ReportMeta } from '../reports/types.ts';
import type { ChartView } from '../charts/chart-view.ts';
import { readSvgSize, type ChartImageText } from './chart-image.ts';
import { chartCsvPath, EMBED_SCRIPT_PATH, embedOembedPath, embedPath, formatAbsoluteUrl, formatChartFileName, formatReportChartStem, listEmbedFiles, placeOgImagePath, reportPath } from '../site/paths.ts';

/**
 * The height of an embed page around its chart at desktop width, in CSS px: the title (one line)
 * and the source line (up to two lines) with their margins. Checked against the real page by
 * tests/e2e/embed.test.ts.
 */
export const EMBED_CHROME_HEIGHT = 104;

/** The width (CSS px) the default height is made for: the desktop chart and the page's side padding. */
export const EMBED_DESKTOP_WIDTH = 760;

/** The description's font size and line height on the embed page (global.css .chart-desc: .9rem, 1.7). */
const NOTE_FONT_PX = 14.4;
const NOTE_LINE_PX = 24.5;

/** The notes' font size, line height, the room their box takes beside and around the text (global.css .chart-notes). */
const NOTES_FONT_PX = 13.6;
const NOTES_LINE_PX = 21.8;
const NOTES_SIDE_PX = 4 + 9.6 * 2;
const NOTES_AROUND_PX = 4.8 * 2 + 4 + 8 + 3.2;

/** The height of a chart's notes box at the desktop width; 0 without notes. */
function estimateNotesHeight(notes: readonly string[]): number {
  if (!notes.length) return 0;
  const room = EMBED_DESKTOP_WIDTH - 24 - NOTES_SIDE_PX;
  const lines = notes.reduce((n, note) => n + Math.ceil(((estimateTextWidth(note) / FONT_SIZE) * NOTES_FONT_PX) / room), 0);
  return lines * NOTES_LINE_PX + NOTES_AROUND_PX;
}

/** A file link with the name a browser saves it under. */
export interface FileLink {
  readonly href: string;
  readonly download: string;
}

/**
 * The 「下载 PNG」 button of a chart: the browser draws the chart's standalone SVG (`svg`, every text
 * outlined) at twice its size and saves it as `download` (src/client/chart-png.ts).
 */
export interface PngDownload {
  readonly svg: string;
  readonly download: string;
}

/** What the report page shows under a chart: its files, its embed page and the snippet to copy. */
export interface ChartEmbedLinks {
  readonly pageHref: string;
  readonly oembedHref: string;
  readonly csv: FileLink;
  readonly svg: FileLink;
  readonly png: PngDownload;
  /** The HTML to paste: the iframe and the resize script. */
  readonly snippet: string;
  /** The iframe's height without the script, in CSS px. */
  readonly height: number;
}

/** Everything the embed page shows. */
export interface EmbedPageView {
  readonly chart: ChartView;
  /** Identifies the chart in resize messages: `230881-2020/flow`. */
  readonly frameId: string;
  readonly description: string;
  readonly oembedHref: string;
  /** The chart on the report page (absolute: links leave the iframe). */
  readonly reportHref: string;
  /** 同江市人民政府《同江市2020年政府信息公开工作年度报告》 */
  readonly reportText: string;
  readonly siteHref: string;
  readonly compiler: string;
  readonly licenseHref: string;
  readonly licenseText: string;
  readonly csv: FileLink;
  readonly png: PngDownload;
  /** The link-preview image of the report's jurisdiction (absolute). */
  readonly ogImage: string;
}

/** The oEmbed 1.0 response of a rich embed (https://oembed.com/ §2.3.4–2.3.5). */
export interface OembedJson {
  readonly version: '1.0';
  readonly type: 'rich';
  readonly title: string;
  readonly author_name: string;
  readonly author_url: string;
  readonly provider_name: string;
  readonly provider_url: string;
  readonly html: string;
  readonly width: number;
  readonly height: number;
}

/** The licence as the source lines name it: CC BY 4.0. */
const LICENSE_TEXT = DATA_LICENSE.name.replace(/-/g, ' ');

/** Escapes text for an HTML attribute value. */
function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The iframe height that shows a chart whole at the desktop width without the resize script (with no chart, its description). */
export function estimateEmbedHeight(chart: ChartView): number {
  const notes = estimateNotesHeight(chart.notes);
  if (chart.wide) return Math.ceil(readSvgSize(chart.wide.svg).height + EMBED_CHROME_HEIGHT + notes);
  const lines = Math.ceil(((estimateTextWidth(chart.description) / FONT_SIZE) * NOTE_FONT_PX) / (EMBED_DESKTOP_WIDTH - 24));
  return Math.ceil(EMBED_CHROME_HEIGHT + 16 + lines * NOTE_LINE_PX + notes);
}

/** The HTML a site pastes to embed a chart: a full-width iframe at its default height, then the async resize script. */
export function formatEmbedSnippet(src: string, title: string, height: number, scriptSrc: string): string {
  return `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" width="100%" height="${height}" style="border:0" loading="lazy"></iframe><script async src="${escapeAttribute(scriptSrc)}"></script>`;
}

/** Builds the links and snippet of a chart whose embed page is `embedHref`; its files are saved as `<fileStem>.csv` and so on. */
export function buildEmbedLinksAt(embedHref: string, fileStem: string, chart: ChartView, site: string): ChartEmbedLinks {
  const height = estimateEmbedHeight(chart);
  const files = listEmbedFiles(embedHref);
  return {
    pageHref: embedHref,
    oembedHref: files.oembed,
    csv: { href: files.csv, download: `${fileStem}.csv` },
    svg: { href: files.svg, download: `${fileStem}.svg` },
    png: { svg: files.svg, download: `${fileStem}.png` },
    snippet: formatEmbedSnippet(formatAbsoluteUrl(embedHref, site), chart.title, height, formatAbsoluteUrl(EMBED_SCRIPT_PATH, site)),
    height,
  };
}

/** Builds the links and snippet of one chart of a report page. */
export function buildChartEmbedLinks(reportId: string, chart: ChartView, site: string): ChartEmbedLinks {
  return buildEmbedLinksAt(embedPath(reportId, chart.key), formatReportChartStem(reportId, chart.key), chart, site);
}

/** Names a report as its source line does: publisher and title. */
export function formatReportSource(meta: ReportMeta): string {
  return `${meta.publisher}《${meta.title}》`;
}

/** Builds the embed page of one chart of a report. */
export function buildEmbedPageView(meta: ReportMeta, chart: ChartView, site: string): EmbedPageView {
  return {
    chart,
    frameId: `${meta.id}/${chart.key}`,
    description: chart.description,
    oembedHref: formatAbsoluteUrl(embedOembedPath(meta.id, chart.key), site),
    reportHref: formatAbsoluteUrl(`${reportPath(meta.id)}#${chart.id}`, site),
    reportText: formatReportSource(meta),
    siteHref: formatAbsoluteUrl('/', site),
    compiler: COMPILER,
    licenseHref: DATA_LICENSE.path,
    licenseText: LICENSE_TEXT,
    csv: { href: chartCsvPath(meta.id, chart.key), download: formatChartFileName(meta.id, chart.key, 'csv') },
    png: { svg: listEmbedFiles(embedPath(meta.id, chart.key)).svg, download: formatChartFileName(meta.id, chart.key, 'png') },
    ogImage: formatAbsoluteUrl(placeOgImagePath(meta.jurisdiction), site),
  };
}

/**
 * Composes an oEmbed response from a chart's links and its author. It names no thumbnail (optional in
 * oEmbed): the site makes no raster image per chart.
 */
function composeOembed(links: ChartEmbedLinks, chart: ChartView, author: { name: string; path: string }, site: string): OembedJson {
  return {
    version: '1.0',
    type: 'rich',
    title: chart.title,
    author_name: author.name,
    author_url: formatAbsoluteUrl(author.path, site),
    provider_name: COMPILER,
    provider_url: formatAbsoluteUrl('/', site),
    html: links.snippet,
    width: chart.wide ? readSvgSize(chart.wide.svg).width : 720,
    height: links.height,
  };
}

/** Builds a chart's oEmbed JSON. */
export function buildOembed(meta: ReportMeta, chart: ChartView, site: string): OembedJson {
  return composeOembed(buildChartEmbedLinks(meta.id, chart, site), chart, { name: meta.publisher, path: reportPath(meta.id) }, site);
}

/** The words of a chart's standalone image: its title, and the report and compiler under it. */
export function buildChartImageText(meta: ReportMeta, chart: Pick<ChartView, 'title' | 'description' | 'notes'>, site: string): ChartImageText {
  return {
    title: chart.title,
    source: [`来源：${formatReportSource(meta)}`, `${COMPILER} 整理，${LICENSE_TEXT} · ${formatAbsoluteUrl(reportPath(meta.id), site)}`],
    note: chart.description,
    notes: chart.notes,
  };
}

/**
 * A chart of a page other than a report's (a jurisdiction's trend, a comparison's ranking): where
 * its embed page is, what its files are saved as, the page that shows it and the reports its
 * numbers come from, in the words of its source line.
 */
export interface ChartHome {
  /** The embed page: `/embed/jurisdictions/230881/trend-grant_rate/`. */
  readonly embedHref: string;
  /** Names the chart in resize messages: `jurisdictions/230881/trend-grant_rate`. */
  readonly frameId: string;
  /** The name its files are saved under, without extension: `230881-trend-grant_rate`. */
  readonly fileStem: string;
  /** The page that shows the chart (without the chart's anchor): `/jurisdictions/230881/`. */
  readonly pagePath: string;
  /** The page's name, the source line's link text (in quotes): 同江市. */
  readonly pageText: string;
  /** What follows the link: which of the page's reports the numbers come from. */
  readonly reportsText: string;
  /** Who published the numbers (oEmbed's author_name): 同江市人民政府. */
  readonly author: string;
  /** The link-preview image of the page (its jurisdiction's or its year's): `/jurisdictions/230881/og.png`. */
  readonly ogImagePath: string;
}

/** Everything the embed page of a ChartHome's chart shows. */
export interface HomeEmbedPageView {
  readonly chart: ChartView;
  readonly frameId: string;
  readonly description: string;
  readonly oembedHref: string;
  /** The chart on its page (absolute: links leave the iframe). */
  readonly pageHref: string;
  readonly pageText: string;
  readonly reportsText: string;
  readonly siteHref: string;
  readonly compiler: string;
  readonly licenseHref: string;
  readonly licenseText: string;
  readonly csv: FileLink;
  readonly png: PngDownload;
  /** The link-preview image of the chart's page (absolute). */
  readonly ogImage: string;
}

/** Builds the links and snippet of a ChartHome's chart, for the page that shows it. */
export function buildHomeEmbedLinks(home: ChartHome, chart: ChartView, site: string): ChartEmbedLinks {
  return buildEmbedLinksAt(home.embedHref, home.fileStem, chart, site);
}

/** Builds the embed page of a ChartHome's chart. */
export function buildHomeEmbedPageView(home: ChartHome, chart: ChartView, site: string): HomeEmbedPageView {
  const files = listEmbedFiles(home.embedHref);
  return {
    chart,
    frameId: home.frameId,
    description: chart.description,
    oembedHref: formatAbsoluteUrl(files.oembed, site),
    pageHref: formatAbsoluteUrl(`${home.pagePath}#${chart.id}`, site),
    pageText: home.pageText,
    reportsText: home.reportsText,
    siteHref: formatAbsoluteUrl('/', site),
    compiler: COMPILER,
    licenseHref: DATA_LICENSE.path,
    licenseText: LICENSE_TEXT,
    csv: { href: files.csv, download: `${home.fileStem}.csv` },
    png: { svg: files.svg, download: `${home.fileStem}.png` },
    ogImage: formatAbsoluteUrl(home.ogImagePath, site),
  };
}

/** Builds the oEmbed JSON of a ChartHome's chart. */
export function buildHomeOembed(home: ChartHome, chart: ChartView, site: string): OembedJson {
  return composeOembed(buildHomeEmbedLinks(home, chart, site), chart, { name: home.author, path: home.pagePath }, site);
}

/** The words of a ChartHome's chart image: its title, and the page, reports and compiler under it. */
export function buildHomeChartImageText(home: ChartHome, chart: ChartView, site: string): ChartImageText {
  return {
    title: chart.title,
    source: [`来源：“${home.pageText}”${home.reportsText}`, `${COMPILER} 整理，${LICENSE_TEXT} · ${formatAbsoluteUrl(home.pagePath, site)}`],
    note: chart.description,
    notes: chart.notes,
  };
}
