/**
 * What the embed routes of jurisdiction, department and comparison charts share at build time: their
 * static paths, each keyed for the incremental build by the content its page reads (the
 * jurisdiction's reports, the department's, or the year's), and one chart found by key, rendered
 * through the chart cache and answered as CSV, SVG or oEmbed JSON. The pages and their chart keys are listed once per build for the
 * five routes; a route renders only its own chart, and the entries of the page it rendered last are
 * kept (a route's paths come page by page, so its charts of one page share them).
 */
import type { GetStaticPathsResult } from 'astro';
import type { LoadedContent } from '../loaders/load-content.ts';
import { getSiteContent } from '../loaders/site-content.ts';
import type { ChartEntry } from '../charts/chart-entry.ts';
import type { ChartRenderer, ChartView } from '../charts/chart-view.ts';
import { getPageKeys } from './page-keys.ts';
import { makeChartSvg } from '../embeds/build-images.ts';
import { writeChartCsv } from '../embeds/chart-csv.ts';
import { buildHomeChartImageText, buildHomeOembed, type ChartHome } from '../embeds/embed-view.ts';
import {
  describeChartHome,
  listCompareChartPlaces,
  listDepartmentCompareChartPlaces,
  listJurisdictionChartPlaces,
  listPlaceCharts,
  listPublisherChartPlaces,
  type ChartPlace,
  type ListedPlace,
} from './page-chart-homes.ts';
import { renderEmbedChart } from './report-chart-files.ts';

/** The props of every page-chart embed route: the page whose chart it is. */
export interface PageChartProps {
  readonly place: ChartPlace;
}

/** The listed pages of a build's content, by kind, made once for the five routes of each. */
const listed = new WeakMap<LoadedContent, Partial<Record<ChartPlace['kind'], ListedPlace[]>>>();

/** How each kind of page with charts is listed. */
const LISTERS = { jurisdiction: listJurisdictionChartPlaces, publisher: listPublisherChartPlaces, compare: listCompareChartPlaces, departments: listDepartmentCompareChartPlaces } as const;

/** Lists (once per content) the pages of a kind with their chart keys. */
function listPlaces(kind: ChartPlace['kind']): ListedPlace[] {
  const content = getSiteContent();
  const known = listed.get(content) ?? {};
  listed.set(content, known);
  return (known[kind] ??= LISTERS[kind](content.reports, content.jurisdictions));
}

/** One route per chart of every jurisdiction page: `{ params: { code, chart }, props: { place }, cacheKey }`. */
export function listJurisdictionChartPaths(): GetStaticPathsResult {
  const keys = getPageKeys(getSiteContent());
  return listPlaces('jurisdiction').flatMap(({ place, keys: charts }) => {
    if (place.kind !== 'jurisdiction') return [];
    const cacheKey = keys.publisher(place.jurisdiction.code);
    return charts.map((chart) => ({ params: { code: place.jurisdiction.code, chart }, props: { place }, cacheKey }));
  });
}

/** One route per chart of every department page: `{ params: { key, chart }, props: { place }, cacheKey }`. */
export function listPublisherChartPaths(): GetStaticPathsResult {
  const keys = getPageKeys(getSiteContent());
  return listPlaces('publisher').flatMap(({ place, keys: charts }) => {
    if (place.kind !== 'publisher') return [];
    const cacheKey = keys.publisher(place.publisher.key);
    return charts.map((chart) => ({ params: { key: place.publisher.key, chart }, props: { place }, cacheKey }));
  });
}

/** One route per chart of every comparison page: `{ params: { year, metric, chart }, props: { place }, cacheKey }`. */
export function listCompareChartPaths(): GetStaticPathsResult {
  const keys = getPageKeys(getSiteContent());
  return listPlaces('compare').flatMap(({ place, keys: charts }) => {
    if (place.kind !== 'compare') return [];
    const cacheKey = keys.compare(place.page.year, place.page.metric.id);
    return charts.map((chart) => ({ params: { year: String(place.page.year), metric: place.page.metric.id, chart }, props: { place }, cacheKey }));
  });
}

/** One route per chart of every department comparison page: `{ params: { year, metric, agency, chart }, props: { place }, cacheKey }`. */
export function listDepartmentCompareChartPaths(): GetStaticPathsResult {
  const keys = getPageKeys(getSiteContent());
  return listPlaces('departments').flatMap(({ place, keys: charts }) => {
    if (place.kind !== 'departments') return [];
    const { page } = place;
    const cacheKey = keys.agencyYear(page.agencySlug, page.year);
    return charts.map((chart) => ({ params: { year: String(page.year), metric: page.metric.id, agency: page.agencySlug, chart }, props: { place }, cacheKey }));
  });
}

/** The chart entries of the page rendered last. */
let last: { place: ChartPlace; entries: ChartEntry[] } | undefined;

/** Finds a chart of a page by key, with its home; throws for an unknown key. */
export function findPlaceChart(place: ChartPlace, key: string): { entry: ChartEntry; home: ChartHome } {
  if (last?.place !== place) last = { place, entries: listPlaceCharts(place, getSiteContent().jurisdictions) };
  const entry = last.entries.find((e) => e.key === key);
  if (!entry) throw new Error(`${place.kind === 'jurisdiction' ? place.jurisdiction.code : place.kind === 'publisher' ? place.publisher.key : place.page.href} has no chart ${key}`);
  return { entry, home: describeChartHome(place, entry) };
}

/**
 * Renders one chart of a page through the build's chart cache: at both widths for its embed page,
 * or at the desktop width only (`wideOnly`) for its images and oEmbed, which show no other.
 */
export function renderPlaceChart(place: ChartPlace, key: string, cache: ChartRenderer, wideOnly = false): { chart: ChartView; home: ChartHome } {
  const { entry, home } = findPlaceChart(place, key);
  return { chart: renderEmbedChart(entry, wideOnly, `${home.embedHref}: the chart`, cache), home };
}

/** `data.csv`: the numbers the chart draws. */
export function respondChartCsv(place: ChartPlace, key: string): Response {
  return new Response(writeChartCsv(findPlaceChart(place, key).entry.data), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
}

/** `chart.svg`: the chart with its title and source line, every text outlined. */
export function respondChartSvg(place: ChartPlace, key: string, site: string, cache: ChartRenderer): Response {
  const { chart, home } = renderPlaceChart(place, key, cache, true);
  return new Response(makeChartSvg(chart.wide?.svg ?? null, buildHomeChartImageText(home, chart, site)), { headers: { 'Content-Type': 'image/svg+xml' } });
}

/** `oembed.json`: the oEmbed (rich) response of the chart's embed page. */
export function respondChartOembed(place: ChartPlace, key: string, site: string, cache: ChartRenderer): Response {
  const { chart, home } = renderPlaceChart(place, key, cache, true);
  const json = buildHomeOembed(home, chart, site);
  return new Response(`${JSON.stringify(json, null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}
