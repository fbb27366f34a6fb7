/**
 * One worker thread of the chart pre-render pass (see prerender-charts.ts): renders its share of
 * the plan into the chart cache with renderChartJobs and posts back what it did.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { renderChartJobs, type ChartJob } from '../loaders/chart-cache.ts';
import type { ChartOwner } from '../views/chart-view.ts';

/** What the integration passes to each worker. */
export interface PrerenderWorkerData {
  readonly dir: string;
  /** This worker's jobs, in order of position. */
  readonly jobs: readonly ChartJob[];
  /** The owners the plan covered (null: all), so the worker walks the same charts in the same order. */
  readonly owners: readonly ChartOwner[] | null;
}

const { dir, jobs, owners } = workerData as PrerenderWorkerData;
parentPort?.postMessage(renderChartJobs(dir, jobs, owners));
