import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSvgCache, drawChart, svgCachePath } from '../machinery/svg-cache.ts';
import { readChartStats } from '../machinery/build-stats.ts';
import { getChartCache, hashChartCode, keyChart, nodeSvgCacheFs, recordPrerenderedCharts } from '../machinery/chart-cache.ts';
import { planChartJobs, renderChartJobs, type ChartJob } from './chart-plan.ts';
import { getSiteContent } from '../loaders/site-content.ts';
import { listJurisdictionCharts, listReportCharts } from '../charts/chart-sets.ts';
import { listRankingCharts } from '../charts/ranking.ts';
import type { ChartEntry } from '../charts/chart-entry.ts';
import { CHART_WIDTHS, renderChartViews } from '../charts/chart-view.ts';
import { listComparePages, TREND_METRIC_IDS } from '../views/compare-view.ts';
import { listGovernmentSeries } from '../views/site-views.ts';
import { chooseThreadCount, createChartSchedule, dealJobs, renderChartPlan, renderOnWorkers, resolveThreadCount, WORKER_MIN_JOBS, workerProfileFlags } from './prerender-charts.ts';
import { chunkByOwner } from './chart-job-content.ts';

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

/** Runs `use` with a chart cache folder of its own (GONGKAI_CHART_CACHE), then puts the suite's back and deletes the folder. */
async function withOwnChartCache(name: string, use: (own: string) => Promise<void>): Promise<void> {
  const own = mkdtempSync(join(tmpdir(), `gongkai-prerender-${name}-`));
  process.env.GONGKAI_CHART_CACHE = own;
  try {
    await use(own);
  } finally {
    process.env.GONGKAI_CHART_CACHE = dir;
    rmSync(own, { recursive: true, force: true });
  }
}

/** Every chart the pages ask for, page by page, listed the way each page lists its own (not through listSiteChartEntries). */
function listPageCharts(): { page: string; entries: ChartEntry[] }[] {
  const { reports, jurisdictions } = getSiteContent();
  return [
    ...reports.map((r) => ({ page: `report:${r.meta.id}`, entries: listReportCharts(r, jurisdictions) })),
    ...jurisdictions.all.flatMap((j) => {
      const series = listGovernmentSeries(reports, j.code);
      return series.length ? [{ page: `jurisdiction:${j.code}`, entries: listJurisdictionCharts(series, TREND_METRIC_IDS, jurisdictions) }] : [];
    }),
    ...listComparePages(reports).map((p) => ({ page: `compare:${p.year}:${p.metric.id}`, entries: listRankingCharts(reports, p.metric.id, p.year, jurisdictions) })),
  ];
}

