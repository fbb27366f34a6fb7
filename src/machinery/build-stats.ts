/**
 * The counts a benchmark reads of one build (scripts/bench.ts, scripts/bench-build-cache.ts): when
 * GONGKAI_CHART_STATS names a file, the build writes `charts_rendered` (rendered in this build, by a
 * page or the pre-render pass) and `charts_reused` (charts the pages took from the cache that this
 * build did not render) there. The counters are kept in the build registry (whichever copy of the
 * code counts, registry.ts), and written once the build is done by the build-phases integration,
 * zeros included when the build asked for no chart.
 */
import { writeFileSync } from 'node:fs';
import { buildRegistry } from './registry.ts';

declare module './registry.ts' {
  interface BuildRegistry {
    /** The chart cache's counters of this process, whichever copy of chart-cache.ts counts. */
    chartStats?: ChartStatsState;
  }
}

/** Hits and misses since a cache was created: a hit is a file not made again. */
export interface CacheStats {
  readonly hits: number;
  readonly misses: number;
}

/** The chart counters of this build process, shared by every copy of the chart cache module. */
export interface ChartStatsState {
  /** The chart caches the pages read through. */
  readonly live: { stats(): CacheStats }[];
  /** Keys the pre-render pass rendered in this build that no page has read yet. */
  readonly fresh: Set<string>;
  /** Pre-render renders, and page reads of them (which the live caches count as hits). */
  prerendered: number;
  freshRead: number;
}

/** This process's chart counters, created on first use. */
export function chartStatsState(): ChartStatsState {
  const registry = buildRegistry();
  registry.chartStats ??= { live: [], fresh: new Set(), prerendered: 0, freshRead: 0 };
  return registry.chartStats;
}

/** The chart counters of this build process so far: a chart the pre-render pass made counts as rendered, not reused, when a page reads it. */
export function readChartStats(): CacheStats {
  const state = chartStatsState();
  const live = state.live.reduce((sum, c) => ({ hits: sum.hits + c.stats().hits, misses: sum.misses + c.stats().misses }), { hits: 0, misses: 0 });
  return { hits: live.hits - state.freshRead, misses: live.misses + state.prerendered };
}

/** Writes the counts to the file GONGKAI_CHART_STATS names, when it does. */
export function writeBuildStats(env: Readonly<Record<string, string | undefined>> = process.env): void {
  if (env.GONGKAI_CHART_STATS) {
    const { hits, misses } = readChartStats();
    writeFileSync(env.GONGKAI_CHART_STATS, `${JSON.stringify({ charts_rendered: misses, charts_reused: hits })}\n`);
  }
}
