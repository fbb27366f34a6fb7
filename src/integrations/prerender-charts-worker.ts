/**
 * One worker process of the chart pre-render pass (see prerender-charts.ts): receives its share of
 * the plan, renders it into the chart cache and sends back what it did. It loads the content a batch of owners
 * at a time (chart-job-content.ts), so its memory stays that of a batch's reports, not the site's.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderChartJobs, type ChartJob, type ChartJobsResult } from '../machinery/chart-cache.ts';
import { batchChartJobs, indexReportDirs } from '../machinery/chart-job-content.ts';
import { resolveContentDir } from '../loaders/content-dir.ts';
import { loadContent } from '../loaders/load-content.ts';
import { nodeContentFs } from '../loaders/node-fs.ts';
import { CONTENT_FILES } from '../reports/layout.ts';

/** What the integration passes to each worker. */
export interface PrerenderWorkerData {
  readonly dir: string;
  /** This worker's jobs, in plan order, each owner's together. */
  readonly jobs: readonly ChartJob[];
}

/** The most report folders a worker loads at once. */
export const WORKER_BATCH_DIRS = 1000;

/** Renders a share batch by batch (of about `maxDirs` report folders), loading only the reports each batch reads. */
export function renderShare(dir: string, jobs: readonly ChartJob[], maxDirs = WORKER_BATCH_DIRS): ChartJobsResult {
  const root = resolveContentDir();
  const index = indexReportDirs(nodeContentFs.listDirs(`${root}/${CONTENT_FILES.reports}`));
  const rendered: string[] = [];
  let skipped = 0;
  for (const batch of batchChartJobs(jobs, index, maxDirs)) {
    const content = loadContent(nodeContentFs, root, { only: (d) => batch.dirs.has(d) });
    const result = renderChartJobs(dir, batch.jobs, content);
    rendered.push(...result.rendered);
    skipped += result.skipped;
  }
  return { rendered, skipped };
}

// Only as the process's main module (not when a test imports renderShare in its own child process).
if (process.send && process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.once('message', (data: PrerenderWorkerData) => {
    const result = renderShare(data.dir, data.jobs);
    process.send!(result, undefined, {}, () => process.disconnect());
  });
}
