/**
 * Running a build for a benchmark: wall time, CPU time and the peak memory of its whole process
 * tree, and hashing its output for comparing builds. Assumes Linux (/proc) for the memory of the
 * tree; /usr/bin/time, when installed, adds the CPU time.
 *
 * The tree's memory is the sum of its processes' proportional set sizes (`Pss` in
 * /proc/<pid>/smaps_rollup): a page shared by n processes counts 1/n in each, so pages a forked
 * child shares copy-on-write with its parent (Node's `spawn` forks Astro's process before the child
 * runs Pagefind's binary) count once, not twice as in a sum of resident sets. A page of a file shared
 * with processes outside the tree (Node's own code, when other Node processes run) counts only the
 * tree's share of it. Where smaps_rollup cannot be read, that process's resident set is counted
 * instead, and the run says which processes (see TreeMemory.rssOnly).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileWhole } from '../machinery/file-cache.ts';

const TIME = '/usr/bin/time';

/**
 * The Node flags `npm run build` gives Astro in a package.json's text (`node <flags>
 * node_modules/astro/bin/astro.mjs build`), so a benchmark builds as a maintainer does; none for a
 * plain `astro build`. Environment assignments before the command (`ASTRO_TELEMETRY_DISABLED=1`)
 * are not flags: astro.config.mjs sets what they set for every command that loads it. Throws when
 * the build script is neither.
 */
export function readBuildNodeFlags(packageJson: string): string[] {
  const script = (JSON.parse(packageJson) as { scripts?: Record<string, string> }).scripts?.build ?? '';
  const build = script.replace(/^(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*/, '');
  if (/^astro build\b/.test(build)) return [];
  const match = /^node((?: --[\w-]+(?:=\S+)?)*) node_modules\/astro\/bin\/astro\.mjs build\b/.exec(build);
  if (!match) throw new Error(`package.json: the build script "${script}" is neither "astro build" nor "node <flags> node_modules/astro/bin/astro.mjs build"; update src/bench/measure-build.ts`);
  return match[1]!.trim().split(' ').filter(Boolean);
}

/** What one measured run gives. */
export interface MeasuredRun {
  readonly seconds: number;
  /** User + system time of the whole tree, when /usr/bin/time is installed. */
  readonly cpuSeconds: number | null;
  /** The tree's largest memory sample, in MB: its processes' Pss added up (see the module's comment). */
  readonly peakMb: number;
  /** The processes whose Pss could not be read in the peak sample, counted by their resident set instead (named as describeTree names them). */
  readonly peakRssOnly: readonly string[];
  /** The tree's largest sum of resident sets, in MB: pages shared between its processes counted in each (what the bench reported as its peak before). */
  readonly peakRssSumMb: number;
  /** The tree's memory (Pss, as peakMb) every PSS_EVERY_MS: `[ms since the epoch, MB]`. */
  readonly memorySamples: ReadonlyArray<readonly [number, number]>;
  /** Seconds from the start to the largest memory sample, and the tree's processes then (their Pss, see describeTree). */
  readonly peakAtSeconds: number;
  readonly peakProcesses: Record<string, number>;
  /** The same processes' resident sets at that sample, for seeing what a sum of resident sets counts twice. */
  readonly peakProcessesRss: Record<string, number>;
  /** The tree's CPU time so far every 100 ms: `[ms since the epoch, CPU seconds]` (see treeCpuSeconds). */
  readonly cpuSamples: ReadonlyArray<readonly [number, number]>;
  /** CPU seconds by process (named as describeTree names them, processes of one name added up): each process's own user + system time when last sampled. */
  readonly processCpuSeconds: Record<string, number>;
}

/** One process of a tree: its id, its parent's, its command name (from /proc/<pid>/stat) and its resident set in kB. */
export interface TreeProcess {
  readonly pid: number;
  readonly ppid: number;
  readonly comm: string;
  /** Its state letter (R, S, Z for one that ended and was not waited for yet, …). */
  readonly state?: string;
  readonly kb: number;
  /** Its own user + system time, in clock ticks of 1/100 s (/proc's unit). */
  readonly ticks: number;
  /** The user + system time of its children that ended and were waited for, in ticks. */
  readonly childTicks: number;
}

/** /proc's unit of CPU time (USER_HZ), per second. */
const TICKS_PER_SECOND = 100;

/**
 * The CPU seconds a tree has used so far: each live process's own time plus what its ended (waited
 * for) children used, which the kernel adds to their parent's `cutime`/`cstime`, so a chart worker
 * that has ended still counts, once.
 */
export function treeCpuSeconds(procs: readonly TreeProcess[]): number {
  return procs.reduce((n, p) => n + p.ticks + p.childTicks, 0) / TICKS_PER_SECOND;
}

/** A process and all its descendants with their resident sets, from /proc. */
export function readTree(root: number): TreeProcess[] {
  const children = new Map<number, number[]>();
  const procs = new Map<number, TreeProcess>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // The fields after the command name (which may hold spaces): state ppid …; rss is the 24th field.
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    const pid = Number(name);
    const ppid = Number(fields[1]);
    // utime, stime, cutime, cstime are the 14th to 17th fields.
    const ticks = Number(fields[11]) + Number(fields[12]);
    const childTicks = Number(fields[13]) + Number(fields[14]);
    procs.set(pid, { pid, ppid, comm: stat.slice(stat.indexOf('(') + 1, close), state: fields[0], kb: Number(fields[21]) * 4, ticks, childTicks });
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const out: TreeProcess[] = [];
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    const proc = procs.get(pid);
    if (proc) out.push(proc);
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** The resident set (kB) of a process and all its descendants, from /proc. */
export function readTreeRssKb(root: number): number {
  return readTree(root).reduce((kb, p) => kb + p.kb, 0);
}

/**
 * A process's proportional set size in kB (`Pss` in /proc/<pid>/smaps_rollup); `gone` when the
 * process has ended (no such process, or a zombie's empty file); null when it cannot be read (not
 * permitted, a kernel before 4.14, an unknown format).
 */
export function readPssKb(pid: number): number | 'gone' | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ESRCH' ? 'gone' : null;
  }
  if (text === '') return 'gone';
  const pss = /^Pss:\s+(\d+) kB$/m.exec(text);
  return pss ? Number(pss[1]) : null;
}

