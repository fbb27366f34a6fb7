/**
 * `npm run ingest -- <file|folder|url>... [--out DIR] [--force] [--summary FILE]`: turns published reports
 * (.pdf, .docx, .html, .txt, .md) into content folders. A folder is searched recursively. An http(s)
 * address is downloaded (the only time ingest touches the network; a page that only links to the
 * report's PDF or Word file is followed to it) and its address, retrieval time and SHA-256 recorded. Shows a
 * progress bar on a terminal (plain lines otherwise) and ends with a review summary, per file `ok`,
 * `needs review` (cells and why), `failed` (what to do) or `unchanged` (already ingested from the same
 * bytes, by the SHA-256 in its index.md: skipped), also written as a CSV (ingest-summary.csv, UTF-8
 * with BOM) when more than one file is given. `npm run --silent ingest -- <file> --json` prints the
 * spec §8 JSON instead and writes nothing. Exit 0: no file failed; 1: a file failed; 2: usage error.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { countDiagnostics, formatDiagnostic, sortDiagnostics, type Diagnostic } from '../src/reports/diagnostic.ts';
import { readKnownErrors } from '../src/checks/known-errors.ts';
import { commitReportFiles, type CommitFs } from '../src/ingest/commit-report.ts';
import { extractInput, INPUT_EXTENSIONS, readExtension, type Extraction } from '../src/ingest/extract-input.ts';
import { AGENCY_SLUG } from '../src/ingest/identify-report.ts';
import { buildIngestJson } from '../src/ingest/ingest-json.ts';
import { parseReportLines } from '../src/ingest/parse-report.ts';
import { downloadReport } from '../src/ingest/download.ts';
import { buildReportFiles, checkReportFiles, listBlockingProblems, type FileOrigin, type KeptMeta } from '../src/ingest/report-files.ts';
import { readJurisdictionsCsv } from '../src/jurisdictions/jurisdictions.ts';
import { resolveContentDir } from '../src/loaders/content-dir.ts';
import { readFrontMatter, splitFrontMatter } from '../src/reports/front-matter.ts';
import { formatProgressBar } from '../src/ingest/progress-bar.ts';
import { classifyWritten, countOutcomes, formatReviewSummary, writeReviewCsv, type FileOutcome } from '../src/ingest/review-summary.ts';
import { CONTENT_FILES, REPORT_FILES } from '../src/reports/layout.ts';
import { createReadPool, defaultReadThreads } from './read-pool.ts';
import type { KnownErrorEntry } from '../src/reports/types.ts';

const USAGE = 'usage: npm run ingest -- <file|folder|url>... [--out DIR] [--force] [--agency SLUG] [--summary FILE] [--source-url URL] [--threads N]\n       npm run --silent ingest -- <file> --json';

let args;
try {
  args = parseArgs({ options: { out: { type: 'string' }, force: { type: 'boolean' }, agency: { type: 'string' }, summary: { type: 'string' }, 'source-url': { type: 'string' }, threads: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
} catch (err) {
  console.error(`ingest: ${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (args.values.help) {
  console.log(`${USAGE}\n  --out DIR  write into content directory DIR (default ./content or $GONGKAI_CONTENT)\n  --force    replace a report that already exists (its scope, publisher, title and url are kept)
  <url>      an http(s) address: the report is downloaded (timeout 30 s, 2 retries), a page that only links
             to its PDF/Word file is followed to it; address, time and SHA-256 are recorded
  --agency SLUG  the slug of a department not declared in src/publishers/agencies.ts (never guessed)
  --summary FILE  where to write the review summary CSV (default ./ingest-summary.csv, written when more than one file is given)
  --source-url URL  the address the (one) file was published at, recorded in its front matter
  --threads N  read up to N files at once, each in a worker thread (default: the machine's cores, at most 4; 1: one by one in this process)\n  --json     print the parsed report as JSON (spec §8) and write nothing; one file only`);
  process.exit(0);
}
const json = args.values.json ?? false;
if (args.values.agency !== undefined && !AGENCY_SLUG.test(args.values.agency)) {
  console.error(`ingest: --agency “${args.values.agency}” is not a slug: lower-case letters and digits, starting with a letter (e.g. dangan)\n${USAGE}`);
  process.exit(2);
}
const sourceUrl = args.values['source-url'];
if (sourceUrl !== undefined && !/^https?:\/\/\S+$/.test(sourceUrl)) {
  console.error(`ingest: --source-url “${sourceUrl}” is not an http(s) address\n${USAGE}`);
  process.exit(2);
}
const threads = args.values.threads === undefined ? defaultReadThreads() : Number(args.values.threads);
if (!Number.isInteger(threads) || threads < 1) {
  console.error(`ingest: --threads “${args.values.threads}” is not a whole number of at least 1\n${USAGE}`);
  process.exit(2);
}
if (args.positionals.length === 0 || (json && args.positionals.length !== 1)) {
  console.error(`ingest: ${args.positionals.length === 0 ? 'no input file given' : '--json takes exactly one file'}\n${USAGE}`);
  process.exit(2);
}

/** Lists the report files under a path (a file, or a folder searched recursively, READMEs left out), sorted. */
function listInputs(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .map((p) => join(path, p))
    .filter((p) => (INPUT_EXTENSIONS as readonly string[]).includes(readExtension(p)) && !/^readme\./i.test(basename(p)) && statSync(p).isFile())
    .sort();
}

