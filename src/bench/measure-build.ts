/**
 * Running a build for a benchmark: wall time, CPU time and the peak memory of its whole process
 * tree, and hashing its output for comparing builds. Assumes Linux (/proc) for the memory of the
 * tree; /usr/bin/time, when installed, adds the largest single process's peak and the CPU time.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const TIME = '/usr/bin/time';

/**
 * The Node flags `npm run build` gives Astro in a package.json's text (`node <flags>
 * node_modules/astro/bin/astro.mjs build`), so a benchmark builds as a maintainer does; none for a
 * plain `astro build`. Throws when the build script is neither.
 */
export function readBuildNodeFlags(packageJson: string): string[] {
  const build = (JSON.parse(packageJson) as { scripts?: Record<string, string> }).scripts?.build ?? '';
  if (/^astro build\b/.test(build)) return [];
  const match = /^node((?: --[\w-]+(?:=\S+)?)*) node_modules\/astro\/bin\/astro\.mjs build\b/.exec(build);
  if (!match) throw new Error(`package.json: the build script "${build}" is neither "astro build" nor "node <flags> node_modules/astro/bin/astro.mjs build"; update src/bench/measure-build.ts`);
  return match[1]!.trim().split(' ').filter(Boolean);
}

/** What one measured run gives. */
export interface MeasuredRun {
  readonly seconds: number;
  /** User + system time of the whole tree, when /usr/bin/time is installed. */
  readonly cpuSeconds: number | null;
  readonly peakRssMb: number;
}

/** The resident set (kB) of a process and all its descendants, from /proc. */
export function readTreeRssKb(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // The fields after the command name (which may hold spaces): state ppid …; rss is the 24th field.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(name);
    const ppid = Number(fields[1]);
    rss.set(pid, Number(fields[21]) * 4);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  let total = 0;
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    total += rss.get(pid) ?? 0;
    todo.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Runs a Node script with arguments in `cwd`, sampling its tree's memory every 100 ms; throws with its output when it fails. */
export async function runMeasured(nodeArgs: readonly string[], cwd: string, env: Record<string, string>): Promise<MeasuredRun> {
  const timed = existsSync(TIME);
  const [cmd, args] = timed ? [TIME, ['-f', 'BENCH-TIME %M %U %S', process.execPath, ...nodeArgs]] : [process.execPath, [...nodeArgs]];
  const started = performance.now();
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout = (stdout + d.toString()).slice(-20000)));
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20000)));
  let peakKb = 0;
  const timer = setInterval(() => {
    if (child.pid) peakKb = Math.max(peakKb, readTreeRssKb(child.pid));
  }, 100);
  const status = await new Promise<number | null>((done) => child.on('close', done));
  clearInterval(timer);
  const seconds = (performance.now() - started) / 1000;
  if (status !== 0) throw new Error(`${nodeArgs.join(' ')} in ${cwd} failed (exit ${status}):\n${stdout.slice(-2000)}\n${stderr.slice(-6000)}`);
  const time = /BENCH-TIME (\d+) ([\d.]+) ([\d.]+)/.exec(stderr);
  if (time) peakKb = Math.max(peakKb, Number(time[1]));
  return { seconds, cpuSeconds: time ? Number(time[2]) + Number(time[3]) : null, peakRssMb: Math.round(peakKb / 1024) };
}

/** Hashes every file under a directory, by its path relative to the directory. */
export function hashTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    out.set(path.slice(dir.length), createHash('sha256').update(readFileSync(path)).digest('hex'));
  }
  return out;
}

/** Counts the paths whose bytes differ between two hashed trees, or that only one of them has. */
export function countDifferences(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): number {
  let n = 0;
  for (const [path, hash] of a) if (b.get(path) !== hash) n++;
  for (const path of b.keys()) if (!a.has(path)) n++;
  return n;
}
