/**
 * `npm run bench -- --reports N [--suite NAME] [--builds LIST] [--caches LIST] [--caches-off LIST] [--seed S] [--ref REV] [--keep] [--scratch DIR] [--cpu-prof DIR] [--page-times]`:
 * the build benchmark (issues #7, #17). Generates a synthetic corpus of N reports, builds a bare
 * Astro page per report as the baseline, then the site: cold (every cache empty), warm (nothing
 * changed), changed-1 (one report edited) and changed-1pct (1% of reports edited). Prints one JSON
 * line per build:
 *   {"build","reports","pages","seconds","peak_mb","charts_rendered","charts_reused","ratio","files","files_per_report", …}
 * where `ratio` is seconds over the baseline's seconds in the same run, so the figure survives a
 * noisy machine; the baseline is built BASELINE_RUNS times (`runs_seconds` and `runs_cpu_seconds` on its line) and its
 * median run is the one printed and divided by. Each site build is also preceded by one more baseline
 * build, given on the site build's line (`baseline_before_seconds`, `baseline_before_cpu_seconds`,
 * `ratio_to_baseline_before`: the site build over the baseline built just before it, in the machine's
 * state at that point of the run). Extra fields: `cpu_seconds` (user + system of the whole build), and on the builds after the first `identical_to_previous` and
 * `differing_files` (files added, removed or changed against the build before: what a deploy
 * uploads; on a cold build after a rebuild, whether the rebuild gave what a cold build gives), and `phases`: seconds of the build's phases (`build`: bundling and generating every
 * path, of which `charts`: the chart pre-render, with `charts-failed` beside it when a worker failed and
 * the pages rendered what it left (and `phase_notes` with why: the worker's error, which the build's
 * `--silent` would drop); `after`: pruning, sitemap and search, of which
 * `search`: the Pagefind index; `phase_counts.search`: its `pages` and `parts`, and the
 * `pages_indexed` and `parts_indexed` it indexed again), `phase_peak_mb`: the largest memory sample within each phase
 * (plus `pages`: from the end of the chart pre-render to the end of `build`), and `peak_at_s` /
 * `peak_processes_mb`: when the peak sample was taken and what each process of the tree held then,
 * so a peak can be put down to a phase and a process. `peak_mb` counts each page once (see
 * "Peak memory" below); `peak_counts` says so (`pss`), or names the processes counted by their
 * resident set because their Pss could not be read; `peak_rss_sum_mb` and `peak_processes_rss_mb`
 * are the resident sets added up, which count a page shared by two processes twice (the bench's
 * peak before, kept for comparing with older figures).
 *
 * Suites (`--suite`, src/bench/build-list.ts): `scale` (the default: every build), `rebuilds` (on a
 * kept run's site), `cold` (baseline and cold, for `--cpu-prof`) and `caches`: after cold and warm,
 * for each cache (src/machinery/cache-switch.ts; `--caches LIST` for some) four builds with one report
 * edited, the cache off, on, on, off (ABBA, so a drift of the machine's load cancels), the report
 * toggled between two versions so that each version is built once with the cache and once without:
 * one line per build, then one per cache with `gain` (mean seconds off over on) and whether the
 * output with and without the cache is byte-identical. Two suites have scripts of their own and take
 * their own options: `build-cache` (scripts/bench-build-cache.ts) and `search` (scripts/bench-search.ts).
 *
 * Assumes the machine is shared: the site is built from a snapshot of the project (the working tree,
 * or `--ref REV` from git) copied into a scratch directory, so edits made while a long benchmark
 * runs do not leak into it, and neither the project's content/ nor its caches are read or written.
 * Each site build runs with the Node flags of the snapshot's `npm run build` (its heap limit).
 * Peak memory is the largest memory of the build's whole process tree (Astro, chart workers,
 * Pagefind), as the sum of each process's proportional set size (`Pss` in /proc/<pid>/smaps_rollup,
 * sampled every half second): a page shared by n processes counts 1/n in each, so the pages a child
 * forked from Astro's process shares with it until it runs Pagefind's binary count once
 * (src/bench/measure-build.ts).
 * The site's builds share one output directory, as a maintainer's rebuilds do (Astro's
 * incremental build leaves unchanged files in place); it is hashed after each build (only the files
 * written since the last hashing are read: the hashes are kept in the scratch directory) and deleted at
 * the end, unless --keep. `--builds` makes some of the builds only; `--scratch DIR` goes on in a kept
 * scratch directory (corpus, caches, output) with the code snapshot anew, so rebuilds can be measured
 * after a code change without a cold build.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BUILDS, parseBuildList, parseSuite, SUITES, type BuildName } from '../src/bench/build-list.ts';
import { changeReportFiles } from '../src/bench/change-report.ts';
import { createPageTimes, readRoutePatterns, type RouteTime } from '../src/bench/page-times.ts';
import { timeByLocation, topFunctions, type CpuProfile } from '../src/bench/cpu-profile.ts';
import { BASELINE_RUNS, countDifferences, hashTree, medianRun, readBuildNodeFlags, runMeasured, type HashMemo, readHashMemo, type MeasuredRun, writeHashMemo } from '../src/bench/measure-build.ts';
import { CACHE_NAMES, CACHES_OFF_ENV, parseCacheNames, type CacheName } from '../src/machinery/cache-switch.ts';
import { cpuByPhase, PHASES_ENV, peakByPhase, readPhaseCounts, readPhaseNotes, readPhaseSpans, sumPhases } from '../src/integrations/build-phases.ts';
import { createKeyedRng, hashSeed } from '../src/synth/prng.ts';

const USAGE = 'usage: npm run bench -- --reports N [--suite scale|rebuilds|caches|cold] [--builds LIST] [--caches LIST] [--caches-off LIST] [--seed S] [--ref REV] [--keep] [--scratch DIR] [--cpu-prof DIR] [--page-times]\n       npm run bench -- --suite build-cache [--content DIR] [--keep]\n       npm run bench -- --suite search --reports N [--seed S] [--site DIR] [--narrative synthetic|real] [--part-pages N] [--whole] [--keep]';
const REPO = fileURLToPath(new URL('..', import.meta.url));

/**
 * Suites with a script of their own, run with the rest of the arguments: `build-cache`
 * (scripts/bench-build-cache.ts: the caches across builds and whether incremental output is
 * byte-identical to a fresh build) and `search` (scripts/bench-search.ts: the search index alone).
 */
