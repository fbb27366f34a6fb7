/**
 * The chart cache across builds, and the determinism of the whole build: the committed content is
 * built twice into scratch directories with one fresh chart cache. The second build must render no
 * chart (every SVG comes from the cache), and the two builds must be byte-identical, every file of
 * them (HTML, CSV, feeds, sitemap, the Pagefind index), nothing ignored.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The chart counters a build writes to GONGKAI_CHART_STATS. */
interface ChartStats {
  readonly charts_rendered: number;
  readonly charts_reused: number;
}

let scratch = '';
const stats: ChartStats[] = [];

/** Every file under a directory, as sorted relative paths. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** Builds the committed content into `scratch/dist-<n>` with the shared scratch chart cache; returns its chart counters. */
function buildSite(n: number): ChartStats {
  const statsFile = join(scratch, `stats-${n}.json`);
  const env: NodeJS.ProcessEnv = { ...process.env, GONGKAI_CHART_CACHE: join(scratch, 'chart-cache'), GONGKAI_CHART_STATS: statsFile };
  delete env.GONGKAI_CONTENT;
  execFileSync(process.execPath, [join('node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--outDir', join(scratch, `dist-${n}`), '--silent'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  return JSON.parse(readFileSync(statsFile, 'utf8')) as ChartStats;
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'gongkai-build-cache-'));
  stats.push(buildSite(1), buildSite(2));
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('two builds of the committed content with one chart cache', () => {
  it('renders every chart in the first build and none in the second', () => {
    const [cold, warm] = stats;
    expect(cold?.charts_rendered).toBeGreaterThan(0);
    expect(warm?.charts_rendered).toBe(0);
    // The second build asks for exactly the charts the first did, all from the cache.
    expect(warm?.charts_reused).toBe((cold?.charts_rendered ?? 0) + (cold?.charts_reused ?? 0));
  });

  it('writes byte-identical files, every one of them', () => {
    const first = join(scratch, 'dist-1');
    const second = join(scratch, 'dist-2');
    const files = listFiles(first);
    expect(files.length).toBeGreaterThan(100);
    expect(listFiles(second)).toEqual(files);
    const differing = files.filter((f) => !readFileSync(join(first, f)).equals(readFileSync(join(second, f))));
    expect(differing).toEqual([]);
  });
});
