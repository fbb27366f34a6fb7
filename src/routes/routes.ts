/**
 * Every route of the site, in one place: the paths each dynamic route generates (its params and the
 * props its page renders from) and the cache key of each path, which Astro's incremental build
 * (`experimental.incrementalBuild`) compares to skip a path whose key and route code are unchanged.
 * Each page or endpoint under src/pages/ takes its paths in one line:
 * `export const getStaticPaths = reportPaths;`. What a key hashes is in ./keys.ts; here is only which
 * key each route takes. Routes without parameters cannot have a key (Astro asks no getStaticPaths of
 * them), and some files are written by an integration rather than a route: both are listed below,
 * each with what keeps it current (UNKEYED_ROUTES, WRITTEN_AFTER_PAGES).
 *
 * This module sits between the pages and everything they render: it reads the build's content and
 * the page lists of src/views/, src/downloads/ and src/embeds/; nothing below the pages imports it
 * but the build's machinery (which pages own which charts) and the streamed downloads.
 */
import type { GetStaticPaths, GetStaticPathsResult } from 'astro';
import { listDataYearPages, listDataYears } from '../views/data-year-view.ts';
import { SITE_RESOURCES } from '../downloads/fields.ts';
import { hashOgText, listPlaceOgCards, listYearOgCards } from '../embeds/og-images.ts';
import { TABLE_IDS } from '../form/forms.ts';
import type { LoadedContent } from '../loaders/load-content.ts';
import { getSiteContent } from '../loaders/site-content.ts';
import { indexPublishers } from '../publishers/publisher-index.ts';
import { REPORT_CHART_KEYS } from '../charts/chart-sets.ts';
import { listComparePages } from '../views/compare-view.ts';
import { listDepartmentComparePages } from '../views/department-compare-view.ts';
import {
  listCompareChartPlaces,
  listDepartmentCompareChartPlaces,
  listJurisdictionChartPlaces,
  listPublisherChartPlaces,
  type ChartPlace,
  type ListedPlace,
} from '../views/page-chart-homes.ts';
import { buildSearchNames } from '../views/search-view.ts';
import { listYearPages } from '../views/year-view.ts';
import { getPageKeys, type PageKeys } from './keys.ts';
import { siteCsvPath } from '../site/paths.ts';

/** The content and keys every route's paths are listed from: the build's content, read once per build process. */
function siteRoutes(): { content: LoadedContent; keys: PageKeys } {
  const content = getSiteContent();
  return { content, keys: getPageKeys(content) };
}

// Report pages and files: keyed by the report (its own content, its jurisdiction's chain, its series' other years).

/** `/reports/<id>/` and `/reports/<id>/source/`: one per report, props `{ report }`. */
export const reportPaths = (() => {
  const { content, keys } = siteRoutes();
  return content.reports.map((report) => ({ params: { id: report.meta.id }, props: { report }, cacheKey: keys.report(report.meta.id) }));
}) satisfies GetStaticPaths;

/** `/reports/<id>/cells.csv`: one per report. */
export const reportCellsPaths = (() => {
  const { content, keys } = siteRoutes();
  return content.reports.map((r) => ({ params: { id: r.meta.id }, cacheKey: keys.report(r.meta.id) }));
}) satisfies GetStaticPaths;

/** `/reports/<id>/<table>.csv`: one per table of every report. */
export const reportTablePaths = (() => {
  const { content, keys } = siteRoutes();
  return content.reports.flatMap((r) => TABLE_IDS.map((table) => ({ params: { id: r.meta.id, table }, cacheKey: keys.report(r.meta.id) })));
}) satisfies GetStaticPaths;

/** `/embed/<id>/<chart>/` with its chart.svg, data.csv and oembed.json: one per chart of every report, props `{ report }`. */
export function reportChartPaths(): GetStaticPathsResult {
  const { content, keys } = siteRoutes();
  return content.reports.flatMap((report) => REPORT_CHART_KEYS.map((chart) => ({ params: { id: report.meta.id, chart }, props: { report }, cacheKey: keys.report(report.meta.id) })));
}

// The files beside the pages that are not pages (a report's CSVs, every chart embed's chart.svg,
// data.csv and oembed.json): a build writes them after the pages, each folder's files together
// (src/integrations/endpoint-files.ts, listed by src/integrations/endpoint-list.ts from the path lists
// here, so with the same keys), not one by one through Astro; their routes list paths only on the dev
// server, which serves them.

