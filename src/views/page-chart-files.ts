/**
 * What the embed routes of jurisdiction, department and comparison charts share at build time (their
 * paths and keys: src/routes/routes.ts): one chart found by key, rendered through the chart cache and
 * answered as CSV, SVG or oEmbed JSON. A route renders only its own chart, and the entries of the
 * page it rendered last are kept (a route's paths come page by page, so its charts of one page share them).
 */
import { getSiteContent } from '../loaders/site-content.ts';
import type { ChartEntry } from '../charts/chart-entry.ts';
import type { ChartRenderer, ChartView } from '../charts/chart-view.ts';
import { makeChartSvg } from '../embeds/build-images.ts';
import { writeChartCsv } from '../embeds/chart-csv.ts';
import { buildHomeChartImageText, buildHomeOembed, type ChartHome } from '../embeds/embed-view.ts';
import { describeChartHome, listPlaceCharts, type ChartPlace } from './page-chart-homes.ts';
import { renderEmbedChart, type ChartFiles } from './report-chart-files.ts';

/** The props of every page-chart embed route: the page whose chart it is. */
export interface PageChartProps {
  readonly place: ChartPlace;
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

/** `data.csv` of a page's chart: the numbers it draws. */
export function writePlaceChartCsv(place: ChartPlace, key: string): string {
  return writeChartCsv(findPlaceChart(place, key).entry.data);
}

/** A page chart's three files (CHART_FILE_NAMES), the two that show the chart made from one rendering of it. */
export function makePlaceChartFiles(place: ChartPlace, key: string, site: string, cache: ChartRenderer): ChartFiles {
  const { chart, home } = renderPlaceChart(place, key, cache, true);
  return [placeChartSvg(home, chart, site), writePlaceChartCsv(place, key), placeChartOembed(home, chart, site)];
}

/** `chart.svg` of a page's chart: the chart with its title and source line, every text outlined. */
export function makePlaceChartSvg(place: ChartPlace, key: string, site: string, cache: ChartRenderer): Uint8Array<ArrayBuffer> {
  const { chart, home } = renderPlaceChart(place, key, cache, true);
  return placeChartSvg(home, chart, site);
}

/** `chart.svg` of a page's chart rendered at the desktop width. */
function placeChartSvg(home: ChartHome, chart: ChartView, site: string): Uint8Array<ArrayBuffer> {
  return makeChartSvg(chart.wide?.svg ?? null, buildHomeChartImageText(home, chart, site));
}

/** `oembed.json` of a page's chart: the oEmbed (rich) response of its embed page. */
export function writePlaceChartOembed(place: ChartPlace, key: string, site: string, cache: ChartRenderer): string {
  const { chart, home } = renderPlaceChart(place, key, cache, true);
  return placeChartOembed(home, chart, site);
}

/** `oembed.json` of a page's chart rendered at the desktop width. */
function placeChartOembed(home: ChartHome, chart: ChartView, site: string): string {
  return `${JSON.stringify(buildHomeOembed(home, chart, site), null, 2)}\n`;
}

/** `data.csv` as the dev server's route answers it. */
export function respondChartCsv(place: ChartPlace, key: string): Response {
  return new Response(writePlaceChartCsv(place, key), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
}

/** `chart.svg` as the dev server's route answers it. */
export function respondChartSvg(place: ChartPlace, key: string, site: string, cache: ChartRenderer): Response {
  return new Response(makePlaceChartSvg(place, key, site, cache), { headers: { 'Content-Type': 'image/svg+xml' } });
}

/** `oembed.json` as the dev server's route answers it. */
export function respondChartOembed(place: ChartPlace, key: string, site: string, cache: ChartRenderer): Response {
  return new Response(writePlaceChartOembed(place, key, site, cache), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}
