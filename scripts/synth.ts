/**
 * `npm run synth -- --reports N --out DIR [--seed S] [--inconsistent-share 0.02] [--force]`:
 * writes a deterministic synthetic corpus in the content format to DIR, for tests and benchmarks.
 * Refuses the project's content/ directory (and anything inside or around it), and a non-empty DIR
 * unless --force. Writes into a staging directory beside DIR first, so a failure leaves no half corpus.
 * Exit 0: written; 1: failed while writing; 2: usage error or refused.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readJurisdictionsCsv } from '../src/jurisdictions/jurisdictions.ts';
import { CONTENT_FILES } from '../src/reports/layout.ts';
import { generateSynthFiles, SYNTH_FILES } from '../src/synth/generate.ts';
import { planSynthCorpus } from '../src/synth/plan.ts';

const USAGE = 'usage: npm run synth -- --reports N --out DIR [--seed S] [--inconsistent-share 0.02] [--force]';
const REPO = fileURLToPath(new URL('..', import.meta.url));
const GENERATED = [CONTENT_FILES.reports, CONTENT_FILES.jurisdictions, CONTENT_FILES.knownErrors, SYNTH_FILES.manifest, SYNTH_FILES.readme];

/** Prints a refusal or usage problem and exits 2. */
function refuse(message: string, hint?: string): never {
  console.error(`synth: ${message}${hint ? `\n  hint: ${hint}` : ''}`);
  process.exit(2);
}

/** Resolves a path through symlinks as far as it exists, so `content/../content` or a link is seen for what it is. */
function resolveReal(path: string): string {
  const abs = resolve(path);
  if (existsSync(abs)) return realpathSync(abs);
  const parent = dirname(abs);
  return parent === abs ? abs : join(resolveReal(parent), basename(abs));
}

/** Whether `inner` is `outer` or lies inside it. */
function isWithin(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

let args;
try {
  args = parseArgs({
    options: {
      reports: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'inconsistent-share': { type: 'string', default: '0.02' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
} catch (err) {
  refuse((err as Error).message, USAGE);
}
if (args.values.help) {
  console.log(`${USAGE}\n  --reports N               how many reports (government reports first, then departments)\n  --out DIR                 where to write; never the project's content/\n  --seed S                  integer seed (default 1); the same seed gives the same bytes\n  --inconsistent-share X    share of reports that break one rule on purpose (default 0.02)\n  --force                   replace a previous synthetic corpus in DIR`);
  process.exit(0);
}
const { reports: reportsText, out, seed: seedText, force } = args.values;
const shareText = args.values['inconsistent-share'];
if (!reportsText || !/^\d+$/.test(reportsText)) refuse(`--reports must be a positive integer, found “${reportsText ?? ''}”`, USAGE);
if (!out) refuse('--out DIR is required', USAGE);
if (!/^-?\d+$/.test(seedText)) refuse(`--seed must be an integer, found “${seedText}”`, USAGE);
if (!/^\d*\.?\d+$/.test(shareText)) refuse(`--inconsistent-share must be a number between 0 and 0.5, found “${shareText}”`, USAGE);

const target = resolveReal(out);
const content = resolveReal(join(REPO, 'content'));
if (isWithin(target, content) || isWithin(content, target)) {
  refuse(`refusing to write a synthetic corpus to ${target}: it is, contains or lies inside the project's content directory ${content}`, 'choose a directory outside the repository, e.g. --out /tmp/synth');
}
if (existsSync(target)) {
  if (!statSync(target).isDirectory()) refuse(`${target} exists and is not a directory`, 'choose another --out');
  const entries = readdirSync(target);
  if (entries.length && !force) refuse(`${target} is not empty`, 'choose an empty or new directory, or pass --force to replace a previous synthetic corpus there');
  if (entries.includes(CONTENT_FILES.reports) && !entries.includes(SYNTH_FILES.manifest)) {
    refuse(`${target} holds a reports/ directory that is not a synthetic corpus (no ${SYNTH_FILES.manifest}); not replacing it, even with --force`, 'choose another --out');
  }
}

const jurisdictionsCsv = readFileSync(join(REPO, 'content', CONTENT_FILES.jurisdictions), 'utf8');
const { index, diagnostics } = readJurisdictionsCsv(jurisdictionsCsv, CONTENT_FILES.jurisdictions);
if (diagnostics.length) refuse(`content/${CONTENT_FILES.jurisdictions} has problems; run npm run validate`);
let plan;
try {
  plan = planSynthCorpus(index, { reports: Number(reportsText), seed: Number(seedText) | 0, inconsistentShare: Number(shareText) });
} catch (err) {
  refuse((err as Error).message, USAGE);
}

const started = performance.now();
mkdirSync(dirname(target), { recursive: true });
const staging = mkdtempSync(join(dirname(target), `.${basename(target)}.synth-`));
let files = 0;
let bytes = 0;
try {
  const made = new Set<string>();
  for (const file of generateSynthFiles(plan, jurisdictionsCsv)) {
    const path = join(staging, file.path);
    const dir = dirname(path);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(path, file.text);
    files++;
    bytes += Buffer.byteLength(file.text);
  }
  if (existsSync(target)) {
    for (const name of GENERATED) rmSync(join(target, name), { recursive: true, force: true });
    for (const name of readdirSync(staging)) renameSync(join(staging, name), join(target, name));
    rmSync(staging, { recursive: true });
  } else {
    renameSync(staging, target);
  }
} catch (err) {
  rmSync(staging, { recursive: true, force: true });
  console.error(`synth: failed while writing ${target}: ${(err as Error).message}`);
  process.exit(1);
}
const seconds = (performance.now() - started) / 1000;
const manifest = JSON.parse(readFileSync(join(target, SYNTH_FILES.manifest), 'utf8')) as { counts: Record<string, Record<string, number>>; deliberate: unknown[] };
const forms = Object.entries(manifest.counts.form ?? {}).map(([f, n]) => `${f} ${n}`).join(', ');
console.log(
  `synth: ${plan.government + plan.department} reports (${plan.government} government, ${plan.department} department; ${forms}), ${manifest.deliberate.length} deliberate inconsistencies, seed ${plan.options.seed} → ${target}: ${files} files, ${(bytes / 1048576).toFixed(1)} MB, ${seconds.toFixed(1)} s`,
);