/** `/reports/<id>/cells.csv` on the dev server; none in a build (WRITTEN_AFTER_PAGES). */
export const reportCellsFilePaths = (() => (import.meta.env.DEV ? reportCellsPaths() : [])) satisfies GetStaticPaths;

/** `/reports/<id>/<table>.csv` on the dev server; none in a build (WRITTEN_AFTER_PAGES). */
export const reportTableFilePaths = (() => (import.meta.env.DEV ? reportTablePaths() : [])) satisfies GetStaticPaths;

/** `/embed/<id>/<chart>/` chart.svg, data.csv and oembed.json on the dev server; none in a build (WRITTEN_AFTER_PAGES). */
export const reportChartFilePaths = (): GetStaticPathsResult => (import.meta.env.DEV ? reportChartPaths() : []);

// Places: a jurisdiction's page by what it shows; its search file by what it lists of its own reports.

/** `/jurisdictions/<code>/`: one per jurisdiction, props `{ jurisdiction }`, keyed by what its view, key figures and charts show. */
export const jurisdictionPaths = (() => {
  const { content, keys } = siteRoutes();
  return content.jurisdictions.all.map((j) => ({ params: { code: j.code }, props: { jurisdiction: j }, cacheKey: keys.jurisdictionPage(j.code) }));
}) satisfies GetStaticPaths;

/** `/search/places/<code>.json`: one per jurisdiction with reports at or under it. */
export const searchPlacePaths = (() => {
  const { content, keys } = siteRoutes();
  return buildSearchNames(content.jurisdictions, content.reports)
    .filter((n) => n.reports > 0)
    .map((n) => ({ params: { code: n.code }, cacheKey: keys.searchPlace(n.code) }));
}) satisfies GetStaticPaths;

/** `/publishers/<key>/`: one per department with a report, props `{ series }`, keyed by its reports and its latest report's peers. */
export const publisherPaths = (() => {
  const { content, keys } = siteRoutes();
  return indexPublishers(content.reports, content.jurisdictions).departments.map((series) => ({ params: { key: series.publisher.key }, props: { series }, cacheKey: keys.publisherPage(series.publisher.key) }));
}) satisfies GetStaticPaths;

// Link-preview images: keyed by the hash of their words and layout version (src/embeds/og-images.ts), not by reports.

/** `/jurisdictions/<code>/og.png`: one per jurisdiction, props `{ text }`. */
export const placeOgPaths = (() => {
  const content = getSiteContent();
  return listPlaceOgCards(content.reports, content.jurisdictions).map((card) => ({ params: { code: card.code }, props: { text: card.text }, cacheKey: hashOgText(card.text) }));
}) satisfies GetStaticPaths;

/** `/years/<year>/og.png`: one per year, props `{ text }`. */
export const yearOgPaths = (() => {
  const content = getSiteContent();
  return listYearOgCards(content.reports, content.jurisdictions).map((card) => ({ params: { year: String(card.year) }, props: { text: card.text }, cacheKey: hashOgText(card.text) }));
}) satisfies GetStaticPaths;

// Comparisons: each by its rankings' data (a government's or a kind of department's, one metric, one year).

/** `/compare/<year>/<metric>/`: one per metric and year, props `{ page }`. */
export const comparePaths = (() => {
  const { content, keys } = siteRoutes();
  return listComparePages(content.reports).map((page) => ({ params: { year: String(page.year), metric: page.metric.id }, props: { page }, cacheKey: keys.compare(page.year, page.metric.id) }));
}) satisfies GetStaticPaths;

/** `/compare/<year>/<metric>/<agency>/`: one per kind of department, metric and year compared, props `{ page }`. */
export const departmentComparePaths = (() => {
  const { content, keys } = siteRoutes();
  return listDepartmentComparePages(indexPublishers(content.reports, content.jurisdictions)).map((page) => ({
    params: { year: String(page.year), metric: page.metric.id, agency: page.agencySlug },
    props: { page },
    cacheKey: keys.departmentCompare(page.agencySlug, page.year, page.metric.id),
  }));
}) satisfies GetStaticPaths;

// Years and downloads: a year's lists by that year's reports and the years on file; site-wide files by every report.

/** `/years/<year>/` and its further pages `/years/<year>/<n>/`, props `{ year, page }`. */
export const yearListPaths = (() => {
  const { content, keys } = siteRoutes();
  return listYearPages(content.reports, content.jurisdictions).map(({ year, page }) => ({
    params: { year: String(year), page: page > 1 ? String(page) : undefined },
    props: { year, page },
    // The first page shows the year's overview (every report of the year); the others only their own reports' list.
    cacheKey: page === 1 ? keys.year(year) : keys.yearPage(year, page),
  }));
}) satisfies GetStaticPaths;

