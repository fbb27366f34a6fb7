/**
 * The plan of the charts the build's chart cache (src/machinery/chart-cache.ts) lacks, which the
 * pre-render pass (prerender-charts.ts) renders in worker processes while the pages are generated,
 * and the rendering of a share of it. The planner runs in the pages' bundle (its registry offer, see
 * src/machinery/registry.ts), where the pages' own page keys are; a chart several owners show alike
 * is one job; a worker renders each planned chart after checking that the entry it found has the
 * planned key.
 */
import { existsSync } from 'node:fs';
import { CHART_WIDTHS } from '../charts/chart-view.ts';
import type { LoadedContent } from '../loaders/load-content.ts';
import { getSiteContent } from '../loaders/site-content.ts';
import { keyChart, nodeSvgCacheFs, recordPrerenderedCharts, resolveChartCacheDir } from '../machinery/chart-cache.ts';
import { buildRegistry } from '../machinery/registry.ts';
import { drawChart, formatChartFile, svgCachePath } from '../machinery/svg-cache.ts';
import { indexPublishers } from '../publishers/publisher-index.ts';
import { getPageKeys } from '../routes/keys.ts';
import { listComparePages } from '../views/compare-view.ts';
import { listDepartmentComparePages } from '../views/department-compare-view.ts';
import { listSiteChartEntries, type ChartOwner } from '../views/site-charts.ts';

declare module '../machinery/registry.ts' {
  interface BuildRegistry {
    /** Offered by the pages' bundle (offerChartPrerender), called by the chart pre-render pass. */
    chartPrerender?: ChartPrerenderHooks;
  }
}

/** One chart the cache lacks, as the planner found it: whose it is, where among its owner's charts, and its key. */
export interface ChartJob {
  /** The first owner that shows it: a worker finds the chart among this owner's entries. */
  readonly owner: ChartOwner;
  /** Every owner whose pages show it (`owner` first), so that each of their pages waits for it. */
  readonly owners: readonly ChartOwner[];
  /** The position of its entry among its owner's in `listSiteChartEntries`. */
  readonly index: number;
  readonly width: number;
  /** The cache key: a worker renders the entry it finds only when the entry has this key at this width. */
  readonly key: string;
}

/** What the pre-render pass has to do. */
export interface ChartPlan {
  readonly dir: string;
  /** Charts the pages will show at least once, in the site's chart order; each key once. */
  readonly jobs: readonly ChartJob[];
  /** Charts the pages will show, counted once per key (in the cache or not). */
  readonly charts: number;
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
export function planChartJobs(pageKeys?: ReadonlySet<string>): ChartPlan {
  const { reports, jurisdictions } = getSiteContent();
  const dir = resolveChartCacheDir();
  // Each key once, found by the first owner to show it; a key the cache has maps to null.
  const jobs = new Map<string, { owner: ChartOwner; owners: ChartOwner[]; index: number; width: number; key: string } | null>();
  const owners = pageKeys ? findChartOwners(pageKeys) : null;
  for (const { owner, index, entry } of listSiteChartEntries(reports, jurisdictions, owners ? new Set(owners) : undefined)) {
    for (const width of entry.build ? [CHART_WIDTHS.narrow, CHART_WIDTHS.wide] : []) {
      const key = keyChart(entry, width);
      const job = jobs.get(key);
      if (job === undefined) jobs.set(key, existsSync(svgCachePath(dir, key)) ? null : { owner, owners: [owner], index, width, key });
      else if (job && !job.owners.includes(owner)) job.owners.push(owner);
    }
  }
  const planned: ChartJob[] = [];
  for (const job of jobs.values()) if (job) planned.push(job);
  return { dir, jobs: planned, charts: jobs.size };
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
 * owners in `content` (default: the build's). A job whose entry has another key than planned
 * (`content` lacks a report the chart reads) is skipped.
 */
export function renderChartJobs(dir: string, jobs: readonly ChartJob[], content: ChartJobsContent = getSiteContent()): ChartJobsResult {
  const byEntry = new Map<string, ChartJob[]>();
  for (const job of jobs) {
    const id = `${job.owner}\u0000${job.index}`;
    byEntry.set(id, [...(byEntry.get(id) ?? []), job]);
  }
  const rendered: string[] = [];
  for (const { owner, index, entry } of listSiteChartEntries(content.reports, content.jurisdictions, new Set(jobs.map((j) => j.owner)))) {
    for (const job of byEntry.get(`${owner}\u0000${index}`) ?? []) {
      const build = entry.build;
      if (!build || keyChart(entry, job.width) !== job.key) continue;
      const rendering = drawChart({ ...entry, build }, job.width);
      nodeSvgCacheFs.writeText(svgCachePath(dir, job.key), formatChartFile(rendering));
      rendered.push(job.key);
    }
  }
  return { rendered, skipped: jobs.length - rendered.length };
}

/** What the pages' bundle offers the pre-render pass, in the build registry. */
export interface ChartPrerenderHooks {
  readonly plan: (pageKeys?: ReadonlySet<string>) => ChartPlan;
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

