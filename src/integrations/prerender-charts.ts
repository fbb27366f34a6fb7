/**
 * Renders the charts the cache lacks on every core before Astro generates the pages: on the main
 * thread and on worker threads, one thread per core or GONGKAI_CHART_THREADS (1: the main thread
 * only, 0: no pre-render pass). Astro generates pages one at a time on one
 * thread, so charts rendered there use one core of two; rendered ahead in parallel, the pages only
 * read the cache. The pass runs once Astro has loaded the pages' bundle and listed the paths (a
 * wrapper around its prerenderer), because only the bundle's code computes the keys the pages will
 * look up (see src/loaders/chart-cache.ts). Assumes the pass is only a cache warmer: a chart it
 * skips, or a pass that fails, is rendered by its page as before.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import type { ChartJob, ChartJobsResult, ChartPlan, ChartPrerenderHooks } from '../loaders/chart-cache.ts';
import { PRERENDER_HOOKS_KEY } from '../loaders/chart-prerender-key.ts';
import { listRenderedKeys, readPreviousManifest } from './incremental-build.ts';
import { recordPhase } from './build-phases.ts';
import type { PrerenderWorkerData } from './prerender-charts-worker.ts';

/** The environment variable that sets how many threads render charts ahead of the pages (0: none). */
export const CHART_THREADS_ENV = 'GONGKAI_CHART_THREADS';

/** How many threads to render on: the environment's number, else one per core. */
export function resolveThreadCount(env: string | undefined, cores: number): number {
  if (env !== undefined && /^\d+$/.test(env.trim())) return Number(env.trim());
  return Math.max(1, cores);
}

/**
 * The fewest charts worth a worker thread: a worker starts by loading the code and the first
 * reports it needs, which a few hundred charts at 2–5 ms each do not repay.
 */
export const WORKER_MIN_JOBS = 500;

/** How many threads a plan of `jobs` charts is rendered on: `count`, or this thread alone (or none) for a small plan. */
export function chooseThreadCount(jobs: number, count: number): number {
  return jobs < WORKER_MIN_JOBS ? Math.min(count, 1) : count;
}

/**
 * Deals the jobs to `count` hands, each owner's jobs to one hand (a worker then loads an owner's
 * reports once), to the hand with the fewest jobs so far; each hand keeps plan order.
 */
export function dealJobs(jobs: readonly ChartJob[], count: number): ChartJob[][] {
  const hands: ChartJob[][] = Array.from({ length: count }, () => []);
  let hand: ChartJob[] = hands[0]!;
  let owner: string | undefined;
  for (const job of jobs) {
    if (job.owner !== owner) {
      owner = job.owner;
      hand = hands.reduce((a, b) => (b.length < a.length ? b : a));
    }
    hand.push(job);
  }
  return hands;
}

/**
 * The old-generation heap of a chart worker, in MB: it holds a batch of about 1,000 reports and
 * renders one chart at a time, and V8 otherwise lets garbage grow towards the whole process's
 * limit before collecting it (at 20,000 reports the build's memory rose by about 1 GB while the
 * charts were pre-rendered).
 */
export const WORKER_HEAP_MB = 512;

/** Runs one worker to its end; resolves with what it posted. */
function runWorker(worker: Worker, index: number): Promise<ChartJobsResult> {
  return new Promise((done, fail) => {
    let result: ChartJobsResult | undefined;
    worker.on('message', (m: ChartJobsResult) => (result = m));
    worker.on('error', fail);
    worker.on('exit', (code) => (result && code === 0 ? done(result) : fail(new Error(`chart worker ${index} exited with code ${code}`))));
  });
}

/**
 * Renders a plan on `count` threads: this one, with the pages' code and content (`hooks.render`),
 * and `count - 1` workers, each loading the reports of its share a batch at a time. Returns the
 * keys written and the jobs skipped; stops the workers at the first failure.
 */
export async function renderChartPlan(plan: ChartPlan, count: number, hooks: Pick<ChartPrerenderHooks, 'render'>): Promise<ChartJobsResult> {
  const [own = [], ...others] = dealJobs(plan.jobs, count);
  const url = new URL('./prerender-charts-worker.ts', import.meta.url);
  const workers = others.filter((hand) => hand.length).map((jobs) => new Worker(url, { workerData: { dir: plan.dir, jobs } satisfies PrerenderWorkerData, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } }));
  try {
    const finished = Promise.all(workers.map(runWorker));
    // Workers start by loading the content; this thread renders its share meanwhile, then waits.
    const results = [hooks.render(plan.dir, own), ...(await finished)];
    return { rendered: results.flatMap((r) => r.rendered), skipped: results.reduce((n, r) => n + r.skipped, 0) };
  } catch (err) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw err;
  }
}

/**
 * Plans with the pages' bundle and renders what the cache lacks, for the pages with one of
 * `pageKeys` (null: every page); logs what it did, never throws.
 */
async function prerenderCharts(count: number, pageKeys: ReadonlySet<string> | null, logger: AstroIntegrationLogger): Promise<void> {
  // Registered by the pages' bundle when it loads src/loaders/chart-cache.ts; absent when no page shows a chart.
  const hooks = (globalThis as Record<symbol, ChartPrerenderHooks | undefined>)[Symbol.for(PRERENDER_HOOKS_KEY)];
  if (!hooks) return;
  const started = performance.now();
  try {
    const plan = hooks.plan(pageKeys ?? undefined);
    const planned = performance.now();
    const threads = chooseThreadCount(plan.jobs.length, count);
    const { rendered, skipped } = await renderChartPlan(plan, threads, hooks);
    hooks.record(rendered);
    recordPhase('charts', (performance.now() - started) / 1000);
    const seconds = (t: number): string => ((t - started) / 1000).toFixed(1);
    logger.info(`${plan.charts} charts: ${plan.charts - plan.jobs.length} in the cache, ${rendered.length} rendered on ${threads} threads${skipped ? `, ${skipped} left to their pages` : ''} (planned in ${seconds(planned)} s, done in ${seconds(performance.now())} s)`);
  } catch (err) {
    logger.warn(`charts were not pre-rendered, their pages render them: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** The Astro integration: wraps Astro's prerenderer so that the charts are rendered once the paths are known. */
export function prerenderChartsIntegration(): AstroIntegration {
  let cacheDir: URL | undefined;
  return {
    name: 'gongkai-prerender-charts',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = config.cacheDir;
      },
      'astro:build:start': ({ setPrerenderer, logger }) => {
        const count = resolveThreadCount(process.env[CHART_THREADS_ENV], availableParallelism());
        if (count === 0) return;
        setPrerenderer((defaults) => ({
          ...defaults,
          name: 'gongkai-prerender-charts',
          async getStaticPaths() {
            const paths = await defaults.getStaticPaths();
            // Only the pages the incremental build will render need their charts.
            await prerenderCharts(count, listRenderedKeys(paths, cacheDir ? readPreviousManifest(cacheDir) : null), logger);
            return paths;
          },
        }));
      },
    },
  };
}
