import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drawChart, parseChartFile, svgCachePath } from '../machinery/svg-cache.ts';
import { readCommittedJurisdictionsCsv, writeDepartmentCorpus } from '../fixtures/department-corpus.ts';
import { renderShare } from './prerender-charts-worker.ts';
import { readJurisdictionsCsv } from '../jurisdictions/jurisdictions.ts';
import { CHART_WIDTHS } from '../charts/chart-view.ts';
import { listSiteChartEntries } from '../views/site-charts.ts';
import { keyChart } from '../machinery/chart-cache.ts';
import { planChartJobs } from './chart-plan.ts';
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
    const mine = plan.jobs.filter((j) => j.owner.startsWith('publisher:') || j.owner.startsWith('departments:'));
    // 4 folders per batch: each department's and each kind-year's reports are loaded apart from the rest.
    const result = renderShare(plan.dir, mine, 4);
    expect(result.skipped).toBe(0);
    expect([...result.rendered].sort()).toEqual(mine.map((j) => j.key).sort());
    const { reports, jurisdictions } = getSiteContent();
    let checked = 0;
    const kinds = new Set<string>();
    for (const { owner, entry } of listSiteChartEntries(reports, jurisdictions)) {
      if (!entry.build || !(owner.startsWith('publisher:') || owner.startsWith('departments:'))) continue;
      const drawn = { ...entry, build: entry.build };
      expect(parseChartFile(readFileSync(svgCachePath(env.chartCache, keyChart(entry, CHART_WIDTHS.wide)), 'utf8')), `${owner} ${entry.key}`).toEqual(drawChart(drawn, CHART_WIDTHS.wide));
      checked += 1;
      kinds.add(owner.split(':')[0]!);
    }
    // Both department pages' and department comparisons' charts (only kind-years with two reports or more have comparisons).
    expect([...kinds].sort()).toEqual(['departments', 'publisher']);
    expect(checked).toBeGreaterThan(50);
  });
});
