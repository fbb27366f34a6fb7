/**
 * Renders the charts the cache lacks in worker processes while Astro generates the pages: one
 * worker per core but one (GONGKAI_CHART_THREADS sets the cores: 1 renders on the main thread
 * before the pages, 0: no pre-render pass). Astro generates pages one at a time on one thread; the
 * workers render the charts on the other cores in the plan's order, and the pages are generated in
 * that order too (src/integrations/prerender-charts.ts's schedule), a page waiting only while its
 * own charts are not rendered yet, then reading them from the cache. A small plan is rendered before
 * the pages. The pass runs once Astro has loaded the pages' bundle and listed the paths (a
 * wrapper around its prerenderer), because only the bundle's code computes the keys the pages will
 * look up (see chart-plan.ts and src/machinery/registry.ts). Assumes the pass is only a cache warmer: a chart it
 * skips, or a pass that fails, is rendered by its page as before */
import { availableParallelism } from 'node:os';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import type { ChartJob, ChartJobsResult, ChartPlan, ChartPrerenderHooks } from './chart-plan.ts';
import { buildRegistry, offerScript } from '../machinery/registry.ts';
import { trackProgress, type ProgressTracker } from './build-progress.ts';
import { countUnchangedPaths, listRenderedKeys, readPreviousManifest } from './incremental-build.ts';
import { recordPhase } from './build-phases.ts';
import type { ChartProgress, PrerenderWorkerData, WorkerMessage } from './prerender-charts-worker.ts';
import { chunkByOwner } from './chart-job-content.ts';
import type { EarlySearchIndex } from './pagefind.ts';

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

/**
 * The Node flags that profile a chart worker when this process is profiled (`--cpu-prof`, as
 * `npm run bench -- --cpu-prof DIR` runs the build): the same, writing into `chart-workers/` under
 * this process's profile folder (the current folder when none is given); and this process's memory
 * diagnostics (`--trace-gc`, `--heapsnapshot-near-heap-limit=`, `--diagnostic-dir=`, as
 * scripts/chart-worker-memory.ts runs the pass) as they are; else none.
 */
export function workerProfileFlags(execArgv: readonly string[], cwd: string): string[] {
  const memory = execArgv.filter((a) => a === '--trace-gc' || a.startsWith('--heapsnapshot-near-heap-limit=') || a.startsWith('--diagnostic-dir='));
  if (!execArgv.includes('--cpu-prof')) return memory;
  const at = execArgv.findIndex((a) => a === '--cpu-prof-dir' || a.startsWith('--cpu-prof-dir='));
  const dir = at < 0 ? cwd : execArgv[at] === '--cpu-prof-dir' ? execArgv[at + 1] : execArgv[at]!.slice('--cpu-prof-dir='.length);
  return ['--cpu-prof', '--cpu-prof-dir', `${dir ?? cwd}/chart-workers`, ...memory];
}

/**
 * The most jobs one worker process renders: a share longer than that is rendered by a fresh process
 * every so many jobs, one after the other, so a worker's heap is bounded by construction. At 20,000
 * reports a worker that rendered its whole share (92,104 jobs) grew towards its 512 MB limit and was
 * aborted after about 84,000 charts, collecting most of the time before (docs/scale.md).
 */
export const WORKER_PROCESS_JOBS = 10_000;