const WEB_ADDRESS = /^https?:\/\//i;
const inputs: string[] = [];
for (const p of args.positionals) {
  if (WEB_ADDRESS.test(p)) {
    inputs.push(p);
    continue;
  }
  if (!existsSync(p)) {
    console.error(`ingest: ${p}: no such file or folder\n${USAGE}`);
    process.exit(2);
  }
  inputs.push(...listInputs(p));
}

if (sourceUrl !== undefined && (inputs.length !== 1 || WEB_ADDRESS.test(inputs[0]!))) {
  console.error(`ingest: --source-url names the address of one file; ${inputs.length} files were given\n${USAGE}`);
  process.exit(2);
}

const root = resolveContentDir(args.values.out);
const jurisdictionsFile = [join(root, CONTENT_FILES.jurisdictions), join(resolveContentDir(), CONTENT_FILES.jurisdictions)].find((f) => existsSync(f));
if (!jurisdictionsFile) {
  console.error(`ingest: no ${CONTENT_FILES.jurisdictions} in ${root}\n${USAGE}`);
  process.exit(2);
}
const jurisdictionsCsv = readFileSync(jurisdictionsFile, 'utf8');
const jurisdictions = readJurisdictionsCsv(jurisdictionsCsv, jurisdictionsFile).index;

const nodeCommitFs: CommitFs = {
  exists: (p) => existsSync(p),
  mkdir: (p) => mkdirSync(p, { recursive: true }),
  writeFile: (p, data) => writeFileSync(p, data),
  rename: (a, b) => renameSync(a, b),
  remove: (p) => rmSync(p, { recursive: true, force: true }),
};

/** Reads the front-matter fields a maintainer may have corrected in an existing report. */
function readKeptMeta(dir: string): KeptMeta | null {
  const file = join(dir, REPORT_FILES.text);
  if (!existsSync(file)) return null;
  const { meta } = readFrontMatter(readFileSync(file, 'utf8'), file, () => true);
  return meta ? { scope: meta.scope, publisher: meta.publisher, title: meta.title, url: meta.source.url, ...(meta.source.retrieved ? { retrieved: meta.source.retrieved } : {}) } : null;
}

/** The SHA-256 of every report's published file on file, by hash: the report it gave. */
function indexIngestedFiles(): Map<string, string> {
  const index = new Map<string, string>();
  const dir = join(root, CONTENT_FILES.reports);
  if (!existsSync(dir)) return index;
  for (const id of readdirSync(dir)) {
    const file = join(dir, id, REPORT_FILES.text);
    if (!existsSync(file)) continue;
    const sha = /^\s+sha256:\s*([0-9a-f]{64})\s*$/m.exec(splitFrontMatter(readFileSync(file, 'utf8'))?.yaml ?? '')?.[1];
    if (sha) index.set(sha, id);
  }
  return index;
}

const all: Diagnostic[] = [];
const outcomes: FileOutcome[] = [];
const tty = !json && process.stderr.isTTY === true;
let bar = '';
/** Prints a line above the progress bar (on a terminal) or as it comes. */
const log = (text: string, toStderr = false): void => {
  if (bar) process.stderr.write('\r\x1b[2K');
  (toStderr ? console.error : console.log)(text);
  if (bar) process.stderr.write(bar);
};
const show = (list: readonly Diagnostic[], toStderr: boolean): void => {
  all.push(...list);
  for (const d of sortDiagnostics(list)) log(formatDiagnostic(d), toStderr);
};
/**
 * The known errors on file (content/known-errors.yaml): a report's rule failure recorded there exactly has
 * been checked against the published file, so it is named in the log and is not a problem to review.
 * Not with --json, which prints every rule failure (spec §8).
 */
