/**
 * `npm run bench -- --suite search --reports N [--seed S] [--site DIR] [--narrative real] [--whole] [--keep]`: the
 * search index benchmark of issues #6/#7. Generates a synthetic corpus of N reports (`npm run synth`), writes without Astro
 * the pages Pagefind indexes (one per report, one per jurisdiction, the methodology), then times
 * `buildSearchIndex` on them in a child process, in parts as the site builds it (`--part-pages N`
 * overrides the pages a part may hold), and prints each part's figures on stderr and one JSON line:
 *   {"reports","pages","seconds","cpu_seconds","peak_mb","parts","part_pages_max","largest_part_pages","part_peak_mb","index_files","index_mb","html_mb", …}
 * plus `index_disk_mb` (the index's allocated blocks), `narrative`, `trimmed` (pages cut to what Pagefind
 * reads before it gets them, as the site does; `--whole` hands them over whole, to compare), `whole_pages`
 * (pages handed over whole although trimming was asked) and `load_1m` (the load average when indexing began). `peak_mb` is the whole run's, `part_peak_mb` the largest of the parts' peaks, each the sum of the tree's proportional set sizes (src/bench/measure-build.ts: a page shared by two processes counted once). Synthetic narratives are about a tenth as long as real ones; `--narrative real`
 * gives the reports the committed real reports' narratives in turn (long texts, few distinct ones).
 *
 * Assumes a page's shape matters to Pagefind, not how it was made: each page is a real built page
 * of the site (the template, from `--site DIR` or built here from a snapshot of the working
 * tree) with the indexed parts replaced by the synthetic report's, rendered by the site's own view
 * code (`buildReportView`, `buildJurisdictionView`, `renderMarkdown`). The parts search leaves out
 * (charts, tables, the quality panel) stay the template's, so excluding them costs what it costs on
 * the site. Peak memory is that of the child's whole process tree, Pagefind's binary included.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { runMeasured } from '../src/bench/measure-build.ts';
import { PAGEFIND_DIR } from '../src/integrations/pagefind.ts';
import { SEARCH_SKIP_END, SEARCH_SKIP_START } from '../src/site/search-skip.ts';
import { readSearchPartMaxPages, SEARCH_MANIFEST, type SearchManifest } from '../src/integrations/pagefind-parts.ts';
import { loadContent, type LoadedContent } from '../src/loaders/load-content.ts';
import { nodeContentFs } from '../src/loaders/node-fs.ts';
import { seriesOf } from '../src/reports/report-id.ts';
import type { CheckedReport, Narrative } from '../src/reports/types.ts';
import { buildReportView, type Link, type ReportView } from '../src/views/report-view.ts';
import { buildJurisdictionView, listGovernmentSeries, type ReportListItem } from '../src/views/site-views.ts';

const USAGE = 'usage: npm run bench -- --suite search --reports N [--seed S] [--site DIR] [--narrative synthetic|real] [--part-pages N] [--whole] [--keep]';
const REPO = fileURLToPath(new URL('..', import.meta.url));
/** What the template build reads from the project besides node_modules and content/. */
const SITE_FILES = ['src', 'public', 'astro.config.mjs', 'site.config.json', 'tsconfig.json', 'package.json'];
/** The report page used as the template when the built site has it (the one issue #6 looked at). */
const PREFERRED_TEMPLATE_REPORT = '230881-2020';

/** A page cut into literal text and the slots a page fills in. */
type Template = readonly (string | { readonly slot: string })[];

/** The built pages the benchmark's pages are made from. */
export interface PageTemplates {
  /** A report page with slots `title`, `id`, `publisher`, `facts` (h1 and facts list) and `text` (the narrative to the end of the article). */
  readonly report: Template;
  /** A jurisdiction page with slots `title` (the head's) and `main` (everything inside `<main>`). */
  readonly jurisdiction: Template;
  /** The trend charts section of a jurisdiction page (left out of the index, like every chart). */
  readonly trends: string;
  /** The methodology page, as built. */
  readonly methodology: string;
}

/** Escapes text for HTML content and attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Replaces the one match of `pattern` in `html` with a slot; throws, naming the template, when there is not exactly one. */
function cutSlot(html: string, pattern: RegExp, slot: string, file: string): string {
  const all = html.match(new RegExp(pattern.source, 'g')) ?? [];
  if (all.length !== 1) throw new Error(`${file}: expected one ${pattern.source} in the built page, found ${all.length}; the page's markup changed, update scripts/bench-search.ts`);
  return html.replace(pattern, () => `\u0000${slot}\u0000`);
}

