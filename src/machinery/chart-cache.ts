/**
 * The build's chart cache on disk (`.cache/charts`, or GONGKAI_CHART_CACHE), shared by every page
 * of one build process and kept across builds, and the plan of the charts it lacks, which the
 * pre-render pass (src/integrations/prerender-charts.ts) renders in worker processes while the
 * pages are generated. Its counters (what a benchmark reads, GONGKAI_CHART_STATS) are in build-stats.ts.
 *
 * A chart is found by a key that names it without laying it out (svg-cache.ts): the hash of the
 * charts' code (hashChartCode), its scope and the page cache key of the data it is drawn from
 * (src/routes/keys.ts), its key and its width. So the planner lists the charts a build lacks from
 * their entries alone, the worker that draws a chart is the only one to build its ECharts option, and
 * a page reads its chart by key. The planner runs in the pages' bundle (its registry offer, see
 * registry.ts), where the pages' own page keys are; a worker renders each planned chart after
 * checking that its entry (title, words, table, numbers) is the one the planner saw.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { version as echartsVersion } from 'echarts/core';
import type { ChartEntry } from '../charts/chart-entry.ts';
import type { ChartImageText } from '../embeds/chart-image.ts';
import { IMAGE_CHART_WIDTH } from '../embeds/build-images.ts';
import { buildChartImageText } from '../embeds/embed-view.ts';
import { chartCacheKey, createSvgCache, drawChart, formatChartFile, svgCachePath, type SvgCache, type SvgCacheFs } from './svg-cache.ts';
import { indexPublishers } from '../publishers/publisher-index.ts';
import { listDepartmentComparePages } from '../views/department-compare-view.ts';
import { listComparePages } from '../views/compare-view.ts';
import { CHART_WIDTHS } from '../charts/chart-view.ts';
import { listSiteChartEntries, type ChartOwner, type ChartScope } from '../views/site-charts.ts';
import { getPageKeys, type PageKeys } from '../routes/keys.ts';
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
  /** The cache key. */
  readonly key: string;
  /** The entry as the planner saw it (see fingerprintEntry). */
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

/**
 * Hashes what a chart entry says without laying it out (its key, title, words, table, numbers and
 * notes), so a worker that loaded only part of the content can tell it found the chart the planner saw.
 */
export function fingerprintEntry(entry: ChartEntry): string {
  return createHash('sha256').update(JSON.stringify([entry.key, entry.title, entry.description, entry.table, entry.data, entry.notes])).digest('hex');
}

/** The relative module paths a TypeScript source imports or re-exports (`from './x.ts'`). */
function listRelativeImports(source: string): string[] {
  return [...source.matchAll(/\bfrom\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
}

/**
 * The version of the charts' code: a hash of the source of every module of `src/charts/` (tests
 * left out) and of every module they import, in `root` (the project; default the working directory,
 * which is the project in a build), with the ECharts version. Part of every chart's key, so any change
 * to what lays a chart out or renders it draws every chart again.
 */
export function hashChartCode(root = process.cwd()): string {
  const charts = join(root, 'src', 'charts');
  const pending = readdirSync(charts).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => join(charts, f));
  const seen = new Set<string>();
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of listRelativeImports(readFileSync(file, 'utf8'))) pending.push(resolve(dirname(file), spec));
  }
  const hash = createHash('sha256').update(`echarts ${echartsVersion}\u0000`);
  for (const file of [...seen].sort()) hash.update(relative(root, file)).update('\u0000').update(readFileSync(file)).update('\u0000');
  return hash.digest('hex');
}

let chartCode: string | undefined;

/** The page cache key (src/routes/keys.ts) that covers everything a scope's charts read. */
export function keyChartScope(scope: string, keys: PageKeys): string {
  const [kind, ...rest] = scope.split(':');
  if (kind === 'report') return keys.report(rest.join(':'));
  // A jurisdiction's charts draw its government's series, whose publisher key is its code.
  if (kind === 'jurisdiction' || kind === 'publisher') return keys.publisher(rest.join(':'));
  if (kind === 'compare' && rest.length === 2) return keys.compare(Number(rest[0]), rest[1]!);
  if (kind === 'departments' && rest.length === 3) return keys.departmentCompare(rest[1]!, Number(rest[0]), rest[2]!);
  throw new Error(`chart cache: no such chart scope “${scope}”`);
}

/** The cache key of a chart of the build's content: the charts' code, its scope and that scope's data, its key, its width. */
export function keyChart(scope: ChartScope | string, entryKey: string, width: number): string {
  chartCode ??= hashChartCode();
  return chartCacheKey(chartCode, scope, keyChartScope(scope, getPageKeys(getSiteContent())), entryKey, width);
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
  for (const page of listDepartmentComparePages(index)) owners.set(keys.departmentCompare(page.agencySlug, page.year, page.metric.id), `departments:${page.year}:${page.agencySlug}`);
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
  for (const { owner, index, entry, scope } of listSiteChartEntries(reports, jurisdictions, owners ? new Set(owners) : undefined)) {
    let fingerprint: string | undefined;
    for (const width of entry.build ? [CHART_WIDTHS.narrow, CHART_WIDTHS.wide] : []) {
      const key = keyChart(scope, entry.key, width);
      const report = width === IMAGE_CHART_WIDTH ? reportOf?.get(owner) : undefined;
      if (report) images.set(key, [...(images.get(key) ?? []), buildChartImageText(report.meta, entry, site!)]);
      if (seen.has(key)) continue;
      seen.add(key);
      if (!existsSync(svgCachePath(dir, key))) jobs.push({ owner, index, entryKey: entry.key, width, key, fingerprint: (fingerprint ??= fingerprintEntry(entry)) });
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
 * owners in `content` (default: the build's). A job whose entry differs from what the planner saw
 * (fingerprintEntry: `content`
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
    let fingerprint: string | undefined;
    for (const job of byEntry.get(`${owner}\u0000${index}`) ?? []) {
      const build = entry.key === job.entryKey ? entry.build : null;
      if (!build || (fingerprint ??= fingerprintEntry(entry)) !== job.fingerprint) continue;
      const rendering = drawChart({ ...entry, build }, job.width);
      nodeSvgCacheFs.writeText(svgCachePath(dir, job.key), formatChartFile(rendering));
      onRendered?.(job, rendering.svg);
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
      if (text !== undefined && state.fresh.delete(basename(path, '.chart'))) state.freshRead += 1;
      return text;
    },
    writeText: nodeSvgCacheFs.writeText,
  };
  const created = createSvgCache(fs, resolveChartCacheDir(), keyChart);
  state.live.push(created);
  cache = created;
  return created;
}
