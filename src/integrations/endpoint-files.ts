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
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { EndpointFolder } from './endpoint-list.ts';
import { hashSourceGraph } from '../machinery/code-hash.ts';
import { writeFileWhole } from '../machinery/file-cache.ts';
import { nameInProject } from '../machinery/project-path.ts';
import { buildRegistry, offerScript } from '../machinery/registry.ts';
import { recordPhase } from './build-phases.ts';

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
 * A pass over the files beside the pages, begun: which folders are still to write. `writeReady`
 * writes some of them while the pages are still generated (while a page waits for its charts, this
 * thread would otherwise idle), `finish` removes the folders that are gone and writes the rest.
 */
export interface EndpointPass {
  /**
   * Writes the folders still to write whose cache key `ready` accepts, in the list's order, until
   * `budgetMs` has passed; returns false when none of them is left (a later call may find more,
   * as `ready` accepts more keys).
   */
  writeReady(ready: (cacheKey: string) => boolean, budgetMs: number): boolean;
  /**
   * Writes again the folders written by `writeReady` one of whose files is among `removed` (paths
   * relative to the output directory): the incremental build removes after the pages the files of
   * paths an older build generated through Astro, which may be these files.
   */
  rewriteRemoved(removed: readonly string[]): void;
  /** Removes the files of the memo's folders no longer listed, writes every folder still to write, and returns what the pass did. */
  finish(): EndpointWriteResult;
  /** As `finish`, letting other work of this thread (the search index's) go on every `sliceMs`. */
  finishYielding(sliceMs: number): Promise<EndpointWriteResult>;
}

/**
 * Begins a pass writing into `outDir` each folder whose stamp under `version` is not the memo's or one
 * of whose files is missing; `save` is called, before anything is written or removed, with the memo of
 * what is still valid. Nothing else is done until `writeReady` or `finish` is called. The memo names
 * the output directory `outDirName` (its path from the project root; by default `outDir` itself).
 */
export function beginEndpointPass(outDir: string, folders: readonly EndpointFolder[], previous: EndpointMemo | null, version: string | null, save: (memo: EndpointMemo) => void = () => {}, outDirName: string = outDir): EndpointPass {
  // A memo written before it named the output from the project root names it by its absolute path.
  const known = previous && (previous.outDir === outDirName || previous.outDir === outDir) ? previous.folders : {};
  const next: Record<string, string[]> = {};
  // Folders to write, grouped by cache key in the list's order (a key is ready or not as a whole).
  const pending = new Map<string, Array<{ folder: EndpointFolder; stamp: string }>>();
  let kept = 0;
  let written = 0;
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
    } else {
      const group = pending.get(folder.cacheKey);
      if (group) group.push({ folder, stamp });
      else pending.set(folder.cacheKey, [{ folder, stamp }]);
      written++;
    }
  }
  const listed = new Set(folders.map((f) => f.dir));
  const removed = Object.keys(known).filter((dir) => !listed.has(dir));
  const gone: string[] = [];
  if (pending.size || removed.length) save({ outDir: outDirName, folders: next });
  let files = 0;
  const early: EndpointFolder[] = [];
  const writeFolder = (folder: EndpointFolder): void => {
    const target = resolveFolder(outDir, folder.dir);
    mkdirSync(target, { recursive: true });
    const bodies = folder.make();
    if (bodies.length !== folder.names.length) throw new Error(`${folder.dir}: ${bodies.length} files made for ${folder.names.length} names`);
    folder.names.forEach((name, i) => writeFileSync(join(target, name), bodies[i]!));
  };
  const writeGroup = (key: string, before = false): void => {
    for (const { folder, stamp } of pending.get(key)!) {
      writeFolder(folder);
      if (before) early.push(folder);
      files += folder.names.length;
      if (stamp) next[folder.dir] = [stamp, ...folder.names];
    }
    pending.delete(key);
  };
  const removeGone = (): void => {
    for (const dir of removed.splice(0)) {
      const target = resolveFolder(outDir, dir);
      for (const name of known[dir]!.slice(1)) rmSync(join(target, name), { force: true });
      if (existsSync(target) && readdirSync(target).length === 0) rmdirSync(target);
      gone.push(dir);
    }
  };
  return {
    writeReady(ready, budgetMs) {
      const until = performance.now() + budgetMs;
      for (const key of pending.keys()) {
        if (!ready(key)) continue;
        writeGroup(key, true);
        if (performance.now() >= until) return true;
      }
      return false;
    },
    rewriteRemoved(removedFiles) {
      if (!removedFiles.length || !early.length) return;
      const gone = new Set(removedFiles);
      for (const folder of early) if (folder.names.some((name) => gone.has(`${folder.dir.replace(/^\/+/, '')}${name}`))) writeFolder(folder);
    },
    finish() {
      removeGone();
      for (const key of pending.keys()) writeGroup(key);
      return { memo: { outDir: outDirName, folders: next }, written, files, kept, removed: gone };
    },
    async finishYielding(sliceMs) {
      removeGone();
      while (this.writeReady(() => true, sliceMs)) await yieldToLoop();
      return { memo: { outDir: outDirName, folders: next }, written, files, kept, removed: gone };
    },
  };
}

