/**
 * The build's memo of download sizes and hashes (see DownloadStatsMemo in
 * src/downloads/site-downloads.ts), kept on disk across builds in `.cache/downloads.json` or
 * GONGKAI_DOWNLOAD_CACHE. Read once per build process; written when the process exits, with only
 * the entries this build used, so the file never grows with content that is gone. A file that
 * cannot be read counts as empty: every file is then measured again, which changes no output.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type { FileStats } from '../downloads/datapackage.ts';
import { getSiteDownloads, type DownloadStatsMemo, type SiteDownloads } from '../downloads/site-downloads.ts';
import { getSiteContent } from '../loaders/site-content.ts';
import { getPageKeys } from '../routes/keys.ts';
import { isCacheOff, resolveCacheDir } from './cache-switch.ts';
import { openDownloadStash } from './download-stash.ts';
import { writeFileWhole } from './file-cache.ts';
import { openTidyLinesCache } from './tidy-lines-cache.ts';
import { buildRegistry } from './registry.ts';
import type {} from './tidy-measure-thread.ts';

/** The environment variable naming the memo's file. */
export const DOWNLOAD_CACHE_ENV = 'GONGKAI_DOWNLOAD_CACHE';

let memo: DownloadStatsMemo | undefined;

/** The memo's file: GONGKAI_DOWNLOAD_CACHE, else `.cache/downloads.json`. */
function memoFile(): string {
  return resolve(process.env[DOWNLOAD_CACHE_ENV] ?? '.cache/downloads.json');
}

/** The stash of measured tidy files (src/machinery/download-stash.ts): `downloads-stash/` beside the memo's file. */
export function downloadStashDir(): string {
  return join(dirname(memoFile()), 'downloads-stash');
}

/** The cache of each report's tidy lines (src/machinery/tidy-lines-cache.ts): `downloads-lines/` beside the memo's file. */
export function tidyLinesDir(): string {
  return join(dirname(memoFile()), 'downloads-lines');
}

/** Reads the memo file; an unreadable or malformed one is empty. */
function readMemoFile(file: string): Map<string, FileStats> {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, FileStats>;
    return new Map(Object.entries(data).filter(([, s]) => typeof s?.bytes === 'number' && typeof s.sha256 === 'string'));
  } catch {
    return new Map();
  }
}

/** The caches of a build's memo: the stash, the lines cache, and the worker thread that measures the tidy files from them. */
function buildCaches(): Pick<DownloadStatsMemo, 'stash' | 'tidyLines' | 'measureKeptTidy'> {
  const stashDir = isCacheOff('download-stash') ? undefined : downloadStashDir();
  const linesDir = resolveCacheDir('tidy-lines', tidyLinesDir());
  const startTidyMeasure = buildRegistry().startTidyMeasure;
  return {
    ...(stashDir === undefined ? {} : { stash: openDownloadStash(stashDir) }),
    tidyLines: openTidyLinesCache(linesDir),
    ...(startTidyMeasure ? { measureKeptTidy: (job) => startTidyMeasure({ job, linesDir, stashDir }) } : {}),
  };
}

/**
 * Returns the build's download stats memo, loaded on first use and saved when the process exits. In
 * a build (not the dev server, which serves those files from their endpoints) the memo stashes the
 * tidy files it measures for the streamed-downloads integration to move into the output, keeps
 * each report's tidy lines across builds for measuring them again, and measures the site-wide and
 * yearly cells.csv from those lines on a worker thread (src/machinery/tidy-measure-thread.ts, offered
 * by the streamed-downloads integration).
 */
export function getDownloadStatsMemo(): DownloadStatsMemo {
  if (memo) return memo;
  const file = memoFile();
  const before = isCacheOff('download-stats') ? new Map<string, FileStats>() : readMemoFile(file);
  const used = new Map<string, FileStats>();
  let changed = false;
  // `import.meta.env.PROD`, never the whole object (no `?.`, not even in a comment): Astro inlines into
  // a module that reads it whole the value of every environment variable whose name its source
  // contains (`_`, the command that started the build, among them), and every page's code hash
  // changes with them (src/integrations/incremental-build.test.ts).
  memo = {
    ...(import.meta.env.PROD && isMainThread ? buildCaches() : {}),
    get(key) {
      const stats = before.get(key);
      if (stats) used.set(key, stats);
      return stats;
    },
    set(key, stats) {
      used.set(key, stats);
      changed = true;
    },
  };
  if (isMainThread) {
    process.on('exit', () => {
      if (!changed && used.size === before.size) return;
      const sorted = Object.fromEntries([...used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      writeFileWhole(file, JSON.stringify(sorted));
    });
  }
  return memo;
}

/**
 * The downloads of the build's content for the site's address (formatSiteAddress): generated once,
 * each file measured only when the memo lacks its stats under its route's cache key.
 */
export function getBuildDownloads(site: string): SiteDownloads {
  const content = getSiteContent();
  return getSiteDownloads(content, site, getDownloadStatsMemo(), getPageKeys(content));
}
