/**
 * `npm run bench:ingest [-- --reports N] [--seconds S] [--threads T] [--against DIR | --docs DIR]`: first the table of the
 * real-tool corpus (src/ingest/fixtures/real-tools/: documents made by Chromium and LibreOffice Writer) per
 * kind: cells right, wrong values, cells left without a value (each with an error); then how many reports
 * per second ingest reads (decoding, extraction, PDF layout, table recognition, rules, JSON): the corpus's
 * PDFs on one thread, then on T worker threads at once as `npm run ingest -- <folder>` reads a folder
 * (default: the machine's cores, at most 4; `--threads 1` leaves it out), the five real reports as text, N
 * generated reports in every text layout and as HTML (one thread). CPU per report counts every thread of
 * the process. Writes nothing.
 *
 * `--against DIR` (another checkout of the project, e.g. `git worktree add /tmp/base main` with its
 * node_modules) times instead the PDF path of this checkout and of DIR over the same PDFs, passes
 * alternated in one process, so a change's gain is a same-run ratio on a shared machine; it also says
 * whether the two read every PDF the same.
 *
 * `--docs DIR` prints instead the same table for the documents in DIR (NAME.KIND beside NAME.json, as
 * scripts/make-unseen-ingest-docs.ts makes them), with every wrong value and every file not read named.
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { extractInput } from '../src/ingest/extract-input.ts';
import { listRealToolDocs, readRealToolDoc, REAL_TOOL_KINDS, scoreRealToolDoc } from '../src/ingest/fixtures/real-tools.ts';
import { LAYOUTS, renderReport } from '../src/ingest/fixtures/render-report.ts';
import { drawF2021Values, readCorpusValues } from '../src/ingest/fixtures/report-values.ts';
import { buildIngestJson } from '../src/ingest/ingest-json.ts';
import { parseReportLines } from '../src/ingest/parse-report.ts';
import { CORPUS_IDS, PROJECT_DIR, readExpected, readJurisdictions } from '../src/ingest/fixtures/test-support.ts';
import { createReadPool, defaultReadThreads, type ReadPool } from './read-pool.ts';

const { values } = parseArgs({ options: { reports: { type: 'string', default: '500' }, seconds: { type: 'string', default: '5' }, threads: { type: 'string' }, against: { type: 'string' }, docs: { type: 'string' } } });
const count = Number(values.reports);
const seconds = Number(values.seconds);
const threads = values.threads === undefined ? defaultReadThreads() : Number(values.threads);
if (!Number.isInteger(count) || count < 1 || !(seconds > 0) || !Number.isInteger(threads) || threads < 1) {
  console.error('usage: npm run bench:ingest [-- --reports N] [--seconds S] [--threads T] [--against DIR | --docs DIR]');
  process.exit(2);
}
const jurisdictions = readJurisdictions();
const unique = jurisdictions.all.filter((j) => jurisdictions.all.filter((o) => o.name === j.name).length === 1);
const enc = new TextEncoder();

/** One input to time: its name and bytes. */
interface Input {
  readonly name: string;
  readonly bytes: Uint8Array;
}

const real: Input[] = CORPUS_IDS.map((id) => ({ name: `${id}.txt`, bytes: new Uint8Array(readFileSync(join(PROJECT_DIR, 'src', 'fixtures', 'corpus', `${id}.txt`))) }));
const text: Input[] = [];
const html: Input[] = [];
for (let k = 0; k < count; k++) {
  const layout = LAYOUTS[k % LAYOUTS.length]!;
  const j = unique[k % unique.length]!;
  const v = k % 2 ? drawF2021Values(k, j.code, j.name, 2021 + (k % 4)) : readCorpusValues(readExpected(CORPUS_IDS[k % CORPUS_IDS.length]!));
  const rendered = renderReport(v, { layout, seed: k, fullWidth: k % 3 === 0, wording: k % 2 === 0, signs: 'words', units: 'spaced', halfWidthBrackets: k % 4 === 0 });
  (layout === 'html' ? html : text).push({ name: `gen-${k}.${layout === 'html' ? 'html' : 'txt'}`, bytes: enc.encode(rendered) });
}

