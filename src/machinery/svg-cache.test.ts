import { describe, expect, it } from 'vitest';
import { loadCommittedContent } from '../fixtures/committed-content.ts';
import { buildTrendOption, deriveTrendData } from '../charts/trend.ts';
import { renderChartSvg } from '../charts/render-svg.ts';
import { identifyDrawing, type ChartEntry } from '../charts/chart-entry.ts';
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
    identify: () => identifyDrawing('trend', data),
  } satisfies ChartEntry & { builds: number };
  return entry;
}

/** An in-memory file system that records writes. */
function createMemoryFs(): SvgCacheFs & { files: Map<string, string>; writes: string[] } {
  const files = new Map<string, string>();
  const writes: string[] = [];
  return { files, writes, readText: (p) => files.get(p), writeText: (p, t) => { writes.push(p); files.set(p, t); } };
}

const keyOf = (entry: DrawnEntry, width: number): string => chartCacheKey('code', entry.identify(), width);

describe('chartCacheKey', () => {
  it('changes with the code, the identity and the width, and with nothing else', () => {
    const key = chartCacheKey('code', '["trend",{"a":1}]', 360);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(chartCacheKey('code', '["trend",{"a":1}]', 360)).toBe(key);
    for (const other of [chartCacheKey('code2', '["trend",{"a":1}]', 360), chartCacheKey('code', '["trend",{"a":2}]', 360), chartCacheKey('code', '["ranking",{"a":1}]', 360), chartCacheKey('code', '["trend",{"a":1}]', 720)]) expect(other).not.toBe(key);
  });
});

describe('identifyDrawing', () => {
  it('tells apart what JSON would write alike, and refuses what it cannot tell apart', () => {
    const ids = [[1, null], [1, undefined], [1, Number.NaN], [1, Infinity], [1, -Infinity], [1, -0], [1, 0], [1, 'NaN']].map((d) => identifyDrawing('k', d));
    expect(new Set(ids).size).toBe(ids.length);
    expect(identifyDrawing('k', { a: undefined })).not.toBe(identifyDrawing('k', {}));
    expect(identifyDrawing('a', { x: 1 })).not.toBe(identifyDrawing('b', { x: 1 }));
    expect(identifyDrawing('a', { x: [1, 2] })).toBe(identifyDrawing('a', { x: [1, 2] }));
    for (const bad of [new Map(), new Set(), () => 1, 1n]) expect(() => identifyDrawing('k', { bad })).toThrow(/identifyDrawing: the view data of a k chart holds/);
  });
});

describe('createSvgCache', () => {
  it('draws on a miss, stores the SVG and hover texts under <dir>/<xx>/<key>.chart, and never lays the same chart out twice', () => {
    const fs = createMemoryFs();
    const entry = trendEntry('grant_rate');
    const cold = createSvgCache(fs, '.cache/charts', 'code');
    const rendering = cold.render(entry, 360);
    const built = buildTrendOption(deriveTrendData(series, 'grant_rate', content.jurisdictions), 360);
    expect(rendering).toEqual({ svg: renderChartSvg(built.option, built.size), tipsJson: JSON.stringify(built.tips) });
    const key = keyOf(entry, 360);
    expect(fs.writes).toEqual([`.cache/charts/${key.slice(0, 2)}/${key}.chart`]);
    expect(cold.render(entry, 360)).toEqual(rendering);
    expect(cold.stats()).toEqual({ hits: 1, misses: 1 });
    const warm = createSvgCache(fs, '.cache/charts', 'code');
    expect(warm.render(entry, 360)).toEqual(rendering);
    expect(warm.stats()).toEqual({ hits: 1, misses: 0 });
    expect(fs.writes).toHaveLength(1);
    // Found by its key: laid out once, by the render that drew it.
    expect(entry.builds).toBe(1);
  });

  it('serves what the store holds, so a stale file is the store’s concern, not a re-render', () => {
    const fs = createMemoryFs();
    const entry = trendEntry('grant_rate');
    fs.files.set(svgCachePath('d', keyOf(entry, 720)), formatChartFile({ svg: '<svg/>\n', tipsJson: '[]' }));
    expect(createSvgCache(fs, 'd', 'code').render(entry, 720)).toEqual({ svg: '<svg/>\n', tipsJson: '[]' });
    expect(entry.builds).toBe(0);
  });

  it('caches in memory without a file system, each width apart, and an entry drawn alike (another page’s) once', () => {
    const cache = createSvgCache(null, 'unused', 'code');
    const entry = trendEntry('requests_received');
    const alike = trendEntry('requests_received');
    const other = trendEntry('grant_rate');
    cache.render(entry, 360);
    cache.render(entry, 360);
    cache.render(entry, 720);
    cache.render(alike, 360);
    cache.render(other, 360);
    expect(cache.stats()).toEqual({ hits: 2, misses: 3 });
    expect(alike.builds).toBe(0);
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