/** The chart worker processes this process started that are still running (Linux's /proc). */
function listWorkerPids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return stat[0] !== 'Z' && Number(stat[1]) === process.pid && readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('prerender-charts-worker');
      } catch {
        return false;
      }
    })
    .map(Number);
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

    const cache = createSvgCache(nodeSvgCacheFs, dir, hashChartCode());
    const views = listPageCharts().flatMap(({ entries }) => renderChartViews(entries, cache));
    expect(cache.stats().misses).toBe(0);
    expect(cache.stats().hits).toBe(views.filter((v) => v.wide).length * 2);
    // Each chart drawn once for every page that shows it alike: what every page reads is what it would draw.
    for (const { page, entries } of listPageCharts()) {
      for (const entry of entries) {
        if (!entry.build) continue;
        for (const width of [CHART_WIDTHS.narrow, CHART_WIDTHS.wide]) expect(cache.render({ ...entry, build: entry.build }, width), `${page} ${entry.key} ${width}`).toEqual(drawChart({ ...entry, build: entry.build }, width));
      }
    }
  });

  it('renders on one worker process beside this thread, reporting the jobs of each run done and the keys rendered, before the result', async () => {
    await withOwnChartCache('one', async (own) => {
    const plan = planChartJobs();
    expect(plan.jobs.length).toBeGreaterThan(20);
    const steps: { settled: readonly string[]; rendered: readonly string[] }[] = [];
    const result = await renderOnWorkers(plan, 1, (step) => steps.push(step));
    expect(result.skipped).toBe(0);
    expect(steps.flatMap((s) => s.rendered)).toEqual(result.rendered);
    // Every job reported done once, in the plan's order.
    expect(steps.flatMap((s) => s.settled)).toEqual(plan.jobs.map((j) => j.key));
    for (const job of plan.jobs) expect(() => readFileSync(svgCachePath(own, job.key))).not.toThrow();
    });
  });

  it('renders a share longer than a process takes in fresh processes one after the other, every job once in plan order, their progress and results merged', async () => {
    await withOwnChartCache('legs', async (own) => {
    const plan = planChartJobs();
    const legs = chunkByOwner(plan.jobs, 10);
    expect(legs.length).toBeGreaterThanOrEqual(3);
    const steps: { settled: readonly string[]; rendered: readonly string[] }[] = [];
    // The worker processes running, looked at every 10 ms (a process takes over a second to start): one at a time, a fresh one for each leg.
    const seen = new Set<number>();
    let most = 0;
    const watch = setInterval(() => {
      const pids = listWorkerPids();
      pids.forEach((pid) => seen.add(pid));
      most = Math.max(most, pids.length);
    }, 10);
    const result = await renderOnWorkers(plan, 1, (step) => steps.push(step), 10).finally(() => clearInterval(watch));
    expect(result.skipped).toBe(0);
    expect(most).toBe(1);
    expect(seen.size).toBe(legs.length);
    expect(steps.flatMap((s) => s.settled)).toEqual(plan.jobs.map((j) => j.key));
    expect(steps.flatMap((s) => s.rendered)).toEqual(result.rendered);
    expect(result.rendered).toEqual(plan.jobs.map((j) => j.key));
    for (const job of plan.jobs) expect(() => readFileSync(svgCachePath(own, job.key))).not.toThrow();
    });
  });

  it('rejects when a worker process dies, kills the others and starts no more', async () => {
    await withOwnChartCache('dies', async (own) => {
    const plan = planChartJobs();
    let settled = 0;
    let killed: number | undefined;
    const running = renderOnWorkers(
      plan,
      2,
      (step) => {
        settled += step.settled.length;
        const [pid] = listWorkerPids();
        if (killed === undefined && pid !== undefined) process.kill((killed = pid), 'SIGKILL');
      },
      10,
    );
    await expect(running).rejects.toThrow(/exited with SIGKILL/);
    const settledAtFailure = settled;
    expect(killed).toBeDefined();
    // The other share's process is being killed; none is started after the failure.
    const atFailure = listWorkerPids();
    const seen = new Set<number>();
    for (let waited = 0; waited < 3000; waited += 100) {
      listWorkerPids().forEach((pid) => seen.add(pid));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect([...seen].filter((pid) => !atFailure.includes(pid))).toEqual([]);
    expect(listWorkerPids()).toEqual([]);
    // Killed, not left to finish its run: no progress came after the failure.
    expect(settled).toBe(settledAtFailure);
    expect(settled).toBeLessThan(plan.jobs.length);
    });
  });

  it('has its workers write only the planned charts into the cache, no other file (the files made from them are made beside the pages)', async () => {
    await withOwnChartCache('only-charts', async (own) => {
      const plan = planChartJobs();
      const result = await renderOnWorkers(plan, 1);
      expect(result.skipped).toBe(0);
      const written = readdirSync(own, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
      expect(written.sort()).toEqual(plan.jobs.map((j) => svgCachePath(own, j.key)).sort());
    });
  });

  it('finds nothing left to do in a second plan', () => {
    const plan = planChartJobs();
    expect(plan.charts).toBeGreaterThan(20);
    expect(plan.jobs).toEqual([]);
  });

  it('skips a job whose entry is not the one planned, leaving it to its page', () => {
    const owner = `report:${getSiteContent().reports[0]!.meta.id}` as const;
    const job: ChartJob = { owner, owners: [owner], index: 0, width: CHART_WIDTHS.narrow, key: 'f'.repeat(64) };
    expect(renderChartJobs(dir, [job])).toEqual({ rendered: [], skipped: 1 });
    expect(() => readFileSync(svgCachePath(dir, job.key))).toThrow();
    expect(renderChartJobs(dir, [{ ...job, index: 99 }])).toEqual({ rendered: [], skipped: 1 });
  });
});

