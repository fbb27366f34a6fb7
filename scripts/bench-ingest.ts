/**
 * `npm run bench:ingest [-- --reports N] [--seconds S]`: first the table of the real-tool corpus
 * (src/ingest/fixtures/real-tools/: documents made by Chromium and LibreOffice Writer) per kind: cells
 * right, wrong values, cells left without a value (each with an error); then how many reports per
 * second ingest reads (decoding, extraction, PDF layout, table recognition, rules, JSON): the corpus's
 * PDFs, the five real reports as text, N generated reports in every text layout and as HTML. Writes
 * nothing.
 */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractInput } from '../src/ingest/extract-input.ts';
import { listRealToolDocs, readRealToolDoc, REAL_TOOL_KINDS, scoreRealToolDoc } from '../src/ingest/fixtures/real-tools.ts';
import { LAYOUTS, renderReport } from '../src/ingest/fixtures/render-report.ts';
import { drawF2021Values, readCorpusValues } from '../src/ingest/fixtures/report-values.ts';
import { buildIngestJson } from '../src/ingest/ingest-json.ts';
import { parseReportLines } from '../src/ingest/parse-report.ts';
import { CORPUS_IDS, PROJECT_DIR, readExpected, readJurisdictions } from '../src/ingest/fixtures/test-support.ts';

const { values } = parseArgs({ options: { reports: { type: 'string', default: '500' }, seconds: { type: 'string', default: '5' } } });
const count = Number(values.reports);
const seconds = Number(values.seconds);
if (!Number.isInteger(count) || count < 1 || !(seconds > 0)) {
  console.error('usage: npm run bench:ingest [-- --reports N] [--seconds S]');
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

/** Ingests every input once; returns how many were read completely (every cell a value or a printed mark). */
async function ingestAll(inputs: readonly Input[]): Promise<number> {
  let complete = 0;
  for (const input of inputs) {
    const extraction = await extractInput(input.name, input.bytes);
    if (!extraction.ok) continue;
    const result = parseReportLines(input.name, extraction.lines, jurisdictions);
    if (!result.ok) continue;
    const json = buildIngestJson(result.report);
    if (!result.report.diagnostics.some((d) => d.rule === 'cell-count' || d.rule === 'missing-row' || d.rule === 'ambiguous-row') && json.id) complete++;
  }
  return complete;
}

/** Times repeated passes over a corpus for at least `seconds`; prints and returns reports per second. */
async function measure(label: string, inputs: readonly Input[]): Promise<number> {
  await ingestAll(inputs);
  let done = 0;
  let complete = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    complete = await ingestAll(inputs);
    done += inputs.length;
  }
  const rate = done / ((performance.now() - start) / 1000);
  const kb = inputs.reduce((n, i) => n + i.bytes.length, 0) / inputs.length / 1024;
  console.log(`${label.padEnd(28)} ${String(inputs.length).padStart(5)} reports, ${kb.toFixed(1)} KB each: ${rate.toFixed(0).padStart(6)} reports/s, ${complete}/${inputs.length} read completely`);
  return rate;
}

// The real-tool corpus, per kind: every document read once and compared cell by cell with what it prints.
const docs = listRealToolDocs();
const rows: string[] = ['| made with | files | cells right | wrong values | cells without a value (each with an error) |', '|---|---|---|---|---|'];
for (const kind of Object.keys(REAL_TOOL_KINDS)) {
  const ofKind = docs.filter((d) => d.kind === kind);
  let right = 0;
  let total = 0;
  let wrong = 0;
  let missing = 0;
  let failed = 0;
  for (const doc of ofKind) {
    const score = await scoreRealToolDoc(doc, readRealToolDoc(doc), jurisdictions);
    right += score.right;
    total += score.total;
    wrong += score.wrong.length;
    missing += score.missing.length;
    if (score.failure) failed++;
  }
  const share = total ? (Math.floor((right / total) * 1000) / 10).toFixed(1) : '0';
  rows.push(`| ${REAL_TOOL_KINDS[kind]} | ${ofKind.length}${failed ? ` (${failed} not read)` : ''} | ${share}% (${right}/${total}) | ${wrong} | ${missing} |`);
}
console.log(`real-tool corpus (${docs.length} documents of ${new Set(docs.map((d) => d.file.split('.')[0])).size} reports), per kind:\n${rows.join('\n')}\n`);

const pdfs: Input[] = docs.filter((d) => d.kind.endsWith('.pdf')).map((d) => ({ name: d.file, bytes: readRealToolDoc(d) }));
const pdfRate = await measure('real-tool PDFs', pdfs);
const rates = [await measure('real reports (.txt)', real), await measure('generated text layouts', text), await measure('generated HTML pages', html)];
console.log(`bench:ingest: PDF reports ${pdfRate.toFixed(1)}/s (target ≥ 20/s); text reports ${Math.min(rates[0]!, rates[1]!).toFixed(0)}/s at the slowest (target ≥ 50/s), HTML ${rates[2]!.toFixed(0)}/s; node ${process.version}`);
