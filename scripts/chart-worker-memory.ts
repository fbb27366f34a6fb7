/**
 * `node scripts/chart-worker-memory.ts plan --out PLAN.json` then
 * `node scripts/chart-worker-memory.ts run --plan PLAN.json --cache DIR [--heap MB] [--log FILE] [--from KIND] [--until KIND] [--count N] [--hold-plan] [--snapshot DIR]`:
 * the chart pre-render pass alone, as a cold build's chart worker runs it (issue 17: a worker was
 * aborted at 20,000 reports), without building the site. `plan` plans every chart of the content
 * (GONGKAI_CONTENT) with the project's planner, as a cold build does, and writes the plan (run it with
 * a large heap: it loads the whole content). `run` forks one worker process with the build's worker
 * flags (`--max-old-space-size=` the heap, default WORKER_HEAP_MB, and `--trace-gc`, its stderr kept
 * in FILE.gc), which renders the whole plan with the worker's own code (renderShareInSteps) into the
 * chart cache DIR (it must be empty for a cold pass) and the images beside it, and writes a JSON line
 * per progress step to FILE: the batch (its report folders and jobs), the heap and resident set after
 * the step, and the worker's CPU seconds. Part of the plan: `--from KIND` (e.g. `year:`) from the
 * first job of that owner kind, `--until KIND` up to the first job of that kind after it, `--count N`
 * the first N of those; `--hold-plan` keeps the whole plan in the worker to the end, as a worker
 * held its whole share before takeJobs (src/integrations/prerender-charts-worker.ts). `--snapshot
 * DIR`: a heap snapshot into DIR when the worker's heap nears its limit (what it holds then). Prints a summary: charts, CPU seconds, the peak resident
 * set (VmHWM), the largest heap after a mark-compact and its batch, and how the worker ended.
 */
import { fork } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, readdirSync, writeFileSync, appendFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ChartJob } from '../src/integrations/chart-plan.ts';

const [mode, ...rest] = process.argv.slice(2);
const { values } = parseArgs({ args: rest, options: { out: { type: 'string' }, plan: { type: 'string' }, cache: { type: 'string' }, heap: { type: 'string' }, log: { type: 'string' }, from: { type: 'string' }, until: { type: 'string' }, count: { type: 'string' }, 'hold-plan': { type: 'boolean' }, snapshot: { type: 'string' } } });

