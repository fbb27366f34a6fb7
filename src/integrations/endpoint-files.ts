/**
 * Writes the files beside the pages that are not pages (each report's CSVs, each chart embed's
 * `chart.svg`, `data.csv` and `oembed.json`: listed by endpoint-list.ts) into the
 * output once the pages are generated, a folder at a time: one `mkdir` per folder and one synchronous
 * write per file, instead of Astro's path-by-path generation (a request and response per file, a
 * recursive `mkdir` before each, every file written twice, awaiting the thread pool each time).
 *
 * Its own incremental build: a memo in Astro's cache directory records, per folder, a stamp (a hash
 * of the folder's cache key, the site's address and the code that makes the files, hashed as the
 * chart cache's key hashes the charts' code: src/machinery/code-hash.ts) and its files'
 * names. A folder is written again when its stamp changed or one of its files is missing; a folder
 * the content no longer has is removed. The memo is saved without the folders about to be written
 * before any is written, so a build stopped half-way leaves no half-written file recorded as done.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { EndpointFolder } from './endpoint-list.ts';
import { hashSourceGraph } from '../machinery/code-hash.ts';
import { writeFileWhole } from '../machinery/file-cache.ts';
import { nameInProject } from '../machinery/project-path.ts';
import { buildRegistry, offerScript } from '../machinery/registry.ts';
import { recordPhase } from './build-phases.ts';
import { releasePremadeChartImages } from './prerender-charts.ts';

/** The memo's file in Astro's cache directory. */
export const ENDPOINT_MEMO = 'endpoint-files.json';

/** The memo: the output directory it describes, and per folder (URL path) its stamp and its files' names. */
export interface EndpointMemo {
  /** The output directory, relative to the project root (src/machinery/project-path.ts), so a project moved with its cache and output keeps its memo. */
  readonly outDir: string;
  readonly folders: Readonly<Record<string, readonly string[]>>;
}

/** Reads the memo; an unreadable or malformed one is empty (every folder is then written again). */
export function readEndpointMemo(file: string): EndpointMemo | null {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<EndpointMemo>;
    return typeof data.outDir === 'string' && data.folders && typeof data.folders === 'object' ? (data as EndpointMemo) : null;
  } catch {
    return null;
  }
}

/** A folder's stamp: its cache key under the build's version (the site's address and the code's hash). */
export function stampFolder(version: string, cacheKey: string): string {
  return createHash('sha256').update(version).update('\0').update(cacheKey).digest('hex').slice(0, 20);
}

/** The output folder of a URL path; throws for a path that would leave the output directory. */
function resolveFolder(outDir: string, dir: string): string {
  const rel = dir.replace(/^\/+/, '');
  if (rel.split('/').includes('..')) throw new Error(`${dir}: not a path inside the output`);
  return join(outDir, rel);
}

/** What a pass did: the folders written and kept, the files written, the folders removed. */
export interface EndpointWriteResult {
  readonly memo: EndpointMemo;
  readonly written: number;
  readonly files: number;
  readonly kept: number;
  readonly removed: string[];
}

/**
 * Writes into `outDir` each folder whose stamp under `version` is not the memo's or one of whose files
 * is missing, and removes the files of the memo's folders no longer listed; `save` is called with the
 * memo of what is still valid before anything is written. Returns the memo to keep. The memo names
 * the output directory `outDirName` (its path from the project root; by default `outDir` itself).
 */
export function writeEndpointFolders(outDir: string, folders: readonly EndpointFolder[], previous: EndpointMemo | null, version: string | null, save: (memo: EndpointMemo) => void = () => {}, outDirName: string = outDir): EndpointWriteResult {
  // A memo written before it named the output from the project root names it by its absolute path.
  const known = previous && (previous.outDir === outDirName || previous.outDir === outDir) ? previous.folders : {};
  const next: Record<string, string[]> = {};
  const pending: Array<{ folder: EndpointFolder; stamp: string }> = [];
  let kept = 0;
  for (const folder of folders) {
    // Without the code's hash no stamp is trusted: every folder is written.
    const stamp = version === null ? '' : stampFolder(version, folder.cacheKey);
    const names = folder.names;
    const before = known[folder.dir];
    const target = resolveFolder(outDir, folder.dir);
    const same = stamp !== '' && before !== undefined && before[0] === stamp && before.length === names.length + 1 && names.every((n, i) => before[i + 1] === n && existsSync(join(target, n)));
    if (same) {
      next[folder.dir] = [stamp, ...names];
      kept++;
    } else pending.push({ folder, stamp });
  }
  const listed = new Set(folders.map((f) => f.dir));
  const removed = Object.keys(known).filter((dir) => !listed.has(dir));
  if (pending.length || removed.length) save({ outDir: outDirName, folders: next });
  for (const dir of removed) {
    const target = resolveFolder(outDir, dir);
    for (const name of known[dir]!.slice(1)) rmSync(join(target, name), { force: true });
    if (existsSync(target) && readdirSync(target).length === 0) rmdirSync(target);
  }
  let files = 0;
  for (const { folder, stamp } of pending) {
    const target = resolveFolder(outDir, folder.dir);
    mkdirSync(target, { recursive: true });
    const bodies = folder.make();
    if (bodies.length !== folder.names.length) throw new Error(`${folder.dir}: ${bodies.length} files made for ${folder.names.length} names`);
    folder.names.forEach((name, i) => writeFileSync(join(target, name), bodies[i]!));
    files += bodies.length;
    if (stamp) next[folder.dir] = [stamp, ...folder.names];
  }
  return { memo: { outDir: outDirName, folders: next }, written: pending.length, files, kept, removed };
}

/** The Astro integration: after the pages (and the removal of gone paths), writes the files the pages' bundle lists. */
export function endpointFilesIntegration(): AstroIntegration {
  let cacheDir: URL | undefined;
  let site: URL | undefined;
  let root = process.cwd();
  const listModule = fileURLToPath(new URL('./endpoint-list.ts', import.meta.url));
  return {
    name: 'gongkai-endpoint-files',
    hooks: {
      'astro:config:setup': ({ injectScript, config }) => {
        root = fileURLToPath(config.root);
        injectScript('page-ssr', offerScript(listModule, 'offerEndpointFiles'));
      },
      'astro:config:done': ({ config }) => {
        cacheDir = config.cacheDir;
        site = config.site ? new URL(config.site) : undefined;
      },
      'astro:build:done': ({ dir, logger }) => {
        try {
          // Offered by the pages' bundle when a page loads (the script injected above).
          const hooks = buildRegistry().endpointFiles;
          if (!hooks || !cacheDir) return;
          const started = performance.now();
          const memoFile = fileURLToPath(new URL(ENDPOINT_MEMO, cacheDir));
          const save = (memo: EndpointMemo): void => writeFileWhole(memoFile, JSON.stringify(memo));
          // The code that makes the files: the list's module and all it imports, with the lockfile.
          const version = `${hashSourceGraph([listModule], root)}\0${site?.href ?? ''}`;
          const out = fileURLToPath(dir);
          const result = writeEndpointFolders(out, hooks.list(site), readEndpointMemo(memoFile), version, save, nameInProject(root, out));
          save(result.memo);
          recordPhase('endpoint-files', (performance.now() - started) / 1000);
          logger.info(`${result.files} files beside the pages written in ${result.written} folders, ${result.kept} folders unchanged${result.removed.length ? `, ${result.removed.length} removed` : ''} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        } finally {
          releasePremadeChartImages(logger);
        }
      },
    },
  };
}