/** `/data/<year>/` and its further pages, props `{ year, page }`. */
export const dataYearPaths = (() => {
  const { content, keys } = siteRoutes();
  return listDataYearPages(content.reports).map(({ year, page }) => ({
    params: { year: String(year), page: page > 1 ? String(page) : undefined },
    props: { year, page },
    cacheKey: keys.year(year),
  }));
}) satisfies GetStaticPaths;

/**
 * The URL paths of the site-wide downloads a build writes after the pages instead of by an endpoint
 * (each year's cells.csv is too): every site-wide CSV (see WRITTEN_AFTER_PAGES). Measured into the
 * download stash, they are moved into the output; an endpoint's Response would be read whole by
 * Astro and written again (at 10,000 reports the wide tables are 59 MB, in every one-report edit).
 */
export const STREAMED_SITE_PATHS: readonly string[] = SITE_RESOURCES.map((r) => siteCsvPath(r.name));

/** `/data/<file>.csv`: the site-wide CSVs, on the dev server; none in a build (written after the pages, STREAMED_SITE_PATHS). */
export const siteCsvPaths = (() => {
  if (!import.meta.env.DEV) return [];
  const key = getPageKeys(getSiteContent()).site();
  return SITE_RESOURCES.map((r) => ({ params: { file: r.name }, cacheKey: key }));
}) satisfies GetStaticPaths;

/** `/data/<year>/cells.csv`: none in a build (written after the pages, see WRITTEN_AFTER_PAGES); one per year on the dev server. */
export const yearCellsPaths = (() => {
  if (!import.meta.env.DEV) return [];
  const { content, keys } = siteRoutes();
  return listDataYears(content.reports).map(({ year }) => ({ params: { year: String(year) }, cacheKey: keys.yearReports(year) }));
}) satisfies GetStaticPaths;

// The chart embeds of jurisdiction, department and comparison pages, each keyed by what its charts draw.

/** The listed pages of a build's content, by kind, made once for the four routes of each. */
const listed = new WeakMap<LoadedContent, Partial<Record<ChartPlace['kind'], ListedPlace[]>>>();

/** How each kind of page with charts is listed. */
const LISTERS = { jurisdiction: listJurisdictionChartPlaces, publisher: listPublisherChartPlaces, compare: listCompareChartPlaces, departments: listDepartmentCompareChartPlaces } as const;

/** Lists (once per content) the pages of a kind with their chart keys. */
function listPlaces(content: LoadedContent, kind: ChartPlace['kind']): ListedPlace[] {
  const known = listed.get(content) ?? {};
  listed.set(content, known);
  return (known[kind] ??= LISTERS[kind](content.reports, content.jurisdictions));
}

/** One path per chart of every page of a kind: the page's params and key, and each chart's key as `chart`, props `{ place }`. */
function listPlaceChartPaths<K extends ChartPlace['kind']>(kind: K, describe: (place: Extract<ChartPlace, { kind: K }>, keys: PageKeys) => { params: Record<string, string>; cacheKey: string }): GetStaticPathsResult {
  const { content, keys } = siteRoutes();
  return listPlaces(content, kind).flatMap(({ place, keys: charts }) => {
    if (place.kind !== kind) return [];
    const { params, cacheKey } = describe(place as Extract<ChartPlace, { kind: K }>, keys);
    return charts.map((chart) => ({ params: { ...params, chart }, props: { place }, cacheKey }));
  });
}

/** `/embed/jurisdictions/<code>/<chart>/` and its files: keyed by its government's reports (what its charts draw). */
export const jurisdictionChartPaths = (): GetStaticPathsResult =>
  listPlaceChartPaths('jurisdiction', ({ jurisdiction }, keys) => ({ params: { code: jurisdiction.code }, cacheKey: keys.publisher(jurisdiction.code) }));

/** `/embed/publishers/<key>/<chart>/` and its files: keyed by the department's reports. */
export const publisherChartPaths = (): GetStaticPathsResult =>
  listPlaceChartPaths('publisher', ({ publisher }, keys) => ({ params: { key: publisher.key }, cacheKey: keys.publisher(publisher.key) }));

/** `/embed/compare/<year>/<metric>/<chart>/` and its files: keyed by the comparison's rankings. */
export const compareChartPaths = (): GetStaticPathsResult =>
  listPlaceChartPaths('compare', ({ page }, keys) => ({ params: { year: String(page.year), metric: page.metric.id }, cacheKey: keys.compare(page.year, page.metric.id) }));