if (mode === 'plan') {
  const { planChartJobs } = await import('../src/integrations/chart-plan.ts');
  const started = performance.now();
  const plan = planChartJobs(undefined, 'https://gongkai.example.org/');
  writeFileSync(values.out!, JSON.stringify(plan.jobs));
  console.log(JSON.stringify({ jobs: plan.jobs.length, charts: plan.charts, seconds: Math.round(performance.now() - started) / 1000 }));
} else if (mode === 'child') {
  /** The part of the plan to render: from --from, up to --until, the first --count. */
  const pickJobs = (plan: ChartJob[]): ChartJob[] => {
    const from = values.from === undefined ? 0 : plan.findIndex((j) => j.owner.startsWith(values.from!));
    const tail = from > 0 ? plan.slice(from) : plan;
    const until = values.until === undefined ? -1 : tail.findIndex((j) => j.owner.startsWith(values.until!));
    const upTo = until >= 0 ? tail.slice(0, until) : tail;
    return values.count === undefined ? upTo : upTo.slice(0, Number(values.count));
  };
  const { renderShareInSteps } = await import('../src/integrations/prerender-charts-worker.ts');
  const { batchChartJobs, indexReportDirs } = await import('../src/integrations/chart-job-content.ts');
  const { WORKER_BATCH_DIRS } = await import('../src/integrations/prerender-charts-worker.ts');
  const { resolveContentDir } = await import('../src/loaders/content-dir.ts');
  let plan: ChartJob[] | undefined = JSON.parse(readFileSync(values.plan!, 'utf8')) as ChartJob[];
  // Without --hold-plan the rest of the plan is let go, as a worker holds only its share.
  const held = values['hold-plan'] ? plan : undefined;
  let jobs: ChartJob[] | undefined = pickJobs(plan);
  plan = undefined;
  const log = values.log!;
  // Which batch each key is in, for the log only (the worker batches by itself).
  const index = indexReportDirs(readdirSync(join(resolveContentDir(), 'reports')));
  const batchOf = new Map<string, { n: number; dirs: number; jobs: number; first: string; last: string }>();
  batchChartJobs(jobs!, index, WORKER_BATCH_DIRS).forEach((b, n) => {
    const info = { n, dirs: b.dirs.size, jobs: b.jobs.length, first: b.jobs[0]!.owner, last: b.jobs.at(-1)!.owner };
    for (const j of b.jobs) batchOf.set(j.key, info);
  });
  const images = join(values.cache!, '..', 'images');
  mkdirSync(images, { recursive: true });
  let step = 0;
  let charts = 0;
  const steps = renderShareInSteps(values.cache!, jobs!, WORKER_BATCH_DIRS, images);
  // Handed over, as the worker hands its share over (takeJobs).
  jobs = undefined;
  for (const s of steps) {
    charts += s.rendered.length;
    const m = process.memoryUsage();
    const cpu = process.cpuUsage();
    const b = batchOf.get(s.settled[0]!);
    appendFileSync(log, `${JSON.stringify({ step: step++, batch: b?.n, batch_dirs: b?.dirs, batch_jobs: b?.jobs, owner: b?.first, charts, heap_mb: Math.round(m.heapUsed / 1e6), heap_total_mb: Math.round(m.heapTotal / 1e6), rss_mb: Math.round(m.rss / 1e6), external_mb: Math.round(m.external / 1e6), cpu_s: Math.round((cpu.user + cpu.system) / 1e4) / 100 })}\n`);
  }
  process.exitCode = held && !held.length ? 1 : 0;
} else if (mode === 'run') {
  const { WORKER_HEAP_MB } = await import('../src/integrations/prerender-charts.ts');
  const heap = values.heap ?? String(WORKER_HEAP_MB);
  const log = resolve(values.log ?? 'chart-worker-memory.jsonl');
  const cache = resolve(values.cache!);
  mkdirSync(cache, { recursive: true });
  if (readdirSync(cache).length) throw new Error(`${cache} is not empty`);
  writeFileSync(log, '');
  const gcLog = openSync(`${log}.gc`, 'w');
  const started = performance.now();
  const child = fork(fileURLToPath(import.meta.url), ['child', '--plan', resolve(values.plan!), '--cache', cache, '--log', log, ...(values.from ? ['--from', values.from] : []), ...(values.until ? ['--until', values.until] : []), ...(values.count ? ['--count', values.count] : []), ...(values['hold-plan'] ? ['--hold-plan'] : [])], {
    execArgv: [`--max-old-space-size=${heap}`, '--trace-gc', ...(values.snapshot ? ['--heapsnapshot-near-heap-limit=1', `--diagnostic-dir=${resolve(values.snapshot)}`] : [])],
    stdio: ['ignore', gcLog, gcLog, 'ipc'],
  });
  let peakRss = 0;
  let cpu = 0;
  const sample = (): void => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      peakRss = Math.max(peakRss, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      cpu = (Number(stat[11]) + Number(stat[12])) / 100;
    } catch {
      // gone
    }
  };
  const timer = setInterval(sample, 200);
  const [code, signal] = await new Promise<[number | null, string | null]>((done) => child.on('exit', (c, s) => done([c, s])));
  clearInterval(timer);
  const steps = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { batch: number; owner: string; charts: number; cpu_s: number });
  const gc = readFileSync(`${log}.gc`, 'utf8');
  // `Mark-Compact 450.1 (470.2) -> 300.4 (480.0) MB, ...`: the heap after a full collection is what is live.
  const compacts = [...gc.matchAll(/Mark-Compact(?: \(reduce\))? ([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/g)].map((m) => Number(m[3]));
  const fatal = /FATAL ERROR: [^\n]*/.exec(gc)?.[0];
  const last = steps.at(-1);
  console.log(
    JSON.stringify({
      heap_limit_mb: Number(heap),
      exit: signal ?? code,
      fatal: fatal ?? null,
      charts: last?.charts ?? 0,
      steps: steps.length,
      last_owner: last?.owner ?? null,
      last_batch: last?.batch ?? null,
      worker_cpu_s: cpu || last?.cpu_s,
      wall_s: Math.round(performance.now() - started) / 1000,
      peak_rss_mb: Math.round(peakRss),
      mark_compacts: compacts.length,
      max_live_after_mark_compact_mb: compacts.length ? Math.max(...compacts) : null,
      cache_files: existsSync(cache) ? readdirSync(cache, { recursive: true }).length : 0,
    }),
  );
} else {
  console.error('usage: chart-worker-memory.ts plan --out PLAN.json | run --plan PLAN.json --cache DIR [--heap MB] [--log FILE]');
  process.exit(2);
}
