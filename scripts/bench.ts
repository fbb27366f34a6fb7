/**
 * `npm run bench -- --reports N [--seed S] [--ref REV] [--keep] [--builds LIST] [--scratch DIR] [--cpu-prof DIR]`: the build
 * benchmark of issue #7. Generates a synthetic corpus of N reports, builds a bare Astro page per
 * report as the baseline, then the site cold (empty chart and image caches), warm (nothing changed)
 * and after changing 1% of reports. Prints one JSON line per build:
 *   {"build","reports","pages","seconds","peak_rss_mb","charts_rendered","charts_reused","ratio", …}
 * where `ratio` is seconds over the baseline's seconds in the same run, so the figure survives a
 * noisy machine. Extra fields: `files` (every output file), `images_made`/`images_reused` (embed
 * images, when the site has them), `cpu_seconds` (user + system of the whole build), and on the warm
 * and changed builds `identical_to_previous` and `differing_files` (files added, removed or changed
 * against the build before: what a deploy uploads), and `phases`: seconds of the build's phases (`build`:
 * bundling and generating every path, of which `charts`: the chart pre-render; `after`: pruning,
 * sitemap and search, of which `search`: the Pagefind index), `phase_peak_rss_mb`: the largest memory
 * sample within each phase (plus `pages`: from the end of the chart pre-render to the end of
 * `build`), and `peak_at_s` / `peak_processes_mb`: when the peak sample was taken and what each
 * process of the tree held then, so a peak can be put down to a phase and a process.
 *
 * Assumes the machine is shared: the site is built from a snapshot of the project (the working tree,
 * or `--ref REV` from git) copied into a scratch directory, so edits made while a long benchmark
 * runs do not leak into it, and neither the project's content/ nor its caches are read or written.
 * Each site build runs with the Node flags of the snapshot's `npm run build` (its heap limit).
 * Peak memory is the largest resident set of the build's whole process tree (Astro, Pagefind),
 * sampled from /proc every 100 ms, or the largest single process as /usr/bin/time reports it.
 * The site's three builds share one output directory, as a maintainer's rebuilds do (Astro's
 * incremental build leaves unchanged files in place); it is hashed after each build and deleted at
 * the end (20,000 reports with embeds take tens of GB), unless --keep. `--builds` makes some of the
 * builds only; `--scratch DIR` goes on in a kept scratch directory (corpus, caches, output) with the
 * code snapshot anew, so rebuilds can be measured after a code change without a cold build.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BUILDS, parseBuildList, type BuildName } from '../src/bench/build-list.ts';
import { changeReportFiles } from '../src/bench/change-report.ts';
import { countDifferences, hashTree, readBuildNodeFlags, runMeasured, type MeasuredRun } from '../src/bench/measure-build.ts';
import { PHASES_ENV, peakByPhase, readPhaseSpans, sumPhases } from '../src/integrations/build-phases.ts';
import { createKeyedRng, hashSeed } from '../src/synth/prng.ts';

const USAGE = 'usage: npm run bench -- --reports N [--seed S] [--ref REV] [--keep] [--builds LIST] [--scratch DIR] [--cpu-prof DIR]';
const REPO = fileURLToPath(new URL('..', import.meta.url));
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
  /** The largest memory sample (MB) within each phase. */
  readonly phasePeaks?: Record<string, number>;
}

/** Reads the JSON counters a build wrote on exit, if it wrote them. */
function readStats(file: string): Record<string, number> {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>) : {};
}

