import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderChartSvg } from '../charts/render-svg.ts';
import { createSvgCache, hashChartInput, svgCachePath } from '../machinery/svg-cache.ts';
import { readChartStats } from '../machinery/build-stats.ts';
import { getChartCache, nodeSvgCacheFs, planChartJobs, recordPrerenderedCharts, renderChartJobs, type ChartJob } from '../machinery/chart-cache.ts';
import { getSiteContent } from '../loaders/site-content.ts';
import { listJurisdictionCharts, listReportCharts } from '../charts/chart-sets.ts';
import { listRankingCharts } from '../charts/ranking.ts';
import type { ChartEntry } from '../charts/chart-entry.ts';
import { CHART_WIDTHS, renderChartViews } from '../charts/chart-view.ts';
import { listComparePages, TREND_METRIC_IDS } from '../views/compare-view.ts';
import { listGovernmentSeries } from '../views/site-views.ts';
import { chooseThreadCount, dealJobs, renderChartPlan, resolveThreadCount, WORKER_MIN_JOBS } from './prerender-charts.ts';

let dir = '';
const previous = process.env.GONGKAI_CHART_CACHE;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-prerender-'));
  // Read by the planner, by getChartCache and, through their environment, by the worker threads.
  process.env.GONGKAI_CHART_CACHE = dir;
});

afterAll(() => {
  if (previous === undefined) delete process.env.GONGKAI_CHART_CACHE;
  else process.env.GONGKAI_CHART_CACHE = previous;
  rmSync(dir, { recursive: true, force: true });
});

/** Every chart the pages ask for, listed the way each page lists its own (not through listSiteChartEntries). */
function listPageCharts(): ChartEntry[] {
  const { reports, jurisdictions } = getSiteContent();
  return [
    ...reports.flatMap((r) => listReportCharts(r, jurisdictions)),
    ...jurisdictions.all.flatMap((j) => {
      const series = listGovernmentSeries(reports, j.code);
      return series.length ? listJurisdictionCharts(series, TREND_METRIC_IDS, jurisdictions) : [];
    }),
    ...listComparePages(reports).flatMap((p) => listRankingCharts(reports, p.metric.id, p.year, jurisdictions)),
  ];
}

describe('the chart pre-render pass', () => {
  it('renders, on two workers, every chart the pages ask for, byte for byte what the pages would render', async () => {
    const plan = planChartJobs();
    expect(plan.dir).toBe(dir);
    expect(plan.jobs.length).toBe(plan.charts);
    expect(plan.charts).toBeGreaterThan(20);
    const result = await renderChartPlan(plan, 2, { render: renderChartJobs });
    expect(result.skipped).toBe(0);
    expect([...result.rendered].sort()).toEqual(plan.jobs.map((j) => j.key).sort());

    const cache = createSvgCache(nodeSvgCacheFs, dir);
    const views = renderChartViews(listPageCharts(), cache);
    expect(cache.stats().misses).toBe(0);
    expect(cache.stats().hits).toBe(views.filter((v) => v.wide).length * 2);
    for (const entry of listPageCharts()) {
      if (!entry.build) continue;
      const built = entry.build(CHART_WIDTHS.wide);
      expect(cache.render(built)).toBe(renderChartSvg(built.option, built.size));
    }
  });

  it('finds nothing left to do in a second plan', () => {
    const plan = planChartJobs();
    expect(plan.charts).toBeGreaterThan(20);
    expect(plan.jobs).toEqual([]);
  });

  it('skips a job whose option is not the one planned, leaving it to its page', () => {
    const owner = `report:${getSiteContent().reports[0]!.meta.id}` as const;
    const job: ChartJob = { owner, index: 0, entryKey: 'flow', width: CHART_WIDTHS.narrow, key: 'f'.repeat(64), fingerprint: 'not the planned option' };
    expect(renderChartJobs(dir, [job])).toEqual({ rendered: [], skipped: 1 });
    expect(() => readFileSync(svgCachePath(dir, job.key))).toThrow();
    expect(renderChartJobs(dir, [{ ...job, entryKey: 'no-such-chart' }])).toEqual({ rendered: [], skipped: 1 });
  });
});

describe('the build counters', () => {
  it('counts a chart pre-rendered in this build as rendered, and the pages reading it as not reused', () => {
    const [entry] = listReportCharts(getSiteContent().reports[0]!, getSiteContent().jurisdictions);
    const built = entry!.build!(CHART_WIDTHS.narrow);
    const [job] = planChartJobs().jobs;
    expect(job).toBeUndefined();
    const before = readChartStats();
    recordPrerenderedCharts([hashChartInput(built)]);
    getChartCache().render(built);
    getChartCache().render(built);
    const after = readChartStats();
    // One render by the pass, then two page reads: the first is that render's, the second a reuse.
    expect(after.misses - before.misses).toBe(1);
    expect(after.hits - before.hits).toBe(1);
  });
});

describe('dealJobs and resolveThreadCount', () => {
  it('deals each owner whole to the emptiest hand, keeping each hand in plan order', () => {
    const job = (owner: string, index: number): ChartJob => ({ owner: owner as ChartJob['owner'], index, entryKey: 'flow', width: 360, key: `${owner}/${index}`, fingerprint: '' });
    const jobs = [job('report:a', 0), job('report:a', 1), job('report:a', 2), job('report:b', 0), job('report:c', 0), job('year:2020', 0)];
    expect(dealJobs(jobs, 2).map((hand) => hand.map((j) => j.key))).toEqual([
      ['report:a/0', 'report:a/1', 'report:a/2'],
      ['report:b/0', 'report:c/0', 'year:2020/0'],
    ]);
    expect(dealJobs(jobs, 1)[0]).toHaveLength(6);
  });

  it('takes the thread count from the environment, else one per core', () => {
    expect(resolveThreadCount(undefined, 2)).toBe(2);
    expect(resolveThreadCount(' 0 ', 8)).toBe(0);
    expect(resolveThreadCount('3', 2)).toBe(3);
    expect(resolveThreadCount('many', 4)).toBe(4);
  });
});

describe('the threads of a plan', () => {
  it('keeps a small plan (a rebuild after a few reports changed) on this thread, and spreads a large one', () => {
    expect(chooseThreadCount(WORKER_MIN_JOBS - 1, 2)).toBe(1);
    expect(chooseThreadCount(0, 0)).toBe(0);
    expect(chooseThreadCount(WORKER_MIN_JOBS, 2)).toBe(2);
    expect(chooseThreadCount(20_000, 4)).toBe(4);
  });
});