/** Splits marked-up text into literal chunks and slots. */
function splitTemplate(marked: string): Template {
  return marked.split(/\u0000(\w+)\u0000/).map((part, i) => (i % 2 ? { slot: part } : part));
}

/** Fills a template's slots. */
function fillTemplate(template: Template, values: Readonly<Record<string, string>>): string {
  return template.map((part) => (typeof part === 'string' ? part : (values[part.slot] ?? ''))).join('');
}

/** Reads the templates from a built site: a report page, the province's page (it has every section) and the methodology page. */
export function readPageTemplates(site: string): PageTemplates {
  const reports = readdirSync(join(site, 'reports'), { withFileTypes: true }).filter((e) => e.isDirectory() && existsSync(join(site, 'reports', e.name, 'index.html'))).map((e) => e.name).sort();
  const id = reports.includes(PREFERRED_TEMPLATE_REPORT) ? PREFERRED_TEMPLATE_REPORT : reports[0];
  if (!id) throw new Error(`${site}: no built report page (reports/*/index.html); is it a built gongkai site?`);
  const reportFile = join(site, 'reports', id, 'index.html');
  let report = readFileSync(reportFile, 'utf8');
  const title = /<h1>([^<]+)<\/h1>/.exec(report)?.[1];
  if (!title) throw new Error(`${reportFile}: no <h1> title`);
  const publisher = /<dt>发布机关<\/dt><dd>([^<]+)<\/dd>/.exec(report)?.[1];
  report = cutSlot(report, /<h1>[\s\S]*?<\/h1>\s*<dl class="facts">[\s\S]*?<\/dl>/, 'facts', reportFile);
  report = cutSlot(report, /<h2 id="text-heading">[\s\S]*?<\/article>/, 'text', reportFile);
  report = report.split(title).join('\u0000title\u0000').split(id).join('\u0000id\u0000');
  // The publisher is also in the citation, which search indexes.
  if (publisher) report = report.split(publisher).join('\u0000publisher\u0000');

  const jFile = join(site, 'jurisdictions', '230000', 'index.html');
  const jHtml = readFileSync(jFile, 'utf8');
  const trends = /<section aria-labelledby="trends-heading">[\s\S]*?<\/section>/.exec(jHtml)?.[0];
  if (!trends) throw new Error(`${jFile}: no trend charts section`);
  let jurisdiction = cutSlot(jHtml, /<title>[^<]*<\/title>/, 'title', jFile);
  jurisdiction = cutSlot(jurisdiction, /<main id="main" class="wrap">[\s\S]*?<\/main>/, 'main', jFile);

  return { report: splitTemplate(report), jurisdiction: splitTemplate(jurisdiction), trends, methodology: readFileSync(join(site, 'methodology', 'index.html'), 'utf8') };
}

/** The h1 and facts list of a report page, as src/pages/reports/[id]/index.astro and src/components/SourceFacts.astro write them (what search skips marked). */
function renderReportFacts(view: ReportView): string {
  const skipped = (term: string, html: string): string => `<dt data-pagefind-ignore>${term}</dt><dd data-pagefind-ignore>${SEARCH_SKIP_START}${html}${SEARCH_SKIP_END}</dd>`;
  const siblings = view.siblings.length ? skipped('其他年度', view.siblings.map((s) => `<a href="${escapeHtml(s.href)}">${escapeHtml(s.text)}</a>`).join('')) : '';
  const { source } = view;
  const original = `${source.originalHref ? `<a href="${escapeHtml(source.originalHref)}" rel="external noopener">${escapeHtml(source.originalText)}</a>` : escapeHtml(source.originalText)}${source.retrieved ? `<span class="muted">（${escapeHtml(source.retrieved)} 下载）</span>` : ''}${source.note ? `<span class="muted"> ${escapeHtml(source.note)}</span>` : ''}`;
  const sha256 = source.sha256 ? skipped('SHA-256', `${escapeHtml(source.sha256Of)}：<code class="hash">${escapeHtml(source.sha256)}</code>`) : '';
  const sourceFacts = `${skipped('原文出处', original)} ${sha256} ${skipped('原文文本', `<a href="${escapeHtml(source.textHref)}">本站保存的原文文本（逐行编号）</a>`)}`;
  return `<h1>${escapeHtml(view.title)}</h1> <dl class="facts"> <dt>地区</dt><dd><a href="${escapeHtml(view.jurisdiction.href)}">${escapeHtml(view.jurisdiction.text)}</a>（${escapeHtml(view.levelLabel)}）</dd> <dt>年度</dt><dd>${view.year}</dd> <dt>发布机关</dt><dd>${escapeHtml(view.publisher)}</dd> <dt>统计范围</dt><dd>${escapeHtml(view.scopeLabel)}</dd> ${skipped('表式', escapeHtml(view.formLabel))} ${skipped('数据质量', `<a href="#quality">${escapeHtml(view.quality.summary)}</a>`)} ${siblings} ${sourceFacts} </dl>`;
}

