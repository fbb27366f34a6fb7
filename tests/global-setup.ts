/**
 * Builds the site once per test run into a scratch directory, for the tests that read `dist/`.
 * Uses the committed content unless GONGKAI_CONTENT points elsewhere.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

let outDir = '';

/** Builds the site and hands its directory to the tests as `distDir`. */
export function setup(project: TestProject): void {
  outDir = mkdtempSync(join(tmpdir(), 'gongkai-dist-'));
  // process.execPath: the Node that runs the tests (Node 24 from the `node` package), not whatever `node` is on PATH.
  execFileSync(process.execPath, [join('node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--outDir', outDir, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  project.provide('distDir', outDir);
}

/** Removes the scratch build. */
export function teardown(): void {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    distDir: string;
  }
}
