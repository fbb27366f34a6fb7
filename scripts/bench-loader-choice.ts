/**
 * `node scripts/bench-loader-choice.ts --reports N [--runs R] [--keep]`: the measurement behind
 * loading content with our own loader instead of Astro's content layer (issue #2). Builds two
 * minimal Astro projects in a scratch directory, each with one page per report showing the
 * requests table as a plain table, from the same synthetic corpus and the same `loadContent`:
 *   direct         getStaticPaths() reads the checked content through a module-level memo, as the site does
 *   content-layer  a collection in src/content.config.ts whose custom loader runs loadContent and
 *                  `store.set`s every report; getStaticPaths() reads it with getCollection()
 * Each project is built twice: `cold` (no Astro cache, so the content layer fills its data store)
 * and `again` (its data store kept, as on a developer's machine or a CI cache). Prints one JSON line
 * per build: {"loader","build","reports","seconds","peak_rss_mb","cpu_seconds","data_store_mb"}.
 * Nothing of this is part of the site; the project's content/ is never read.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runMeasured } from '../src/bench/measure-build.ts';

const USAGE = 'usage: node scripts/bench-loader-choice.ts --reports N [--runs R] [--keep]';
const REPO = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(REPO, 'src');

/** The page body both projects share: the requests table of one report, raw cell texts. */
const TABLE_MARKUP = `<html lang="zh-CN"><head><meta charset="utf-8"><title>{report.meta.title}</title></head>
<body><h1>{report.meta.title}</h1><table>{Object.entries(report.tables.requests).map(([row, cells]) => <tr><th>{row}</th>{Object.values(cells).map((c) => <td>{c.raw}</td>)}</tr>)}</table></body></html>
`;

/** The files of each project, by path. */
const PROJECTS: Record<string, Record<string, string>> = {
  direct: {
    'src/pages/[id].astro': `---
import { getSiteContent } from '${SRC}/loaders/site-content.ts';
export function getStaticPaths() {
  return getSiteContent().reports.map((report) => ({ params: { id: report.meta.id }, props: { report } }));
}
const { report } = Astro.props;
---
${TABLE_MARKUP}`,
  },
  'content-layer': {
    'src/content.config.ts': `import { defineCollection } from 'astro:content';
import { loadContent } from '${SRC}/loaders/load-content.ts';
import { nodeContentFs } from '${SRC}/loaders/node-fs.ts';
import { resolveContentDir } from '${SRC}/loaders/content-dir.ts';

const reports = defineCollection({
  loader: {
    name: 'gongkai-reports',
    load: async ({ store, generateDigest }) => {
      const content = loadContent(nodeContentFs, resolveContentDir());
      if (content.errors.length) throw new Error(content.errors.length + ' content errors');
      store.clear();
      for (const report of content.reports) store.set({ id: report.meta.id, data: report, digest: generateDigest(report) });
    },
  },
});
export const collections = { reports };
`,
    'src/pages/[id].astro': `---
import { getCollection } from 'astro:content';
export async function getStaticPaths() {
  return (await getCollection('reports')).map((entry) => ({ params: { id: entry.id }, props: { report: entry.data } }));
}
const { report } = Astro.props;
---
${TABLE_MARKUP}`,
  },
};

let args;
try {
  args = parseArgs({ options: { reports: { type: 'string' }, runs: { type: 'string', default: '1' }, keep: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } } });
} catch (err) {
  console.error(`bench-loader-choice: ${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (args.values.help) {
  console.log(USAGE);
  process.exit(0);
}
const { reports, runs, keep } = args.values;
if (!reports || !/^[1-9]\d*$/.test(reports) || !/^[1-9]\d*$/.test(runs)) {
  console.error(`bench-loader-choice: --reports N is required\n${USAGE}`);
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'gongkai-loader-choice-'));
try {
  const corpus = join(scratch, 'corpus');
  const synth = spawnSync(process.execPath, [join(REPO, 'scripts', 'synth.ts'), '--reports', reports, '--out', corpus], { encoding: 'utf8' });
  if (synth.status !== 0) throw new Error(`synth failed:\n${synth.stderr}`);
  console.error(synth.stdout.trim());
  for (let run = 0; run < Number(runs); run++) {
    for (const [loader, files] of Object.entries(PROJECTS)) {
      const root = join(scratch, loader);
      rmSync(root, { recursive: true, force: true });
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(join(root, path, '..'), { recursive: true });
        writeFileSync(join(root, path), text);
      }
      symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
      writeFileSync(join(root, 'astro.config.mjs'), "export default { output: 'static', cacheDir: './.astro-cache' };\n");
      for (const build of ['cold', 'again']) {
        const astro = [join(root, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--root', root, '--outDir', join(scratch, `dist-${loader}`), '--silent'];
        const r = await runMeasured(astro, root, { GONGKAI_CONTENT: corpus });
        const store = join(root, '.astro-cache', 'data-store.json');
        const storeMb = existsSync(store) ? Math.round((statSync(store).size / 1048576) * 10) / 10 : 0;
        console.log(JSON.stringify({ loader, build, reports: Number(reports), seconds: Math.round(r.seconds * 100) / 100, peak_rss_mb: r.peakRssMb, cpu_seconds: r.cpuSeconds && Math.round(r.cpuSeconds * 100) / 100, data_store_mb: storeMb }));
      }
    }
  }
} catch (err) {
  console.error(`bench-loader-choice: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  if (keep) console.error(`bench-loader-choice: kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
