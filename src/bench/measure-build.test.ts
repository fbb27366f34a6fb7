import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { describeTree, readBuildNodeFlags, readTree, readTreeRssKb, runMeasured, treeCpuSeconds } from './measure-build.ts';

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
