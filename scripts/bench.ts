/**
 * `npm run bench -- --reports N [--seed S] [--keep]`: the build benchmark of issue #7 (draft).
 * Generates a synthetic corpus of N reports, builds a bare Astro page per report as the baseline,
 * then the site cold (empty chart cache), warm (nothing changed) and after changing 1% of reports.
 * Prints one JSON line per build:
 *   {"build","reports","pages","seconds","peak_rss_mb","charts_rendered","charts_reused","ratio"}
 * where `ratio` is seconds over the baseline's seconds in the same run. Everything happens in a
 * scratch directory (removed unless --keep); the project's content/ is never read or written.
 * Peak memory is the build process's maximum resident set, measured by /usr/bin/time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createKeyedRng, hashSeed } from '../src/synth/prng.ts';

const USAGE = 'usage: npm run bench -- --reports N [--seed S] [--keep]';
const REPO = fileURLToPath(new URL('..', import.meta.url));
const ASTRO = join(REPO, 'node_modules', 'astro', 'bin', 'astro.mjs');
const TIME = '/usr/bin/time';

/** The bare baseline page: one plain table per report, read straight from its CSV. */
const BASELINE_PAGE = `---
import { readdirSync, readFileSync } from 'node:fs';
export function getStaticPaths() {
  const root = process.env.BENCH_CONTENT + '/reports';
  return readdirSync(root).sort().map((id) => ({
    params: { id },
    props: { id, rows: readFileSync(root + '/' + id + '/requests.csv', 'utf8').trimEnd().split('\\n').map((l) => l.split(',')) },
  }));
}
const { id, rows } = Astro.props;
---
<html lang="zh-CN"><head><meta charset="utf-8"><title>{id}</title></head>
<body><h1>{id}</h1><table>{rows.map((r) => <tr>{r.map((c) => <td>{c}</td>)}</tr>)}</table></body></html>
`;

/** One build's figures. */
interface BuildFigures {
  readonly seconds: number;
  readonly peakRssMb: number | null;
  readonly pages: number;
  readonly charts: { charts_rendered: number; charts_reused: number } | null;
}

/** Counts the HTML pages under a directory. */
function countPages(dir: string): number {
  return readdirSync(dir, { recursive: true }).filter((p) => String(p).endsWith('.html')).length;
}