function readKnownErrorsOnFile(): KnownErrorEntry[] {
  const file = join(root, CONTENT_FILES.knownErrors);
  if (json || !existsSync(file)) return [];
  const { entries, diagnostics } = readKnownErrors(readFileSync(file, 'utf8'), file);
  show(diagnostics, false);
  return entries;
}
const knownErrors = readKnownErrorsOnFile();
const agencyOptions = { ...(args.values.agency ? { agencySlug: args.values.agency } : {}), knownErrors };
const ingested = json ? new Map<string, string>() : indexIngestedFiles();
/** Reports written in this run, by id: the file each came from. */
const writtenNow = new Map<string, string>();

/** A local file read from disk, its SHA-256, and its extraction under way (null: already ingested from these bytes, skipped). */
interface Prepared {
  readonly bytes: Uint8Array;
  readonly sha256: string;
  readonly extraction: Promise<Extraction> | null;
}
const force = args.values.force ?? false;
const nameOf = (input: string): string => (WEB_ADDRESS.test(input) ? input : relative(process.cwd(), input) || input);
const localCount = inputs.filter((p) => !WEB_ADDRESS.test(p)).length;
// Local files are read ahead, several at once in worker threads; results are still taken in order below.
const pool = createReadPool(json ? 1 : Math.min(threads, localCount));
const prepared = new Map<number, Prepared>();
/** Starts reading the local files from index `from` on, as far ahead as the pool's threads can use. */
function readAhead(from: number): void {
  for (let k = from; k < inputs.length && k < from + pool.threads * 2; k++) {
    const input = inputs[k]!;
    if (WEB_ADDRESS.test(input) || prepared.has(k)) continue;
    const bytes = new Uint8Array(readFileSync(input));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const skip = ingested.has(sha256) && !force;
    const extraction = skip ? null : pool.read(nameOf(input), bytes);
    // Awaited in order below; a failure is not unhandled while earlier files are finished.
    extraction?.catch(() => {});
    prepared.set(k, { bytes, sha256, extraction });
  }
}