/** The narrative of a report page to the end of its article, as the page writes it. */
function renderReportText(view: ReportView): string {
  const preamble = view.preambleHtml ? `<div class="prose">${view.preambleHtml}</div>` : '';
  const sections = view.narrative.map((s) => `<section class="prose"> <h3>${escapeHtml(s.heading)}</h3> ${s.html} </section>`).join('');
  return `<h2 id="text-heading">报告原文</h2> ${preamble} ${sections} </article>`;
}

/** The breadcrumbs of a page, as src/components/Breadcrumbs.astro writes them. */
function renderBreadcrumbs(links: readonly Link[], current: string): string {
  return `<nav class="crumbs" aria-label="所属地区"> <ol> ${links.map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.text)}</a></li>`).join('')} <li aria-current="page">${escapeHtml(current)}</li> </ol> </nav>`;
}

/** A list of reports, as src/components/ReportList.astro writes it. */
function renderReportList(items: readonly ReportListItem[], caption: string): string {
  const rows = items.map((r) => `<tr> <th scope="row"><a href="${escapeHtml(r.href)}">${escapeHtml(r.title)}</a></th> <td>${escapeHtml(r.jurisdiction)}</td> <td>${escapeHtml(r.level)}</td> <td>${r.year}</td> <td>${escapeHtml(r.form)}</td> <td><span class="badge ${r.failing ? 'fail' : 'pass'}">${escapeHtml(r.quality)}</span></td> </tr>`);
  return `<div class="scroll" role="region" aria-label="${escapeHtml(caption)}" tabindex="0"> <table class="report-list"> <caption class="sr-only">${escapeHtml(caption)}</caption> <thead><tr><th scope="col">报告</th><th scope="col">地区</th><th scope="col">级别</th><th scope="col">年度</th><th scope="col">表式</th><th scope="col">一致性检查</th></tr></thead> <tbody> ${rows.join('')} </tbody> </table> </div>`;
}

/** Writes a page to `<out>/<path>/index.html`; returns its size in bytes. */
function writePage(out: string, path: string, html: string): number {
  const dir = join(out, path);
  mkdirSync(dir, { recursive: true });
  const bytes = Buffer.from(html);
  writeFileSync(join(dir, 'index.html'), bytes);
  return bytes.length;
}

/**
 * Writes the pages search covers for checked content into `out`: each report, each jurisdiction, the
 * methodology. With `narratives`, report i shows narrative i modulo their number instead of its own.
 */
export function writeSearchSite(content: LoadedContent, out: string, templates: PageTemplates, narratives: readonly Narrative[] = []): { pages: number; bytes: number } {
  let pages = 0;
  let bytes = 0;
  const bySeries = new Map<string, CheckedReport[]>();
  for (const r of content.reports) bySeries.set(seriesOf(r.meta.id), [...(bySeries.get(seriesOf(r.meta.id)) ?? []), r]);
  for (const [i, own] of content.reports.entries()) {
    const report = narratives.length ? { ...own, narrative: narratives[i % narratives.length]! } : own;
    // A report's view reads the other reports only for its series' other years, so only those are passed.
    const view = buildReportView(report, bySeries.get(seriesOf(report.meta.id)) ?? [report], content.jurisdictions);
    const html = fillTemplate(templates.report, { title: escapeHtml(view.title), id: view.id, publisher: escapeHtml(view.publisher), facts: renderReportFacts(view), text: renderReportText(view) });
    bytes += writePage(out, join('reports', view.id), html);
    pages++;
  }
  for (const j of content.jurisdictions.all) {
    const view = buildJurisdictionView(j, content.reports, content.jurisdictions);
    const parents = view.breadcrumbs.slice(0, -1);
    const reports = view.reports.length ? renderReportList(view.reports, `${view.name}的年度报告`) : `<p class="muted">暂未收录${escapeHtml(view.name)}的年度报告。</p>`;
    const trends = listGovernmentSeries(content.reports, j.code).length ? templates.trends : '';
    const children = view.children.length
      ? `<section aria-labelledby="children-heading"> <h2 id="children-heading">${escapeHtml(view.childrenHeading)}</h2> <ul class="cols"> ${view.children.map((c) => `<li><a href="${escapeHtml(c.href)}">${escapeHtml(c.text)}</a>${c.reports > 0 ? `<span class="muted">（${c.reports} 份报告）</span>` : ''}</li>`).join('')} </ul> </section>`
      : '';
    const main = `<main id="main" class="wrap"> ${parents.length ? renderBreadcrumbs(parents, view.name) : ''}<h1>${escapeHtml(view.name)} <span class="muted">${escapeHtml(view.levelLabel)} · ${view.code}</span></h1> <section aria-labelledby="reports-heading"> <h2 id="reports-heading">年度报告</h2> ${reports} </section> ${trends}${children} </main>`;
    bytes += writePage(out, join('jurisdictions', j.code), fillTemplate(templates.jurisdiction, { title: `<title>${escapeHtml(`${view.name}（${view.code}）`)} · 公开</title>`, main }));
    pages++;
  }
  bytes += writePage(out, 'methodology', templates.methodology);
  return { pages: pages + 1, bytes };
}

/** Builds the site (a snapshot of the working tree, with the content in content/) into `scratch`, for its pages; returns the output directory. */
function buildTemplateSite(scratch: string): string {
  const root = join(scratch, 'template-site');
  const out = join(scratch, 'template-dist');
  mkdirSync(root, { recursive: true });
  for (const name of SITE_FILES) cpSync(join(REPO, name), join(root, name), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
  writeFileSync(join(root, 'astro.bench.config.mjs'), "import config from './astro.config.mjs';\nexport default { ...config, cacheDir: './.bench-cache/astro', vite: { ...(config.vite ?? {}), cacheDir: './.bench-cache/vite' } };\n");
  const caches = { GONGKAI_CONTENT: join(REPO, 'content'), GONGKAI_CHART_CACHE: join(scratch, 'cache', 'charts'), GONGKAI_DOWNLOAD_CACHE: join(scratch, 'cache', 'downloads') };
  const astro = [join(REPO, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--root', root, '--outDir', out, '--config', 'astro.bench.config.mjs', '--silent'];
  const built = spawnSync(process.execPath, astro, { cwd: root, env: { ...process.env, ...caches }, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (built.status !== 0) throw new Error(`building the template site failed (exit ${built.status}):\n${built.stdout.slice(-2000)}\n${built.stderr.slice(-4000)}`);
  return out;
}

/**
 * The child's script: runs `buildSearchIndex` on `dir` part by part, sampling its own process tree's
 * memory every 100 ms to write each part's time and peak to `partsFile`, then waits for Pagefind's
 * binaries to exit. Pagefind's Node API unrefs its binary and only signals it on close, so without the
 * wait the child exits first, nobody it knows reaps a binary, and /usr/bin/time would leave out its CPU time.
 */
function writeIndexScript(dir: string, partsFile: string, trim: boolean): string {
  const integration = pathToFileURL(join(REPO, 'src', 'integrations', 'pagefind.ts')).href;
  const measure = pathToFileURL(join(REPO, 'src', 'bench', 'measure-build.ts')).href;
  return `import childProcess from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