/** A tree's memory at one moment (see the module's comment). */
export interface TreeMemory {
  /** Its processes' Pss added up, an unreadable one's resident set instead (kB). */
  readonly kb: number;
  /** Its processes' resident sets added up (kB): pages shared between them counted in each. */
  readonly rssKb: number;
  /** Each process, `kb` its Pss (its resident set where unreadable, 0 when it has ended). */
  readonly procs: readonly TreeProcess[];
  /** The processes counted by their resident set because their Pss could not be read. */
  readonly rssOnly: readonly TreeProcess[];
}

/** The memory of a tree's processes as listed by readTree, each counted by its Pss (`readPss`: readPssKb, or a stand-in for tests). */
export function measureTreeMemory(procs: readonly TreeProcess[], readPss: (pid: number) => number | 'gone' | null = readPssKb): TreeMemory {
  const rssOnly: TreeProcess[] = [];
  const counted = procs.map((p) => {
    // An ended process not yet waited for holds no memory.
    const pss = p.state === 'Z' ? 'gone' : readPss(p.pid);
    if (pss === null) rssOnly.push(p);
    return pss === null ? p : { ...p, kb: pss === 'gone' ? 0 : pss };
  });
  return { kb: counted.reduce((n, p) => n + p.kb, 0), rssKb: procs.reduce((n, p) => n + p.kb, 0), procs: counted, rssOnly };
}

/**
 * Names the processes of a tree at one moment for a reader, largest first: `root` for the process
 * measured, else the command name, with the script a Node process runs when it is not the root's
 * (a chart worker); e.g. `{"root": 1890, "node prerender-charts-worker.js": 480, "pagefind_ext": 610}`
 * in MB (each process's `kb`: its resident set as readTree reads it, its Pss as measureTreeMemory
 * counts it). Processes of the same name are added together, with their count.
 */
export function describeTree(root: number, procs: readonly TreeProcess[]): Record<string, number> {
  return sumByName(procs.map((p) => ({ name: nameProcess(root, p), value: p.kb / 1024 })), 0);
}

/** A process's name for a reader: `root`, `node <script>` for a Node process, else its command name. */
function nameProcess(root: number, p: TreeProcess): string {
  if (p.pid === root) return 'root';
  try {
    // Node 24 names its main thread `MainThread`, so a Node process is told by its executable.
    const argv = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').split('\0');
    const script = /(^|\/)node$/.test(argv[0] ?? '') ? argv.slice(1).find((a) => /\.(m?js|ts)$/.test(a)) : undefined;
    if (script) return `node ${script.slice(script.lastIndexOf('/') + 1)}`;
    if (/(^|\/)node$/.test(argv[0] ?? '')) return 'node';
  } catch {
    // gone since it was listed
  }
  return p.comm;
}