describe('the build counters', () => {
  it('counts a chart pre-rendered in this build as rendered, and the pages reading it as not reused', () => {
    const report = getSiteContent().reports[0]!;
    const [entry] = listReportCharts(report, getSiteContent().jurisdictions);
    const drawn = { ...entry!, build: entry!.build! };
    const [job] = planChartJobs().jobs;
    expect(job).toBeUndefined();
    const before = readChartStats();
    recordPrerenderedCharts([keyChart(drawn, CHART_WIDTHS.narrow)]);
    getChartCache().render(drawn, CHART_WIDTHS.narrow);
    getChartCache().render(drawn, CHART_WIDTHS.narrow);
    const after = readChartStats();
    // One render by the pass, then two page reads: the first is that render's, the second a reuse.
    expect(after.misses - before.misses).toBe(1);
    expect(after.hits - before.hits).toBe(1);
  });
});

describe('dealJobs and resolveThreadCount', () => {
  it('deals each owner whole to the emptiest hand, keeping each hand in plan order', () => {
    const job = (owner: string, index: number): ChartJob => ({ owner: owner as ChartJob['owner'], owners: [owner as ChartJob['owner']], index, width: 360, key: `${owner}/${index}` });
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

describe('workerProfileFlags', () => {
  it('profiles a chart worker into chart-workers/ under the build process profile folder, only when the build is profiled', () => {
    expect(workerProfileFlags(['--max-old-space-size=2048', '--expose-gc'], '/site')).toEqual([]);
    expect(workerProfileFlags(['--cpu-prof', '--cpu-prof-dir', '/tmp/p/1-cold'], '/site')).toEqual(['--cpu-prof', '--cpu-prof-dir', '/tmp/p/1-cold/chart-workers']);
    expect(workerProfileFlags(['--cpu-prof-dir=/tmp/q', '--cpu-prof'], '/site')).toEqual(['--cpu-prof', '--cpu-prof-dir', '/tmp/q/chart-workers']);
    expect(workerProfileFlags(['--cpu-prof'], '/site')).toEqual(['--cpu-prof', '--cpu-prof-dir', '/site/chart-workers']);
  });

  it("passes on this process's memory diagnostics as they are", () => {
    const memory = ['--trace-gc', '--heapsnapshot-near-heap-limit=1', '--diagnostic-dir=/tmp/s'];
    expect(workerProfileFlags(['--max-old-space-size=2048', ...memory], '/site')).toEqual(memory);
    expect(workerProfileFlags(['--cpu-prof', '--trace-gc'], '/site')).toEqual(['--cpu-prof', '--cpu-prof-dir', '/site/chart-workers', '--trace-gc']);
  });
});

describe('the schedule of pages beside the chart workers', () => {
  const job = (owner: string, key: string): ChartJob => ({ owner: owner as ChartJob['owner'], owners: [owner as ChartJob['owner']], index: 0, width: 720, key });
  const jobs = [job('report:b', 'k1'), job('report:b', 'k2'), job('report:a', 'k3'), job('year:2021', 'k4')];
  const ownerOf = new Map([
    ['page-a', 'report:a'],
    ['page-b', 'report:b'],
    ['page-y', 'year:2021'],
    ['page-j', 'jurisdiction:x'],
  ]);

  it("orders pages by their charts' place in the plan, keeping each owner's paths together and in order, and every other path last", () => {
    const { schedule } = createChartSchedule(jobs, ownerOf);
    const paths = ['page-y#1', 'page-a#1', 'home', 'page-b#1', 'page-a#2', 'page-j', 'page-b#2', 'none'].map((p) => ({ name: p, cacheKey: p.includes('#') ? p.split('#')[0] : p === 'none' ? undefined : p }));
    expect(schedule.order(paths).map((p) => p.name)).toEqual(['page-b#1', 'page-b#2', 'page-a#1', 'page-a#2', 'page-y#1', 'home', 'page-j', 'none']);
  });

  it('keeps a page waiting until its owner is reported done, and never a page whose charts are not in the plan', async () => {
    const { schedule, progress } = createChartSchedule(jobs, ownerOf);
    expect(schedule.ready('page-j')).toBeUndefined();
    expect(schedule.ready(undefined)).toBeUndefined();
    const events: string[] = [];
    const a = schedule.ready('page-a')!.then(() => events.push('a'));
    const b = schedule.ready('page-b')!.then(() => events.push('b'));
    progress(['k1']);
    await Promise.resolve();
    expect(events).toEqual([]);
    progress(['k2']);
    await b;
    await Promise.resolve();
    expect(events).toEqual(['b']);
    expect(schedule.ready('page-b')).toBeUndefined();
    progress(['k3', 'k3', 'no-such-key']);
    await a;
    expect(events).toEqual(['b', 'a']);
  });

  it('keeps the pages of every owner of a shared chart waiting for it, and ranks an owner by its last chart', async () => {
    const shared: ChartJob = { ...job('report:b', 's'), owners: ['report:b', 'report:a'] };
    const { schedule, progress } = createChartSchedule([job('report:a', 'k3'), shared, job('report:b', 'k1')], ownerOf);
    const paths = ['page-b', 'page-a'].map((p) => ({ name: p, cacheKey: p }));
    expect(schedule.order(paths).map((p) => p.name)).toEqual(['page-a', 'page-b']);
    const events: string[] = [];
    const a = schedule.ready('page-a')!.then(() => events.push('a'));
    progress(['k3']);
    await Promise.resolve();
    expect(events).toEqual([]);
    progress(['s']);
    await a;
    expect(events).toEqual(['a']);
    expect(schedule.ready('page-b')).toBeInstanceOf(Promise);
  });

  it('tells which cache keys belong to owners whose charts are all rendered: never a key of no owner in the plan', () => {
    const { schedule, progress, end } = createChartSchedule(jobs, ownerOf);
    expect(['page-a', 'page-b', 'page-y', 'page-j', 'none'].filter((k) => schedule.released(k))).toEqual([]);
    progress(['k1', 'k2']);
    expect(['page-a', 'page-b', 'page-y', 'page-j', 'none'].filter((k) => schedule.released(k))).toEqual(['page-b']);
    end();
    expect(['page-a', 'page-b', 'page-y', 'page-j', 'none'].filter((k) => schedule.released(k))).toEqual(['page-a', 'page-b', 'page-y']);
  });

  it('releases every waiting page when the pre-render ends, whether or not it finished', async () => {
    const { schedule, end } = createChartSchedule(jobs, ownerOf);
    const waits = [schedule.ready('page-a'), schedule.ready('page-y'), schedule.ready('page-a')];
    expect(waits.every((w) => w instanceof Promise)).toBe(true);
    end();
    await Promise.all(waits);
    expect(schedule.ready('page-y')).toBeUndefined();
  });

  it('cuts a share into runs of whole owners of at least the size asked', () => {
    const share = [job('report:a', '1'), job('report:a', '2'), job('report:a', '3'), job('report:b', '4'), job('report:c', '5'), job('report:c', '6')];
    expect(chunkByOwner(share, 2).map((c) => c.map((j) => j.key).join(''))).toEqual(['123', '456']);
    expect(chunkByOwner(share, 1).map((c) => c.map((j) => j.key).join(''))).toEqual(['123', '4', '56']);
    expect(chunkByOwner(share, 100).map((c) => c.length)).toEqual([6]);
    expect(chunkByOwner([], 3)).toEqual([]);
  });
});
