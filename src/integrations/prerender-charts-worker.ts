/**
 * One worker process of the chart pre-render pass (see prerender-charts.ts): receives a part of its
 * share of the plan (at most about WORKER_PROCESS_JOBS jobs: a fresh process renders the next part),
 * renders it into the chart cache and sends back what it did: only the charts, the critical path of a
 * cold build (the files made from them, such as the report charts' standalone SVGs, are made by
 * Astro's thread, src/integrations/endpoint-files.ts, while its pages wait for these charts). It loads the content a batch of owners
 * at a time (chart-job-content.ts), so its memory stays that of a batch's reports, not the site's.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderChartJobs, type ChartJob, type ChartJobsResult } from './chart-plan.ts';
import { batchChartJobs, chunkByOwner, indexReportDirs } from './chart-job-content.ts';
import { resolveContentDir } from '../loaders/content-dir.ts';
import { loadContent } from '../loaders/load-content.ts';
import { nodeContentFs } from '../loaders/node-fs.ts';
import { CONTENT_FILES } from '../reports/layout.ts';

/** What the integration passes to each worker. */
export interface PrerenderWorkerData {
  readonly dir: string;
  /** This worker process's jobs, in plan order, each owner's together. */
  readonly jobs: readonly ChartJob[];
}

/** The most report folders a worker loads at once. */
export const WORKER_BATCH_DIRS = 1000;

/** What a worker reports as it goes: the keys of the jobs it has done since the last report (rendered or skipped), and those it rendered. */
export interface ChartProgress {
  readonly settled: readonly string[];
  readonly rendered: readonly string[];
}

/** What a worker sends the integration: progress, then its result once. */
export type WorkerMessage = { readonly progress: ChartProgress } | { readonly result: ChartJobsResult };

/** About how many charts a worker renders between two progress reports (a report ends at an owner's last chart). */
export const PROGRESS_JOBS = 100;

/**
 * Yields the items of a list in order, each removed from the list before it is yielded, so that the
 * list holds only the items still to come: one yielded is garbage once its user lets it go.
 */
export function* takeEach<T>(items: T[]): Generator<T> {
  while (items.length) yield items.shift()!;
}

/**
 * Takes the jobs out of a worker's message, which then holds none: the worker's share of a cold
 * build's plan at 20,000 reports (92,104 jobs, then with the words of 27,845 report images) took about
 * 140 MB of its 512 MB heap, kept to the end of the pass though each job is done with once rendered.
 */
export function takeJobs(data: PrerenderWorkerData): readonly ChartJob[] {
  const { jobs } = data;
  (data as { jobs: readonly ChartJob[] }).jobs = [];
  return jobs;
}

/**
 * Renders a share batch by batch (of about `maxDirs` report folders), loading only the reports each
 * batch reads, in the share's order; yields after every run of about PROGRESS_JOBS charts the jobs
 * it did and the keys it rendered, so that their pages need not wait for the rest. Keeps no batch it
 * has rendered: a caller that lets go of `jobs` (the worker, see takeJobs) holds only the jobs still
 * to render.
 */
export function* renderShareInSteps(dir: string, jobs: readonly ChartJob[], maxDirs = WORKER_BATCH_DIRS): Generator<ChartProgress & { readonly skipped: number }> {
  const root = resolveContentDir();
  const index = indexReportDirs(nodeContentFs.listDirs(`${root}/${CONTENT_FILES.reports}`));
  const batches = batchChartJobs(jobs, index, maxDirs);
  // From here on the batches hold the jobs, each batch until it is rendered.
  jobs = [];
  for (const batch of takeEach(batches)) {
    const content = loadContent(nodeContentFs, root, { only: (d) => batch.dirs.has(d) });
    for (const chunk of chunkByOwner(batch.jobs, PROGRESS_JOBS)) {
      const { rendered, skipped } = renderChartJobs(dir, chunk, content);
      yield { settled: chunk.map((j) => j.key), rendered, skipped };
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
    for (const step of renderShareInSteps(data.dir, takeJobs(data))) {
      rendered.push(...step.rendered);
      skipped += step.skipped;
      // Sent before the next run starts, so the pages waiting for these owners go on meanwhile.
      await send({ progress: { settled: step.settled, rendered: step.rendered } });
    }
    await send({ result: { rendered, skipped } });
    process.disconnect();
  });
}