/** Adds values up by name, largest first, with the count when a name comes more than once (`name ×2`), rounded to `digits`. */
export function sumByName(items: ReadonlyArray<{ readonly name: string; readonly value: number }>, digits: number): Record<string, number> {
  const named = new Map<string, { value: number; count: number }>();
  for (const { name, value } of items) {
    const entry = named.get(name) ?? { value: 0, count: 0 };
    named.set(name, { value: entry.value + value, count: entry.count + 1 });
  }
  const out: Record<string, number> = {};
  const unit = 10 ** digits;
  for (const [name, { value, count }] of [...named].sort((a, b) => b[1].value - a[1].value)) out[count > 1 ? `${name} ×${count}` : name] = Math.round(value * unit) / unit;
  return out;
}

/**
 * How often the tree's Pss is read, in ms: reading smaps_rollup walks a process's page tables (about
 * 13 ms of system time a GB here), so every 100 ms at 2 GB would take a quarter of a core from the
 * build it measures; the resident sets (a counter each) are still read every 100 ms.
 */
export const PSS_EVERY_MS = 500;

/**
 * Runs a Node script with arguments in `cwd`, sampling its tree's CPU time and resident sets every
 * 100 ms and its Pss every PSS_EVERY_MS; throws with its output when it fails. `onLine`, when given,
 * is called with each line the script writes to its standard output, as it comes.
 */
export async function runMeasured(nodeArgs: readonly string[], cwd: string, env: Record<string, string>, onLine?: (line: string) => void): Promise<MeasuredRun> {
  const timed = existsSync(TIME);
  const [cmd, args] = timed ? [TIME, ['-f', 'BENCH-TIME %M %U %S', process.execPath, ...nodeArgs]] : [process.execPath, [...nodeArgs]];
  const started = performance.now();
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let partLine = '';
  // Decoded as a stream, so a character cut between two chunks is whole in the lines.
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => {
    stdout = (stdout + text).slice(-20000);
    if (!onLine) return;
    const lines = (partLine + text).split('\n');
    partLine = lines.pop()!;
    for (const line of lines) onLine(line);
  });
  child.stdout.on('end', () => {
    if (onLine && partLine) onLine(partLine);
  });
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20000)));
  let peakRssSumKb = 0;
  let peak: { kb: number; at: number; processes: Record<string, number>; rss: Record<string, number>; rssOnly: string[] } = { kb: 0, at: 0, processes: {}, rss: {}, rssOnly: [] };
  let lastPss = -Infinity;
  const memorySamples: Array<[number, number]> = [];
  const cpuSamples: Array<[number, number]> = [];
  // Each process seen: its name (read once) and its own CPU ticks when last sampled.
  const seen = new Map<number, { name: string; ticks: number }>();
  let rootPid: number | undefined;
  const timer = setInterval(() => {
    if (!child.pid) return;
    // /usr/bin/time itself is not the build's: its few hundred kB are left out.
    const all = readTree(child.pid);
    const procs = timed ? all.filter((p) => p.pid !== child.pid) : all;
    const now = Date.now();
    cpuSamples.push([now, treeCpuSeconds(all)]);
    peakRssSumKb = Math.max(peakRssSumKb, procs.reduce((n, p) => n + p.kb, 0));
    // The measured process is /usr/bin/time's child when it is timed.
    rootPid ??= timed ? procs.find((p) => p.ppid === child.pid)?.pid : child.pid;
    // Named again while it runs (a forked process has its parent's command line until it runs its
    // own), but not once it has ended (an ended process has no command line left to name it by).
    for (const p of procs) {
      if (rootPid === undefined) continue;
      const ended = p.state === 'Z';
      seen.set(p.pid, { name: ended ? (seen.get(p.pid)?.name ?? nameProcess(rootPid, p)) : nameProcess(rootPid, p), ticks: p.ticks });
    }
    if (now - lastPss < PSS_EVERY_MS || rootPid === undefined) return;
    lastPss = now;
    const memory = measureTreeMemory(procs);
    memorySamples.push([now, Math.round(memory.kb / 1024)]);
    if (memory.kb > peak.kb) {
      const names = (ps: readonly TreeProcess[]): string[] => [...new Set(ps.map((p) => nameProcess(rootPid!, p)))];
      peak = { kb: memory.kb, at: (performance.now() - started) / 1000, processes: describeTree(rootPid, memory.procs), rss: describeTree(rootPid, procs), rssOnly: names(memory.rssOnly) };
    }
  }, 100);
  const status = await new Promise<number | null>((done) => child.on('close', done));
  clearInterval(timer);
  const seconds = (performance.now() - started) / 1000;
  if (status !== 0) throw new Error(`${nodeArgs.join(' ')} in ${cwd} failed (exit ${status}):\n${stdout.slice(-2000)}\n${stderr.slice(-6000)}`);
  const time = /BENCH-TIME (\d+) ([\d.]+) ([\d.]+)/.exec(stderr);
  // /usr/bin/time's largest resident set of one process is a floor for the sum of resident sets.
  if (time) peakRssSumKb = Math.max(peakRssSumKb, Number(time[1]));
  const processCpuSeconds = sumByName([...seen.values()].map(({ name, ticks }) => ({ name, value: ticks / TICKS_PER_SECOND })), 2);
  return {
    seconds,
    cpuSeconds: time ? Number(time[2]) + Number(time[3]) : null,
    peakMb: Math.round(peak.kb / 1024),
    peakRssOnly: peak.rssOnly,
    peakRssSumMb: Math.round(peakRssSumKb / 1024),
    memorySamples,
    peakAtSeconds: Math.round(peak.at * 10) / 10,
    peakProcesses: peak.processes,
    peakProcessesRss: peak.rss,
    cpuSamples,
    processCpuSeconds,
  };
}

