/**
 * The chart cache across builds, and the determinism of the whole build, through the benchmark
 * (scripts/bench-build-cache.ts): the committed content is built three times, from a snapshot of
 * the sources, with one fresh chart cache. The builds after the first must render no chart (every
 * SVG comes from the cache), and all must be byte-identical, every file of them (HTML, CSV, feeds,
 * sitemap, images, the Pagefind index), nothing ignored.
 */
import { execFileSync } from 'node:child_process';
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
}

let lines: BenchLine[] = [];

beforeAll(() => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.GONGKAI_CONTENT;
  const out = execFileSync(process.execPath, [join('scripts', 'bench-build-cache.ts')], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  lines = out.trim().split('\n').map((l) => JSON.parse(l) as BenchLine);
});

/** The line of one build. */
function findLine(build: string): BenchLine {
  const line = lines.find((l) => l.build === build);
  if (!line) throw new Error(`the benchmark printed no "${build}" line`);
  return line;
}

describe('two builds of the committed content with one chart cache', () => {
  it('renders every chart in the first build and none in the second', () => {
    const cold = findLine('cold');
    const warm = findLine('warm');
    expect(cold.pages).toBeGreaterThan(100);
    expect(warm.pages).toBe(cold.pages);
    expect(cold.charts_rendered).toBeGreaterThan(0);
    expect(warm.charts_rendered).toBe(0);
    // The second build asks for exactly the charts the first did, all from the cache.
    expect(warm.charts_reused).toBe((cold.charts_rendered ?? 0) + (cold.charts_reused ?? 0));
  });

  it('renders no chart with a warm chart cache and an empty image cache either', () => {
    expect(findLine('charts-warm').charts_rendered).toBe(0);
  });

  it('writes byte-identical files, every one of them, whichever caches were warm', () => {
    const compares = lines.filter((l) => l.build === 'compare');
    expect(compares.map((c) => c.builds)).toEqual([['cold', 'warm'], ['cold', 'charts-warm']]);
    for (const compare of compares) {
      expect(compare.files).toBeGreaterThan(100);
      expect(compare.differing).toEqual([]);
      expect(compare.identical).toBe(true);
    }
  });
});
