/**
 * `npm run bench:load -- (--content DIR | --reports N) [--runs R]`: measures loading a content
 * directory, each measurement in a fresh Node process so peak memory belongs to it alone.
 * Prints one JSON line per measurement:
 *   read-files    read every file the loader reads, nothing else (the floor)
 *   load-content  loadContent(): read, parse, check every rule and known error
 * `--reports N` generates a synthetic corpus of N reports into a temporary directory first.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadContent } from '../src/loaders/load-content.ts';
import { nodeContentFs } from '../src/loaders/node-fs.ts';
import { CONTENT_FILES } from '../src/reports/layout.ts';

const USAGE = 'usage: npm run bench:load -- (--content DIR | --reports N) [--runs R]';
const MODES = ['read-files', 'load-content'] as const;
type Mode = (typeof MODES)[number];

/** Reads every file of every report folder and returns how many and how many bytes. */
function readAllFiles(root: string): { reports: number; files: number; bytes: number } {
  const dir = join(root, CONTENT_FILES.reports);
  let files = 0;
  let bytes = 0;
  const ids = readdirSync(dir);
  for (const id of ids) {
    for (const name of readdirSync(join(dir, id))) {
      bytes += Buffer.byteLength(readFileSync(join(dir, id, name), 'utf8'));
      files++;
    }
  }
  return { reports: ids.length, files, bytes };
}

/** Runs one measurement in this process and prints its JSON line. */
function measure(mode: Mode, root: string): void {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  let figures: Record<string, number>;
  let kept: unknown = null;
  if (mode === 'read-files') {
    const r = readAllFiles(root);
    figures = { reports: r.reports, files: r.files, mb: Math.round((r.bytes / 1048576) * 10) / 10 };
  } else {
    const content = loadContent(nodeContentFs, root);
    kept = content;
    figures = { reports: content.reports.length, errors: content.errors.length, findings: content.findings.length };
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  // Heap still in use once garbage is collected: what the loaded content itself occupies.
  (globalThis as { gc?: () => void }).gc?.();
  const line = {
    bench: 'load',
    mode,
    ...figures,
    seconds: Math.round(seconds * 1000) / 1000,
    // CPU time (user + system) varies less than wall time when other work shares the machine.
    cpu_seconds: Math.round((cpu.user + cpu.system) / 1000) / 1000,
    ms_per_report: figures.reports ? Math.round((seconds * 1e6) / figures.reports) / 1000 : null,
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    retained_heap_mb: Math.round(process.memoryUsage().heapUsed / 1048576),
  };
  kept = null;
  console.log(JSON.stringify(line));
}

let args;
try {
  args = parseArgs({ options: { content: { type: 'string' }, reports: { type: 'string' }, runs: { type: 'string', default: '1' }, mode: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: false });
} catch (err) {
  console.error(`bench-load: ${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { content, reports, runs, mode, help } = args.values;
if (help) {
  console.log(USAGE);
  process.exit(0);
}
if (mode) {
  // A child: one measurement, then exit.
  if (!(MODES as readonly string[]).includes(mode) || !content) process.exit(2);
  measure(mode as Mode, content);
  process.exit(0);
}
if (!content === !reports || (reports !== undefined && !/^\d+$/.test(reports)) || !/^\d+$/.test(runs)) {
  console.error(`bench-load: give either --content DIR or --reports N\n${USAGE}`);
  process.exit(2);
}
const here = fileURLToPath(import.meta.url);
const scratch = reports ? mkdtempSync(join(tmpdir(), 'bench-load-')) : null;
try {
  const root = scratch ? join(scratch, 'corpus') : content!;
  if (scratch) execFileSync(process.execPath, [join(here, '..', 'synth.ts'), '--reports', reports!, '--out', root], { stdio: ['ignore', 'ignore', 'inherit'] });
  for (let run = 0; run < Number(runs); run++) {
    for (const m of MODES) {
      execFileSync(process.execPath, ['--expose-gc', here, '--mode', m, '--content', root], { stdio: ['ignore', 'inherit', 'inherit'] });
    }
  }
} finally {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}
