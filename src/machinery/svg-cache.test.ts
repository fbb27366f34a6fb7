import { describe, expect, it } from 'vitest';
import { loadCommittedContent } from '../fixtures/committed-content.ts';
import { buildTrendOption, deriveTrendData } from '../charts/trend.ts';
import { renderChartSvg } from '../charts/render-svg.ts';
import type { ChartEntry } from '../charts/chart-entry.ts';
import { chartCacheKey, createSvgCache, drawChart, formatChartFile, parseChartFile, svgCachePath, type DrawnEntry, type SvgCacheFs } from './svg-cache.ts';

const content = loadCommittedContent();
const series = content.reports.filter((r) => r.meta.id === '230000-2020');

/** A trend chart entry of the committed content, counting how often its option is built. */
function trendEntry(metric: string): DrawnEntry & { builds: number } {
  const data = deriveTrendData(series, metric, content.jurisdictions);
  const entry = {
    key: `trend-${metric}`,
    title: data.title,
    description: '',
    table: { caption: '', columns: [], rows: [], notes: [] },
    data: { columns: [], rows: [] },
    notes: [],
    builds: 0,
    build: (width: number) => {
      entry.builds += 1;
      return buildTrendOption(data, width);
    },
  } satisfies ChartEntry & { builds: number };
  return entry;
}

/** An in-memory file system that records writes. */
function createMemoryFs(): SvgCacheFs & { files: Map<string, string>; writes: string[] } {
  const files = new Map<string, string>();
  const writes: string[] = [];
  return { files, writes, readText: (p) => files.get(p), writeText: (p, t) => { writes.push(p); files.set(p, t); } };
}

const keyOf = (scope: string, key: string, width: number): string => chartCacheKey('code', scope, `data of ${scope}`, key, width);

describe('chartCacheKey', () => {
  it('changes with the code, the scope, its data, the chart and the width', () => {
    const key = chartCacheKey('code', 'report:a', 'd', 'flow', 360);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(chartCacheKey('code', 'report:a', 'd', 'flow', 360)).toBe(key);
    for (const other of [chartCacheKey('code2', 'report:a', 'd', 'flow', 360), chartCacheKey('code', 'report:b', 'd', 'flow', 360), chartCacheKey('code', 'report:a', 'd2', 'flow', 360), chartCacheKey('code', 'report:a', 'd', 'appeals', 360), chartCacheKey('code', 'report:a', 'd', 'flow', 720)]) expect(other).not.toBe(key);
  });
});

describe('createSvgCache', () => {
  it('draws on a miss, stores the SVG and hover texts under <dir>/<xx>/<key>.chart, and never lays the same chart out twice', () => {
    const fs = createMemoryFs();
    const entry = trendEntry('grant_rate');
    const cold = createSvgCache(fs, '.cache/charts', keyOf);
    const rendering = cold.render(entry, 360, 'jurisdiction:230000');
    const built = buildTrendOption(deriveTrendData(series, 'grant_rate', content.jurisdictions), 360);
    expect(rendering).toEqual({ svg: renderChartSvg(built.option, built.size), tipsJson: JSON.stringify(built.tips) });
    const key = keyOf('jurisdiction:230000', entry.key, 360);
    expect(fs.writes).toEqual([`.cache/charts/${key.slice(0, 2)}/${key}.chart`]);
    expect(cold.render(entry, 360, 'jurisdiction:230000')).toEqual(rendering);
    expect(cold.stats()).toEqual({ hits: 1, misses: 1 });
    const warm = createSvgCache(fs, '.cache/charts', keyOf);
    expect(warm.render(entry, 360, 'jurisdiction:230000')).toEqual(rendering);
    expect(warm.stats()).toEqual({ hits: 1, misses: 0 });
    expect(fs.writes).toHaveLength(1);
    // Found by its key: laid out once, by the render that drew it.
    expect(entry.builds).toBe(1);
  });

  it('serves what the store holds, so a stale file is the store’s concern, not a re-render', () => {
    const fs = createMemoryFs();
    const entry = trendEntry('grant_rate');
    fs.files.set(svgCachePath('d', keyOf('s', entry.key, 720)), formatChartFile({ svg: '<svg/>\n', tipsJson: '[]' }));
    expect(createSvgCache(fs, 'd', keyOf).render(entry, 720, 's')).toEqual({ svg: '<svg/>\n', tipsJson: '[]' });
    expect(entry.builds).toBe(0);
  });

  it('caches in memory without a file system, each width and scope apart', () => {
    const cache = createSvgCache(null, 'unused', keyOf);
    const entry = trendEntry('requests_received');
    cache.render(entry, 360, 'a');
    cache.render(entry, 360, 'a');
    cache.render(entry, 720, 'a');
    cache.render(entry, 360, 'b');
    expect(cache.stats()).toEqual({ hits: 1, misses: 3 });
  });
});

describe('the cache file', () => {
  it('reads back what it wrote, an SVG of many lines included', () => {
    const rendering = drawChart(trendEntry('grant_rate'), 720);
    expect(rendering.svg.split('\n').length).toBeGreaterThan(3);
    expect(parseChartFile(formatChartFile(rendering))).toEqual(rendering);
    expect(parseChartFile('no line break')).toBeUndefined();
  });
});
