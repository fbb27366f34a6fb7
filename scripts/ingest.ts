/**
 * `npm run ingest -- <file|folder>... [--out DIR] [--force]`: turns published reports (.txt, .md,
 * .html, .docx, .pdf) into content folders; `npm run --silent ingest -- <file> --json` prints the
 * spec §8 JSON instead and writes nothing. Exit 0: every file parsed (and written); 1: a file could
 * not be parsed or written; 2: usage error.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { countDiagnostics, formatDiagnostic, sortDiagnostics, type Diagnostic } from '../src/checks/diagnostic.ts';
import { commitReportFiles, type CommitFs } from '../src/ingest/commit-report.ts';
import { extractInput, INPUT_EXTENSIONS, readExtension } from '../src/ingest/extract-input.ts';
import { AGENCY_SLUG } from '../src/ingest/identify-report.ts';
import { buildIngestJson } from '../src/ingest/ingest-json.ts';
import { parseReportLines } from '../src/ingest/parse-report.ts';
import { buildReportFiles, checkReportFiles, listBlockingProblems, type KeptMeta } from '../src/ingest/report-files.ts';
import { readJurisdictionsCsv } from '../src/jurisdictions/jurisdictions.ts';
import { resolveContentDir } from '../src/loaders/content-dir.ts';
import { readFrontMatter } from '../src/reports/front-matter.ts';
import { CONTENT_FILES, REPORT_FILES } from '../src/reports/layout.ts';

const USAGE = 'usage: npm run ingest -- <file|folder>... [--out DIR] [--force] [--agency SLUG]\n       npm run --silent ingest -- <file> --json';

let args;
try {
  args = parseArgs({ options: { out: { type: 'string' }, force: { type: 'boolean' }, agency: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
} catch (err) {
  console.error(`ingest: ${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (args.values.help) {
  console.log(`${USAGE}\n  --out DIR  write into content directory DIR (default ./content or $GONGKAI_CONTENT)\n  --force    replace a report that already exists (its scope, publisher, title and url are kept)
  --agency SLUG  the slug of a department not declared in src/publishers/agencies.ts (never guessed)\n  --json     print the parsed report as JSON (spec §8) and write nothing; one file only`);
  process.exit(0);
}
const json = args.values.json ?? false;
if (args.values.agency !== undefined && !AGENCY_SLUG.test(args.values.agency)) {
  console.error(`ingest: --agency “${args.values.agency}” is not a slug: lower-case letters and digits, starting with a letter (e.g. dangan)\n${USAGE}`);
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

const inputs: string[] = [];
for (const p of args.positionals) {
  if (!existsSync(p)) {
    console.error(`ingest: ${p}: no such file or folder\n${USAGE}`);
    process.exit(2);
  }
  inputs.push(...listInputs(p));
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

const counts = { written: 0, refused: 0, failed: 0 };
const all: Diagnostic[] = [];
const show = (list: readonly Diagnostic[], toStderr: boolean): void => {
  all.push(...list);
  for (const d of sortDiagnostics(list)) (toStderr ? console.error : console.log)(formatDiagnostic(d));
};

for (const [i, input] of inputs.entries()) {
  const name = relative(process.cwd(), input) || input;
  const progress = (what: string): void => {
    if (inputs.length > 1) console.error(`[${i + 1}/${inputs.length}] ${name}: ${what}`);
  };
  const bytes = new Uint8Array(readFileSync(input));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const extraction = await extractInput(name, bytes);
  if (!extraction.ok) {
    show([{ file: name, line: 0, column: 0, severity: 'error', rule: extraction.rule, message: extraction.message, hint: extraction.hint }], json);
    counts.failed++;
    progress('not read');
    continue;
  }
  if (extraction.warning) show([{ file: name, line: 0, column: 0, severity: 'warning', rule: 'damaged-bytes', message: extraction.warning, hint: 'check the file against the published report; download or save it again' }], json);
  const parsed = parseReportLines(name, extraction.lines, jurisdictions, args.values.agency ? { agencySlug: args.values.agency } : {});
  if (!parsed.ok) {
    show(parsed.diagnostics, json);
    counts.failed++;
    progress('not parsed');
    continue;
  }
  const report = parsed.report;
  show(report.diagnostics, json);
  if (json) {
    const out = buildIngestJson(report);
    if (extraction.warning) out.diagnostics.unshift({ rule: 'damaged-bytes', severity: 'warning', message: extraction.warning });
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    continue;
  }
  const blocking = listBlockingProblems(report);
  if (blocking.length) {
    console.log(`${name}: ${report.id} not written: ${blocking.length} problem${blocking.length === 1 ? '' : 's'} above leave cells unread`);
    counts.failed++;
    progress(`${report.id} not written`);
    continue;
  }
  const target = join(root, CONTENT_FILES.reports, report.id);
  const kept = args.values.force ? readKeptMeta(target) : null;
  const files = buildReportFiles(report, extraction, kept, { sha256 });
  const invalid = checkReportFiles(report.id, files, jurisdictionsCsv);
  if (invalid.length) {
    show(invalid.map((d) => ({ ...d, file: name })), false);
    counts.failed++;
    progress(`${report.id} not written`);
    continue;
  }
  const result = commitReportFiles(nodeCommitFs, { target, scratch: join(root, `.ingest-${report.id}-${process.pid}`), force: args.values.force ?? false }, files);
  if (!result.ok) {
    console.log(`${name}: ${result.message}${result.reason === 'exists' ? ' (use --force to replace it)' : ''}`);
    if (result.reason === 'exists') counts.refused++;
    else counts.failed++;
    progress(`${report.id} ${result.reason === 'exists' ? 'exists' : 'failed'}`);
    continue;
  }
  counts.written++;
  progress(`${report.id} ${result.replaced ? 'replaced' : 'written'}`);
}

const { errors, warnings } = countDiagnostics(all);
if (json) console.error(`ingest: ${inputs[0]} ${counts.failed ? 'could not be parsed' : 'parsed, nothing written'}: ${errors} errors, ${warnings} warnings`);
else console.log(`ingest: ${inputs.length} file${inputs.length === 1 ? '' : 's'} into ${resolve(root)}: ${counts.written} written, ${counts.refused} already present, ${counts.failed} failed; ${errors} errors, ${warnings} warnings`);
process.exit(counts.failed + counts.refused > 0 ? 1 : 0);