const SCRIPT_SUITES: Readonly<Record<string, string>> = { 'build-cache': 'bench-build-cache.ts', search: 'bench-search.ts' };
{
  const argv = process.argv.slice(2);
  const at = argv.findIndex((a) => a === '--suite' || a.startsWith('--suite='));
  const inline = at >= 0 && argv[at] !== '--suite';
  const suite = at < 0 ? undefined : inline ? argv[at]?.slice('--suite='.length) : argv[at + 1];
  const script = suite === undefined ? undefined : SCRIPT_SUITES[suite];
  if (script) {
    const rest = argv.filter((_, i) => i !== at && !(i === at + 1 && !inline));
    const run = spawnSync(process.execPath, [join(REPO, 'scripts', script), ...rest], { stdio: 'inherit' });
    process.exit(run.status ?? 1);
  }
}
/** What the site build reads from the project besides node_modules. */
const SITE_FILES = ['src', 'public', 'astro.config.mjs', 'site.config.json', 'tsconfig.json', 'package.json'];

/** The bare baseline page: one plain table per report, read straight from its CSV. */
const BASELINE_PAGE = `---
import { readdirSync, readFileSync } from 'node:fs';
export function getStaticPaths() {
  const root = process.env.BENCH_CONTENT + '/reports';
  return readdirSync(root).sort().map((id) => ({ params: { id }, props: { id } }));
}
const { id } = Astro.props;
const rows = readFileSync(process.env.BENCH_CONTENT + '/reports/' + id + '/requests.csv', 'utf8').trimEnd().split('\\n').map((l) => l.split(','));
---
<html lang="zh-CN"><head><meta charset="utf-8"><title>{id}</title></head>
<body><h1>{id}</h1><table>{rows.map((r) => <tr>{r.map((c) => <td>{c}</td>)}</tr>)}</table></body></html>
`;

