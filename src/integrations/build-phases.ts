/**
 * Where a build's time goes, for the benchmarks: when GONGKAI_PHASES names a file, each phase the
 * integrations time (chart pre-render, search index, …) appends one JSON line to it,
 * `{"phase": name, "seconds": s, "end": ms}` (`end`: when it ended, in ms since the epoch, so a
 * benchmark sampling memory can tell which phase a sample fell in), plus `"note": text` for a phase
 * that says what went wrong (a benchmark builds with Astro's `--silent`, which drops warnings, so
 * the phase file is where it reads them), and `"counts": {name: n}` for a phase that counts its work
 * (the search index: the pages and parts it indexed again); with no file set nothing is
 * recorded. Astro's own work (bundling, paths, pages) is timed between its build hooks by
 * `buildPhasesIntegration`.
 */
import { appendFileSync } from 'node:fs';
import type { AstroIntegration } from 'astro';
import { buildRegistry } from '../machinery/registry.ts';
import { writeBuildStats } from '../machinery/build-stats.ts';

/** The environment variable naming the file phases are appended to. */
export const PHASES_ENV = 'GONGKAI_PHASES';

/** Appends one phase's seconds to the phases file, when the build has one, with a note on it when given (what went wrong) and the counts of its work when given. */
export function recordPhase(phase: string, seconds: number, note?: string, counts?: Readonly<Record<string, number>>): void {
  const file = process.env[PHASES_ENV];
  if (file) appendFileSync(file, `${JSON.stringify({ phase, seconds: Math.round(seconds * 100) / 100, end: Date.now(), ...(note === undefined ? {} : { note }), ...(counts === undefined ? {} : { counts }) })}\n`);
}

/** A phase line as recordPhase writes it. */
interface PhaseLine {
  readonly phase: string;
  readonly seconds: number;
  readonly end?: number;
  readonly note?: string;
  readonly counts?: Record<string, number>;
}

/** The phase lines of a phases file's text (as written by recordPhase), blank lines skipped. */
function readPhaseLines(text: string): PhaseLine[] {
  return text.split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as PhaseLine);
}

/** The counts of phase lines (as written by recordPhase), by phase name, added up over a phase's lines; the phases without counts are left out. */
export function readPhaseCounts(text: string): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const { phase, counts } of readPhaseLines(text)) {
    if (!counts) continue;
    const sum = (out[phase] ??= {});
    for (const [name, n] of Object.entries(counts)) sum[name] = (sum[name] ?? 0) + n;
  }
  return out;
}

/** The notes of phase lines (as written by recordPhase), by phase name; the phases without one are left out. */
export function readPhaseNotes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { phase, note } of readPhaseLines(text)) {
    if (typeof note === 'string') out[phase] = out[phase] === undefined ? note : `${out[phase]}; ${note}`;
  }
  return out;
}

/** One recorded phase's span, in ms since the epoch. */
export interface PhaseSpan {
  readonly phase: string;
  readonly start: number;
  readonly end: number;
}

/** The spans of phase lines (as written by recordPhase); lines without an end time are left out. */
export function readPhaseSpans(text: string): PhaseSpan[] {
  const out: PhaseSpan[] = [];
  for (const { phase, seconds, end } of readPhaseLines(text)) {
    if (typeof end === 'number') out.push({ phase, start: end - seconds * 1000, end });
  }
  return out;
}

/**
 * The largest memory sample (MB) within each phase's spans, by phase name; `samples` are
 * `[ms since the epoch, MB]`. A phase no sample fell in is left out.
 */
export function peakByPhase(spans: readonly PhaseSpan[], samples: ReadonlyArray<readonly [number, number]>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { phase, start, end } of spans) {
    for (const [t, mb] of samples) if (t >= start && t <= end && mb > (out[phase] ?? -1)) out[phase] = mb;
  }
  return out;
}

/**
 * The CPU seconds each phase used, by phase name (spans of one name added up): the growth of a
 * running total (`samples`: `[ms since the epoch, CPU seconds so far]`, ascending) between the span's
 * start and end, read between the samples around each by straight-line interpolation, rounded to 0.01.
 */
export function cpuByPhase(spans: readonly PhaseSpan[], samples: ReadonlyArray<readonly [number, number]>): Record<string, number> {
  if (!samples.length) return {};
  const at = (t: number): number => {
    const after = samples.findIndex(([time]) => time >= t);
    if (after < 0) return samples[samples.length - 1]![1];
    if (after === 0) return samples[0]![1];
    const [t0, v0] = samples[after - 1]!;
    const [t1, v1] = samples[after]!;
    return t1 === t0 ? v1 : v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
  };
  const out: Record<string, number> = {};
  for (const { phase, start, end } of spans) out[phase] = Math.round(((out[phase] ?? 0) + at(end) - at(start)) * 100) / 100;
  return out;
}

/** Sums phase lines (as written by recordPhase) by phase name. */
export function sumPhases(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { phase, seconds } of readPhaseLines(text)) {
    out[phase] = Math.round(((out[phase] ?? 0) + seconds) * 100) / 100;
  }
  return out;
}

/**
 * Times Astro's phases with two integrations, the first and the last of the list: `build` (build
 * start to generated: bundling the pages' code, listing paths, the chart pre-render, rendering pages
 * and files) and `after` (every integration's build-done hook: pruning, sitemap, search). The last
 * also writes the build's chart and image counts for the benchmarks (src/machinery/build-stats.ts).
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
    {
      name: 'gongkai-build-phases-end',
      hooks: {
        'astro:build:done': async () => {
          // Astro ends the process once the build is done: what was left to finish in the background ends first.
          const registry = buildRegistry();
          await Promise.all(registry.cleanups ?? []);
          delete registry.cleanups;
          lap('after');
          writeBuildStats();
        },
      },
    },
  ];
}
