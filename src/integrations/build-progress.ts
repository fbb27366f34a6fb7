/**
 * The progress line of a long build: while Astro generates the site's files (pages, embed files,
 * CSVs: one per path), every PROGRESS_EVERY_S seconds, how many of those this build renders are
 * done, out of how many, and the time since generation started, e.g.
 * `files 1,200 / 5,030 (23%), 1m 05s; 13,000 unchanged kept`. The total is what the incremental
 * build will render (paths whose cache key changed since the previous build); a path whose route
 * code changed renders too, so the total grows to what was done when it is passed.
 * Pure: the caller gives the clock and prints the line.
 */

/** Seconds between two progress lines. */
export const PROGRESS_EVERY_S = 10;

/** 65 → `1m 05s`, 7.2 → `7s`. */
export function formatElapsed(seconds: number): string {
  const s = Math.floor(seconds);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

/** The progress line for `done` pages of `total` after `seconds`, with `kept` unchanged paths left as they were. */
export function formatProgress(done: number, total: number, seconds: number, kept: number): string {
  const all = Math.max(total, done);
  const share = all ? Math.floor((done / all) * 100) : 100;
  return `files ${done.toLocaleString('en')} / ${all.toLocaleString('en')} (${share}%), ${formatElapsed(seconds)}${kept ? `; ${kept.toLocaleString('en')} unchanged kept` : ''}`;
}

/** Counts pages as they render and says when a progress line is due. */
export interface ProgressTracker {
  /** Records one page rendered at `now` (seconds); returns the line to print when one is due, else null. */
  rendered(now: number): string | null;
  /** The closing line: every page rendered and the time it took. */
  finish(now: number): string;
}

/** A tracker for a generation of `total` pages to render (and `kept` unchanged paths) that started at `start` (seconds). */
export function trackProgress(total: number, kept: number, start: number, every = PROGRESS_EVERY_S): ProgressTracker {
  let done = 0;
  let next = start + every;
  return {
    rendered(now) {
      done += 1;
      if (now < next) return null;
      next = now + every;
      return formatProgress(done, total, now - start, kept);
    },
    finish: (now) => formatProgress(done, total, now - start, kept),
  };
}