/**
 * Ingests every input once; returns how many were read completely (every cell a value or a printed mark).
 * With a pool of worker threads every file is handed to it at once and the results taken in order, as
 * the ingest command does; without, one file after another in this thread.
 */
async function ingestAll(inputs: readonly Input[], pool: ReadPool | null = null): Promise<number> {
  let complete = 0;
  const reads = pool ? inputs.map((input) => pool.read(input.name, input.bytes)) : null;
  for (const [k, input] of inputs.entries()) {
    const extraction = await (reads ? reads[k]! : extractInput(input.name, input.bytes));
    if (!extraction.ok) continue;
    const result = parseReportLines(input.name, extraction.lines, jurisdictions);
    if (!result.ok) continue;
    const json = buildIngestJson(result.report);
    if (!result.report.diagnostics.some((d) => d.rule === 'cell-count' || d.rule === 'missing-row' || d.rule === 'ambiguous-row') && json.id) complete++;
  }
  return complete;
}

/** Times repeated passes over a corpus for at least `seconds`; prints and returns reports per second. */
async function measure(label: string, inputs: readonly Input[], pool: ReadPool | null = null): Promise<number> {
  await ingestAll(inputs, pool);
  let done = 0;
  let complete = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  while (performance.now() - start < seconds * 1000) {
    complete = await ingestAll(inputs, pool);
    done += inputs.length;
  }
  const rate = done / ((performance.now() - start) / 1000);
  const cpu = process.cpuUsage(cpuStart);
  const kb = inputs.reduce((n, i) => n + i.bytes.length, 0) / inputs.length / 1024;
  // CPU time (all of the process's threads) per report: steadier than the rate on a shared machine.
  console.log(`${label.padEnd(30)} ${String(inputs.length).padStart(5)} reports, ${kb.toFixed(1)} KB each: ${rate.toFixed(rate < 100 ? 1 : 0).padStart(6)} reports/s, ${((cpu.user + cpu.system) / 1000 / done).toFixed(2)} ms CPU each, ${complete}/${inputs.length} read completely`);
  return rate;
}

/** The PDF path of one checkout: extraction, table recognition and JSON, as the ingest command runs it. */
interface Pipeline {
  readonly name: string;
  readonly read: (input: Input) => Promise<string>;
}

/** Loads the PDF path of the checkout at `root`. */
async function loadPipeline(root: string): Promise<Pipeline> {
  const from = async (file: string): Promise<Record<string, (...args: never[]) => unknown>> => (await import(pathToFileURL(join(root, 'src', 'ingest', file)).href)) as Record<string, (...args: never[]) => unknown>;
  const extract = (await from('extract-input.ts')).extractInput as unknown as typeof extractInput;
  const parse = (await from('parse-report.ts')).parseReportLines as unknown as typeof parseReportLines;
  const toJson = (await from('ingest-json.ts')).buildIngestJson as unknown as typeof buildIngestJson;
  return {
    name: root,
    read: async (input) => {
      const extraction = await extract(input.name, input.bytes);
      if (!extraction.ok) return `${extraction.rule}: ${extraction.message}`;
      const result = parse(input.name, extraction.lines, jurisdictions);
      return JSON.stringify(result.ok ? toJson(result.report) : result.diagnostics);
    },
  };
}

