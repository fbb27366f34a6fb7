/**
 * The site's use of Astro's incremental build (`experimental.incrementalBuild`, with the output
 * directory kept between builds: see astro.config.mjs). Astro skips a path whose cache key (from
 * src/routes/keys.ts) and route code are unchanged, leaving its file in place, and records every
 * path in a manifest in its cache directory. This module reads that manifest: to tell the chart
 * pre-render pass which pages will be rendered, and, after a build, to delete from the output the
 * files of paths the content no longer has (Astro prunes its own cached copy of them, not the output).
 *
 * Assumes the manifest layout of Astro 7.3 (`incremental-build.json`: `routes[component].paths[pathname]`
 * with `cacheKey` and `outputFile`, relative to the output directory); a manifest it cannot read
 * counts as none, which only means every page is treated as rendered and nothing is pruned.
 */
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildRegistry } from '../machinery/registry.ts';

declare module '../machinery/registry.ts' {
  interface BuildRegistry {
    /** The output files (relative to the output directory) the incremental build removed after the pages, as paths that are gone. */
    removedOutputs?: readonly string[];
  }
}

/** The file Astro keeps its incremental-build manifest in, inside its cache directory. */
export const INCREMENTAL_MANIFEST = 'incremental-build.json';

/** What the site reads of Astro's manifest: per route component, per path, its key and output file. */
export interface IncrementalManifest {
  readonly routes: Readonly<Record<string, { readonly paths: Readonly<Record<string, { readonly cacheKey?: string; readonly outputFile: string }>> }>>;
}

/** One path Astro is about to generate, as its prerenderer lists it. */
export interface PlannedPath {
  readonly pathname: string;
  readonly route: { readonly component: string };
  readonly cacheKey?: string;
}

/** Reads the manifest of the previous build from Astro's cache directory; null when there is none or it is not readable. */
export function readIncrementalManifest(cacheDir: URL): IncrementalManifest | null {
  try {
    const data = JSON.parse(readFileSync(new URL(INCREMENTAL_MANIFEST, cacheDir), 'utf8')) as Partial<IncrementalManifest>;
    return data && typeof data.routes === 'object' && data.routes !== null ? (data as IncrementalManifest) : null;
  } catch {
    return null;
  }
}

/** The manifest the running build started from, by cache directory (see readPreviousManifest). */
let atStart: { readonly cacheDir: string; readonly manifest: IncrementalManifest | null } | null = null;

/**
 * The previous build's manifest, read once per build and shared by the integrations that need it
 * (a large site's manifest is tens of MB). Valid until Astro writes the next one at the end of page
 * generation; the incremental-build integration forgets it when the build is done.
 */
export function readPreviousManifest(cacheDir: URL): IncrementalManifest | null {
  if (atStart?.cacheDir !== cacheDir.href) atStart = { cacheDir: cacheDir.href, manifest: readIncrementalManifest(cacheDir) };
  return atStart.manifest;
}

/**
 * The cache keys of the paths this build will render: those the previous build did not record
 * under the same key. Null without a previous manifest (every path renders). A path whose route
 * code changed renders although it is not listed; its page then renders what it lacks itself.
 */
export function listRenderedKeys(paths: readonly PlannedPath[], previous: IncrementalManifest | null): Set<string> | null {
  if (!previous) return null;
  const keys = new Set<string>();
  for (const { pathname, route, cacheKey } of paths) {
    if (cacheKey === undefined) continue;
    if (previous.routes[route.component]?.paths[pathname]?.cacheKey !== cacheKey) keys.add(cacheKey);
  }
  return keys;
}

/** The output files the previous manifest records that the next one does not (paths that are gone). */
export function listOrphanedOutputs(previous: IncrementalManifest | null, next: IncrementalManifest | null): string[] {
  if (!previous || !next) return [];
  const orphans: string[] = [];
  for (const [component, route] of Object.entries(previous.routes)) {
    for (const [pathname, entry] of Object.entries(route.paths)) {
      if (!next.routes[component]?.paths[pathname]) orphans.push(entry.outputFile);
    }
  }
  return orphans.sort();
}

/** The Astro integration: after each build, deletes from the output the files of paths that are gone. */
export function incrementalBuildIntegration(): AstroIntegration {
  let cacheDir: URL | undefined;
  let previous: IncrementalManifest | null = null;
  return {
    name: 'gongkai-incremental-build',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = config.cacheDir;
      },
      'astro:build:start': () => {
        atStart = null;
        previous = cacheDir ? readPreviousManifest(cacheDir) : null;
      },
      'astro:build:done': ({ dir, logger }) => {
        if (!cacheDir) return;
        const orphans = listOrphanedOutputs(previous, readIncrementalManifest(cacheDir));
        const out = fileURLToPath(dir);
        for (const file of orphans) {
          // Output files are relative to the output directory; never follow one out of it.
          if (file.split('/').includes('..')) continue;
          rmSync(`${out}/${file}`, { force: true });
        }
        if (orphans.length) logger.info(`removed ${orphans.length} files of paths the content no longer has`);
        // For the files beside the pages written while the pages were generated: a path an older build
        // generated through Astro may be one of theirs (src/integrations/endpoint-files.ts writes it again).
        buildRegistry().removedOutputs = orphans;
        previous = null;
        atStart = null;
      },
    },
  };
}

/** How many of the paths the previous build recorded under the same cache key (the incremental build leaves them as they are). */
export function countUnchangedPaths(paths: readonly PlannedPath[], previous: IncrementalManifest | null): number {
  if (!previous) return 0;
  let n = 0;
  for (const { pathname, route, cacheKey } of paths) if (cacheKey !== undefined && previous.routes[route.component]?.paths[pathname]?.cacheKey === cacheKey) n++;
  return n;
}
