/**
 * The build's chart cache on disk (`.cache/charts`, or GONGKAI_CHART_CACHE), shared by every page
 * of one build process and kept across builds. When GONGKAI_CHART_STATS names a file, the build
 * writes its hit/miss counts there on exit, for the benchmark.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createSvgCache, type SvgCache, type SvgCacheFs } from '../charts/svg-cache.ts';

/** The SvgCacheFs over the real file system; writes go to a temporary file and are renamed into place. */
export const nodeSvgCacheFs: SvgCacheFs = {
  readText(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  writeText(path, text) {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  },
};

let cache: SvgCache | undefined;

/** Returns the build's chart cache, created on first use. */
export function getChartCache(): SvgCache {
  if (cache) return cache;
  const created = createSvgCache(nodeSvgCacheFs, resolve(process.env.GONGKAI_CHART_CACHE ?? '.cache/charts'));
  const statsFile = process.env.GONGKAI_CHART_STATS;
  if (statsFile) {
    process.on('exit', () => {
      const { hits, misses } = created.stats();
      writeFileSync(statsFile, `${JSON.stringify({ charts_rendered: misses, charts_reused: hits })}\n`);
    });
  }
  cache = created;
  return created;
}
