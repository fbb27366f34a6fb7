import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { describeTree, hashTree, measureTreeMemory, medianRun, readBuildNodeFlags, readHashMemo, readPssKb, readTree, readTreeRssKb, runMeasured, treeCpuSeconds, writeHashMemo, type HashMemo } from './measure-build.ts';

describe('readBuildNodeFlags', () => {
  it("reads the heap limit and the garbage-collection hook the project's own build script gives Astro", () => {
    const flags = readBuildNodeFlags(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(flags).toEqual([expect.stringMatching(/^--max-old-space-size=\d+$/), '--expose-gc']);
  });

  it('reads no flags from a plain astro build, and every flag in order otherwise', () => {
    expect(readBuildNodeFlags(JSON.stringify({ scripts: { build: 'astro build' } }))).toEqual([]);
    expect(readBuildNodeFlags(JSON.stringify({ scripts: { build: 'node --max-old-space-size=1024 --expose-gc node_modules/astro/bin/astro.mjs build' } }))).toEqual(['--max-old-space-size=1024', '--expose-gc']);
    expect(readBuildNodeFlags(JSON.stringify({ scripts: { build: 'ASTRO_TELEMETRY_DISABLED=1 A_B= node --expose-gc node_modules/astro/bin/astro.mjs build' } }))).toEqual(['--expose-gc']);
  });

  it('refuses a build script it cannot read, naming it', () => {
    expect(() => readBuildNodeFlags(JSON.stringify({ scripts: { build: 'vite build' } }))).toThrow(/the build script "vite build" is neither/);
  });
});

describe('the process tree', () => {
  it('finds this process and a child it started, with their memory, and names them for a reader', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)', 'sleeper.js']);
    try {
      await new Promise((done) => setTimeout(done, 300));
      const tree = readTree(process.pid);
      const me = tree.find((p) => p.pid === process.pid);
      const kid = tree.find((p) => p.pid === child.pid);
      expect(me?.kb).toBeGreaterThan(10_000);
      expect(kid?.ppid).toBe(process.pid);
      const named = describeTree(process.pid, tree);
      expect(named.root).toBe(Math.round(me!.kb / 1024));
      expect(Object.keys(named)).toContain('node sleeper.js');
    } finally {
      child.kill();
    }
  });

  it("adds up the memory of a process and its children (idle ones, so that two reads agree)", async () => {
    // This test process's own memory moves between two reads; a shell waiting on a sleep does not.
    const shell = spawn('sh', ['-c', 'sleep 5 & wait']);
    try {
      await new Promise((done) => setTimeout(done, 300));
      const tree = readTree(shell.pid!);
      expect(tree.map((p) => p.comm).sort()).toEqual(['sh', 'sleep']);
      expect(tree.every((p) => p.kb > 0)).toBe(true);
      expect(readTreeRssKb(shell.pid!)).toBe(tree[0]!.kb + tree[1]!.kb);
    } finally {
      shell.kill();
    }
  });

  it('adds up processes of the same name, largest first', () => {
    const procs = [
      { pid: 1, ppid: 0, comm: 'node', kb: 2048, ticks: 0, childTicks: 0 },
      { pid: 999_999_001, ppid: 1, comm: 'pagefind_ext', kb: 1024, ticks: 0, childTicks: 0 },
      { pid: 999_999_002, ppid: 1, comm: 'pagefind_ext', kb: 3072, ticks: 0, childTicks: 0 },
    ];
    expect(describeTree(1, procs)).toEqual({ 'pagefind_ext ×2': 4, root: 2 });
  });

  it("counts a tree's CPU time as its live processes' own plus their ended children's, in seconds", () => {
    const procs = [
      { pid: 1, ppid: 0, comm: 'node', kb: 1, ticks: 250, childTicks: 1000 },
      { pid: 2, ppid: 1, comm: 'node', kb: 1, ticks: 40, childTicks: 0 },
    ];
    expect(treeCpuSeconds(procs)).toBeCloseTo(12.9, 6);
  });

  it("samples a run's CPU time, growing, and names the busy child that used it", async () => {
    // A child that spins for about a second of CPU, then ends: its time must be counted once, under its script's name.
    const spin = 'const end = process.cpuUsage().user + 1e6; while (process.cpuUsage().user < end);';
    const run = await runMeasured(['-e', `require('node:child_process').spawnSync(process.execPath, ['-e', ${JSON.stringify(spin)}, 'spinner.js'], { stdio: 'inherit' })`], process.cwd(), {});
    const cpu = run.cpuSamples.map(([, s]) => s);
    expect(cpu.length).toBeGreaterThan(3);
    expect(cpu.every((s, i) => i === 0 || s >= cpu[i - 1]!)).toBe(true);
    expect(cpu.at(-1)!).toBeGreaterThan(0.5);
    expect(run.processCpuSeconds['node spinner.js']).toBeGreaterThan(0.5);
  });
});