for (const [i, input] of inputs.entries()) {
  const web = WEB_ADDRESS.test(input);
  const name = nameOf(input);
  readAhead(i);
  if (tty) {
    bar = formatProgressBar(i, inputs.length, name, process.stderr.columns || 80);
    process.stderr.write(`\r\x1b[2K${bar}`);
  }
  const finish = (outcome: FileOutcome): void => {
    outcomes.push(outcome);
    if (!tty && inputs.length > 1) console.error(`[${i + 1}/${inputs.length}] ${name}: ${outcome.report ? `${outcome.report} ` : ''}${outcome.done}`);
  };
  let bytes: Uint8Array;
  let fileName = name;
  let origin: Omit<FileOrigin, 'sha256'> = sourceUrl ? { url: sourceUrl } : {};
  let reading: Promise<Extraction> | null = null;
  if (web) {
    const got = await downloadReport(input, async (page) => {
      const read = await extractInput(page.name, page.bytes);
      return read.ok && parseReportLines(page.name, read.lines, jurisdictions, agencyOptions).ok;
    });
    if (!got.ok) {
      const problem: Diagnostic = { file: name, line: 0, column: 0, severity: 'error', rule: got.rule, message: got.message, hint: got.hint };
      show([problem], json);
      outcomes.push({ file: name, status: 'failed', report: null, done: 'not downloaded', problems: [problem], sha256: null });
      if (!tty && inputs.length > 1) console.error(`[${i + 1}/${inputs.length}] ${name}: not downloaded`);
      continue;
    }
    if (got.via) log(`${name}: the page links to the report; downloaded ${got.url}`, json);
    bytes = got.bytes;
    fileName = got.name;
    origin = { url: got.url, retrieved: got.retrieved };
  } else {
    const ready = prepared.get(i)!;
    prepared.delete(i);
    bytes = ready.bytes;
    reading = ready.extraction;
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const fail = (done: string, problems: readonly Diagnostic[], report: string | null = null): void => finish({ file: name, status: 'failed', report, done, problems, sha256 });
  const previous = ingested.get(sha256);
  if (previous && !args.values.force) {
    finish({ file: name, status: 'unchanged', report: previous, done: 'skipped: already ingested from these same bytes (SHA-256 in its index.md); --force reads it again', problems: [], sha256 });
    continue;
  }
  const extraction = await (reading ?? extractInput(fileName, bytes));
  if (!extraction.ok) {
    const problem: Diagnostic = { file: name, line: 0, column: 0, severity: 'error', rule: extraction.rule, message: extraction.message, hint: extraction.hint };
    show([problem], json);
    fail('not read', [problem]);
    continue;
  }
  const damaged: Diagnostic[] = extraction.warning ? [{ file: name, line: 0, column: 0, severity: 'warning', rule: 'damaged-bytes', message: extraction.warning, hint: 'check the file against the published report; download or save it again' }] : [];
  show(damaged, json);
  const parsed = parseReportLines(name, extraction.lines, jurisdictions, agencyOptions);
  if (!parsed.ok) {
    show(parsed.diagnostics, json);
    fail('not read as a report', parsed.diagnostics);
    continue;
  }
  const report = parsed.report;
  show(report.diagnostics, json);
  for (const k of report.known) log(`${name}: ${report.id} breaks ${k.rule} at ${k.at.join(', ')} as printed, as recorded in ${CONTENT_FILES.knownErrors} (checked; kept as printed and flagged on its page)`);
  const problems = [...damaged, ...report.diagnostics];
  if (json) {
    const out = buildIngestJson(report);
    if (extraction.warning) out.diagnostics.unshift({ rule: 'damaged-bytes', severity: 'warning', message: extraction.warning });
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    finish({ file: name, status: classifyWritten(problems), report: report.id, done: 'printed as JSON', problems, sha256 });
    continue;
  }
  const blocking = listBlockingProblems(report);
  if (blocking.length) {
    log(`${name}: ${report.id} not written: ${blocking.length} problem${blocking.length === 1 ? '' : 's'} above leave cells unread`);
    fail('not written: cells could not be read', blocking, report.id);
    continue;
  }
  const twin = writtenNow.get(report.id);
  if (twin) {
    const problem: Diagnostic = { file: name, line: 0, column: 0, severity: 'error', rule: 'same-report', message: `${report.id} was already written in this run from ${twin}`, hint: `keep one published file per report in the folder; to use this one instead, run npm run ingest -- ${name} --force` };
    show([problem], false);
    fail('not written: same report as another file', [problem], report.id);
    continue;
  }
  const target = join(root, CONTENT_FILES.reports, report.id);
  const kept = args.values.force ? readKeptMeta(target) : null;
  const files = buildReportFiles(report, extraction, kept, { sha256, ...origin });
  const invalid = checkReportFiles(report.id, files, jurisdictionsCsv).map((d) => ({ ...d, file: name }));
  if (invalid.length) {
    show(invalid, false);
    fail('not written: the report folder would not load', invalid, report.id);
    continue;
  }
  const result = commitReportFiles(nodeCommitFs, { target, scratch: join(root, `.ingest-${report.id}-${process.pid}`), force: args.values.force ?? false }, files);
  if (!result.ok) {
    const exists = result.reason === 'exists';
    const problem: Diagnostic = { file: name, line: 0, column: 0, severity: 'error', rule: exists ? 'report-exists' : 'write-failed', message: result.message, hint: exists ? `the report on file came from other bytes; compare them, then run npm run ingest -- ${name} --force to replace it (scope, publisher, title and url are kept)` : 'check the content folder is writable and has space, then run ingest again' };
    log(`${name}: ${result.message}${exists ? ' (use --force to replace it)' : ''}`);
    all.push(problem);
    fail(exists ? 'not written: already present' : 'not written: writing failed', [problem], report.id);
    continue;
  }
  writtenNow.set(report.id, name);
  finish({ file: name, status: classifyWritten(problems), report: report.id, done: result.replaced ? 'replaced' : 'written', problems, sha256 });
}
await pool.close();
if (bar) {
  process.stderr.write('\r\x1b[2K');
  bar = '';
}

const { errors, warnings } = countDiagnostics(all);
const counts = countOutcomes(outcomes);
if (json) {
  console.error(`ingest: ${inputs[0]} ${counts.failed ? 'could not be parsed' : 'parsed, nothing written'}: ${errors} errors, ${warnings} warnings`);
} else {
  let csvPath: string | null = null;
  if (inputs.length > 1 || args.values.summary) {
    csvPath = resolve(args.values.summary ?? 'ingest-summary.csv');
    const scratchCsv = `${csvPath}.${process.pid}.tmp`;
    writeFileSync(scratchCsv, writeReviewCsv(outcomes));
    renameSync(scratchCsv, csvPath);
  }
  console.log('');
  console.log(formatReviewSummary(outcomes, csvPath ? relative(process.cwd(), csvPath) || csvPath : null));
  console.log(`ingest: ${inputs.length} file${inputs.length === 1 ? '' : 's'} into ${resolve(root)}: ${counts.ok + counts['needs review']} written, ${counts.unchanged} unchanged, ${counts.failed} failed; ${errors} errors, ${warnings} warnings`);
}
process.exit(counts.failed > 0 ? 1 : 0);