const spawned = [];
const spawn = childProcess.spawn;
childProcess.spawn = (...args) => { const child = spawn(...args); spawned.push(child); return child; };
const { buildSearchIndex } = await import(${JSON.stringify(integration)});
const { measureTreeMemory, readTree, PSS_EVERY_MS } = await import(${JSON.stringify(measure)});
const treeKb = () => measureTreeMemory(readTree(process.pid)).kb;
const parts = [];
// Parts in flight by name: with two lanes (GONGKAI_SEARCH_PROCESSES) two are written at once; each part's peak is the tree's while it was in flight.
const current = new Map();
const timer = setInterval(() => { if (current.size) { const kb = treeKb(); for (const c of current.values()) c.peakKb = Math.max(c.peakKb, kb); } }, PSS_EVERY_MS);
const { whole } = await buildSearchIndex(${JSON.stringify(dir)}, {
  trim: ${JSON.stringify(trim)},
  onPart: ({ part, phase }) => {
    if (phase === 'start') current.set(part.name, { name: part.name, pages: part.pages.length, started: performance.now(), peakKb: treeKb() });
    else {
      const c = current.get(part.name);
      parts.push({ part: c.name, pages: c.pages, seconds: Math.round(performance.now() - c.started) / 1000, peak_mb: Math.round(c.peakKb / 1024) });
      current.delete(part.name);
    }
  },
});
clearInterval(timer);
writeFileSync(${JSON.stringify(partsFile)}, JSON.stringify({ parts, whole: whole.length }));
if (!spawned.length) throw new Error('bench-search: Pagefind started no binary; cannot account for its time');
for (const child of spawned) {
  if (child.exitCode !== null || child.signalCode !== null) continue;
  child.ref();
  await once(child, 'exit');
}
`;
}

/** Counts the files under a directory, their bytes and the bytes of the blocks they take on disk. */
function measureTree(dir: string): { files: number; bytes: number; diskBytes: number } {
  let files = 0;
  let bytes = 0;
  let diskBytes = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const s = statSync(join(e.parentPath, e.name));
    files++;
    bytes += s.size;
    diskBytes += s.blocks * 512;
  }
  return { files, bytes, diskBytes };
}

/** Reads how many pages the written index holds, over its parts (from its manifest) and their languages. */
function readIndexedPages(dir: string): number {
  const manifest = JSON.parse(readFileSync(join(dir, PAGEFIND_DIR, SEARCH_MANIFEST), 'utf8')) as SearchManifest;
  return manifest.parts.reduce((n, part) => {
    const entry = JSON.parse(readFileSync(join(dir, PAGEFIND_DIR, part, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    return n + Object.values(entry.languages).reduce((m, l) => m + l.page_count, 0);
  }, 0);
}

/**
 * What the search page fetches of the index (src/client/search.ts, Pagefind 1.x's browser code): on
 * its first search the manifest, the first part's `pagefind.js` and Chinese wasm, and each part's
 * `pagefind-entry.json` and `.pf_meta` (merged parts load no wasm); then, for each word of a query, one
 * index chunk of each part (counted at each part's mean chunk size), before the hits' fragments.
 */
export function measureReaderFetches(pagefindDir: string): { load_requests: number; load_kb: number; word_requests: number; word_kb: number } {
  const manifest = JSON.parse(readFileSync(join(pagefindDir, SEARCH_MANIFEST), 'utf8')) as SearchManifest;
  let loadRequests = 1;
  let loadBytes = statSync(join(pagefindDir, SEARCH_MANIFEST)).size;
  let wordBytes = 0;
  manifest.parts.forEach((part, i) => {
    const dir = join(pagefindDir, part);
    for (const file of readdirSync(dir)) {
      if (file === 'pagefind-entry.json' || file.endsWith('.pf_meta') || (i === 0 && (file === 'pagefind.js' || file === 'pagefind-worker.js' || file.startsWith('wasm.')))) {
        loadRequests++;
        loadBytes += statSync(join(dir, file)).size;
      }
    }
    const chunks = readdirSync(join(dir, 'index')).map((f) => statSync(join(dir, 'index', f)).size);
    wordBytes += chunks.reduce((a, b) => a + b, 0) / Math.max(1, chunks.length);
  });
  const kb = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;
  return { load_requests: loadRequests, load_kb: kb(loadBytes), word_requests: manifest.parts.length, word_kb: kb(wordBytes) };
}

/** One part's figures, as the child measured them. */
interface PartFigures {
  readonly part: string;
  readonly pages: number;
  readonly seconds: number;
  readonly peak_mb: number;
}

/** Runs the benchmark from the command line. */
async function runBench(): Promise<void> {
  let args;
  try {
    args = parseArgs({ options: { reports: { type: 'string' }, 'part-pages': { type: 'string' }, seed: { type: 'string', default: '1' }, site: { type: 'string' }, narrative: { type: 'string', default: 'synthetic' }, keep: { type: 'boolean', default: false }, whole: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } }, allowPositionals: false });
  } catch (err) {
    console.error(`bench-search: ${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (args.values.help) {
    console.log(`${USAGE}\n  --reports N   how many synthetic reports\n  --seed S      corpus seed (default 1)\n  --site DIR    a built site to take the page templates from (default: build the working tree's site here)\n  --narrative real   give the reports, in turn, the narratives of the committed real reports (about ten times longer than synthetic ones)\n  --part-pages N     at most N pages a search index part (default GONGKAI_SEARCH_PART_PAGES, else the site's default)\n  --whole       hand Pagefind the pages whole instead of trimmed to what it reads (the site trims; for comparing)\n  --keep        keep the scratch directory (corpus, pages, index)`);
    process.exit(0);
  }
  const { reports, seed, site, narrative, keep, whole } = args.values;
  if (!reports || !/^[1-9]\d*$/.test(reports) || !/^-?\d+$/.test(seed)) {
    console.error(`bench-search: --reports N (a positive integer) is required\n${USAGE}`);
    process.exit(2);
  }
  const partPagesArg = args.values['part-pages'];
  if (partPagesArg !== undefined && !/^[1-9]\d*$/.test(partPagesArg)) {
    console.error(`bench-search: --part-pages N must be a positive integer, found “${partPagesArg}”\n${USAGE}`);
    process.exit(2);
  }
  if (narrative !== 'synthetic' && narrative !== 'real') {
    console.error(`bench-search: --narrative must be synthetic or real, found “${narrative}”\n${USAGE}`);
    process.exit(2);
  }
  if (site && !existsSync(join(site, 'methodology', 'index.html'))) {
    console.error(`bench-search: ${site} is not a built site (no methodology/index.html)\n  hint: build one with astro build --outDir DIR, or leave out --site`);
    process.exit(2);
  }

  const scratch = mkdtempSync(join(tmpdir(), 'gongkai-bench-search-'));
  try {
    const corpus = join(scratch, 'corpus');
    const synth = spawnSync(process.execPath, [join(REPO, 'scripts', 'synth.ts'), '--reports', reports, '--out', corpus, '--seed', seed], { encoding: 'utf8' });
    if (synth.status !== 0) throw new Error(`synth failed:\n${synth.stderr}`);
    console.error(synth.stdout.trim());

    const templates = readPageTemplates(site ?? buildTemplateSite(scratch));
    const content = loadContent(nodeContentFs, corpus);
    if (content.errors.length) throw new Error(`the synthetic corpus has ${content.errors.length} content error(s), e.g. ${content.errors[0]?.message}`);
    const out = join(scratch, 'site');
    const narratives = narrative === 'real' ? loadContent(nodeContentFs, join(REPO, 'content')).reports.map((r) => r.narrative) : [];
    const written = writeSearchSite(content, out, templates, narratives);
    console.error(`bench-search: wrote ${written.pages} pages (${(written.bytes / 2 ** 20).toFixed(1)} MB) to ${out}`);

    const load = loadavg()[0] ?? 0;
    const partsFile = join(scratch, 'parts.json');
    const partPages = args.values['part-pages'] ?? String(readSearchPartMaxPages(process.env));
    const run = await runMeasured(['--input-type=module', '-e', writeIndexScript(out, partsFile, !whole)], REPO, { GONGKAI_SEARCH_PART_PAGES: partPages });
    const indexed = readIndexedPages(out);
    const { parts, whole: wholePages } = JSON.parse(readFileSync(partsFile, 'utf8')) as { parts: PartFigures[]; whole: number };
    for (const p of parts) console.error(`bench-search: part ${JSON.stringify(p)}`);
    if (indexed !== written.pages) throw new Error(`the index holds ${indexed} pages, but ${written.pages} were written`);
    const index = measureTree(join(out, PAGEFIND_DIR));
    const reader = measureReaderFetches(join(out, PAGEFIND_DIR));
    const mb = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;
    const round = (x: number): number => Math.round(x * 100) / 100;
    console.log(
      JSON.stringify({
        reports: content.reports.length,
        pages: indexed,
        seconds: round(run.seconds),
        cpu_seconds: run.cpuSeconds === null ? null : round(run.cpuSeconds),
        peak_mb: run.peakMb,
        peak_counts: run.peakRssOnly.length ? `pss; rss for ${run.peakRssOnly.join(', ')}` : 'pss',
        parts: parts.length,
        part_pages_max: Number(partPages),
        largest_part_pages: Math.max(...parts.map((p) => p.pages)),
        part_peak_mb: Math.max(...parts.map((p) => p.peak_mb)),
        index_files: index.files,
        index_mb: mb(index.bytes),
        html_mb: mb(written.bytes),
        index_disk_mb: mb(index.diskBytes),
        reader_load_requests: reader.load_requests,
        reader_load_kb: reader.load_kb,
        reader_word_requests: reader.word_requests,
        reader_word_kb: reader.word_kb,
        narrative,
        trimmed: !whole,
        whole_pages: wholePages,
        load_1m: round(load),
      }),
    );
  } catch (err) {
    console.error(`bench-search: ${(err as Error).message}`);
    process.exitCode = 1;
  } finally {
    if (keep) console.error(`bench-search: kept ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
}

if (import.meta.main) await runBench();
