/**
 * `node scripts/chart-worker-memory.ts plan --out PLAN.json` then
 * `node scripts/chart-worker-memory.ts run --plan PLAN.json --cache DIR [--log FILE] [--from KIND] [--until KIND] [--count N] [--snapshot DIR]`:
 * the chart pre-render pass alone, as a cold build's chart workers run it (issue 17: a worker was
 * aborted at 20,000 reports), without building the site. `plan` plans every chart of the content
 * (GONGKAI_CONTENT) with the project's planner, as a cold build does, and writes the plan (run it with
 * a large heap: it loads the whole content). `run` forks a process (`--max-old-space-size=2048`, as
 * the build, and `--trace-gc`, the stderr of it and of its workers kept in FILE.gc) that renders the
 * plan as the build does on 2 cores: renderOnWorkers on one share, in worker processes with the
 * build's flags, a fresh one every WORKER_PROCESS_JOBS jobs (src/integrations/prerender-charts.ts),
 * into the chart cache DIR (it must be empty for a cold pass); it writes a
 * JSON line per progress step to FILE: the charts done, the worker process, its resident set and
 * peak, and the CPU seconds of the workers so far. Part of the plan: `--from KIND` (e.g. `year:`) from
 * the first job of that owner kind, `--until KIND` up to the first job of that kind after it,
 * `--count N` the first N of those. `--snapshot DIR`: a heap snapshot into DIR when a worker's heap
 * nears its limit (what it holds then). Prints a summary: charts, worker processes, CPU seconds of
 * them all, and per process the peak resident set (VmHWM) and the largest heap after a mark-compact,
 * and how the pass ended.
 */
import { fork } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, readdirSync, writeFileSync, appendFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ChartJob } from '../src/integrations/chart-plan.ts';

const [mode, ...rest] = process.argv.slice(2);
const { values } = parseArgs({ args: rest, options: { out: { type: 'string' }, plan: { type: 'string' }, cache: { type: 'string' }, log: { type: 'string' }, from: { type: 'string' }, until: { type: 'string' }, count: { type: 'string' }, snapshot: { type: 'string' } } });

const round = (n: number): number => Math.round(n * 100) / 100;

/** The processes whose parent is `parent` (Linux's /proc). */
function childPids(parent: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === parent;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** A process's resident set and its peak (VmHWM), in MiB, and its CPU seconds; undefined once it is gone. */
function readStatus(pid: number): { rss: number; hwm: number; cpu: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const kb = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
    return { rss: Math.round(kb('VmRSS')), hwm: Math.round(kb('VmHWM')), cpu: (Number(stat[11]) + Number(stat[12])) / 100 };
  } catch {
    return undefined;
  }
}

/** The CPU seconds of a process's children that have exited and been waited for (cutime + cstime). */
function reapedCpu(pid: number | 'self'): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(stat[13]) + Number(stat[14])) / 100;
}

