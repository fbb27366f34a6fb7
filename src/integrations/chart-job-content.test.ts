import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawChart, parseChartFile, svgCachePath } from '../machinery/svg-cache.ts';
import { renderShare, takeEach, takeJobs } from './prerender-charts-worker.ts';
import { readJurisdictionsCsv } from '../jurisdictions/jurisdictions.ts';
import { generateSynthFiles } from '../synth/generate.ts';
import { planSynthCorpus } from '../synth/plan.ts';
import { CHART_WIDTHS } from '../charts/chart-view.ts';
import { listSiteChartEntries } from '../views/site-charts.ts';
import { keyChart } from '../machinery/chart-cache.ts';
import { planChartJobs, type ChartJob } from './chart-plan.ts';
import { batchChartJobs, indexReportDirs, listOwnerDirs } from './chart-job-content.ts';
import { getSiteContent } from '../loaders/site-content.ts';
import { useScratchBuildEnv } from '../fixtures/scratch-build-env.ts';

const DIRS = ['230881-2019', '230881-2020', '230881-jiaoyu-2020', '230700-2020', '230700-2021', 'README'];

describe('what an owner of charts reads', () => {
  const index = indexReportDirs(DIRS);

  it('is a report with its report of the year before', () => {
    expect(listOwnerDirs('report:230881-2020', index).sort()).toEqual(['230881-2019', '230881-2020']);
    expect(listOwnerDirs('report:230881-jiaoyu-2020', index).sort()).toEqual(['230881-jiaoyu-2019', '230881-jiaoyu-2020']);
  });

  it("is a jurisdiction's government series, without its departments", () => {
    expect(listOwnerDirs('jurisdiction:230881', index).sort()).toEqual(['230881-2018', '230881-2019', '230881-2020']);
  });

  it("is a year's government reports with their reports of the year before, without the departments' (its rankings compare governments only)", () => {
    expect(listOwnerDirs('year:2021', index).sort()).toEqual(['230700-2020', '230700-2021']);
    expect(listOwnerDirs('year:2020', index).sort()).toEqual(['230700-2019', '230700-2020', '230881-2019', '230881-2020']);
  });

  it("is a department's series, or its kind's reports of a year, each with its report of the year before", () => {
    expect(listOwnerDirs('publisher:230881-jiaoyu', index).sort()).toEqual(['230881-jiaoyu-2019', '230881-jiaoyu-2020']);
    expect(listOwnerDirs('departments:2020:jiaoyu', index).sort()).toEqual(['230881-jiaoyu-2019', '230881-jiaoyu-2020']);
    expect(listOwnerDirs('departments:2020:gongan', index)).toEqual([]);
  });

  it('batches whole owners in plan order, starting a batch when the next owner would overflow it', () => {
    const job = (owner: string, i: number): ChartJob => ({ owner: owner as ChartJob['owner'], index: i, owners: [owner as ChartJob['owner']], width: 360, key: `${owner}/${i}` });
    const jobs = [job('report:230881-2020', 0), job('report:230881-2020', 1), job('report:230700-2021', 0), job('year:2020', 0)];
    const batches = batchChartJobs(jobs, index, 4);
    expect(batches.map((b) => b.jobs.map((j) => j.key))).toEqual([['report:230881-2020/0', 'report:230881-2020/1', 'report:230700-2021/0'], ['year:2020/0']]);
    expect([...batches[0]!.dirs].sort()).toEqual(['230700-2020', '230700-2021', '230881-2019', '230881-2020']);
    expect(batches.flatMap((b) => b.jobs)).toEqual(jobs);
  });
});

describe('what a worker keeps of its share', () => {
  it('takes each batch out of the list before rendering it, so that a rendered batch is held by nothing', () => {
    const batches = [{ n: 1 }, { n: 2 }, { n: 3 }];
    const first = batches[0]!;
    const seen: number[][] = [];
    for (const batch of takeEach(batches)) seen.push([batch.n, ...batches.map((b) => b.n)]);
    expect(seen).toEqual([
      [1, 2, 3],
      [2, 3],
      [3],
    ]);
    expect(batches).toEqual([]);
    expect(batches).not.toContain(first);
  });

  it("takes the jobs out of the worker's message, which then holds none", () => {
    const jobs: ChartJob[] = [{ owner: 'year:2020', owners: ['year:2020'], index: 0, width: 360, key: 'k' }];
    const data = { dir: '/cache', jobs };
    expect(takeJobs(data)).toBe(jobs);
    expect(data.jobs).toEqual([]);
  });
});

describe('a worker share over a synthetic corpus of several years', () => {
  const env = useScratchBuildEnv('gongkai-share', (root) => {
    const csv = readFileSync(new URL('../../content/jurisdictions.csv', import.meta.url), 'utf8');
    const plan = planSynthCorpus(readJurisdictionsCsv(csv, 'jurisdictions.csv').index, { reports: 90, seed: 7, inconsistentShare: 0.1 });
    for (const f of generateSynthFiles(plan, csv)) {
      mkdirSync(dirname(join(root, f.path)), { recursive: true });
      writeFileSync(join(root, f.path), f.text);
    }
  });

  it('renders every planned chart from small batches of the content, byte for byte what the pages would render', { timeout: 240_000 }, () => {
    const plan = planChartJobs();
    const owners = new Set(plan.jobs.map((j) => j.owner.split(':')[0]));
    expect([...owners].sort()).toEqual(['jurisdiction', 'report', 'year']);
    expect(new Set(getSiteContent().reports.map((r) => r.meta.year)).size).toBeGreaterThan(3);
    // 5 folders per batch: every owner's reports are loaded apart from the rest of the content.
    const result = renderShare(plan.dir, plan.jobs, 5);
    expect(result.skipped).toBe(0);
    expect([...result.rendered].sort()).toEqual(plan.jobs.map((j) => j.key).sort());
    const { reports, jurisdictions } = getSiteContent();
    let checked = 0;
    for (const { owner, entry } of listSiteChartEntries(reports, jurisdictions)) {
      if (!entry.build) continue;
      const drawn = { ...entry, build: entry.build };
      expect(parseChartFile(readFileSync(svgCachePath(env.chartCache, keyChart(entry, CHART_WIDTHS.wide)), 'utf8')), `${owner} ${entry.key}`).toEqual(drawChart(drawn, CHART_WIDTHS.wide));
      checked += 1;
    }
    expect(checked).toBeGreaterThan(100);
  });
});
