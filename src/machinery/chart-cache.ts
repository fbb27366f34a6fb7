/**
 * The build's chart cache on disk (`.cache/charts`, or GONGKAI_CHART_CACHE), shared by every page
 * of one build process and kept across builds, and the plan of the charts it lacks, which the
 * pre-render pass (src/integrations/prerender-charts.ts) renders on worker threads before the pages
 * ask for them. Its counters (what a benchmark reads, GONGKAI_CHART_STATS) are in build-stats.ts.
 *
 * Astro loads this module twice in one build process (see registry.ts): with the config and its
 * integrations, and in the bundle that prerenders the pages. The cache key hashes the chart option
 * with its formatter functions' source text, which differs between the two (and from a worker's), so
 * keys are only ever computed by the bundle's copy: the prerender-charts integration injects a call
 * of offerChartPrerender into the pages, which puts the planner in the build registry; the
 * integration (which never loads this module) calls it there, and the workers render each planned
 * chart under the bundle's key after checking that their option is the same (functions by name).
 * The counters are in the registry too (build-stats.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { BuiltChart } from '../charts/chart-theme.ts';
import type { ChartImageText } from '../embeds/chart-image.ts';
import { IMAGE_CHART_WIDTH } from '../embeds/build-images.ts';
import { buildChartImageText } from '../embeds/embed-view.ts';
import { renderChartSvg } from '../charts/render-svg.ts';
import { createSvgCache, hashChartInput, svgCachePath, type SvgCache, type SvgCacheFs } from './svg-cache.ts';
import { indexPublishers } from '../publishers/publisher-index.ts';
import { listAgencySlugs } from '../views/department-compare-view.ts';
import { listComparePages } from '../views/compare-view.ts';
import { CHART_WIDTHS } from '../charts/chart-view.ts';
import { listSiteChartEntries, type ChartOwner } from '../views/site-charts.ts';
import { getPageKeys } from '../routes/keys.ts';
import { resolveCacheDir } from './cache-switch.ts';
import { chartStatsState } from './build-stats.ts';
import { readFileIfAny, writeFileWhole } from './file-cache.ts';
import { buildRegistry } from './registry.ts';
import type { LoadedContent } from '../loaders/load-content.ts';
import { getSiteContent } from '../loaders/site-content.ts';

/** The SvgCacheFs over the real file system; a file is written whole (file-cache.ts). */
export const nodeSvgCacheFs: SvgCacheFs = {
  readText: (path) => readFileIfAny(path)?.toString('utf8'),
  writeText: writeFileWhole,
};

/** One chart the cache lacks, as the planner found it: whose it is, where among its owner's charts, and its key. */
export interface ChartJob {
  readonly owner: ChartOwner;
  /** The position of its entry among its owner's in `listSiteChartEntries`. */
  readonly index: number;
  /** The entry's key (flow, trend-grant_rate, …), to check that a worker found the same entry. */
  readonly entryKey: string;
  readonly width: number;
  /** The cache key, computed by the pages' own code. */
  readonly key: string;
  /** The option and size with functions by name (see fingerprintChart). */
  readonly fingerprint: string;
  /**
   * The words of each report's standalone image of this chart (src/embeds/build-images.ts): a worker
   * makes them beside the chart. Several when reports' charts are drawn the same (one job per key).
   */
  readonly images?: readonly ChartImageText[];
}

/** What the pre-render pass has to do. */
export interface ChartPlan {
  readonly dir: string;
  /** Charts the pages will show at least once, in the site's chart order; each key once. */
  readonly jobs: readonly ChartJob[];
  /** Charts the pages will show, counted once per key (in the cache or not). */
  readonly charts: number;
}

/** Records the keys the pre-render pass rendered in this build, so the pages' reads of them are not counted as reuse. */
export function recordPrerenderedCharts(keys: Iterable<string>): void {
  const state = chartStatsState();
  for (const key of keys) {
    state.fresh.add(key);
    state.prerendered += 1;
  }
}