/** Starts a worker process on one leg of its share; passes on its progress; resolves with its result, rejects when it exits without one. */
function runWorker(data: PrerenderWorkerData, index: number, started: ChildProcess[], onProgress?: (progress: ChartProgress) => void): Promise<ChartJobsResult> {
  const child = fork(fileURLToPath(new URL('./prerender-charts-worker.ts', import.meta.url)), [], {
    execArgv: [`--max-old-space-size=${WORKER_HEAP_MB}`, ...workerProfileFlags(process.execArgv, process.cwd())],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  started.push(child);
  return new Promise((done, fail) => {
    let result: ChartJobsResult | undefined;
    child.on('message', (m: WorkerMessage) => {
      if ('progress' in m) onProgress?.(m.progress);
      else result = m.result;
    });
    child.on('error', fail);
    // 'close', not 'exit': it comes after the IPC channel has closed, so after every message the
    // worker sent (an 'exit' may be handled before its result message is read).
    child.on('close', (code, signal) => (result && code === 0 ? done(result) : fail(new Error(`chart worker ${index} exited with ${signal ?? `code ${code}`}`))));
    child.send(data);
  });
}

/**
 * Renders one share in plan order, its legs of whole owners of about `processJobs` jobs (chunkByOwner)
 * each in a fresh worker process started when the one before has sent its result; merges their
 * results. Starts no process once `stopped()` (another share failed).
 */
async function renderShareOnProcesses(share: readonly ChartJob[], processJobs: number, start: (jobs: readonly ChartJob[]) => Promise<ChartJobsResult>, stopped: () => boolean): Promise<ChartJobsResult> {
  const rendered: string[] = [];
  let skipped = 0;
  for (const leg of chunkByOwner(share, processJobs)) {
    if (stopped()) throw new Error('stopped');
    const result = await start(leg);
    rendered.push(...result.rendered);
    skipped += result.skipped;
  }
  return { rendered, skipped };
}

/**
 * Renders a plan on `count` threads: with one, on this thread, with the pages' code and content
 * (`hooks.render`); with more, in `count` worker processes at a time, each loading the reports of its share a
 * batch at a time, while this thread only waits. Rendering here too would use no more cores, but
 * would let the garbage of rendering grow this thread's heap, which already holds the content and
 * the paths, towards its limit. Returns the keys written and the jobs skipped; stops the workers at
 * the first failure.
 */
export async function renderChartPlan(plan: ChartPlan, count: number, hooks: Pick<ChartPrerenderHooks, 'render'>): Promise<ChartJobsResult> {
  return count <= 1 ? hooks.render(plan.dir, plan.jobs) : renderOnWorkers(plan, count);
}

/**
 * Renders a plan in `count` shares (at least one), each in worker processes one after the other, a
 * fresh one every `processJobs` jobs or so (WORKER_PROCESS_JOBS), passing on their progress as it
 * comes; at the first failure kills every worker running, starts no other and rejects.
 */
export async function renderOnWorkers(plan: ChartPlan, count: number, onProgress?: (progress: ChartProgress) => void, processJobs = WORKER_PROCESS_JOBS): Promise<ChartJobsResult> {
  const started: ChildProcess[] = [];
  let failed = false;
  try {
    const hands = dealJobs(plan.jobs, Math.max(1, count)).filter((hand) => hand.length);
    const results = await Promise.all(
      hands.map((share, i) => renderShareOnProcesses(share, processJobs, (jobs) => runWorker({ dir: plan.dir, jobs }, i, started, onProgress), () => failed)),
    );
    return { rendered: results.flatMap((r) => r.rendered), skipped: results.reduce((n, r) => n + r.skipped, 0) };
  } catch (err) {
    failed = true;
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill();
    throw err;
  }
}

/** The pages' side of a pre-render running alongside them: their order, and a wait for a page's charts. */
export interface ChartSchedule {
  /**
   * The paths in the order to render them: by where their page's last chart comes in the plan (the
   * order the workers render them), each owner's paths (its page, embed pages, images, CSVs)
   * together, then every other path; the same order otherwise.
   */
  order<T extends { readonly cacheKey?: string }>(paths: readonly T[]): T[];
  /** A promise to wait for before rendering the page with this cache key, while its charts are still being rendered; else undefined. */
  ready(cacheKey: string | undefined): Promise<void> | undefined;
  /** Whether the cache key is an owner's of the plan whose charts are all rendered (false for a key of no owner). */
  released(cacheKey: string): boolean;
}

/**
 * A schedule over a plan's jobs (`ownerOf`: the chart owner of each page cache key): `progress`
 * takes the keys of jobs done (rendered or skipped) and releases the owners all of whose jobs are
 * done (a chart several owners show is one job, of each of them), `end` (the pre-render ended, or
 * failed) releases every wait, so a page is never kept waiting for a worker that is gone: it renders
 * what it lacks.
 */
export function createChartSchedule(jobs: readonly ChartJob[], ownerOf: ReadonlyMap<string, string>): { schedule: ChartSchedule; progress: (keys: readonly string[]) => void; end: () => void } {
  // An owner's rank: the place of its last job in the plan, when its pages can go.
  const rank = new Map<string, number>();
  const left = new Map<string, number>();
  const ownersOf = new Map<string, readonly string[]>();
  jobs.forEach((job, i) => {
    ownersOf.set(job.key, job.owners);
    for (const owner of job.owners) {
      rank.set(owner, i);
      left.set(owner, (left.get(owner) ?? 0) + 1);
    }
  });
  const pending = new Set(rank.keys());
  const waiting = new Map<string, { promise: Promise<void>; release: () => void }>();
  const release = (owner: string): void => {
    pending.delete(owner);
    waiting.get(owner)?.release();
    waiting.delete(owner);
  };
  const settle = (key: string): void => {
    const owners = ownersOf.get(key);
    ownersOf.delete(key);
    for (const owner of owners ?? []) {
      const n = (left.get(owner) ?? 1) - 1;
      left.set(owner, n);
      if (n === 0) release(owner);
    }
  };
  // A path of no owner in the plan goes last, when every chart is rendered: its page may still show
  // charts under a key of its own (a jurisdiction's page is keyed with its peers' year too).
  const rankOf = (cacheKey: string | undefined): number => {
    const owner = cacheKey === undefined ? undefined : ownerOf.get(cacheKey);
    return (owner === undefined ? undefined : rank.get(owner)) ?? jobs.length;
  };
  const schedule: ChartSchedule = {
    order: (paths) =>
      paths
        .map((path, i) => ({ path, i, rank: rankOf(path.cacheKey) }))
        .sort((a, b) => a.rank - b.rank || a.i - b.i)
        .map(({ path }) => path),
    ready(cacheKey) {
      const owner = cacheKey === undefined ? undefined : ownerOf.get(cacheKey);
      if (owner === undefined || !pending.has(owner)) return undefined;
      let wait = waiting.get(owner);
      if (!wait) {
        let done = (): void => {};
        const promise = new Promise<void>((resolve) => (done = resolve));
        wait = { promise, release: done };
        waiting.set(owner, wait);
      }
      return wait.promise;
    },
    released(cacheKey) {
      const owner = ownerOf.get(cacheKey);
      return owner !== undefined && rank.has(owner) && !pending.has(owner);
    },
  };
  return {
    schedule,
    progress: (keys) => keys.forEach(settle),
    end: () => [...pending].forEach(release),
  };
}

/** A pre-render running alongside the pages: their schedule, and its end (never rejects). */
interface RunningPrerender {
  readonly schedule: ChartSchedule;
  readonly finished: Promise<void>;
}

/**
 * Plans with the pages' bundle and renders what the cache lacks, for the pages with one of
 * `pageKeys` (null: every page); logs what it did, never throws. A small plan (or one thread) is
 * rendered before the pages, which then only read the cache (null is returned). A large one is
 * rendered by worker processes on all cores but one while this thread renders the pages on the
 * last, in the order of the returned schedule: a page whose charts are not rendered yet waits for
 * them (the pages' own work, their files and images, is about as large as their charts' and would
 * otherwise leave a core idle).
 */
async function prerenderCharts(count: number, pageKeys: ReadonlySet<string> | null, logger: AstroIntegrationLogger): Promise<RunningPrerender | null> {
  // Offered by the pages' bundle when a page loads (the script injected below).
  const hooks = buildRegistry().chartPrerender;
  if (!hooks) return null;
  const started = performance.now();
  const seconds = (t: number): string => ((t - started) / 1000).toFixed(1);
  try {
    const plan = hooks.plan(pageKeys ?? undefined);
    const planned = performance.now();
    recordPhase('chart-plan', (planned - started) / 1000);
    // The workers add their heaps to this thread's: first collect what listing the paths and planning
    // left behind, which V8 would otherwise keep until this heap neared its limit.
    collectGarbage();
    const threads = chooseThreadCount(plan.jobs.length, count);
    const done = ({ rendered, skipped }: ChartJobsResult, on: string): string => {
      recordPhase('charts', (performance.now() - started) / 1000);
      return `${plan.charts} charts: ${plan.charts - plan.jobs.length} in the cache, ${rendered.length} rendered ${on}${skipped ? `, ${skipped} left to their pages` : ''} (planned in ${seconds(planned)} s, done in ${seconds(performance.now())} s)`;
    };
    if (threads <= 1) {
      const result = await renderChartPlan(plan, threads, hooks);
      hooks.record(result.rendered);
      logger.info(done(result, `on ${threads} thread${threads === 1 ? '' : 's'}`));
      return null;
    }
    const workers = threads - 1;
    const { schedule, progress, end } = createChartSchedule(plan.jobs, hooks.owners());
    const finished = renderOnWorkers(
      plan,
      workers,
      (step) => {
        // Recorded before the pages read them, so their reads are not counted as reuse.
        hooks.record(step.rendered);
        progress(step.settled);
      },
    )
      .then((result) => logOwnLine(logger, done(result, `on ${workers} worker${workers === 1 ? '' : 's'} beside the pages`)))
      .catch((err: unknown) => {
        // Recorded too, so a benchmark shows the pass ended early (and when) instead of no `charts` phase.
        const at = (performance.now() - started) / 1000;
        const why = (err as Error).message.split('\n')[0] ?? '';
        recordPhase('charts', at);
        // With why, which a benchmark's --silent build would otherwise drop with the warning.
        recordPhase('charts-failed', at, why);
        logger.warn(`charts were not all pre-rendered, their pages render them: ${why}`);
      })
      .finally(end);
    return { schedule, finished };
  } catch (err) {
    logger.warn(`charts were not pre-rendered, their pages render them: ${(err as Error).message.split('\n')[0]}`);
    return null;
  }
}

/** A path as the prerenderer's render sees it: its URL's path, without the trailing slash and decoded. */
function normalisePath(path: string): string {
  const decoded = (() => {
    try {
      return decodeURI(path);
    } catch {
      return path;
    }
  })();
  return `/${decoded.replace(/^\/+|\/+$/g, '')}`;
}

/** How long a page waiting for its charts writes files beside the pages before it looks whether they are done. */
const EARLY_WRITE_SLICE_MS = 5;

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
  let site: URL | undefined;
  return {
    name: 'gongkai-prerender-charts',
    hooks: {
      'astro:config:setup': ({ injectScript }) => {
        injectScript('page-ssr', offerScript(fileURLToPath(new URL('./chart-plan.ts', import.meta.url)), 'offerChartPrerender'));
      },
      'astro:config:done': ({ config }) => {
        cacheDir = config.cacheDir;
        site = config.site ? new URL(config.site) : undefined;
      },
      'astro:build:start': ({ setPrerenderer, logger }) => {
        const count = resolveThreadCount(process.env[CHART_THREADS_ENV], availableParallelism());
        let progress: ProgressTracker | undefined;
        let running: RunningPrerender | null = null;
        let keyOfPath = new Map<string, string | undefined>();
        let waited = 0;
        // A cold build's search index, begun while the pages wait for their charts (src/integrations/pagefind.ts).
        let search: EarlySearchIndex | null = null;
        const now = (): number => performance.now() / 1000;
        setPrerenderer((defaults) => ({
          ...defaults,
          name: 'gongkai-prerender-charts',
          async getStaticPaths() {
            const listing = performance.now();
            const paths = await defaults.getStaticPaths();
            recordPhase('paths', (performance.now() - listing) / 1000);
            const previous = cacheDir ? readPreviousManifest(cacheDir) : null;
            // The downloads described before the pages, so the site-wide cells.csv's worker thread starts
            // (src/machinery/streamed-list.ts): in a rebuild before the charts are planned (the download
            // memo knows most reports, and the thread runs beside the planning and a small plan rendered
            // here), in a cold build after the chart workers start (describing measures every report's
            // files, which would hold them back).
            const describe = (): void => buildRegistry().streamedDownloads?.begin(site);
            if (previous) describe();
            // Only the pages the incremental build will render need their charts.
            running = count > 0 ? await prerenderCharts(count, listRenderedKeys(paths, previous), logger) : null;
            if (!previous) describe();
            keyOfPath = new Map(running ? paths.map((p) => [normalisePath(p.pathname), p.cacheKey]) : []);
            // Only a page rendered before its charts are done can wait: afterwards the map (a path and
            // key per output file, some 60 MB at 20,000 reports) is dropped rather than kept to the end.
            void running?.finished.then(() => keyOfPath.clear());
            const kept = countUnchangedPaths(paths, previous);
            progress = trackProgress(paths.length - kept, kept, now());
            if (!running) return paths;
            const ordered = running.schedule.order(paths);
            // Only a build that renders every path (no previous build's manifest: every page is
            // written by this build, once) indexes its search pages while they wait for charts.
            search = previous === null ? (buildRegistry().searchEarly?.(ordered.map((p) => p.pathname)) ?? null) : null;
            return ordered;
          },
          async render(request, options) {
            const pathname = new URL(request.url).pathname;
            search?.rendering(pathname);
            const wait = running?.schedule.ready(keyOfPath.get(normalisePath(pathname)));
            if (wait) {
              const from = now();
              // While the page waits, this thread writes the files beside the pages of the owners
              // whose charts are rendered (src/integrations/endpoint-files.ts), a few ms at a time so
              // the page goes on soon after its charts are done; then idles.
              const schedule = running!.schedule;
              const early = buildRegistry().endpointPass;
              // The search index's work on this thread (reading and trimming pages for Pagefind) goes
              // on in the same waits, between these slices (src/integrations/pagefind.ts).
              let released = false;
              void wait.then(() => (released = true));
              search?.idle(true);
              try {
                while (early && !released && early.writeReady((key) => schedule.released(key), EARLY_WRITE_SLICE_MS)) await new Promise((resolve) => setImmediate(resolve));
                await wait;
              } finally {
                search?.idle(false);
              }
              waited += now() - from;
            }
            const result = await defaults.render(request, options);
            const line = progress?.rendered(now());
            if (line) logOwnLine(logger, line);
            return result;
          },
          async teardown() {
            if (running) {
              await running.finished;
              recordPhase('chart-wait', waited);
              logger.info(`the pages waited ${waited.toFixed(1)} s for their charts`);
            }
            running = null;
            search = null;
            waited = 0;
            if (progress) logger.info(progress.finish(now()));
            progress = undefined;
            await defaults.teardown?.();
          },
        }));
      },
    },
  };
}