/**
 * A Perl process that fills `mb` MB of its own memory, then forks: the child shares those pages with
 * it copy-on-write, as a child Node forks from Astro's process does until it runs another program.
 * Perl is in every Debian (perl-base is essential); the test fails, saying so, where it is not.
 */
const FORKER = `my $x = "a" x (${'$'}ARGV[0] * 1024 * 1024); $| = 1; if (fork) { print "forked\\n"; sleep 30 } else { sleep 30 }`;

function startForker(mb: number): Promise<ReturnType<typeof spawn>> {
  const perl = spawn('perl', ['-e', FORKER, String(mb)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((done, fail) => {
    perl.on('error', (err) => fail(new Error(`cannot run perl (${err.message}): install Debian's perl-base to run this test`)));
    perl.stdout!.on('data', (d: Buffer) => d.toString().includes('forked') && setTimeout(() => done(perl), 300));
  });
}

describe('the memory of a tree, shared pages counted once', () => {
  it('reads a process’s proportional set size, no more than its resident set', () => {
    const pss = readPssKb(process.pid);
    const rss = readTree(process.pid).find((p) => p.pid === process.pid)!.kb;
    expect(typeof pss).toBe('number');
    expect(pss as number).toBeGreaterThan(10_000);
    expect(pss as number).toBeLessThanOrEqual(rss);
    expect(readPssKb(2 ** 22 + 1)).toBe('gone');
  });

  it('counts the pages a forked child shares with its parent once, where resident sets count them twice', async () => {
    const perl = await startForker(64);
    const tree = readTree(perl.pid!);
    try {
      expect(tree).toHaveLength(2);
      // Each process has the 64 MB resident.
      expect(tree.every((p) => p.kb > 64 * 1024)).toBe(true);
      const memory = measureTreeMemory(tree);
      expect(memory.rssOnly).toEqual([]);
      expect(memory.rssKb).toBe(tree[0]!.kb + tree[1]!.kb);
      // Once: the 64 MB and a little of Perl's own, not twice 64 MB.
      expect(memory.kb).toBeGreaterThan(64 * 1024);
      expect(memory.kb).toBeLessThan(64 * 1024 * 1.25);
      expect(memory.rssKb).toBeGreaterThan(64 * 1024 * 2);
    } finally {
      for (const p of tree) process.kill(p.pid);
    }
  });

  it('counts a process whose Pss cannot be read by its resident set, and names it; an ended one as nothing', () => {
    const procs = [
      { pid: 1, ppid: 0, comm: 'node', kb: 5000, ticks: 0, childTicks: 0 },
      { pid: 2, ppid: 1, comm: 'node', kb: 4000, ticks: 0, childTicks: 0 },
      { pid: 3, ppid: 1, comm: 'pagefind_ext', kb: 700, ticks: 0, childTicks: 0 },
      { pid: 4, ppid: 1, comm: 'sh', state: 'Z', kb: 0, ticks: 0, childTicks: 0 },
    ];
    const pss: Record<number, number | 'gone' | null> = { 1: 3000, 2: 1000, 3: null, 4: 99 };
    const memory = measureTreeMemory(procs, (pid) => pss[pid]!);
    expect(memory.kb).toBe(3000 + 1000 + 700);
    expect(memory.rssKb).toBe(9700);
    expect(memory.rssOnly.map((p) => p.pid)).toEqual([3]);
    expect(memory.procs.map((p) => p.kb)).toEqual([3000, 1000, 700, 0]);
  });

  it("gives a run's peak with a forked child's shared pages counted once, and the sum of resident sets beside it", async () => {
    const script = `require('node:child_process').spawnSync('perl', ['-e', ${JSON.stringify(FORKER.replace('sleep 30 } else { sleep 30', 'sleep 2 } else { sleep 2'))}, '96'], { stdio: 'ignore' })`;
    const run = await runMeasured(['-e', script], process.cwd(), {});
    expect(run.peakRssOnly).toEqual([]);
    // Node's own memory plus the 96 MB once; resident sets count the 96 MB twice.
    expect(run.peakMb).toBeGreaterThan(96);
    expect(run.peakRssSumMb - run.peakMb).toBeGreaterThan(80);
    expect(run.peakProcesses['perl ×2']).toBeGreaterThan(96);
    expect(run.peakProcesses['perl ×2']).toBeLessThan(96 * 1.25);
    expect(run.peakProcessesRss['perl ×2']).toBeGreaterThan(96 * 2);
    expect(run.memorySamples.length).toBeGreaterThan(2);
  });
});

describe("runMeasured's lines", () => {
  it('gives each line of the standard output whole, a character cut between two writes included, the last line without its newline too', async () => {
    // ├ is three bytes in UTF-8: the first write ends after its first byte.
    const script = `const b = Buffer.from('a ├─ b\\nsecond ├'); process.stdout.write(b.subarray(0, 2)); setTimeout(() => { process.stdout.write(b.subarray(2)); setTimeout(() => process.stdout.write('─ end\\nlast'), 50); }, 50);`;
    const lines: string[] = [];
    await runMeasured(['-e', script], process.cwd(), {}, (line) => lines.push(line));
    expect(lines).toEqual(['a ├─ b', 'second ├─ end', 'last']);
  });
});

describe('hashTree', () => {
  it('with a memo, reads only the files written since it last hashed them, and forgets the files gone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hash-tree-'));
    try {
      mkdirSync(join(dir, 'a'));
      writeFileSync(join(dir, 'a', 'kept.html'), 'kept');
      writeFileSync(join(dir, 'rewritten.html'), 'one');
      writeFileSync(join(dir, 'gone.html'), 'gone');
      const memo: HashMemo = new Map();
      const first = hashTree(dir, memo);
      expect(first).toEqual(hashTree(dir));
      expect(memo.size).toBe(3);
      // A planted hash for the untouched file shows it was not read again.
      const kept = join(dir, 'a', 'kept.html');
      memo.set(kept, { ...memo.get(kept)!, sha256: 'not read' });
      // Rewritten with other bytes of the same size (a new file, as Astro writes a page), and one file removed.
      rmSync(join(dir, 'rewritten.html'));
      writeFileSync(join(dir, 'rewritten.html'), 'two');
      rmSync(join(dir, 'gone.html'));
      const second = hashTree(dir, memo);
      expect(second.get('/a/kept.html')).toBe('not read');
      expect(second.get('/rewritten.html')).toBe(hashTree(dir).get('/rewritten.html'));
      expect(second.get('/rewritten.html')).not.toBe(first.get('/rewritten.html'));
      expect([...second.keys()].sort()).toEqual(['/a/kept.html', '/rewritten.html']);
      expect([...memo.keys()].sort()).toEqual([kept, join(dir, 'rewritten.html')]);
      // Kept in a file for a later run in the same scratch directory; an unreadable file is an empty memo.
      writeHashMemo(join(dir, 'memo.json'), memo);
      expect(readHashMemo(join(dir, 'memo.json'))).toEqual(memo);
      expect(readHashMemo(join(dir, 'missing.json'))).toEqual(new Map());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('medianRun', () => {
  it('picks the run of median seconds, whatever the order the runs came in', () => {
    const runs = [9.5, 6.89, 8.37, 9.09, 7.04].map((seconds, i) => ({ seconds, i }));
    expect(medianRun(runs)).toEqual({ seconds: 8.37, i: 2 });
    expect(medianRun([{ seconds: 3 }, { seconds: 1 }])).toEqual({ seconds: 1 });
    expect(() => medianRun([])).toThrow(/no runs/);
  });
});
