/**
 * `npm run bench -- --suite build-cache [--content DIR] [--keep]`: the build caches across builds (Astro's
 * incremental build, the chart cache) and whether they are correct. Works on a
 * scratch copy of the content, with one chart cache (GONGKAI_CHART_CACHE in a scratch directory):
 *   cold           empty caches, into an output directory the next builds reuse
 *   warm           nothing changed: a rebuild into the same directory
 *   moved          the project (snapshot with its Astro cache, output, chart cache, download caches and
 *                  content) copied with its files' times to another path, as a CI job restores a kept
 *                  cache, and rebuilt there: nothing changed but the path
 *   charts-warm    a fresh Astro cache and output directory, the chart cache warm
 *   changed        one report's text changed, rebuilt into the same directory
 *   changed-fresh  the same content built afresh (new Astro cache and output directory)
 *   removed        the last report removed, rebuilt into the same directory
 *   removed-fresh  the same content built afresh
 * Prints one JSON line per build:
 *   {"build","content","pages","seconds","charts_rendered","charts_reused"}
 * and lines comparing two builds' output byte for byte (cold/warm, warm/moved, cold/charts-warm,
 * changed-fresh/changed, removed-fresh/removed): {"build":"compare","builds":[a,b],"files","identical","differing"}.
 * The warm and moved lines also say which output files the build wrote again (their modification
 * time changed), in three kinds: `rewritten_astro`, the files of paths Astro's incremental build
 * keys (listed in its manifest); `rewritten_search`, under pagefind/; `rewritten_other`, the rest
 * (the files beside the pages, the streamed downloads, the sitemap, the unkeyed pages), named.
 * Assumes the checkout is shared (others build and edit in it): the site is built from a snapshot of
 * its sources (src, public, the config) copied into the scratch directory, with Astro's and Vite's
 * caches inside the snapshot, so a concurrent build or edit cannot leak in. Those caches start empty
 * on the cold build too; only the chart cache is what the cold/warm pair is about.
 * Uses the committed content/ unless --content names another directory; never writes to it.
 * Exit 0: measured (even when the builds differ, which the compare line reports); 1: a build failed; 2: usage.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { changeReportFiles } from '../src/bench/change-report.ts';

const USAGE = 'usage: npm run bench -- --suite build-cache [--content DIR] [--keep]';
const REPO = fileURLToPath(new URL('..', import.meta.url));
const ASTRO = join(REPO, 'node_modules', 'astro', 'bin', 'astro.mjs');
/** What the site build reads from the project besides node_modules and the content. */
const SITE_FILES = ['src', 'public', 'astro.config.mjs', 'site.config.json', 'tsconfig.json', 'package.json'];
/** The project's Astro config with Astro's and Vite's caches kept inside the snapshot. */
const SNAPSHOT_CONFIG = `import config from './astro.config.mjs';
export default { ...config, cacheDir: './.snapshot-cache/astro', vite: { ...(config.vite ?? {}), cacheDir: './.snapshot-cache/vite' } };
`;

/** The figures of one build. */
interface BuildFigures {
  readonly seconds: number;
  readonly pages: number;
  readonly charts_rendered: number;
  readonly charts_reused: number;
}

/** The caches and counter files of one build. */
interface BuildCaches {
  readonly charts: string;
  readonly chartStats: string;
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

/** Each output file's modification time, by path relative to the directory. */
function readTimes(dir: string): Map<string, number> {
  return new Map(listFiles(dir).map((f) => [f, statSync(join(dir, f)).mtimeMs]));
}

/** The output files of the paths Astro's incremental manifest (in the snapshot at `root`) records. */
function readAstroOutputs(root: string): Set<string> {
  const manifest = JSON.parse(readFileSync(join(root, '.snapshot-cache', 'astro', 'incremental-build.json'), 'utf8')) as { routes: Record<string, { paths: Record<string, { outputFile: string }> }> };
  return new Set(Object.values(manifest.routes).flatMap((r) => Object.values(r.paths).map((p) => p.outputFile)));
}

/** What a build wrote again of the files `before` lists (their times before it), by kind (see the file's comment). */
function describeRewrites(root: string, outDir: string, before: ReadonlyMap<string, number>): Record<string, unknown> {
  const astro = readAstroOutputs(root);
  const rewritten = [...readTimes(outDir)].filter(([f, t]) => before.has(f) && before.get(f) !== t).map(([f]) => f);
  const other = rewritten.filter((f) => !astro.has(f) && !f.startsWith('pagefind/'));
  return { rewritten_astro: rewritten.filter((f) => astro.has(f)).length, astro_paths: astro.size, rewritten_search: rewritten.filter((f) => f.startsWith('pagefind/')).length, rewritten_other: other };
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
    GONGKAI_DOWNLOAD_CACHE: join(caches.charts, '..', 'downloads.json'),
  };
  const started = performance.now();
  const args = [ASTRO, 'build', '--root', root, '--config', 'astro.snapshot.config.mjs', '--outDir', outDir, '--silent'];
  const r = spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`astro build failed (exit ${r.status}):\n${(r.stderr || r.stdout).slice(-4000)}`);
  if (!existsSync(caches.chartStats)) throw new Error(`the build wrote no chart statistics to ${caches.chartStats}`);
  const charts = JSON.parse(readFileSync(caches.chartStats, 'utf8')) as { charts_rendered: number; charts_reused: number };
  const pages = listFiles(outDir).filter((f) => f.endsWith('.html')).length;
  return { seconds, pages, ...charts };
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