/** An Astro config that wraps the project's and keeps Astro's and Vite's caches inside the snapshot. */
const BENCH_CONFIG = `import config from './astro.config.mjs';
export default { ...config, cacheDir: './.bench-cache/astro', vite: { ...(config.vite ?? {}), cacheDir: './.bench-cache/vite' } };
`;

/** One build's figures. */
interface BuildFigures extends MeasuredRun {
  readonly pages: number;
  readonly files: number;
  /** Hash of every output file by its path, for comparing builds. */
  readonly hashes: ReadonlyMap<string, string>;
  readonly stats: Record<string, number>;
  /** Seconds by phase of the build (see src/integrations/build-phases.ts). */
  readonly phases?: Record<string, number>;
  /** What went wrong in a phase, by phase name (e.g. `charts-failed`: the chart worker's error). */
  readonly phaseNotes?: Record<string, string>;
  /** What the phases counted of their work (the search index: pages and parts indexed again). */
  readonly phaseCounts?: Record<string, Record<string, number>>;
  /** The largest memory sample (MB) within each phase. */
  readonly phasePeaks?: Record<string, number>;
  /** CPU seconds of the whole tree within each phase (sampled from /proc every 100 ms). */
  readonly phaseCpu?: Record<string, number>;
  /** With --cpu-prof: where the build process's time went. */
  readonly profile?: Record<string, unknown>;
  /** With --page-times: the pages Astro wrote by route, with the seconds its log gives them. */
  readonly pageTimes?: readonly RouteTime[];
}

/** The profiles in a directory, by name. */
function listProfiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : [];
}

/**
 * The largest profile a build wrote into a directory (the build's main process; the chart workers'
 * are in its chart-workers/ folder), leaving out those that were there before (`before`: a run
 * into a folder used before): its file, top functions and time by place.
 */
function summariseProfile(dir: string, before: ReadonlySet<string>): Record<string, unknown> {
  const files = listProfiles(dir).filter((f) => !before.has(f));
  const largest = files.map((f) => ({ f, size: statSync(join(dir, f)).size })).sort((a, b) => b.size - a.size)[0];
  if (!largest) return { file: null };
  const profile = JSON.parse(readFileSync(join(dir, largest.f), 'utf8')) as CpuProfile;
  return { file: join(dir, largest.f), top_functions_s: topFunctions(profile, 5), by_place_s: timeByLocation(profile, 8) };
}

/** Reads the JSON counters a build wrote when done (src/machinery/build-stats.ts), if it wrote them. */
function readStats(file: string): Record<string, number> {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>) : {};
}