/** Hashes every file of a directory tree (path and bytes), for comparing two builds. */
function hashTree(dir: string): string {
  const h = createHash('sha256');
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
  for (const f of files) h.update(f.slice(dir.length)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

/** Runs `astro build` under /usr/bin/time; throws with its output when it fails. */
function runBuild(root: string, outDir: string, env: Record<string, string>, statsFile: string | null): BuildFigures {
  const timed = existsSync(TIME);
  const cmd = timed ? TIME : process.execPath;
  const args = [...(timed ? ['-f', 'BENCH-MAXRSS-KB %M', process.execPath] : []), ASTRO, 'build', '--root', root, '--outDir', outDir, '--silent'];
  const started = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`astro build in ${root} failed (exit ${r.status}):\n${r.stderr.slice(-4000)}`);
  const rss = /BENCH-MAXRSS-KB (\d+)/.exec(r.stderr)?.[1];
  const charts = statsFile && existsSync(statsFile) ? (JSON.parse(readFileSync(statsFile, 'utf8')) as BuildFigures['charts']) : null;
  return { seconds, peakRssMb: rss ? Math.round(Number(rss) / 1024) : null, pages: countPages(outDir), charts };
}

/** Changes 1% of reports the way an editor would: a sentence in the text and one consistent appeal. */
function changeOnePercent(corpus: string, seed: number): number {
  const dir = join(corpus, 'reports');
  const ids = readdirSync(dir).sort();
  const picked = ids.map((id) => ({ id, key: hashSeed(seed, 'change', id) })).sort((a, b) => a.key - b.key || (a.id < b.id ? -1 : 1)).slice(0, Math.max(1, Math.round(ids.length / 100)));
  for (const { id } of picked) {
    const rng = createKeyedRng(seed, 'change-text', id);
    const md = join(dir, id, 'index.md');
    writeFileSync(md, readFileSync(md, 'utf8').replace(/\n## 五、/, `\n（合成数据修订 ${Math.floor(rng() * 1000)}。）\n\n## 五、`));
    // 行政复议 结果维持 + 1 and 总计 + 1: the report changes, T4-A still holds (or stays broken as it was).
    const csv = join(dir, id, 'appeals.csv');
    const lines = readFileSync(csv, 'utf8').split('\n');
    const header = (lines[0] ?? '').split(',');
    const [upheld, total] = [header.indexOf('upheld'), header.indexOf('total')];
    const i = lines.findIndex((l) => l.startsWith('review,'));
    const fields = (lines[i] ?? '').split(',');
    for (const k of [upheld, total]) fields[k] = String(Number(fields[k]) + 1);
    lines[i] = fields.join(',');
    writeFileSync(csv, lines.join('\n'));
  }
  return picked.length;
}

let args;
try {
  args = parseArgs({ options: { reports: { type: 'string' }, seed: { type: 'string', default: '1' }, keep: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } }, allowPositionals: false });
} catch (err) {
  console.error(`bench: ${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (args.values.help) {
  console.log(USAGE);
  process.exit(0);
}
const { reports, seed, keep } = args.values;
if (!reports || !/^\d+$/.test(reports) || !/^-?\d+$/.test(seed)) {
  console.error(`bench: --reports N is required\n${USAGE}`);
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
try {
  const corpus = join(scratch, 'corpus');
  const synth = spawnSync(process.execPath, [join(REPO, 'scripts', 'synth.ts'), '--reports', reports, '--out', corpus, '--seed', seed], { encoding: 'utf8' });
  if (synth.status !== 0) throw new Error(`synth failed:\n${synth.stderr}`);
  console.error(synth.stdout.trim());

  const baselineRoot = join(scratch, 'baseline');
  mkdirSync(join(baselineRoot, 'src', 'pages'), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(baselineRoot, 'node_modules'));
  writeFileSync(join(baselineRoot, 'astro.config.mjs'), "import { defineConfig } from 'astro/config';\nexport default defineConfig({ output: 'static' });\n");
  writeFileSync(join(baselineRoot, 'src', 'pages', '[id].astro'), BASELINE_PAGE);

  const n = Number(reports);
  const print = (build: string, f: BuildFigures, baseline: number): void => {
    console.log(JSON.stringify({ build, reports: n, pages: f.pages, seconds: Math.round(f.seconds * 100) / 100, peak_rss_mb: f.peakRssMb, charts_rendered: f.charts?.charts_rendered ?? null, charts_reused: f.charts?.charts_reused ?? null, ratio: Math.round((f.seconds / baseline) * 100) / 100 }));
  };
  const baseline = runBuild(baselineRoot, join(scratch, 'dist-baseline'), { BENCH_CONTENT: corpus }, null);
  print('baseline', baseline, baseline.seconds);

  const site = (build: string): BuildFigures => {
    const stats = join(scratch, `stats-${build}.json`);
    const env = { GONGKAI_CONTENT: corpus, GONGKAI_CHART_CACHE: join(scratch, 'chart-cache'), GONGKAI_CHART_STATS: stats };
    const f = runBuild(REPO, join(scratch, `dist-${build}`), env, stats);
    print(build, f, baseline.seconds);
    return f;
  };
  site('cold');
  site('warm');
  const same = hashTree(join(scratch, 'dist-cold')) === hashTree(join(scratch, 'dist-warm'));
  console.error(`bench: cold and warm builds of the same content are ${same ? '' : 'NOT '}byte-identical`);
  const changed = changeOnePercent(corpus, Number(seed));
  console.error(`bench: changed ${changed} reports`);
  site('changed-1pct');
} catch (err) {
  console.error(`bench: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  if (keep) console.error(`bench: kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