/** Changes the first report the way an editor would (see changeReportFiles), so its charts change too. */
function changeReport(dir: string): string {
  const id = readdirSync(join(dir, 'reports')).sort()[0]!;
  changeReportFiles(join(dir, 'reports', id), '（本句为测试增量构建而加。）');
  return id;
}

/** Removes the last report, as when a report is withdrawn. */
function removeReport(dir: string): string {
  const ids = readdirSync(join(dir, 'reports')).sort();
  const id = ids[ids.length - 1]!;
  rmSync(join(dir, 'reports', id), { recursive: true });
  return id;
}

const scratch = mkdtempSync(join(tmpdir(), 'gongkai-bench-cache-'));
let failed = false;
try {
  const site = join(scratch, 'site');
  snapshotSite(site);
  const label = content ?? 'content/';
  const working = join(scratch, 'content');
  cpSync(content ?? join(REPO, 'content'), working, { recursive: true });
  const caches = (build: string): BuildCaches => ({ charts: join(scratch, 'chart-cache'), chartStats: join(scratch, `charts-${build}.json`) });
  const print = (build: string, f: BuildFigures, extra: Record<string, unknown> = {}): void =>
    console.log(JSON.stringify({ build, content: label, pages: f.pages, seconds: Math.round(f.seconds * 100) / 100, charts_rendered: f.charts_rendered, charts_reused: f.charts_reused, ...extra }));
  const compare = (a: string, b: string, names: [string, string]): void => {
    const { files, differing } = compareTrees(a, b);
    console.log(JSON.stringify({ build: 'compare', builds: names, files, identical: differing.length === 0, differing: differing.slice(0, 20) }));
    console.error(`bench-build-cache: ${names.join(' and ')} are ${differing.length ? `NOT byte-identical (${differing.length} of ${files} files differ)` : `byte-identical (${files} files)`}`);
  };
  // The incremental sequence: one output directory and one Astro cache, as a maintainer's rebuilds.
  const out = join(scratch, 'dist');
  const cold = runBuild(site, out, caches('cold'), working);
  print('cold', cold);
  const coldCopy = join(scratch, 'dist-cold');
  cpSync(out, coldCopy, { recursive: true });
  const beforeWarm = readTimes(out);
  print('warm', runBuild(site, out, caches('warm'), working), describeRewrites(site, out, beforeWarm));
  compare(coldCopy, out, ['cold', 'warm']);
  // The same project at another path: everything the builds keep copied with its files' times (as
  // cp -a, or a CI cache's archive, restores them), the node_modules link as it is.
  const moved = join(scratch, 'moved');
  for (const name of ['site', 'dist', 'content', 'chart-cache', 'downloads.json', 'downloads-lines']) {
    if (existsSync(join(scratch, name))) cpSync(join(scratch, name), join(moved, name), { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
  }
  const movedOut = join(moved, 'dist');
  const beforeMoved = readTimes(movedOut);
  print('moved', runBuild(join(moved, 'site'), movedOut, { charts: join(moved, 'chart-cache'), chartStats: join(scratch, 'charts-moved.json') }, join(moved, 'content')), describeRewrites(join(moved, 'site'), movedOut, beforeMoved));
  compare(out, movedOut, ['warm', 'moved']);
  rmSync(moved, { recursive: true, force: true });
  // A fresh Astro cache and output directory with the chart cache warm.
  const fresh = (build: string): string => {
    const root = join(scratch, `site-${build}`);
    snapshotSite(root);
    const dist = join(scratch, `dist-${build}`);
    print(build, runBuild(root, dist, caches(build), working));
    return dist;
  };
  compare(coldCopy, fresh('charts-warm'), ['cold', 'charts-warm']);
  // After a change, and after a removal, the incremental build must equal a fresh build of the same content.
  const changed = changeReport(working);
  print('changed', runBuild(site, out, caches('changed'), working), { report: changed });
  compare(fresh('changed-fresh'), out, ['changed-fresh', 'changed']);
  const removed = removeReport(working);
  print('removed', runBuild(site, out, caches('removed'), working), { report: removed });
  compare(fresh('removed-fresh'), out, ['removed-fresh', 'removed']);
  if (args.values.keep) console.error(`bench-build-cache: kept ${scratch}`);
} catch (err) {
  failed = true;
  console.error(`bench-build-cache: ${(err as Error).message}`);
} finally {
  if (!args.values.keep) rmSync(scratch, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
