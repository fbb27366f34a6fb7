/**
 * A content-addressed cache of rendered chart SVG, so an unchanged chart is never rendered twice,
 * within a build or across builds. The key is the SHA-256 of everything that decides the bytes: the
 * option (functions by their source text), the size, the accessible name, the ECharts version and
 * the normalisation version. Assumes formatter functions in options are module-level functions
 * without captured variables, so their source text determines their behaviour. File access is passed in.
 */
import { createHash } from 'node:crypto';
import { version as echartsVersion } from 'echarts/core';
import type { BuiltChart } from '../charts/chart-theme.ts';
import { renderChartSvg, SVG_FORMAT_VERSION, type RenderOptions } from '../charts/render-svg.ts';

/** The file access the cache needs; paths are joined with `/`. */
export interface SvgCacheFs {
  /** The file's text, or undefined when there is none. */
  readText(path: string): string | undefined;
  /** Writes a file whole (temporary file, then rename), creating missing directories. */
  writeText(path: string, text: string): void;
}

/** Hits and misses since the cache was created: a hit is a chart not rendered. */
export interface SvgCacheStats {
  readonly hits: number;
  readonly misses: number;
}

/** A cache that renders on a miss. */
export interface SvgCache {
  /** Returns the chart's SVG, from the cache when its key is there, else rendered and stored. */
  render(chart: BuiltChart, opts?: RenderOptions): string;
  /** The counters so far. */
  stats(): SvgCacheStats;
}

/** Serialises a value with sorted keys and functions as their source, for hashing. */
function serialiseForKey(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'function') return `fn:${v.name}:${v.toString()}`;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

/** The cache key of a chart: hex SHA-256 of its option, size, name and the renderer's versions. */
export function hashChartInput(chart: Pick<BuiltChart, 'option' | 'size'>, opts: RenderOptions = {}): string {
  const input = serialiseForKey({ svg: SVG_FORMAT_VERSION, echarts: echartsVersion, size: chart.size, label: opts.label ?? null, option: chart.option });
  return createHash('sha256').update(input).digest('hex');
}

/** Where the cache in `dir` keeps the SVG of a key: `<dir>/<key[0..2]>/<key>.svg`. */
export function svgCachePath(dir: string, key: string): string {
  return `${dir}/${key.slice(0, 2)}/${key}.svg`;
}

/**
 * Creates a cache in a directory (e.g. `.cache/charts`); files are `<dir>/<key[0..2]>/<key>.svg`.
 * With `fs` null it caches in memory only (one build); with `fs` nothing is held in memory, so a large
 * build does not grow with the number of charts.
 */
export function createSvgCache(fs: SvgCacheFs | null, dir: string): SvgCache {
  const memory = new Map<string, string>();
  let hits = 0;
  let misses = 0;
  return {
    render(chart, opts = {}) {
      const key = hashChartInput(chart, opts);
      const path = svgCachePath(dir, key);
      const cached = fs ? fs.readText(path) : memory.get(key);
      if (cached !== undefined) {
        hits += 1;
        return cached;
      }
      misses += 1;
      const svg = renderChartSvg(chart.option, chart.size, opts);
      if (fs) fs.writeText(path, svg);
      else memory.set(key, svg);
      return svg;
    },
    stats: () => ({ hits, misses }),
  };
}