/** `/embed/compare/<year>/<metric>/<agency>/<chart>/` and its files: keyed by the comparison's rankings. */
export const departmentCompareChartPaths = (): GetStaticPathsResult =>
  listPlaceChartPaths('departments', ({ page }, keys) => ({
    params: { year: String(page.year), metric: page.metric.id, agency: page.agencySlug },
    cacheKey: keys.departmentCompare(page.agencySlug, page.year, page.metric.id),
  }));

/** The files of a jurisdiction page's chart embeds beside its embed page, on the dev server; none in a build (WRITTEN_AFTER_PAGES). */
export const jurisdictionChartFilePaths = (): GetStaticPathsResult => (import.meta.env.DEV ? jurisdictionChartPaths() : []);

/** The files of a department page's chart embeds, on the dev server; none in a build (WRITTEN_AFTER_PAGES). */
export const publisherChartFilePaths = (): GetStaticPathsResult => (import.meta.env.DEV ? publisherChartPaths() : []);

/** The files of a comparison's chart embeds, on the dev server; none in a build (WRITTEN_AFTER_PAGES). */
export const compareChartFilePaths = (): GetStaticPathsResult => (import.meta.env.DEV ? compareChartPaths() : []);

/** The files of a department comparison's chart embeds, on the dev server; none in a build (WRITTEN_AFTER_PAGES). */
export const departmentCompareChartFilePaths = (): GetStaticPathsResult => (import.meta.env.DEV ? departmentCompareChartPaths() : []);

/**
 * The routes without a cache key, by page file under src/pages/, and why: a route without
 * parameters has no getStaticPaths, and Astro 7 takes a path's key only from getStaticPaths, so
 * these are rendered again by every build (each is one file).
 */
export const UNKEYED_ROUTES: Readonly<Record<string, string>> = {
  'index.astro': 'the home page: the newest reports and the newest year’s overview, over every report',
  '404.astro': 'the error page: reads no content',
  'methodology/index.astro': 'the methodology page: the form, the metrics and the known source errors',
  'jurisdictions/index.astro': 'the jurisdiction tree with every jurisdiction’s report count',
  'compare/index.astro': 'the index of comparisons: every year, metric and kind of department compared',
  'search/index.astro': 'the search page: every name and metric searched, over every report',
  'data/index.astro': 'the data page: the site-wide files’ sizes and hashes, over every report',
  'data/datapackage.json.ts': 'the Data Package descriptor: every site-wide file’s size and hash',
  'feeds/reports.xml.ts': 'the newest reports, over every report',
  'feeds/findings.xml.ts': 'the newest findings, over every report',
  'robots.txt.ts': 'reads only the site’s address',
  'embed.js.ts': 'reads only the site’s address',
};

/**
 * Files the build writes outside any route, after the pages, and what keeps each current: they are
 * not generated by Astro, so they take no cache key.
 */
export const WRITTEN_AFTER_PAGES: Readonly<Record<string, string>> = {
  '/data/cells.csv': 'src/integrations/streamed-downloads.ts: written piece by piece (too large for an endpoint), skipped while the output holds a file of the size and hash /data/ lists (keyed by every report, `site`)',
  '/data/reports.csv': 'src/integrations/streamed-downloads.ts, as /data/cells.csv (keyed by every report, `site`)',
  '/data/active.csv': 'src/integrations/streamed-downloads.ts, as /data/cells.csv (keyed by every report, `site`)',
  '/data/requests.csv': 'src/integrations/streamed-downloads.ts, as /data/cells.csv (keyed by every report, `site`)',
  '/data/appeals.csv': 'src/integrations/streamed-downloads.ts, as /data/cells.csv (keyed by every report, `site`)',
  '/data/<year>/cells.csv': 'src/integrations/streamed-downloads.ts, as /data/cells.csv (keyed by that year’s reports, `yearReports`)',
  '/reports/<id>/cells.csv, /reports/<id>/<table>.csv': 'src/integrations/endpoint-files.ts: each report’s folder of CSVs written after the pages, again only when its key (`report`) or the code that makes them changed, or a file is missing',
  '/embed/…/<chart>/chart.svg, data.csv, oembed.json': 'src/integrations/endpoint-files.ts: each chart embed’s three files written after the pages, keyed as the embed page beside them',
  '/sitemap.xml': 'src/integrations/sitemap.ts: from the list of pages the build generated or kept, every build',
  '/pagefind/': 'src/integrations/pagefind.ts: the search index, indexed again only for the parts with a changed page',
};