/** Times this checkout's PDF path against another's over the same PDFs, passes alternated. */
async function compare(against: string, inputs: readonly Input[]): Promise<void> {
  const pipelines = [await loadPipeline(PROJECT_DIR), await loadPipeline(resolve(against))];
  const wall = [0, 0];
  const cpu = [0, 0];
  const outputs = ['', ''];
  let passes = 0;
  const start = performance.now();
  // A warm-up pass, then at least two timed passes, more while time remains (S seconds for each checkout).
  for (let pass = 0; pass < 3 || performance.now() - start < seconds * 2000; pass++) {
    for (let k = 0; k < 2; k++) {
      const t = performance.now();
      const u = process.cpuUsage();
      const out: string[] = [];
      for (const input of inputs) out.push(await pipelines[k]!.read(input));
      outputs[k] = out.join('\n');
      // The first pass warms both up (module loading, compilation) and is not counted.
      if (pass === 0) continue;
      wall[k] = wall[k]! + performance.now() - t;
      const d = process.cpuUsage(u);
      cpu[k] = cpu[k]! + (d.user + d.system) / 1000;
    }
    if (pass > 0) passes++;
  }
  const n = passes * inputs.length;
  for (let k = 0; k < 2; k++) {
    console.log(`${pipelines[k]!.name}: ${((n / wall[k]!) * 1000).toFixed(1)} PDF reports/s, ${(cpu[k]! / n).toFixed(1)} ms CPU each`);
  }
  console.log(`this checkout against ${against}, ${passes} passes of ${inputs.length} PDFs alternated: ${(wall[1]! / wall[0]!).toFixed(2)}x the reports a second, ${(cpu[1]! / cpu[0]!).toFixed(2)}x less CPU; every PDF read ${outputs[0] === outputs[1] ? 'the same' : 'DIFFERENTLY'} by both`);
}

// The real-tool corpus, per kind: every document read once and compared cell by cell with what it prints.
const docs = listRealToolDocs(values.docs ? resolve(values.docs) : undefined);
if (values.against) {
  await compare(values.against, docs.filter((d) => d.kind.endsWith('.pdf')).map((d) => ({ name: d.file, bytes: readRealToolDoc(d) })));
  process.exit(0);
}
const rows: string[] = ['| made with | files | cells right | wrong values | cells without a value (each with an error) |', '|---|---|---|---|---|'];
for (const kind of Object.keys(REAL_TOOL_KINDS)) {
  const ofKind = docs.filter((d) => d.kind === kind);
  if (!ofKind.length) continue;
  let right = 0;
  let total = 0;
  let wrong = 0;
  let missing = 0;
  let failed = 0;
  for (const doc of ofKind) {
    const score = await scoreRealToolDoc(doc, readRealToolDoc(doc), jurisdictions);
    if (values.docs && (score.failure || score.wrong.length)) console.log(`${doc.file}: ${score.failure ? `not read: ${score.failure.slice(0, 300)}` : `WRONG ${score.wrong.join('; ')}`}`);
    right += score.right;
    total += score.total;
    wrong += score.wrong.length;
    missing += score.missing.length;
    if (score.failure) failed++;
  }
  const share = total ? (Math.floor((right / total) * 1000) / 10).toFixed(1) : '0';
  rows.push(`| ${REAL_TOOL_KINDS[kind]} | ${ofKind.length}${failed ? ` (${failed} not read)` : ''} | ${share}% (${right}/${total}) | ${wrong} | ${missing} |`);
}
console.log(`${values.docs ? values.docs : 'real-tool corpus'} (${docs.length} documents of ${new Set(docs.map((d) => d.file.split('.')[0])).size} reports), per kind:\n${rows.join('\n')}\n`);
if (values.docs) process.exit(0);

const pdfs: Input[] = docs.filter((d) => d.kind.endsWith('.pdf')).map((d) => ({ name: d.file, bytes: readRealToolDoc(d) }));
const pdfRate = await measure('real-tool PDFs, 1 thread', pdfs);
let pooled = '';
if (threads > 1) {
  const pool = createReadPool(threads);
  const rate = await measure(`real-tool PDFs, ${threads} threads`, pdfs, pool);
  await pool.close();
  pooled = `, ${rate.toFixed(1)}/s read ${threads} at once in worker threads as ingest reads a folder (${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(1)})`;
}
const rates = [await measure('real reports (.txt)', real), await measure('generated text layouts', text), await measure('generated HTML pages', html)];
console.log(`bench:ingest: PDF reports ${pdfRate.toFixed(1)}/s on one thread${pooled} (target ≥ 20/s); text reports ${Math.min(rates[0]!, rates[1]!).toFixed(0)}/s at the slowest (target ≥ 50/s), HTML ${rates[2]!.toFixed(0)}/s; node ${process.version}`);