/** Runs `astro build` in a project, measures it, hashes its output and (when `remove`) deletes it. */
async function runBuild(root: string, outDir: string, env: Record<string, string>, nodeFlags: string[], remove: boolean): Promise<BuildFigures> {
  const astro = [...nodeFlags, join(root, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--root', root, '--outDir', outDir, '--config', 'astro.bench.config.mjs', '--silent'];
  const run = await runMeasured(astro, root, env);
  const hashes = hashTree(outDir);
  const paths = [...hashes.keys()];
  if (remove) rmSync(outDir, { recursive: true, force: true });
  return { ...run, pages: paths.filter((p) => p.endsWith('.html')).length, files: paths.length, hashes, stats: {} };
}

/** Picks 1% of reports (at least one), the same for a seed whatever the machine. */
function pickOnePercent(ids: readonly string[], seed: number): string[] {
  const keyed = ids.map((id) => ({ id, key: hashSeed(seed, 'change', id) }));
  keyed.sort((a, b) => a.key - b.key || (a.id < b.id ? -1 : 1));
  return keyed.slice(0, Math.max(1, Math.round(ids.length / 100))).map((k) => k.id);
}

/** Changes 1% of reports the way an editor would (see changeReportFiles). */
function changeOnePercent(corpus: string, seed: number): number {
  const dir = join(corpus, 'reports');
  const picked = pickOnePercent(readdirSync(dir).sort(), seed);
  for (const id of picked) {
    const rng = createKeyedRng(seed, 'change-text', id);
    changeReportFiles(join(dir, id), `（合成数据修订 ${Math.floor(rng() * 1000)}。）`);
  }
  return picked.length;
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

let args;
try {
  args = parseArgs({
    options: {
      reports: { type: 'string' },
      seed: { type: 'string', default: '1' },
      ref: { type: 'string' },
      keep: { type: 'boolean', default: false },
      builds: { type: 'string', default: BUILDS.join(',') },
      scratch: { type: 'string' },
      'cpu-prof': { type: 'string' },
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
    `${USAGE}\n  --reports N      how many synthetic reports\n  --seed S         corpus seed (default 1)\n  --ref REV        build the site as committed at REV instead of the working tree\n  --keep           keep the scratch directory and every output directory\n  --builds LIST    which builds, in order (default ${BUILDS.join(',')})\n  --scratch DIR    go on in the scratch directory a run kept with --keep: its corpus, caches and\n                   output, with the site's code snapshot anew (e.g. --builds baseline,changed-1pct\n                   after a change to the code, without the cold build again); kept afterwards\n  --cpu-prof DIR   write a V8 CPU profile of each site build into DIR`,
  );
  process.exit(0);
}
const { reports, seed, ref } = args.values;
const cpuProf = args.values['cpu-prof'];
const resumeDir = args.values.scratch;
const keep = args.values.keep || resumeDir !== undefined;
if (!reports || !/^[1-9]\d*$/.test(reports) || !/^-?\d+$/.test(seed)) {
  console.error(`bench: --reports N (a positive integer) is required\n${USAGE}`);
  process.exit(2);
}
let builds: BuildName[];
try {
  builds = parseBuildList(args.values.builds, resumeDir !== undefined);
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

  const round = (x: number): number => Math.round(x * 100) / 100;
  const print = (build: string, f: BuildFigures, baselineSeconds: number | null, extra: Record<string, unknown> = {}): void => {
    const { charts_rendered = null, charts_reused = null, ...rest } = f.stats;
    console.log(
      JSON.stringify({ build, reports: n, pages: f.pages, seconds: round(f.seconds), peak_rss_mb: f.peakRssMb, charts_rendered, charts_reused, ratio: baselineSeconds === null ? null : round(f.seconds / baselineSeconds), files: f.files, ...rest, cpu_seconds: f.cpuSeconds && round(f.cpuSeconds), ...(f.phases ? { phases: f.phases } : {}), ...(f.phasePeaks ? { phase_peak_rss_mb: f.phasePeaks } : {}), peak_at_s: f.peakAtSeconds, peak_processes_mb: f.peakProcesses, ...extra }),
    );
  };

  let baselineSeconds: number | null = null;
  if (builds.includes('baseline')) {
    const baseline = await runBuild(baselineRoot, join(scratch, 'dist-baseline'), { BENCH_CONTENT: corpus }, [], !keep);
    baselineSeconds = baseline.seconds;
    print('baseline', baseline, baselineSeconds);
  }

  const siteOut = join(scratch, 'dist-site');
  const site = async (build: string, last: boolean): Promise<BuildFigures> => {
    const stats = { chart: join(scratch, `chart-stats-${build}.json`), image: join(scratch, `image-stats-${build}.json`), phases: join(scratch, `phases-${build}.jsonl`) };
    for (const file of Object.values(stats)) rmSync(file, { force: true });
    const env = {
      GONGKAI_CONTENT: corpus,
      GONGKAI_CHART_CACHE: join(scratch, 'chart-cache'),
      GONGKAI_CHART_STATS: stats.chart,
      GONGKAI_IMAGE_CACHE: join(scratch, 'image-cache'),
      GONGKAI_DOWNLOAD_CACHE: join(scratch, 'downloads.json'),
      GONGKAI_IMAGE_STATS: stats.image,
      [PHASES_ENV]: stats.phases,
    };
    const flags = [...readBuildNodeFlags(readFileSync(join(siteRoot, 'package.json'), 'utf8')), ...(cpuProf ? ['--cpu-prof', '--cpu-prof-dir', join(cpuProf, build)] : [])];
    // The site builds share one output directory, as a maintainer's rebuilds do: the incremental
    // build leaves unchanged files where they are.
    const f = await runBuild(siteRoot, siteOut, env, flags, last && !keep);
    const phaseText = existsSync(stats.phases) ? readFileSync(stats.phases, 'utf8') : '';
    const spans = readPhaseSpans(phaseText);
    // The page phase: from the end of the chart pre-render to the end of `build` (Astro rendering every path).
    const charts = spans.find((s) => s.phase === 'charts');
    const generate = spans.find((s) => s.phase === 'build');
    if (charts && generate) spans.push({ phase: 'pages', start: charts.end, end: generate.end });
    const phasePeaks = peakByPhase(spans, f.rssSamples);
    return { ...f, stats: { ...readStats(stats.chart), ...readStats(stats.image) }, phases: sumPhases(phaseText), phasePeaks };
  };
  // What a deploy uploads: the files that differ from the previous build's output (in a resumed
  // run, the output as the kept run left it).
  let previous: ReadonlyMap<string, string> | null = resumeDir && existsSync(siteOut) ? hashTree(siteOut) : null;
  const siteBuilds = builds.filter((b) => b !== 'baseline');
  for (const build of siteBuilds) {
    let extra: Record<string, unknown> = {};
    if (build === 'cold') {
      // Cold: every cache and the output emptied, whatever a kept run left.
      for (const dir of ['chart-cache', 'image-cache', 'downloads.json', 'downloads-stash', 'downloads-lines', 'dist-site']) rmSync(join(scratch, dir), { recursive: true, force: true });
      rmSync(join(siteRoot, '.bench-cache'), { recursive: true, force: true });
      previous = null;
    }
    if (build === 'changed-1pct') {
      const changed = changeOnePercent(corpus, Number(seed));
      console.error(`bench: changed ${changed} reports`);
      extra = { changed_reports: changed };
    }
    const f = await site(build, build === siteBuilds.at(-1));
    if (previous) {
      const differing = countDifferences(previous, f.hashes);
      extra = { identical_to_previous: differing === 0, differing_files: differing, ...extra };
    }
    print(build, f, baselineSeconds, extra);
    previous = f.hashes;
  }
} catch (err) {
  console.error(`bench: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  if (keep) console.error(`bench: kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