/** What hashTree remembers of a file it hashed. */
interface HashedFile {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  readonly sha256: string;
}

/** What hashTree remembers of the files it hashed, by each file's full path. */
export type HashMemo = Map<string, HashedFile>;

/**
 * Hashes every file under a directory, by its path relative to the directory. With a memo, a file
 * whose size, modification time and inode are those it had when last hashed keeps its hash unread:
 * Astro's incremental build leaves an unchanged page's file as it was and writes a changed one anew.
 * So after a rebuild only the files it wrote are read, not the whole output: at 20,000 reports reading
 * 16 GB of output after every build pushed out of the page cache what the next build reads (its
 * caches and content), and one edit then took 61.7 s against 45.5 s with those read just before
 * (docs/benchmarks.md).
 */
export function hashTree(dir: string, memo?: HashMemo): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    const stat = memo ? statSync(path) : undefined;
    const known = stat && memo?.get(path);
    if (stat && known && known.size === stat.size && known.mtimeMs === stat.mtimeMs && known.ino === stat.ino) {
      out.set(path.slice(dir.length), known.sha256);
      continue;
    }
    const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
    if (stat) memo?.set(path, { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, sha256 });
    out.set(path.slice(dir.length), sha256);
  }
  // Files gone from the directory leave the memo.
  if (memo) for (const path of memo.keys()) if (path.startsWith(dir) && !out.has(path.slice(dir.length))) memo.delete(path);
  return out;
}

/** Reads a hash memo hashTree left in a file (writeHashMemo); a missing or unreadable file is an empty memo. */
export function readHashMemo(file: string): HashMemo {
  try {
    return new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, HashedFile>));
  } catch {
    return new Map();
  }
}

/** Keeps a hash memo in a file (whole or not at all), so a later run in the same scratch directory reads only the files written since. */
export function writeHashMemo(file: string, memo: HashMemo): void {
  writeFileWhole(file, JSON.stringify(Object.fromEntries(memo)));
}

/** Counts the paths whose bytes differ between two hashed trees, or that only one of them has. */
export function countDifferences(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): number {
  let n = 0;
  for (const [path, hash] of a) if (b.get(path) !== hash) n++;
  for (const path of b.keys()) if (!a.has(path)) n++;
  return n;
}

/**
 * The bare baseline's builds per bench run: one build of it moved by 38 % between runs a minute
 * apart on a quiet machine (6.89–9.50 s at 5,000 reports), the site's cold build by 3 % over three
 * runs, so a ratio over one baseline build turned on that build's moment. The ratio divides by the
 * median of these.
 */
export const BASELINE_RUNS = 5;

/** The run of median seconds (of an odd count, the middle one; of an even count, the lower middle). */
export function medianRun<T extends { readonly seconds: number }>(runs: readonly T[]): T {
  if (!runs.length) throw new Error('medianRun: no runs');
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