/**
 * Writes into `outDir` each folder whose stamp under `version` is not the memo's or one of whose files
 * is missing, and removes the files of the memo's folders no longer listed; `save` is called with the
 * memo of what is still valid before anything is written. Returns the memo to keep. The memo names
 * the output directory `outDirName` (its path from the project root; by default `outDir` itself).
 */
export function writeEndpointFolders(outDir: string, folders: readonly EndpointFolder[], previous: EndpointMemo | null, version: string | null, save: (memo: EndpointMemo) => void = () => {}, outDirName: string = outDir): EndpointWriteResult {
  return beginEndpointPass(outDir, folders, previous, version, save, outDirName).finish();
}

declare module '../machinery/registry.ts' {
  interface BuildRegistry {
    /**
     * Offered by the endpoint-files integration while the pages are generated: writes the folders
     * whose cache key `ready` accepts for about `budgetMs` (the pre-render's wait for a page's charts
     * calls it, src/integrations/prerender-charts.ts); false when none is left to write now.
     */
    endpointPass?: { writeReady(ready: (cacheKey: string) => boolean, budgetMs: number): boolean };
    /**
     * Settled once the files beside the pages are written after the pages (set when the build
     * starts): the search index, begun before them on the other core, waits for it to start its
     * second Pagefind process, so this thread keeps a core (src/integrations/pagefind.ts).
     */
    endpointFilesWritten?: Promise<void>;
  }
}

/** How long the pass after the pages writes before it lets the search index's work on this thread go on. */
const AFTER_PAGES_SLICE_MS = 10;

/**
 * The Astro integration: writes the files the pages' bundle lists, some while the pages wait for
 * their charts (those of the owners whose charts are rendered: see `endpointPass` above), the rest
 * after the pages (and the removal of gone paths).
 */
export function endpointFilesIntegration(): AstroIntegration {
  let cacheDir: URL | undefined;
  let outDir = '';
  let site: URL | undefined;
  let root = process.cwd();
  const listModule = fileURLToPath(new URL('./endpoint-list.ts', import.meta.url));
  // The pass of this build, begun at its first use, into `passDir`; and the seconds spent writing before the pages were done.
  let pass: EndpointPass | null = null;
  let passDir = '';
  let early = 0;
  let written = (): void => {};
  const memoFile = (): string => fileURLToPath(new URL(ENDPOINT_MEMO, cacheDir));
  const save = (memo: EndpointMemo): void => writeFileWhole(memoFile(), JSON.stringify(memo));
  /** Begins the pass into `dir` once the pages' bundle has offered its list; null before. */
  const open = (dir: string): EndpointPass | null => {
    if (pass && passDir === dir) return pass;
    // Offered by the pages' bundle when a page loads (the script injected below).
    const hooks = buildRegistry().endpointFiles;
    if (!hooks || !cacheDir || !dir) return null;
    // The code that makes the files: the list's module and all it imports, with the lockfile.
    const version = `${hashSourceGraph([listModule], root)}\0${site?.href ?? ''}`;
    pass = beginEndpointPass(dir, hooks.list(site), readEndpointMemo(memoFile()), version, save, nameInProject(root, dir));
    passDir = dir;
    return pass;
  };
  return {
    name: 'gongkai-endpoint-files',
    hooks: {
      'astro:config:setup': ({ injectScript, config }) => {
        root = fileURLToPath(config.root);
        injectScript('page-ssr', offerScript(listModule, 'offerEndpointFiles'));
      },
      'astro:config:done': ({ config }) => {
        cacheDir = config.cacheDir;
        outDir = fileURLToPath(config.outDir);
        site = config.site ? new URL(config.site) : undefined;
      },
      'astro:build:start': () => {
        pass = null;
        early = 0;
        buildRegistry().endpointFilesWritten = new Promise((resolve) => (written = resolve));
        buildRegistry().endpointPass = {
          writeReady(ready, budgetMs) {
            const started = performance.now();
            try {
              return open(outDir)?.writeReady(ready, budgetMs) ?? false;
            } finally {
              early += performance.now() - started;
            }
          },
        };
      },
      'astro:build:done': async ({ dir, logger }) => {
        delete buildRegistry().endpointPass;
        try {
          const started = performance.now();
          // The pass begun while the pages waited, when it writes into this output (a static build's).
          const current = open(fileURLToPath(dir));
          if (!current) return;
          current.rewriteRemoved(buildRegistry().removedOutputs ?? []);
          // The search index is written meanwhile, from the pages alone (src/integrations/pagefind.ts).
          const result = await current.finishYielding(AFTER_PAGES_SLICE_MS);
          save(result.memo);
          recordPhase('endpoint-files', (performance.now() - started) / 1000);
          if (early > 0) recordPhase('endpoint-files-early', early / 1000);
          const during = early > 0 ? ` (${(early / 1000).toFixed(1)} s of it while the pages waited for their charts)` : '';
          logger.info(`${result.files} files beside the pages written in ${result.written} folders, ${result.kept} folders unchanged${result.removed.length ? `, ${result.removed.length} removed` : ''} in ${((performance.now() - started + early) / 1000).toFixed(1)} s${during}`);
        } finally {
          pass = null;
          written();
          delete buildRegistry().endpointFilesWritten;
          delete buildRegistry().removedOutputs;
        }
      },
    },
  };
}
