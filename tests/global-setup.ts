/**
 * Builds the site once per test run into a scratch directory, for the tests that read `dist/`, and
 * keeps the build's output (what Astro printed) in a file beside it for the tests of what a build
 * says. Uses the committed content unless GONGKAI_CONTENT points elsewhere.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

let scratch = '';

/** Builds the site and hands its directory to the tests as `distDir`, and its output as `buildLogFile`. */
export function setup(project: TestProject): void {
  scratch = mkdtempSync(join(tmpdir(), 'gongkai-test-build-'));
  const outDir = join(scratch, 'dist');
  const logFile = join(scratch, 'build.log');
  mkdirSync(outDir);
  const log = openSync(logFile, 'w');
  // process.execPath: the Node that runs the tests (Node 24 from the `node` package), not whatever `node` is on PATH.
  // Written to a file, not a pipe: a large corpus's build lists every path it generates.
  const run = spawnSync(process.execPath, [join('node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--outDir', outDir], { stdio: ['ignore', log, log] });
  closeSync(log);
  if (run.status !== 0) {
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-80).join('\n');
    throw new Error(`the test build failed (exit ${run.status ?? run.signal}); the end of its output:\n${tail}`);
  }
  project.provide('distDir', outDir);
  project.provide('buildLogFile', logFile);
}

/** Removes the scratch build. */
export function teardown(): void {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    distDir: string;
    buildLogFile: string;
  }
}
