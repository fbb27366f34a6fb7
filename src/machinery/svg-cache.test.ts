import { describe, expect, it } from 'vitest';
import { loadCommittedContent } from '../fixtures/committed-content.ts';
import { buildTrendOption, deriveTrendData } from '../charts/trend.ts';
import { renderChartSvg } from '../charts/render-svg.ts';
import { createSvgCache, hashChartInput, type SvgCacheFs } from './svg-cache.ts';

const content = loadCommittedContent();
const series = (id: string) => content.reports.filter((r) => r.meta.id === id);
const trend = (metric: string, width = 360) => buildTrendOption(deriveTrendData(series('230000-2020'), metric, content.jurisdictions), width);

/** An in-memory file system that records writes. */
function createMemoryFs(): SvgCacheFs & { files: Map<string, string>; writes: string[] } {
  const files = new Map<string, string>();
  const writes: string[] = [];
  return { files, writes, readText: (p) => files.get(p), writeText: (p, t) => { writes.push(p); files.set(p, t); } };
}

describe('hashChartInput', () => {
  it('changes with the option, the size, the name and the source of a formatter', () => {
    const base = trend('requests_received');
    const key = hashChartInput(base);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(hashChartInput(trend('requests_received'))).toBe(key);
    expect(hashChartInput(trend('requests_received', 720))).not.toBe(key);
    expect(hashChartInput(base, { label: '申请总量' })).not.toBe(key);
    expect(hashChartInput(trend('grant_rate'))).not.toBe(key);
    const formatter = (n: number): string => `${n}件`;
    const other = { ...base, option: { ...base.option, yAxis: { type: 'value' as const, axisLabel: { formatter } } } };
    const same = { ...base, option: { ...base.option, yAxis: { type: 'value' as const, axisLabel: { formatter: (n: number): string => `${n}件` } } } };
    const changed = { ...base, option: { ...base.option, yAxis: { type: 'value' as const, axisLabel: { formatter: (n: number): string => `${n}次` } } } };
    expect(hashChartInput(same)).toBe(hashChartInput(other));
    expect(hashChartInput(changed)).not.toBe(hashChartInput(other));
  });

  it('ignores the order in which option keys were written', () => {
    const a = { size: { width: 10, height: 10 }, option: { animation: false, color: ['#000'] } };
    const b = { size: { height: 10, width: 10 }, option: { color: ['#000'], animation: false } };
    expect(hashChartInput(a)).toBe(hashChartInput(b));
  });
});

describe('createSvgCache', () => {
  it('renders on a miss, stores under <dir>/<xx>/<key>.svg, and never renders the same input twice', () => {
    const fs = createMemoryFs();
    const chart = trend('grant_rate');
    const cold = createSvgCache(fs, '.cache/charts');
    const svg = cold.render(chart);
    expect(svg).toBe(renderChartSvg(chart.option, chart.size));
    const key = hashChartInput(chart);
    expect(fs.writes).toEqual([`.cache/charts/${key.slice(0, 2)}/${key}.svg`]);
    expect(cold.render(chart)).toBe(svg);
    expect(cold.stats()).toEqual({ hits: 1, misses: 1 });
    const warm = createSvgCache(fs, '.cache/charts');
    expect(warm.render(chart)).toBe(svg);
    expect(warm.stats()).toEqual({ hits: 1, misses: 0 });
    expect(fs.writes).toHaveLength(1);
  });

  it('serves what the store holds, so a stale file is the store’s concern, not a re-render', () => {
    const fs = createMemoryFs();
    const chart = trend('grant_rate');
    const key = hashChartInput(chart);
    fs.files.set(`d/${key.slice(0, 2)}/${key}.svg`, '<svg/>\n');
    expect(createSvgCache(fs, 'd').render(chart)).toBe('<svg/>\n');
  });

  it('caches in memory without a file system', () => {
    const cache = createSvgCache(null, 'unused');
    const chart = trend('requests_received');
    cache.render(chart);
    cache.render(chart);
    cache.render(trend('requests_received', 720));
    expect(cache.stats()).toEqual({ hits: 1, misses: 2 });
  });
});
