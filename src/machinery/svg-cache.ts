/**
 * The cache of rendered charts, so an unchanged chart is never rendered twice, within a build or
 * across builds: each chart's SVG and hover texts, found by a key that names the chart without
 * laying it out, so that its ECharts option is built only where it is drawn (by a pre-render worker,
 * or by the page that finds it missing). The key is the SHA-256 of the charts' code (a hash of the
 * source of src/charts/ and everything it imports, with the ECharts version: chart-cache.ts), the
 * chart's identity (its layout's name and the view data it lays out: identifyDrawing in
 * src/charts/chart-entry.ts) and its width, so a chart that several pages draw alike (a place's
 * page and its embeds, two pages of the same numbers) is one file, drawn once. File access and the
 * code's hash are passed in.
 */
import { createHash } from 'node:crypto';
import type { ChartEntry } from '../charts/chart-entry.ts';
import type { ChartRendering } from '../charts/chart-view.ts';
import { renderChartSvg } from '../charts/render-svg.ts';

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

/** A chart entry that draws something. */
export type DrawnEntry = ChartEntry & { readonly build: NonNullable<ChartEntry['build']> };

/** A cache that renders on a miss. */
export interface SvgCache {
  /** The entry's rendering at a width, from the cache when its key is there, else drawn and stored. */
  render(entry: DrawnEntry, width: number): ChartRendering;
  /** The counters so far. */
  stats(): SvgCacheStats;
}

/** The cache key of a chart from the hash of the charts' code, its identity (ChartEntry's `identify`) and its width. */
export function chartCacheKey(code: string, identity: string, width: number): string {
  return createHash('sha256').update(JSON.stringify(['chart', code, width])).update('\u0000').update(identity).digest('hex');
}

/** Where the cache in `dir` keeps the rendering of a key: `<dir>/<key[0..2]>/<key>.chart`. */
export function svgCachePath(dir: string, key: string): string {
  return `${dir}/${key.slice(0, 2)}/${key}.chart`;
}

/** A rendering as the cache keeps it: its hover texts (JSON, one line), then its SVG. */
export function formatChartFile(rendering: ChartRendering): string {
  return `${rendering.tipsJson}\n${rendering.svg}`;
}

/** Reads a rendering the cache kept (formatChartFile); undefined when the text is not one. */
export function parseChartFile(text: string): ChartRendering | undefined {
  const nl = text.indexOf('\n');
  return nl < 0 ? undefined : { tipsJson: text.slice(0, nl), svg: text.slice(nl + 1) };
}

/** Lays an entry out at a width and renders it: the one place a chart's option is built. */
export function drawChart(entry: DrawnEntry, width: number): ChartRendering {
  const built = entry.build(width);
  return { svg: renderChartSvg(built.option, built.size), tipsJson: JSON.stringify(built.tips) };
}

/**
 * Creates a cache in a directory (e.g. `.cache/charts`), each rendering a file named by its key
 * (chartCacheKey under the charts' code's hash `code`); with `fs` null it caches in memory only (one
 * build); with `fs` nothing is held in memory, so a large build does not grow with the number of charts.
 */
export function createSvgCache(fs: SvgCacheFs | null, dir: string, code: string): SvgCache {
  const memory = new Map<string, ChartRendering>();
  let hits = 0;
  let misses = 0;
  return {
    render(entry, width) {
      const key = chartCacheKey(code, entry.identify(), width);
      const path = svgCachePath(dir, key);
      const text = fs?.readText(path);
      const cached = fs ? (text === undefined ? undefined : parseChartFile(text)) : memory.get(key);
      if (cached !== undefined) {
        hits += 1;
        return cached;
      }
      misses += 1;
      const rendering = drawChart(entry, width);
      if (fs) fs.writeText(path, formatChartFile(rendering));
      else memory.set(key, rendering);
      return rendering;
    },
    stats: () => ({ hits, misses }),
  };
}
