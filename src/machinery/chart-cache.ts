/**
 * The build's chart cache on disk (`.cache/charts`, or GONGKAI_CHART_CACHE), shared by every page
 * of one build process and kept across builds. The plan of the charts it lacks, which the pre-render
 * pass renders in worker processes while the pages are generated, is src/integrations/chart-plan.ts.
 * Its counters (what a benchmark reads, GONGKAI_CHART_STATS) are in build-stats.ts.
 *
 * A chart is found by a key that names it without laying it out (svg-cache.ts): the hash of the
 * charts' code (hashChartCode), its identity (its layout's name and view data, src/charts/chart-entry.ts)
 * and its width. So the planner lists the charts a build lacks from their entries alone, each chart
 * once however many pages show it alike, the worker that draws a chart is the only one to build its
 * ECharts option, and a page reads its chart by key.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { version as echartsVersion } from 'echarts/core';
import { hashSourceGraph } from './code-hash.ts';
import { chartCacheKey, createSvgCache, type SvgCache, type SvgCacheFs } from './svg-cache.ts';
import type { ChartEntry } from '../charts/chart-entry.ts';
import { resolveCacheDir } from './cache-switch.ts';
import { chartStatsState } from './build-stats.ts';
import { readFileIfAny, writeFileWhole } from './file-cache.ts';

/** The SvgCacheFs over the real file system; a file is written whole (file-cache.ts). */
export const nodeSvgCacheFs: SvgCacheFs = {
  readText: (path) => readFileIfAny(path)?.toString('utf8'),
  writeText: writeFileWhole,
};

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
 * The version of the charts' code: a hash of the source of every module of `src/charts/` (tests
 * left out) and of every module they import, in `root` (the project; default the working directory,
 * which is the project in a build), with the lockfile (code-hash.ts) and the ECharts version. Part of
 * every chart's key, so any change to what lays a chart out or renders it draws every chart again.
 */
export function hashChartCode(root = process.cwd()): string {
  const charts = join(root, 'src', 'charts');
  const modules = readdirSync(charts).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => join(charts, f));
  return createHash('sha256').update(`echarts ${echartsVersion}\u0000`).update(hashSourceGraph(modules, root)).digest('hex');
}

let chartCode: string | undefined;

/** The hash of the charts' code in this process's working directory (hashChartCode), computed once. */
function getChartCode(): string {
  return (chartCode ??= hashChartCode());
}

/** The cache key of a chart: the charts' code, the chart's identity, its width. */
export function keyChart(entry: Pick<ChartEntry, 'identify'>, width: number): string {
  return chartCacheKey(getChartCode(), entry.identify(), width);
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
  const created = createSvgCache(fs, resolveChartCacheDir(), getChartCode());
  state.live.push(created);
  cache = created;
  return created;
}