/** Runs `astro build` in a project, measures it, hashes its output and (when `remove`) deletes it. */
async function runBuild(root: string, outDir: string, env: Record<string, string>, nodeFlags: string[], remove: boolean, pageTimes?: ReturnType<typeof createPageTimes>, hashMemo?: HashMemo): Promise<BuildFigures> {
  // Astro logs each page only without --silent: with --page-times the site builds log, and the bench reads the log.
  const astro = [...nodeFlags, join(root, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--root', root, '--outDir', outDir, '--config', 'astro.bench.config.mjs', ...(pageTimes ? [] : ['--silent'])];
  const run = await runMeasured(astro, root, env, pageTimes ? (line) => pageTimes.line(line) : undefined);
  const hashes = hashTree(outDir, hashMemo);
  const paths = [...hashes.keys()];
  if (remove) rmSync(outDir, { recursive: true, force: true });
  return { ...run, pages: paths.filter((p) => p.endsWith('.html')).length, files: paths.length, hashes, stats: {} };
}

/** The reports of a corpus in an order fixed by the seed, the same whatever the machine. */
function shuffleReports(ids: readonly string[], seed: number): string[] {
  const keyed = ids.map((id) => ({ id, key: hashSeed(seed, 'change', id) }));
  keyed.sort((a, b) => a.key - b.key || (a.id < b.id ? -1 : 1));
  return keyed.map((k) => k.id);
}

/** Changes `count` reports (picked by the seed) the way an editor would (see changeReportFiles); returns their ids. */
function changeReports(corpus: string, seed: number, count: number): string[] {
  const dir = join(corpus, 'reports');
  const picked = shuffleReports(readdirSync(dir).sort(), seed).slice(0, count);
  for (const id of picked) {
    const rng = createKeyedRng(seed, 'change-text', id);
    changeReportFiles(join(dir, id), `（合成数据修订 ${Math.floor(rng() * 1000)}。）`);
  }
  return picked;
}

/** The files changeReportFiles edits. */
const EDITED_FILES = ['index.md', 'appeals.csv'];

/**
 * A report that can be switched between two versions (as it is, and edited once), so that a build
 * after each switch is a build with one report changed, and each version can be built twice.
 */
function makeToggle(dir: string): (version: 0 | 1) => void {
  const read = (): string[] => EDITED_FILES.map((f) => readFileSync(join(dir, f), 'utf8'));
  const before = read();
  changeReportFiles(dir, '（合成数据修订：缓存对照。）');
  const after = read();
  return (version) => EDITED_FILES.forEach((f, i) => writeFileSync(join(dir, f), (version ? after : before)[i]!));
}

/** Copies the site's sources into `dir`, from the working tree or from a git revision, replacing any there. */
function snapshotSite(dir: string, ref: string | undefined): void {
  // A kept site directory keeps its Astro cache (.bench-cache) but takes the code anew.
  for (const name of [...SITE_FILES, 'node_modules', 'astro.bench.config.mjs']) rmSync(join(dir, name), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (ref) {
    // A revision older than one of the files (site.config.json) is archived without it.
    const names = SITE_FILES.filter((name) => spawnSync('git', ['-C', REPO, 'cat-file', '-e', `${ref}:${name}`]).status === 0);
    const archive = spawnSync('git', ['-C', REPO, 'archive', '--format=tar', ref, ...names], { maxBuffer: 1 << 30 });
    if (archive.status !== 0) throw new Error(`git archive ${ref} failed:\n${archive.stderr.toString()}`);
    const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
    if (untar.status !== 0) throw new Error(`tar failed:\n${untar.stderr.toString()}`);
  } else {
    for (const name of SITE_FILES) cpSync(join(REPO, name), join(dir, name), { recursive: true });
  }
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'astro.bench.config.mjs'), BENCH_CONFIG);
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const round = (x: number): number => Math.round(x * 100) / 100;

let args;
try {
  args = parseArgs({
    options: {
      reports: { type: 'string' },
      suite: { type: 'string', default: 'scale' },
      builds: { type: 'string' },
      caches: { type: 'string', default: CACHE_NAMES.join(',') },
      'caches-off': { type: 'string', default: '' },
      seed: { type: 'string', default: '1' },
      ref: { type: 'string' },
      keep: { type: 'boolean', default: false },
      scratch: { type: 'string' },
      'cpu-prof': { type: 'string' },
      'page-times': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
} catch (err) {
  console.error(`bench: ${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (args.values.help) {
  console.log(
    `${USAGE}\n  --reports N      how many synthetic reports\n  --suite NAME     scale (default): ${SUITES.scale.join(',')}; rebuilds: ${SUITES.rebuilds.join(',')} on a kept run's site;\n                   caches: ${SUITES.caches.join(',')}, then each cache off/on/on/off on one report edited;\n                   cold: ${SUITES.cold.join(',')}\n  --builds LIST    which builds, in order (instead of the suite's; from ${BUILDS.join(',')})\n  --caches LIST    the caches the caches suite compares (default all: ${CACHE_NAMES.join(',')})\n  --caches-off LIST  make every site build of this run without these caches (GONGKAI_CACHES_OFF), for a\n                   same-run A/B of a cache on other builds than the caches suite's (e.g. warm, changed-1)\n  --seed S         corpus seed (default 1)\n  --ref REV        build the site as committed at REV instead of the working tree\n  --keep           keep the scratch directory and every output directory\n  --scratch DIR    go on in the scratch directory a run kept with --keep: its corpus, caches and\n                   output, with the site's code snapshot anew (e.g. --suite rebuilds after a change\n                   to the code, without the cold build again); kept afterwards\n  --cpu-prof DIR   write a V8 CPU profile of each site build into DIR/<n>-<build>/ and print\n                   its top functions and time by package or file (cpu_profile)
  --page-times     build the site without --silent and print, for each site build, the pages Astro
                   wrote by route and the seconds its log gives them (page_times; a page's time
                   includes what it waited for, such as its charts)`,
  );
  process.exit(0);
}
const { reports, seed, ref } = args.values;
const cpuProf = args.values['cpu-prof'];
const pageTimesWanted = args.values['page-times'];
const resumeDir = args.values.scratch;
const keep = args.values.keep || resumeDir !== undefined;
if (!reports || !/^[1-9]\d*$/.test(reports) || !/^-?\d+$/.test(seed)) {
  console.error(`bench: --reports N (a positive integer) is required\n${USAGE}`);
  process.exit(2);
}
let builds: BuildName[];
let cacheNames: CacheName[] = [];
let runCachesOff: CacheName[] = [];
let suite: ReturnType<typeof parseSuite>;
try {
  suite = parseSuite(args.values.suite);
  builds = parseBuildList(args.values.builds ?? SUITES[suite].join(','), resumeDir !== undefined);
  runCachesOff = parseCacheNames(args.values['caches-off']);
  if (runCachesOff.length && suite === 'caches') throw new Error('--caches-off: not with --suite caches, which switches each cache itself');
  if (suite === 'caches') {
    cacheNames = parseCacheNames(args.values.caches);
    if (!cacheNames.length) throw new Error('--caches: no cache named');
    if (builds.includes('changed-1') || builds.includes('changed-1pct')) throw new Error('--suite caches makes its own builds with a report edited; give --builds at most baseline,cold,warm');
  }
  if (resumeDir !== undefined && !existsSync(join(resumeDir, 'corpus', 'reports'))) throw new Error(`--scratch ${resumeDir}: no corpus/reports in it (keep a run with --keep first)`);
  if (resumeDir !== undefined && readdirSync(join(resumeDir, 'corpus', 'reports')).length !== Number(reports)) throw new Error(`--scratch ${resumeDir}: its corpus does not hold ${reports} reports`);
} catch (err) {
  console.error(`bench: ${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}

const scratch = resumeDir ?? mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
try {
  const n = Number(reports);
  const corpus = join(scratch, 'corpus');
  if (!resumeDir) {
    const synth = spawnSync(process.execPath, [join(REPO, 'scripts', 'synth.ts'), '--reports', reports, '--out', corpus, '--seed', seed], { encoding: 'utf8' });
    if (synth.status !== 0) throw new Error(`synth failed:\n${synth.stderr}`);
    console.error(synth.stdout.trim());
  }

  const baselineRoot = join(scratch, 'baseline');
  rmSync(baselineRoot, { recursive: true, force: true });
  mkdirSync(join(baselineRoot, 'src', 'pages'), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(baselineRoot, 'node_modules'));
  writeFileSync(join(baselineRoot, 'astro.bench.config.mjs'), "export default { output: 'static', cacheDir: './.bench-cache/astro' };\n");
  writeFileSync(join(baselineRoot, 'src', 'pages', '[id].astro'), BASELINE_PAGE);
  const siteRoot = join(scratch, 'site');
  snapshotSite(siteRoot, ref);

  const print = (build: string, f: BuildFigures, baselineSeconds: number | null, extra: Record<string, unknown> = {}): void => {
    const { charts_rendered = null, charts_reused = null, ...rest } = f.stats;
    console.log(
      JSON.stringify({ build, ...extra, reports: n, pages: f.pages, seconds: round(f.seconds), peak_mb: f.peakMb, peak_counts: f.peakRssOnly.length ? `pss; rss for ${f.peakRssOnly.join(', ')}` : 'pss', charts_rendered, charts_reused, ratio: baselineSeconds === null ? null : round(f.seconds / baselineSeconds), files: f.files, files_per_report: round(f.files / n), ...rest, cpu_seconds: f.cpuSeconds && round(f.cpuSeconds), ...(f.phases ? { phases: f.phases } : {}), ...(f.phaseNotes ? { phase_notes: f.phaseNotes } : {}), ...(f.phaseCounts ? { phase_counts: f.phaseCounts } : {}), ...(f.phasePeaks ? { phase_peak_mb: f.phasePeaks } : {}), ...(f.phaseCpu ? { phase_cpu_seconds: f.phaseCpu } : {}), process_cpu_seconds: f.processCpuSeconds, peak_at_s: f.peakAtSeconds, peak_processes_mb: f.peakProcesses, peak_rss_sum_mb: f.peakRssSumMb, peak_processes_rss_mb: f.peakProcessesRss, ...(f.profile ? { cpu_profile: f.profile } : {}), ...(f.pageTimes ? { page_times: f.pageTimes } : {}) }),
    );
  };

  /** One build of the bare baseline, into its own output (deleted after unless kept). */
  const buildBaseline = (remove: boolean): Promise<BuildFigures> => runBuild(baselineRoot, join(scratch, 'dist-baseline'), { BENCH_CONTENT: corpus }, [], remove);
  let baselineSeconds: number | null = null;
  if (builds.includes('baseline')) {
    // Built BASELINE_RUNS times, the ratio over the median: one build of it is too noisy a denominator.
    const runs: BuildFigures[] = [];
    for (let i = 0; i < BASELINE_RUNS; i++) runs.push(await buildBaseline(!keep));
    const baseline = medianRun(runs);
    baselineSeconds = baseline.seconds;
    print('baseline', baseline, baselineSeconds, { runs_seconds: runs.map((r) => round(r.seconds)), runs_cpu_seconds: runs.map((r) => r.cpuSeconds && round(r.cpuSeconds)) });
  }
  const siteOut = join(scratch, 'dist-site');
  // The site output's file hashes, kept in the scratch directory: after a build only the files it
  // wrote are read to compare it with the one before (src/bench/measure-build.ts, hashTree).
  const hashMemoFile = join(scratch, 'output-hashes.json');
  const outputHashes: HashMemo = readHashMemo(hashMemoFile);
  let profiles = 0;
  const site = async (build: string, last: boolean, cachesOff: readonly CacheName[] = runCachesOff): Promise<BuildFigures> => {
    const stats = { chart: join(scratch, `chart-stats-${build}.json`), phases: join(scratch, `phases-${build}.jsonl`) };
    for (const file of Object.values(stats)) rmSync(file, { force: true });
    const env = {
      GONGKAI_CONTENT: corpus,
      GONGKAI_CHART_CACHE: join(scratch, 'chart-cache'),
      GONGKAI_CHART_STATS: stats.chart,
      GONGKAI_DOWNLOAD_CACHE: join(scratch, 'downloads.json'),
      GONGKAI_CONTENT_CACHE: join(scratch, 'content-cache'),
      [CACHES_OFF_ENV]: cachesOff.join(','),
      [PHASES_ENV]: stats.phases,
    };
    const profileDir = cpuProf ? resolve(cpuProf, `${++profiles}-${build}${cachesOff.length ? `-off-${cachesOff.join('-')}` : ''}`) : null;
    const flags = [...readBuildNodeFlags(readFileSync(join(siteRoot, 'package.json'), 'utf8')), ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [])];
    // The site builds share one output directory, as a maintainer's rebuilds do: the incremental
    // build leaves unchanged files where they are.
    const earlier = new Set(profileDir ? listProfiles(profileDir) : []);
    const pageTimes = pageTimesWanted ? createPageTimes(readRoutePatterns(join(siteRoot, 'src', 'pages'))) : undefined;
    const f = await runBuild(siteRoot, siteOut, env, flags, last && !keep, pageTimes, outputHashes);
    writeHashMemo(hashMemoFile, outputHashes);
    const phaseText = existsSync(stats.phases) ? readFileSync(stats.phases, 'utf8') : '';
    const spans = readPhaseSpans(phaseText);
    // The page phase: from the end of the chart plan to the end of `build` (Astro rendering every
    // path, and the chart workers beside it); the bundle phase: from the start of `build` to Astro
    // listing the paths (Vite's bundle of the pages).
    const plan = spans.find((s) => s.phase === 'chart-plan');
    const generate = spans.find((s) => s.phase === 'build');
    const listing = spans.find((s) => s.phase === 'paths');
    if (plan && generate) spans.push({ phase: 'pages', start: plan.end, end: generate.end });
    if (listing && generate) spans.push({ phase: 'bundle', start: generate.start, end: listing.start });
    const phasePeaks = peakByPhase(spans, f.memorySamples);
    const phaseCpu = cpuByPhase(spans, f.cpuSamples);
    const notes = readPhaseNotes(phaseText);
    const counts = readPhaseCounts(phaseText);
    return { ...f, stats: readStats(stats.chart), phases: sumPhases(phaseText), ...(Object.keys(notes).length ? { phaseNotes: notes } : {}), ...(Object.keys(counts).length ? { phaseCounts: counts } : {}), phasePeaks, phaseCpu, ...(profileDir ? { profile: summariseProfile(profileDir, earlier) } : {}), ...(pageTimes ? { pageTimes: pageTimes.summary() } : {}) };
  };
  // What a deploy uploads: the files that differ from the previous build's output (in a resumed
  // run, the output as the kept run left it).
  let previous: ReadonlyMap<string, string> | null = resumeDir && existsSync(siteOut) ? hashTree(siteOut, outputHashes) : null;
  const siteBuilds = builds.filter((b) => b !== 'baseline');
  const compared = (f: BuildFigures): Record<string, unknown> => {
    if (!previous) return {};
    const differing = countDifferences(previous, f.hashes);
    return { identical_to_previous: differing === 0, differing_files: differing };
  };
  for (const build of siteBuilds) {
    let extra: Record<string, unknown> = {};
    if (build === 'cold') {
      // Cold: every cache and the output emptied, whatever a kept run left.
      for (const dir of ['chart-cache', 'content-cache', 'downloads.json', 'downloads-stash', 'downloads-lines', 'dist-site']) rmSync(join(scratch, dir), { recursive: true, force: true });
      rmSync(join(siteRoot, '.bench-cache'), { recursive: true, force: true });
      // The output before it is still compared: a cold build after a rebuild (`--builds
      // cold,changed-1pct,cold`, or `--scratch DIR --builds cold`) checks that the rebuild gave what a
      // cold build of the same content gives (`identical_to_previous`).
    }
    if (build === 'changed-1' || build === 'changed-1pct') {
      // A different pick each time on a kept site (the sentence goes in again), the same for a seed.
      const count = build === 'changed-1' ? 1 : Math.max(1, Math.round(n / 100));
      const changed = changeReports(corpus, Number(seed), count);
      console.error(`bench: changed ${changed.length} report(s)${changed.length === 1 ? ` (${changed[0]})` : ''}`);
      extra = { changed_reports: changed.length };
    }
    // One more baseline build just before each site build: the machine's speed moves within a run
    // (the same bare build took 17.46-34.98 s in one 20,000-report run), so each site build is also
    // divided by the baseline built in the state it met.
    const before = baselineSeconds === null ? null : await buildBaseline(true);
    const f = await site(build, suite !== 'caches' && build === siteBuilds.at(-1));
    const adjacent = before ? { baseline_before_seconds: round(before.seconds), baseline_before_cpu_seconds: before.cpuSeconds && round(before.cpuSeconds), ratio_to_baseline_before: round(f.seconds / before.seconds) } : {};
    print(build, f, baselineSeconds, { ...(runCachesOff.length ? { caches_off: runCachesOff.join(',') } : {}), ...compared(f), ...extra, ...adjacent });
    previous = f.hashes;
  }

  if (suite === 'caches') {
    if (!previous) throw new Error('--suite caches needs a built site: build cold (and warm) first, or --scratch DIR of a kept run');
    // One report toggled between two versions: the first switch makes both versions' pages known to every cache.
    const id = shuffleReports(readdirSync(join(corpus, 'reports')).sort(), Number(seed)).at(-1)!;
    const toggle = makeToggle(join(corpus, 'reports', id));
    console.error(`bench: caches: report ${id} switched between two versions`);
    for (const version of [0, 1] as const) {
      toggle(version === 0 ? 1 : 0);
      const f = await site('changed-1', false);
      print('changed-1', f, baselineSeconds, { suite: 'caches', warm_up: true, ...compared(f) });
      previous = f.hashes;
    }
    // Now on version 0. Off, on, on, off: each version built once with the cache and once without.
    let version: 0 | 1 = 0;
    for (const [c, cache] of cacheNames.entries()) {
      const runs: { off: boolean; version: 0 | 1; f: BuildFigures }[] = [];
      for (const off of [true, false, false, true]) {
        version = version === 0 ? 1 : 0;
        toggle(version);
        const f = await site('changed-1', c === cacheNames.length - 1 && runs.length === 3, off ? [cache] : []);
        print('changed-1', f, baselineSeconds, { suite: 'caches', cache, cache_off: off, version, ...compared(f) });
        previous = f.hashes;
        runs.push({ off, version, f });
      }
      const on = runs.filter((r) => !r.off);
      const off = runs.filter((r) => r.off);
      const identical = on.every((r) => off.some((o) => o.version === r.version && countDifferences(o.f.hashes, r.f.hashes) === 0));
      const cpu = (rs: typeof runs): number | null => (rs.every((r) => r.f.cpuSeconds !== null) ? round(mean(rs.map((r) => r.f.cpuSeconds!))) : null);
      console.log(
        JSON.stringify({ suite: 'caches', cache, reports: n, seconds_on: on.map((r) => round(r.f.seconds)), seconds_off: off.map((r) => round(r.f.seconds)), cpu_seconds_on: cpu(on), cpu_seconds_off: cpu(off), gain: round(mean(off.map((r) => r.f.seconds)) / mean(on.map((r) => r.f.seconds))), peak_mb_on: Math.max(...on.map((r) => r.f.peakMb)), peak_mb_off: Math.max(...off.map((r) => r.f.peakMb)), identical_output: identical }),
      );
    }
    toggle(0);
  }
} catch (err) {
  console.error(`bench: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  if (keep) console.error(`bench: kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
