/**
 * One worker process of the chart pre-render pass (see prerender-charts.ts): receives its share of
 * the plan, renders it into the chart cache (and makes the report charts' standalone SVGs ahead)
 * and sends back what it did. It loads the content a batch of owners
 * at a time (chart-job-content.ts), so its memory stays that of a batch's reports, not the site's.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderChartJobs, type ChartJob, type ChartJobsResult } from '../machinery/chart-cache.ts';
import { batchChartJobs, indexReportDirs } from '../machinery/chart-job-content.ts';
import { resolveContentDir } from '../loaders/content-dir.ts';
import { loadContent, type LoadedContent } from '../loaders/load-content.ts';
import type { ChartEntry } from '../charts/chart-entry.ts';
import { IMAGE_CHART_WIDTH, premakeChartSvg } from '../embeds/build-images.ts';
import { buildChartImageText } from '../embeds/embed-view.ts';
import { nodeContentFs } from '../loaders/node-fs.ts';
import { CONTENT_FILES } from '../reports/layout.ts';

/** What the integration passes to each worker. */
export interface PrerenderWorkerData {
  readonly dir: string;
  /** This worker's jobs, in plan order, each owner's together. */
  readonly jobs: readonly ChartJob[];
  /** Where to make the report charts' standalone SVGs ahead (src/embeds/build-images.ts), and the site's address their source line names. */
  readonly images?: PremadeImages;
}

/** Where a worker makes the report charts' standalone images, and the site's address (as the pages format it). */
export interface PremadeImages {
  readonly dir: string;
  readonly site: string;
}

/**
 * What a worker does with each chart it rendered: a report's chart at the width the images show gets
 * its standalone SVG made ahead, with the words its `chart.svg` route gives it (buildChartImageText),
 * so that Astro's thread, which generates every page, only reads the file. A chart of any other page
 * is left to its route.
 */
export function premakeReportChartImages(images: PremadeImages, content: Pick<LoadedContent, 'reports'>): (job: ChartJob, entry: ChartEntry, svg: string) => void {
  const reports = new Map(content.reports.map((r) => [`report:${r.meta.id}`, r]));
  return (job, entry, svg) => {
    const report = job.width === IMAGE_CHART_WIDTH ? reports.get(job.owner) : undefined;
    if (report) premakeChartSvg(images.dir, svg, buildChartImageText(report.meta, entry, images.site));
  };
}

/** The most report folders a worker loads at once. */
export const WORKER_BATCH_DIRS = 1000;

/** What a worker reports as it goes: the owners whose charts are all rendered since the last report, and their keys. */
export interface ChartProgress {
  readonly owners: readonly string[];
  readonly rendered: readonly string[];
}

/** What a worker sends the integration: progress, then its result once. */
export type WorkerMessage = { readonly progress: ChartProgress } | { readonly result: ChartJobsResult };

/** About how many charts a worker renders between two progress reports (a report ends at an owner's last chart). */
export const PROGRESS_JOBS = 100;

/** Cuts jobs (each owner's together) into runs of whole owners of at least `size` jobs (the last may have fewer). */
export function chunkByOwner(jobs: readonly ChartJob[], size: number): ChartJob[][] {
  const chunks: ChartJob[][] = [];
  let chunk: ChartJob[] = [];
  for (const [i, job] of jobs.entries()) {
    chunk.push(job);
    if (chunk.length >= size && jobs[i + 1]?.owner !== job.owner) {
      chunks.push(chunk);
      chunk = [];
    }
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}

/**
 * Renders a share batch by batch (of about `maxDirs` report folders), loading only the reports each
 * batch reads, in the share's order; yields after every run of about PROGRESS_JOBS charts the owners
 * it finished and their keys, so that their pages need not wait for the rest.
 */
export function* renderShareInSteps(dir: string, jobs: readonly ChartJob[], maxDirs = WORKER_BATCH_DIRS, images?: PremadeImages): Generator<ChartProgress & { readonly skipped: number }> {
  const root = resolveContentDir();
  const index = indexReportDirs(nodeContentFs.listDirs(`${root}/${CONTENT_FILES.reports}`));
  for (const batch of batchChartJobs(jobs, index, maxDirs)) {
    const content = loadContent(nodeContentFs, root, { only: (d) => batch.dirs.has(d) });
    const onRendered = images ? premakeReportChartImages(images, content) : undefined;
    for (const chunk of chunkByOwner(batch.jobs, PROGRESS_JOBS)) {
      const { rendered, skipped } = renderChartJobs(dir, chunk, content, onRendered);
      yield { owners: [...new Set(chunk.map((j) => j.owner))], rendered, skipped };
    }
  }
}

/** Renders a share whole (see renderShareInSteps). */
export function renderShare(dir: string, jobs: readonly ChartJob[], maxDirs = WORKER_BATCH_DIRS): ChartJobsResult {
  const rendered: string[] = [];
  let skipped = 0;
  for (const step of renderShareInSteps(dir, jobs, maxDirs)) {
    rendered.push(...step.rendered);
    skipped += step.skipped;
  }
  return { rendered, skipped };
}

// Only as the process's main module (not when a test imports renderShare in its own child process).
if (process.send && process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.once('message', async (data: PrerenderWorkerData) => {
    const send = (message: WorkerMessage): Promise<void> => new Promise((done, fail) => process.send!(message, undefined, {}, (err) => (err ? fail(err) : done())));
    const rendered: string[] = [];
    let skipped = 0;
    for (const step of renderShareInSteps(data.dir, data.jobs, WORKER_BATCH_DIRS, data.images)) {
      rendered.push(...step.rendered);
      skipped += step.skipped;
      // Sent before the next run starts, so the pages waiting for these owners go on meanwhile.
      await send({ progress: { owners: step.owners, rendered: step.rendered } });
    }
    await send({ result: { rendered, skipped } });
    process.disconnect();
  });
}