/** The directory of the chart cache: GONGKAI_CHART_CACHE, else `.cache/charts` in the working directory (a scratch one when GONGKAI_CACHES_OFF lists `charts`). */
export function resolveChartCacheDir(): string {
  return resolveCacheDir('charts', resolve(process.env.GONGKAI_CHART_CACHE ?? '.cache/charts'));
}

/** Hashes a chart's option and size with every function replaced by its name, to compare two copies of the code. */
export function fingerprintChart(chart: Pick<BuiltChart, 'option' | 'size'>): string {
  const text = JSON.stringify([chart.size, chart.option], (_key, v: unknown) => (typeof v === 'function' ? `fn:${v.name}` : v));
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The chart owner of each page cache key (see src/routes/keys.ts) that has charts: a report's,
 * a jurisdiction's, a department's (its charts' key and its page's), a department kind-year's, a year's.
 */
export function listOwnerPageKeys(): Map<string, ChartOwner> {
  const content = getSiteContent();
  const keys = getPageKeys(content);
  const owners = new Map<string, ChartOwner>();
  for (const r of content.reports) owners.set(keys.report(r.meta.id), `report:${r.meta.id}`);
  // A place's charts are on its page and its embeds (keyed by its government's reports).
  for (const j of content.jurisdictions.all) for (const key of [keys.jurisdictionPage(j.code), keys.publisher(j.code)]) owners.set(key, `jurisdiction:${j.code}`);
  const index = indexPublishers(content.reports, content.jurisdictions);
  for (const { publisher } of index.departments) for (const key of [keys.publisher(publisher.key), keys.publisherPage(publisher.key)]) owners.set(key, `publisher:${publisher.key}`);
  for (const slug of listAgencySlugs(index)) for (const year of index.agencyYears(slug)) owners.set(keys.agencyYear(slug, year), `departments:${year}:${slug}`);
  // A year's rankings: each comparison (year, metric) names the year's owner (its unchanged charts are in the cache).
  for (const page of listComparePages(content.reports)) owners.set(keys.compare(page.year, page.metric.id), `year:${page.year}`);
  return owners;
}

/** The chart owners whose pages have one of the given page cache keys. */
export function findChartOwners(pageKeys: ReadonlySet<string>): ChartOwner[] {
  return [...new Set([...listOwnerPageKeys()].filter(([key]) => pageKeys.has(key)).map(([, owner]) => owner))];
}

/**
 * Lists the charts of the site missing from the cache, computing their keys with this copy of the
 * code: every chart, or with `pageKeys` (the cache keys of the paths this build renders) only the
 * charts of those pages.
 */
export function planChartJobs(pageKeys?: ReadonlySet<string>, site?: string): ChartPlan {
  const { reports, jurisdictions } = getSiteContent();
  const dir = resolveChartCacheDir();
  const jobs: ChartJob[] = [];
  const seen = new Set<string>();
  const images = new Map<string, ChartImageText[]>();
  const owners = pageKeys ? findChartOwners(pageKeys) : null;
  // With the site's address: the words of each report chart's standalone image, for the workers to make it.
  const reportOf = site === undefined ? null : new Map(reports.map((r) => [`report:${r.meta.id}`, r]));
  for (const { owner, index, entry } of listSiteChartEntries(reports, jurisdictions, owners ? new Set(owners) : undefined)) {
    for (const width of entry.build ? [CHART_WIDTHS.narrow, CHART_WIDTHS.wide] : []) {
      const built = entry.build!(width);
      const key = hashChartInput(built);
      const report = width === IMAGE_CHART_WIDTH ? reportOf?.get(owner) : undefined;
      if (report) images.set(key, [...(images.get(key) ?? []), buildChartImageText(report.meta, entry, site!)]);
      if (seen.has(key)) continue;
      seen.add(key);
      if (!existsSync(svgCachePath(dir, key))) jobs.push({ owner, index, entryKey: entry.key, width, key, fingerprint: fingerprintChart(built) });
    }
  }
  return { dir, jobs: jobs.map((job) => (images.has(job.key) ? { ...job, images: images.get(job.key)! } : job)), charts: seen.size };
}

/** What rendering a share of a plan did: the keys written, and the jobs left to their pages. */
export interface ChartJobsResult {
  readonly rendered: readonly string[];
  readonly skipped: number;
}

/** The content a share of a plan is rendered from: the build's, or the part of it its owners need. */
export type ChartJobsContent = Pick<LoadedContent, 'reports' | 'jurisdictions'>;

/**
 * Renders planned jobs into the cache under their planned keys, walking the charts of the jobs'
 * owners in `content` (default: the build's). A job whose entry or option differs from what the
 * planner saw (this copy of the code is not the planner's, functions compared by name; or `content`
 * lacks a report the chart reads) is skipped. `onRendered` is told of each chart rendered (the
 * workers make the report charts' standalone images from it).
 */
export function renderChartJobs(dir: string, jobs: readonly ChartJob[], content: ChartJobsContent = getSiteContent(), onRendered?: (job: ChartJob, svg: string) => void): ChartJobsResult {
  const byEntry = new Map<string, ChartJob[]>();
  for (const job of jobs) {
    const id = `${job.owner}\u0000${job.index}`;
    byEntry.set(id, [...(byEntry.get(id) ?? []), job]);
  }
  const rendered: string[] = [];
  for (const { owner, index, entry } of listSiteChartEntries(content.reports, content.jurisdictions, new Set(jobs.map((j) => j.owner)))) {
    for (const job of byEntry.get(`${owner}\u0000${index}`) ?? []) {
      const built = entry.key === job.entryKey && entry.build ? entry.build(job.width) : null;
      if (!built || fingerprintChart(built) !== job.fingerprint) continue;
      const svg = renderChartSvg(built.option, built.size);
      nodeSvgCacheFs.writeText(svgCachePath(dir, job.key), svg);
      onRendered?.(job, svg);
      rendered.push(job.key);
    }
  }
  return { rendered, skipped: jobs.length - rendered.length };
}

/** What the pages' bundle offers the pre-render pass, in the build registry. */
export interface ChartPrerenderHooks {
  /** With `site` (the site's address as the pages format it), the jobs carry the words of the report charts' standalone images. */
  readonly plan: (pageKeys?: ReadonlySet<string>, site?: string) => ChartPlan;
  /** Renders a share of the plan on this thread, with the pages' own code. */
  readonly render: (dir: string, jobs: readonly ChartJob[]) => ChartJobsResult;
  readonly record: (keys: Iterable<string>) => void;
  /** The chart owner of each page cache key, so that the pages can be rendered in the plan's order. */
  readonly owners: () => ReadonlyMap<string, ChartOwner>;
}

/** Offers this copy's planner to the pre-render pass, in the build registry; called by the script the prerender-charts integration injects into every page. */
export function offerChartPrerender(): void {
  buildRegistry().chartPrerender = { plan: planChartJobs, render: renderChartJobs, record: recordPrerenderedCharts, owners: listOwnerPageKeys };
}

let cache: SvgCache | undefined;

/** Returns the build's chart cache, created on first use. */
export function getChartCache(): SvgCache {
  if (cache) return cache;
  const state = chartStatsState();
  const fs: SvgCacheFs = {
    readText(path) {
      const text = nodeSvgCacheFs.readText(path);
      if (text !== undefined && state.fresh.delete(basename(path, '.svg'))) state.freshRead += 1;
      return text;
    },
    writeText: nodeSvgCacheFs.writeText,
  };
  const created = createSvgCache(fs, resolveChartCacheDir());
  state.live.push(created);
  cache = created;
  return created;
}
