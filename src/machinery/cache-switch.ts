/**
 * Every cache the build keeps across builds, by name, and the switch that makes some of them start
 * empty for one build (GONGKAI_CACHES_OFF=name,name), so a benchmark can show what each one gains in
 * the same run (`npm run bench -- --suite caches`, docs/benchmarks.md). A cache that is off is not
 * read: the build does the work the cache would have saved and makes the same output. It is still
 * written (a directory cache into a scratch directory removed when the build ends, a memo file in
 * place), so the build after it starts from a true record of the output, as after a build with an
 * empty cache. Astro's own incremental build (`.cache/astro`) is not among them: it is what a rebuild is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { buildRegistry } from './registry.ts';

declare module './registry.ts' {
  interface BuildRegistry {
    /** The scratch directory of each cache that is off in this build. */
    cacheScratch?: Map<CacheName, string>;
  }
}

/** The caches, as GONGKAI_CACHES_OFF names them (docs/caches.md says what each keeps). */
export const CACHE_NAMES = ['charts', 'download-stats', 'tidy-lines', 'download-stash', 'streamed-memo', 'search-parts', 'search-trimmed', 'content'] as const;
export type CacheName = (typeof CACHE_NAMES)[number];

/** The environment variable that lists the caches a build starts without. */
export const CACHES_OFF_ENV = 'GONGKAI_CACHES_OFF';

/** Reads a list of cache names (comma-separated); throws naming an unknown one. */
export function parseCacheNames(text: string): CacheName[] {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(CACHE_NAMES as readonly string[]).includes(n));
  if (unknown.length) throw new Error(`${CACHES_OFF_ENV}: unknown cache ${unknown.join(', ')} (the caches: ${CACHE_NAMES.join(', ')})`);
  return names as CacheName[];
}

/** Whether the build starts without the cache `name` (GONGKAI_CACHES_OFF lists it); throws on an unknown name in the list. */
export function isCacheOff(name: CacheName, env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const text = env[CACHES_OFF_ENV];
  return text ? parseCacheNames(text).includes(name) : false;
}

/**
 * The directory of a directory cache: `dir`, or, when the cache is off, an empty scratch directory
 * of this build process (the same for every copy of this module in it: the build registry keeps
 * them), removed when the process exits.
 */
export function resolveCacheDir(name: CacheName, dir: string): string {
  if (!isCacheOff(name)) return dir;
  const registry = buildRegistry();
  const scratch = (registry.cacheScratch ??= new Map());
  let made = scratch.get(name);
  if (!made) {
    made = mkdtempSync(join(tmpdir(), `gongkai-${name}-off-`));
    scratch.set(name, made);
    const removal = made;
    if (isMainThread) process.on('exit', () => rmSync(removal, { recursive: true, force: true }));
  }
  return made;
}