if (mode === 'plan') {
  const { planChartJobs } = await import('../src/integrations/chart-plan.ts');
  const started = performance.now();
  const plan = planChartJobs();
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
  const { renderOnWorkers } = await import('../src/integrations/prerender-charts.ts');
  const jobs = pickJobs(JSON.parse(readFileSync(values.plan!, 'utf8')) as ChartJob[]);
  const log = values.log!;
  let step = 0;
  let charts = 0;
  let settled = 0;
  // As the build runs it on 2 cores: one share, in worker processes one after the other.
  const result = await renderOnWorkers({ dir: values.cache!, jobs, charts: jobs.length }, 1, (s) => {
    charts += s.rendered.length;
    settled += s.settled.length;
    const [worker] = childPids(process.pid);
    const status = worker === undefined ? undefined : readStatus(worker);
    appendFileSync(log, `${JSON.stringify({ step: step++, charts, settled, worker: worker ?? null, rss_mb: status?.rss ?? null, hwm_mb: status?.hwm ?? null, cpu_s: round(reapedCpu('self') + (status?.cpu ?? 0)) })}\n`);
  });
  appendFileSync(log, `${JSON.stringify({ done: true, rendered: result.rendered.length, skipped: result.skipped })}\n`);
} else if (mode === 'run') {
  const log = resolve(values.log ?? 'chart-worker-memory.jsonl');
  const cache = resolve(values.cache!);
  mkdirSync(cache, { recursive: true });
  if (readdirSync(cache).length) throw new Error(`${cache} is not empty`);
  writeFileSync(log, '');
  const gcLog = openSync(`${log}.gc`, 'w');
  const started = performance.now();
  const child = fork(fileURLToPath(import.meta.url), ['child', '--plan', resolve(values.plan!), '--cache', cache, '--log', log, ...(values.from ? ['--from', values.from] : []), ...(values.until ? ['--until', values.until] : []), ...(values.count ? ['--count', values.count] : [])], {
    execArgv: ['--max-old-space-size=2048', '--trace-gc', ...(values.snapshot ? ['--heapsnapshot-near-heap-limit=1', `--diagnostic-dir=${resolve(values.snapshot)}`] : [])],
    stdio: ['ignore', gcLog, gcLog, 'ipc'],
  });
  // Each worker process's peak resident set and CPU seconds, sampled while it runs.
  const workers = new Map<number, { hwm: number; cpu: number }>();
  const sample = (): void => {
    for (const pid of childPids(child.pid!)) {
      const status = readStatus(pid);
      if (!status) continue;
      const seen = workers.get(pid) ?? { hwm: 0, cpu: 0 };
      workers.set(pid, { hwm: Math.max(seen.hwm, status.hwm), cpu: Math.max(seen.cpu, status.cpu) });
    }
  };
  const timer = setInterval(sample, 200);
  const [code, signal] = await new Promise<[number | null, string | null]>((done) => child.on('exit', (c, s) => done([c, s])));
  clearInterval(timer);
  const lines = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { charts?: number; settled?: number; done?: boolean; rendered?: number; skipped?: number });
  const steps = lines.filter((l) => !l.done);
  const end = lines.find((l) => l.done);
  const gc = readFileSync(`${log}.gc`, 'utf8');
  // `[pid:0x…]  1234 ms: Mark-Compact 450.1 (470.2) -> 300.4 (480.0) MB, …`: the heap after a full collection is what is live.
  const live = new Map<number, number[]>();
  for (const m of gc.matchAll(/\[(\d+):[^\]]*\]\s+[\d.]+ ms: Mark-Compact(?: \(reduce\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/g)) {
    const pid = Number(m[1]);
    if (pid === child.pid) continue;
    live.set(pid, [...(live.get(pid) ?? []), Number(m[2])]);
  }
  const processes = [...new Set([...workers.keys(), ...live.keys()])].map((pid) => ({ pid, hwm_mb: Math.round(workers.get(pid)?.hwm ?? 0), cpu_s: workers.get(pid)?.cpu ?? null, mark_compacts: live.get(pid)?.length ?? 0, max_live_mb: Math.max(0, ...(live.get(pid) ?? [])) }));
  console.log(
    JSON.stringify({
      exit: signal ?? code,
      fatal: /FATAL ERROR: [^\n]*/.exec(gc)?.[0] ?? null,
      failed: /exited with [^\n]*/.exec(gc)?.[0] ?? null,
      charts: end?.rendered ?? steps.at(-1)?.charts ?? 0,
      settled: steps.at(-1)?.settled ?? 0,
      skipped: end?.skipped ?? null,
      worker_processes: processes.length,
      // The child's and every worker's CPU, all reaped by now.
      cpu_s: round(reapedCpu('self')),
      wall_s: Math.round(performance.now() - started) / 1000,
      max_hwm_mb: Math.max(0, ...processes.map((p) => p.hwm_mb)),
      max_live_after_mark_compact_mb: Math.max(0, ...processes.map((p) => p.max_live_mb)),
      processes,
      cache_files: existsSync(cache) ? readdirSync(cache, { recursive: true }).length : 0,
    }),
  );
} else {
  console.error('usage: chart-worker-memory.ts plan --out PLAN.json | run --plan PLAN.json --cache DIR [--log FILE] [--from KIND] [--until KIND] [--count N] [--snapshot DIR]');
  process.exit(2);
}
