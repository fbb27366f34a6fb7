/**
 * The build's caches across builds, and the determinism of the whole build, through the benchmark
 * (scripts/bench-build-cache.ts) on a copy of the committed content: Astro's incremental build (one
 * output directory rebuilt) and the chart cache. A rebuild with nothing changed
 * renders no chart and leaves every file as it was; after a report changes, and after
 * one is removed, the incremental output equals a fresh build of the same content, every file of it
 * (HTML, CSV, feeds, sitemap, images, the Pagefind index), nothing ignored. The project copied with
 * its caches and output to another path (a CI job restoring a kept cache) rebuilds as at its own
 * path: no page, chart, file beside the pages, search part or streamed download made again.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/** One JSON line the benchmark prints. */
interface BenchLine {
  readonly build: string;
  readonly pages?: number;
  readonly charts_rendered?: number;
  readonly charts_reused?: number;
  readonly builds?: readonly string[];
  readonly files?: number;
  readonly identical?: boolean;
  readonly differing?: readonly string[];
  readonly rewritten_astro?: number;
  readonly astro_paths?: number;
  readonly rewritten_search?: number;
  readonly rewritten_other?: readonly string[];
}

/** The builds the benchmark runs, in order (scripts/bench-build-cache.ts); a test below checks it runs exactly these. */
const BUILDS = ['cold', 'warm', 'moved', 'charts-warm', 'changed', 'changed-fresh', 'removed', 'removed-fresh'] as const;

/**
 * How long one build of the committed content may take before the run is taken for hung: about
 * 15–45 s each on a machine shared by several test runs (load 7 on 2 cores), so four minutes
 * leaves room for a machine several times as busy. The whole run may take this for every build.
 */
const SECONDS_PER_BUILD = 240;
const RUN_LIMIT_MS = BUILDS.length * SECONDS_PER_BUILD * 1000;

let lines: BenchLine[] = [];

/**
 * Runs the benchmark without blocking (the test runner's clock keeps running) and answers what it
 * printed; past `limitMs` it stops it with the builds it started (its own process group) and fails
 * saying so, before the hook's own limit.
 */
function runBenchmark(env: NodeJS.ProcessEnv, limitMs: number): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join('scripts', 'bench-build-cache.ts')], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    let stopped = false;
    const timer = setTimeout(() => {
      stopped = true;
      process.kill(-child.pid!, 'SIGKILL');
    }, limitMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) done(stdout);
      else fail(new Error(`${stopped ? `the build-cache benchmark took over ${limitMs / 1000} s (${BUILDS.length} builds × ${SECONDS_PER_BUILD} s) and was stopped` : `the build-cache benchmark failed (exit ${code})`}:\n${stderr.slice(-4000)}`));
    });
  });
}

beforeAll(async () => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.GONGKAI_CONTENT;
  const stdout = await runBenchmark(env, RUN_LIMIT_MS - 10_000);
  lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as BenchLine);
}, RUN_LIMIT_MS);

/** The line of one build. */
function findLine(build: string): BenchLine {
  const line = lines.find((l) => l.build === build);
  if (!line) throw new Error(`the benchmark printed no "${build}" line`);
  return line;
}

/** The comparison of two builds' output. */
function findCompare(a: string, b: string): BenchLine {
  const line = lines.find((l) => l.build === 'compare' && l.builds?.[0] === a && l.builds[1] === b);
  if (!line) throw new Error(`the benchmark compared no ${a} and ${b}`);
  return line;
}

describe('rebuilds of the committed content', () => {
  it('runs each build once, the ones the time limit counts', () => {
    expect(lines.filter((l) => l.build !== 'compare').map((l) => l.build)).toEqual([...BUILDS]);
  });

  it('renders every chart in the first build and none in a rebuild with nothing changed', () => {
    const cold = findLine('cold');
    const warm = findLine('warm');
    expect(cold.pages).toBeGreaterThan(100);
    expect(warm.pages).toBe(cold.pages);
    expect(cold.charts_rendered).toBeGreaterThan(0);
    expect(warm.charts_rendered).toBe(0);
  });

  it('rebuilt at another path with its caches and output, redoes nothing a rebuild at its own path does not, and writes the same files', () => {
    const warm = findLine('warm');
    const moved = findLine('moved');
    expect(moved.charts_rendered).toBe(0);
    expect(moved.pages).toBe(warm.pages);
    // No keyed path rendered again by Astro (src/integrations/portable-route-hashes.ts), no search
    // part, no file beside the pages, no streamed download: the files written again are those every
    // build writes (the pages without a key, the sitemap, the search manifest, Vite's client bundle),
    // the same as a rebuild at the same path.
    expect(warm.astro_paths).toBeGreaterThan(100);
    expect(warm.rewritten_astro).toBe(0);
    expect(moved.rewritten_astro).toBe(0);
    expect(moved.rewritten_search).toBe(warm.rewritten_search);
    expect(moved.rewritten_other).toEqual(warm.rewritten_other);
    const compare = findCompare('warm', 'moved');
    expect(compare.files).toBeGreaterThan(100);
    expect(compare.differing).toEqual([]);
  });

  it('renders no chart with a warm chart cache and a fresh output directory', () => {
    const line = findLine('charts-warm');
    expect(line.charts_rendered).toBe(0);
  });

  it('redraws the charts of a changed report, and no more than that report shows', () => {
    const changed = findLine('changed');
    expect(changed.charts_rendered).toBeGreaterThan(0);
    expect(changed.charts_rendered).toBeLessThan(findLine('cold').charts_rendered ?? 0);
  });

  it('writes byte-identical files, every one of them, whichever caches were warm', () => {
    for (const compare of [findCompare('cold', 'warm'), findCompare('cold', 'charts-warm')]) {
      expect(compare.files).toBeGreaterThan(100);
      expect(compare.differing).toEqual([]);
      expect(compare.identical).toBe(true);
    }
  });

  it('after a report changes or is removed, rebuilds exactly what a fresh build of that content writes', () => {
    expect(findLine('removed').pages).toBeLessThan(findLine('cold').pages ?? 0);
    for (const compare of [findCompare('changed-fresh', 'changed'), findCompare('removed-fresh', 'removed')]) {
      expect(compare.files).toBeGreaterThan(100);
      expect(compare.differing).toEqual([]);
    }
  });
});
