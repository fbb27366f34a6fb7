/**
 * The build's chart cache on disk (`.cache/charts`, or GONGKAI_CHART_CACHE), shared by every page
 * of one build process and kept across builds. The plan of the charts it lacks, which the pre-render
 * pass renders in worker processes while the pages are generated, is src/integrations/chart-plan.ts.
 * Its counters (what a benchmark reads, GONGKAI_CHART_STATS) are in build-stats.ts.
 *
 * A chart is found by a key that names it without laying it out (svg-cache.ts): the hash of the
 * charts' code (hashChartCode), its scope and the page cache key of the data it is drawn from
 * (src/routes/keys.ts), its key and its width. So the planner lists the charts a build lacks from
 * their entries alone, the worker that draws a chart is the only one to build its ECharts option, and
 * a page reads its chart by key.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { version as echartsVersion } from 'echarts/core';
import { chartCacheKey, createSvgCache, type SvgCache, type SvgCacheFs } from './svg-cache.ts';
import { getPageKeys, type PageKeys } from '../routes/keys.ts';
import { resolveCacheDir } from './cache-switch.ts';
import { chartStatsState } from './build-stats.ts';
import { readFileIfAny, writeFileWhole } from './file-cache.ts';
import { getSiteContent } from '../loaders/site-content.ts';

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
export function keyChart(scope: string, entryKey: string, width: number): string {
  chartCode ??= hashChartCode();
  return chartCacheKey(chartCode, scope, keyChartScope(scope, getPageKeys(getSiteContent())), entryKey, width);
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
