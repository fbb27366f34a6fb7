/**
 * Builds the site once per test run into a scratch directory, for the tests that read `dist/`, and
 * keeps the build's output (what Astro printed) in a file beside it for the tests of what a build
 * says. Uses the committed content unless GONGKAI_CONTENT points elsewhere. Also builds a second
 * site from the synthetic department corpus (src/fixtures/department-corpus.ts), for the page types
 * only departments have (the committed content has no department report).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { readCommittedJurisdictionsCsv, writeDepartmentCorpus } from '../src/fixtures/department-corpus.ts';
import { readJurisdictionsCsv } from '../src/jurisdictions/jurisdictions.ts';

let scratch = '';

/** Builds the site into `outDir` (from `content`, else as GONGKAI_CONTENT or the committed content says), its output in `logFile`; throws with the output's end when it fails. */
function buildSite(outDir: string, logFile: string, content?: string): void {
  mkdirSync(outDir);
  const log = openSync(logFile, 'w');
  // process.execPath: the Node that runs the tests (Node 24 from the `node` package), not whatever `node` is on PATH.
  // Written to a file, not a pipe: a large corpus's build lists every path it generates.
  const env = content ? { ...process.env, GONGKAI_CONTENT: content } : process.env;
  const run = spawnSync(process.execPath, [join('node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--outDir', outDir], { stdio: ['ignore', log, log], env });
  closeSync(log);
  if (run.status !== 0) {
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-80).join('\n');
    throw new Error(`the test build${content ? ` of ${content}` : ''} failed (exit ${run.status ?? run.signal}); the end of its output:\n${tail}`);
  }
}

/** Builds the sites and hands their directories to the tests as `distDir` and `departmentsDistDir`, and the first's output as `buildLogFile`. */
export function setup(project: TestProject): void {
  scratch = mkdtempSync(join(tmpdir(), 'gongkai-test-build-'));
  const outDir = join(scratch, 'dist');
  const logFile = join(scratch, 'build.log');
  buildSite(outDir, logFile);
  const corpus = join(scratch, 'departments-content');
  const csv = readCommittedJurisdictionsCsv();
  writeDepartmentCorpus(corpus, readJurisdictionsCsv(csv, 'jurisdictions.csv').index, csv);
  const departmentsDir = join(scratch, 'departments-dist');
  buildSite(departmentsDir, join(scratch, 'departments-build.log'), corpus);
  project.provide('distDir', outDir);
  project.provide('buildLogFile', logFile);
  project.provide('departmentsDistDir', departmentsDir);
}

/** Removes the scratch build. */
export function teardown(): void {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    distDir: string;
    buildLogFile: string;
    /** The site built from the synthetic department corpus. */
    departmentsDistDir: string;
  }
}
