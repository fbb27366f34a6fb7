/**
 * Renders the charts the cache lacks on every core before Astro generates the pages: in worker
 * processes, one per core or GONGKAI_CHART_THREADS (1: the main thread only, 0: no pre-render pass). Astro generates pages one at a time on one
 * thread, so charts rendered there use one core of two; rendered ahead in parallel, the pages only
 * read the cache. The pass runs once Astro has loaded the pages' bundle and listed the paths (a
 * wrapper around its prerenderer), because only the bundle's code computes the keys the pages will
 * look up (see src/machinery/chart-cache.ts and src/machinery/registry.ts). Assumes the pass is only a cache warmer: a chart it
 * skips, or a pass that fails, is rendered by its page as before.
 */
import { availableParallelism } from 'node:os';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import type { ChartJob, ChartJobsResult, ChartPlan, ChartPrerenderHooks } from '../machinery/chart-cache.ts';
import { buildRegistry, offerScript } from '../machinery/registry.ts';
import { trackProgress, type ProgressTracker } from './build-progress.ts';
import { countUnchangedPaths, listRenderedKeys, readPreviousManifest } from './incremental-build.ts';
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
 * renders one chart at a time. The workers are child processes, not threads, because V8's heap
 * limit is one flag for the whole process: the build's `--max-old-space-size=2048` overrides a
 * worker thread's own `resourceLimits`, and at 20,000 reports each of two worker threads grew to
 * about 1 GB of heap, mostly garbage, while the charts were pre-rendered (3.4 GB in all).
 */
export const WORKER_HEAP_MB = 512;

/** Runs a full garbage collection when node runs with `--expose-gc` (as `npm run build` does); else nothing. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Starts a worker process on its share; resolves with what it sent back, rejects when it exits without a result. */
function runWorker(data: PrerenderWorkerData, index: number, started: ChildProcess[]): Promise<ChartJobsResult> {
  const child = fork(fileURLToPath(new URL('./prerender-charts-worker.ts', import.meta.url)), [], {
    execArgv: [`--max-old-space-size=${WORKER_HEAP_MB}`],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  started.push(child);
  return new Promise((done, fail) => {
    let result: ChartJobsResult | undefined;
    child.on('message', (m: ChartJobsResult) => (result = m));
    child.on('error', fail);
    child.on('exit', (code, signal) => (result && code === 0 ? done(result) : fail(new Error(`chart worker ${index} exited with ${signal ?? `code ${code}`}`))));
    child.send(data);
  });
}

/**
 * Renders a plan on `count` threads: with one, on this thread, with the pages' code and content
 * (`hooks.render`); with more, in `count` worker processes, each loading the reports of its share a
 * batch at a time, while this thread only waits. Rendering here too would use no more cores, but
 * would let the garbage of rendering grow this thread's heap, which already holds the content and
 * the paths, towards its limit. Returns the keys written and the jobs skipped; stops the workers at
 * the first failure.
 */
export async function renderChartPlan(plan: ChartPlan, count: number, hooks: Pick<ChartPrerenderHooks, 'render'>): Promise<ChartJobsResult> {
  if (count <= 1) return hooks.render(plan.dir, plan.jobs);
  const started: ChildProcess[] = [];
  try {
    const hands = dealJobs(plan.jobs, count).filter((hand) => hand.length);
    const results = await Promise.all(hands.map((jobs, i) => runWorker({ dir: plan.dir, jobs }, i, started)));
    return { rendered: results.flatMap((r) => r.rendered), skipped: results.reduce((n, r) => n + r.skipped, 0) };
  } catch (err) {
    for (const child of started) if (child.exitCode === null) child.kill();
    throw err;
  }
}

/**
 * Plans with the pages' bundle and renders what the cache lacks, for the pages with one of
 * `pageKeys` (null: every page); logs what it did, never throws.
 */
async function prerenderCharts(count: number, pageKeys: ReadonlySet<string> | null, logger: AstroIntegrationLogger): Promise<void> {
  // Offered by the pages' bundle when a page loads (the script injected below).
  const hooks = buildRegistry().chartPrerender;
  if (!hooks) return;
  const started = performance.now();
  try {
    const plan = hooks.plan(pageKeys ?? undefined);
    const planned = performance.now();
    recordPhase('chart-plan', (planned - started) / 1000);
    // The workers add their heaps to this thread's: first collect what listing the paths and planning
    // left behind, which V8 would otherwise keep until this heap neared its limit.
    collectGarbage();
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

/** What this module uses of Astro's logger options: the level and where lines go. */
interface LoggerOptions {
  readonly level?: string;
  readonly destination?: { write(event: { label: string; level: string; message: string; newLine: boolean }): void };
}

/**
 * Logs a progress line on a line of its own. Astro prints each path it renders without ending the
 * line (the time it took follows), so a line logged while a page renders would be glued to the
 * path: this one starts with a line break, written as Astro writes its own unformatted lines, at the
 * info level (a --silent build prints nothing).
 */
function logOwnLine(logger: AstroIntegrationLogger, line: string): void {
  const options = (logger as unknown as { options?: LoggerOptions }).options;
  if (!options?.destination || !options.level) return logger.info(line);
  if (options.level !== 'info' && options.level !== 'debug') return;
  const time = new Date().toTimeString().slice(0, 8);
  options.destination.write({ label: 'SKIP_FORMAT', level: 'info', message: `\n${time} [${logger.label}] ${line}`, newLine: true });
}

/**
 * The Astro integration: wraps Astro's prerenderer (a build has one), so that the charts are
 * rendered once the paths are known, and a progress line (src/integrations/build-progress.ts) is
 * logged every few seconds while the pages are generated.
 */
export function prerenderChartsIntegration(): AstroIntegration {
  let cacheDir: URL | undefined;
  return {
    name: 'gongkai-prerender-charts',
    hooks: {
      'astro:config:setup': ({ injectScript }) => {
        injectScript('page-ssr', offerScript(fileURLToPath(new URL('../machinery/chart-cache.ts', import.meta.url)), 'offerChartPrerender'));
      },
      'astro:config:done': ({ config }) => {
        cacheDir = config.cacheDir;
      },
      'astro:build:start': ({ setPrerenderer, logger }) => {
        const count = resolveThreadCount(process.env[CHART_THREADS_ENV], availableParallelism());
        let progress: ProgressTracker | undefined;
        const now = (): number => performance.now() / 1000;
        setPrerenderer((defaults) => ({
          ...defaults,
          name: 'gongkai-prerender-charts',
          async getStaticPaths() {
            const listing = performance.now();
            const paths = await defaults.getStaticPaths();
            recordPhase('paths', (performance.now() - listing) / 1000);
            const previous = cacheDir ? readPreviousManifest(cacheDir) : null;
            // Only the pages the incremental build will render need their charts.
            if (count > 0) await prerenderCharts(count, listRenderedKeys(paths, previous), logger);
            const kept = countUnchangedPaths(paths, previous);
            progress = trackProgress(paths.length - kept, kept, now());
            return paths;
          },
          async render(request, options) {
            const result = await defaults.render(request, options);
            const line = progress?.rendered(now());
            if (line) logOwnLine(logger, line);
            return result;
          },
          async teardown() {
            if (progress) logger.info(progress.finish(now()));
            progress = undefined;
            await defaults.teardown?.();
          },
        }));
      },
    },
  };
}
