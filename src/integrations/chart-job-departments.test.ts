import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawChart, parseChartFile, svgCachePath } from '../machinery/svg-cache.ts';
import { readCommittedJurisdictionsCsv, writeDepartmentCorpus } from '../fixtures/department-corpus.ts';
import { renderShare } from './prerender-charts-worker.ts';
import { readJurisdictionsCsv } from '../jurisdictions/jurisdictions.ts';
import { CHART_WIDTHS } from '../charts/chart-view.ts';
import { listSiteChartEntries } from '../views/site-charts.ts';
import { keyChart } from '../machinery/chart-cache.ts';
import { planChartJobs } from './chart-plan.ts';
import { batchChartJobs, indexReportDirs } from './chart-job-content.ts';
import { REPORT_ID } from '../reports/report-id.ts';
import { getSiteContent } from '../loaders/site-content.ts';
import { useScratchBuildEnv } from '../fixtures/scratch-build-env.ts';

// Its own file: the build's content is loaded once per process, from GONGKAI_CONTENT.
describe('a worker share over the department corpus', () => {
  const env = useScratchBuildEnv('gongkai-departments', (root) => {
    const csv = readCommittedJurisdictionsCsv();
    writeDepartmentCorpus(root, readJurisdictionsCsv(csv, 'jurisdictions.csv').index, csv);
  });

  it('renders the charts of department pages and comparisons from small batches, byte for byte what the pages would render', { timeout: 240_000 }, () => {
    const plan = planChartJobs();
    const owners = new Set(plan.jobs.map((j) => j.owner.split(':')[0]));
    expect([...owners].sort()).toEqual(['departments', 'jurisdiction', 'publisher', 'report', 'year']);
    const ours = (owner: string): boolean => owner.startsWith('publisher:') || owner.startsWith('departments:') || owner.startsWith('year:');
    const mine = plan.jobs.filter((j) => ours(j.owner));
    // 4 folders per batch: each department's and each kind-year's reports are loaded apart from the
    // rest; a year's rankings from its governments' reports alone (a department's report would be in
    // the chart's key, so a year chart that needed one would be skipped here).
    expect(batchChartJobs(mine, indexReportDirs(readdirSync(join(env.content, 'reports'))), 4).filter((b) => b.jobs[0]!.owner.startsWith('year:')).flatMap((b) => [...b.dirs]).filter((d) => REPORT_ID.exec(d)?.[2] !== undefined)).toEqual([]);
    const result = renderShare(plan.dir, mine, 4);
    expect(result.skipped).toBe(0);
    expect([...result.rendered].sort()).toEqual(mine.map((j) => j.key).sort());
    const { reports, jurisdictions } = getSiteContent();
    let checked = 0;
    const kinds = new Set<string>();
    for (const { owner, entry } of listSiteChartEntries(reports, jurisdictions)) {
      if (!entry.build || !ours(owner)) continue;
      const drawn = { ...entry, build: entry.build };
      expect(parseChartFile(readFileSync(svgCachePath(env.chartCache, keyChart(entry, CHART_WIDTHS.wide)), 'utf8')), `${owner} ${entry.key}`).toEqual(drawChart(drawn, CHART_WIDTHS.wide));
      checked += 1;
      kinds.add(owner.split(':')[0]!);
    }
    // Department pages', department comparisons' (only kind-years with two reports or more have them) and the years' charts.
    expect([...kinds].sort()).toEqual(['departments', 'publisher', 'year']);
    expect(checked).toBeGreaterThan(50);
  });
});
