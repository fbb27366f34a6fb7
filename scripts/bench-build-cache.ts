/**
 * `npm run bench:charts-cache -- [--content DIR] [--keep]`: the chart cache across builds. Builds the
 * whole site three times, each into its own scratch out dir, with one fresh chart cache
 * (GONGKAI_CHART_CACHE in a scratch directory):
 *   cold          empty chart cache, empty image cache (the embed PNG/SVG images, GONGKAI_IMAGE_CACHE)
 *   warm          both caches as the cold build left them (nothing changed: a rebuild)
 *   charts-warm   the chart cache warm, a fresh empty image cache: what the chart cache alone saves
 * Prints one JSON line per build:
 *   {"build","content","pages","seconds","charts_rendered","charts_reused","images_made","images_reused"}
 * then a line comparing the cold build's out dir with each other one byte for byte:
 *   {"build":"compare","builds":["cold","warm"],"files","identical","differing"}.
 * Assumes the checkout is shared (others build and edit in it): the site is built from a snapshot of
 * its sources (src, public, the config) copied into the scratch directory, with Astro's and Vite's
 * caches inside the snapshot, so a concurrent build or edit cannot leak in. Those caches start empty
 * on the cold build too; only the chart cache is what the cold/warm pair is about.
 * Uses the committed content/ unless --content names another directory; never writes to it.
 * Exit 0: measured (even when the builds differ, which the compare line reports); 1: a build failed; 2: usage.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npm run bench:charts-cache -- [--content DIR] [--keep]';
const REPO = fileURLToPath(new URL('..', import.meta.url));
const ASTRO = join(REPO, 'node_modules', 'astro', 'bin', 'astro.mjs');
/** What the site build reads from the project besides node_modules and the content. */
const SITE_FILES = ['src', 'public', 'astro.config.mjs', 'tsconfig.json', 'package.json'];
/** The project's Astro config with Astro's and Vite's caches kept inside the snapshot. */
const SNAPSHOT_CONFIG = `import config from './astro.config.mjs';
export default { ...config, cacheDir: './.snapshot-cache/astro', vite: { ...(config.vite ?? {}), cacheDir: './.snapshot-cache/vite' } };
`;

/** The figures of one build; the image counts are null when the build writes none (no embeds). */
interface BuildFigures {
  readonly seconds: number;
  readonly pages: number;
  readonly charts_rendered: number;
  readonly charts_reused: number;
  readonly images_made: number | null;
  readonly images_reused: number | null;
}

/** The caches and counter files of one build. */
interface BuildCaches {
  readonly charts: string;
  readonly chartStats: string;
  readonly images: string;
  readonly imageStats: string;
}

/** Lists every file under a directory, as sorted paths relative to it. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** Hashes a file's bytes. */
function hashFile(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The files that are in one tree only or differ in bytes, and how many files the trees hold. */
function compareTrees(a: string, b: string): { files: number; differing: string[] } {
  const left = listFiles(a);
  const right = new Set(listFiles(b));
  const differing = left.filter((f) => !right.has(f) || hashFile(join(a, f)) !== hashFile(join(b, f)));
  for (const f of right) if (!left.includes(f)) differing.push(f);
  return { files: left.length, differing: differing.sort() };
}

/** Copies the site's sources from the working tree into `dir`, with node_modules linked. */
function snapshotSite(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const name of SITE_FILES) cpSync(join(REPO, name), join(dir, name), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'astro.snapshot.config.mjs'), SNAPSHOT_CONFIG);
}

/** Builds the snapshot at `root` into `outDir` with the given caches and returns its figures; throws when the build fails. */
function runBuild(root: string, outDir: string, caches: BuildCaches, content: string): BuildFigures {
  const env = {
    ...process.env,
    GONGKAI_CONTENT: content,
    GONGKAI_CHART_CACHE: caches.charts,
    GONGKAI_CHART_STATS: caches.chartStats,
    GONGKAI_IMAGE_CACHE: caches.images,
    GONGKAI_IMAGE_STATS: caches.imageStats,
  };
  const started = performance.now();
  const args = [ASTRO, 'build', '--root', root, '--config', 'astro.snapshot.config.mjs', '--outDir', outDir, '--silent'];
  const r = spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`astro build failed (exit ${r.status}):\n${(r.stderr || r.stdout).slice(-4000)}`);
  if (!existsSync(caches.chartStats)) throw new Error(`the build wrote no chart statistics to ${caches.chartStats}`);
  const charts = JSON.parse(readFileSync(caches.chartStats, 'utf8')) as { charts_rendered: number; charts_reused: number };
  const images = existsSync(caches.imageStats) ? (JSON.parse(readFileSync(caches.imageStats, 'utf8')) as { images_made: number; images_reused: number }) : null;
  const pages = listFiles(outDir).filter((f) => f.endsWith('.html')).length;
  return { seconds, pages, ...charts, images_made: images?.images_made ?? null, images_reused: images?.images_reused ?? null };
}

let args;
try {
  args = parseArgs({ options: { content: { type: 'string' }, keep: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } }, allowPositionals: false });
} catch (err) {
  console.error(`bench-build-cache: ${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (args.values.help) {
  console.log(USAGE);
  process.exit(0);
}
const content = args.values.content ? resolve(args.values.content) : undefined;
if (content && !existsSync(join(content, 'reports'))) {
  console.error(`bench-build-cache: ${content} has no reports/ folder\n  hint: pass a content directory, e.g. one written by npm run synth\n${USAGE}`);
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'gongkai-bench-cache-'));
let failed = false;
try {
  const site = join(scratch, 'site');
  snapshotSite(site);
  const label = content ?? 'content/';
  const builds = [
    { build: 'cold', images: 'image-cache' },
    { build: 'warm', images: 'image-cache' },
    { build: 'charts-warm', images: 'image-cache-empty' },
  ];
  for (const { build, images } of builds) {
    const caches = { charts: join(scratch, 'chart-cache'), chartStats: join(scratch, `charts-${build}.json`), images: join(scratch, images), imageStats: join(scratch, `images-${build}.json`) };
    const f = runBuild(site, join(scratch, `dist-${build}`), caches, content ?? join(REPO, 'content'));
    console.log(JSON.stringify({ build, content: label, pages: f.pages, seconds: Math.round(f.seconds * 100) / 100, charts_rendered: f.charts_rendered, charts_reused: f.charts_reused, images_made: f.images_made, images_reused: f.images_reused }));
  }
  for (const other of builds.slice(1).map((b) => b.build)) {
    const { files, differing } = compareTrees(join(scratch, 'dist-cold'), join(scratch, `dist-${other}`));
    console.log(JSON.stringify({ build: 'compare', builds: ['cold', other], files, identical: differing.length === 0, differing: differing.slice(0, 20) }));
    console.error(`bench-build-cache: the cold and ${other} builds are ${differing.length ? `NOT byte-identical (${differing.length} of ${files} files differ)` : `byte-identical (${files} files)`}`);
  }
  if (args.values.keep) console.error(`bench-build-cache: kept ${scratch}`);
} catch (err) {
  failed = true;
  console.error(`bench-build-cache: ${(err as Error).message}`);
} finally {
  if (!args.values.keep) rmSync(scratch, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
