/**
 * Where a build's time goes, for the benchmarks: when GONGKAI_PHASES names a file, each phase the
 * integrations time (chart pre-render, search index, …) appends one JSON line to it,
 * `{"phase": name, "seconds": s}`; with no file set nothing is recorded. Astro's own work (bundling,
 * paths, pages) is timed between its build hooks by `buildPhasesIntegration`.
 */
import { appendFileSync } from 'node:fs';
import type { AstroIntegration } from 'astro';

/** The environment variable naming the file phases are appended to. */
export const PHASES_ENV = 'GONGKAI_PHASES';

/** Appends one phase's seconds to the phases file, when the build has one. */
export function recordPhase(phase: string, seconds: number): void {
  const file = process.env[PHASES_ENV];
  if (file) appendFileSync(file, `${JSON.stringify({ phase, seconds: Math.round(seconds * 100) / 100 })}\n`);
}

/** Sums phase lines (as written by recordPhase) by phase name. */
export function sumPhases(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const { phase, seconds } = JSON.parse(line) as { phase: string; seconds: number };
    out[phase] = Math.round(((out[phase] ?? 0) + seconds) * 100) / 100;
  }
  return out;
}

/**
 * Times Astro's phases with two integrations, the first and the last of the list: `build` (build
 * start to generated: bundling the pages' code, listing paths, the chart pre-render, rendering pages
 * and files) and `after` (every integration's build-done hook: pruning, sitemap, search).
 */
export function buildPhasesIntegrations(): [AstroIntegration, AstroIntegration] {
  let mark = 0;
  const lap = (phase: string | null): void => {
    const now = performance.now();
    if (phase && mark) recordPhase(phase, (now - mark) / 1000);
    mark = now;
  };
  return [
    { name: 'gongkai-build-phases', hooks: { 'astro:build:start': () => lap(null), 'astro:build:generated': () => lap('build') } },
    { name: 'gongkai-build-phases-end', hooks: { 'astro:build:done': () => lap('after') } },
  ];
}
