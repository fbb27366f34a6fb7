/**
 * Writes the downloads too large for an Astro endpoint (see src/machinery/streamed-list.ts) into
 * the output once the pages are generated, piece by piece, so memory holds one report's lines at a
 * time however large the file. A file is written beside its target and renamed into place only when
 * its size and hash are those the pages advertise, so the output never holds half a file; it is not
 * written again when the output still holds the same bytes (a memo in Astro's cache directory
 * records what was written, by size, modification time and hash). A file the build stashed while
 * measuring it (src/machinery/download-stash.ts) is moved into place instead of being generated again.
 */
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { DownloadFile } from '../downloads/site-downloads.ts';
import { isCacheOff } from '../machinery/cache-switch.ts';
import { clearDownloadStash, findStashed } from '../machinery/download-stash.ts';
import { downloadStashDir } from '../machinery/download-stats.ts';
import { writeFileWhole } from '../machinery/file-cache.ts';
import { nameInProject } from '../machinery/project-path.ts';
import { buildRegistry, offerScript } from '../machinery/registry.ts';
import { startTidyMeasure } from '../machinery/tidy-measure-thread.ts';

/** The memo's file in Astro's cache directory. */
export const STREAMED_MEMO = 'streamed-downloads.json';

/** What was written of one file: where, its size and hash, and the modification time it was left with. */
export interface StreamedFileRecord {
  /** The output directory, relative to the project root (src/machinery/project-path.ts), so a project moved with its cache and output keeps its memo. */
  readonly outDir: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly mtimeMs: number;
}

/** The memo: a record per URL path. */
export type StreamedMemo = Readonly<Record<string, StreamedFileRecord>>;

/** A file to write: its URL path, the size and hash it must have, and its text in pieces. */
export type StreamedFile = Pick<DownloadFile, 'path' | 'bytes' | 'sha256' | 'pieces'>;

/** Reads the memo; an unreadable or malformed one is empty (every file is then written again). */
export function readStreamedMemo(file: string): StreamedMemo {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as StreamedMemo) : {};
  } catch {
    return {};
  }
}

/** The SHA-256 of a file, read a piece at a time (a site-wide cells.csv is hundreds of MB). */
function hashFile(path: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(path, 'r');
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) hash.update(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * True when `target` is still the file the memo recorded for `file` in the output (named one of
 * `outDirNames`): of its size, and of
 * its modification time or, when that moved (an output copied or restored from a CI cache, which may
 * round the times), of its hash.
 */
function isUnchanged(target: string, outDirNames: readonly string[], file: StreamedFile, known: StreamedFileRecord | undefined): boolean {
  if (!known || !outDirNames.includes(known.outDir) || known.bytes !== file.bytes || known.sha256 !== file.sha256) return false;
  try {
    const { size, mtimeMs } = statSync(target);
    if (size !== known.bytes) return false;
    return mtimeMs === known.mtimeMs || hashFile(target) === known.sha256;
  } catch {
    return false;
  }
}

/** Writes a file's pieces to `temp`, hashing them; throws, leaving no `temp`, when they are not the size and hash advertised. */
function writePieces(temp: string, file: StreamedFile): void {
  const encoder = new TextEncoder();
  const hash = createHash('sha256');
  let bytes = 0;
  const fd = openSync(temp, 'w');
  try {
    for (const piece of file.pieces()) {
      const encoded = encoder.encode(piece);
      for (let at = 0; at < encoded.length; ) at += writeSync(fd, encoded, at);
      hash.update(encoded);
      bytes += encoded.length;
    }
  } catch (err) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw err;
  }
  closeSync(fd);
  const sha256 = hash.digest('hex');
  if (bytes !== file.bytes || sha256 !== file.sha256) {
    rmSync(temp, { force: true });
    throw new Error(`${file.path}: generated ${bytes} bytes (sha256 ${sha256.slice(0, 12)}…), but the pages list ${file.bytes} bytes (sha256 ${file.sha256.slice(0, 12)}…); delete the download memo (.cache/downloads.json or GONGKAI_DOWNLOAD_CACHE) and build again`);
  }
}

/** The output file of a URL path; throws for a path that would leave the output directory. */
function resolveTarget(outDir: string, path: string): string {
  const relative = path.replace(/^\/+/, '');
  if (!relative || relative.split('/').includes('..')) throw new Error(`${path}: not a path inside the output`);
  return join(outDir, relative);
}

/**
 * Writes each file into `outDir` at its URL path unless the memo shows the output still holds it,
 * and deletes the files the memo records in `outDir` that are no longer listed (a year whose
 * reports are gone); returns the memo to keep and the paths written. A file of the size and hash
 * advertised found in `stashDir` is moved (or copied, when another file still needs the same
 * bytes) into place instead of being generated. Throws, leaving the output's old file in place,
 * when a file cannot be generated or is not what the pages advertise. The memo names the output
 * directory `outDirName` (its path from the project root; by default `outDir` itself).
 */
export function writeStreamedDownloads(outDir: string, files: readonly StreamedFile[], memo: StreamedMemo, stashDir?: string, outDirName: string = outDir): { memo: StreamedMemo; written: string[]; removed: string[]; fromStash: string[] } {
  // A memo written before it named the output from the project root names it by its absolute path.
  const names = [outDirName, outDir];
  const next: Record<string, StreamedFileRecord> = {};
  const written: string[] = [];
  const fromStash: string[] = [];
  const pending = files.filter((file) => !isUnchanged(resolveTarget(outDir, file.path), names, file, memo[file.path]));
  for (const file of files) {
    const target = resolveTarget(outDir, file.path);
    if (pending.includes(file)) {
      mkdirSync(dirname(target), { recursive: true });
      const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
      const stashed = stashDir === undefined ? undefined : findStashed(stashDir, file);
      if (stashed) {
        const later = pending.slice(pending.indexOf(file) + 1).some((f) => f.sha256 === file.sha256);
        if (later) copyFileSync(stashed, temp);
        else renameSync(stashed, temp);
        fromStash.push(file.path);
      } else writePieces(temp, file);
      renameSync(temp, target);
      written.push(file.path);
    }
    next[file.path] = { outDir: outDirName, bytes: file.bytes, sha256: file.sha256, mtimeMs: statSync(target).mtimeMs };
  }
  const removed = Object.entries(memo).filter(([path, known]) => names.includes(known.outDir) && !next[path]).map(([path]) => path);
  for (const path of removed) {
    const target = resolveTarget(outDir, path);
    rmSync(target, { force: true });
    if (dirname(target) !== outDir && existsSync(dirname(target)) && readdirSync(dirname(target)).length === 0) rmdirSync(dirname(target));
  }
  return { memo: next, written, removed, fromStash };
}

/** The Astro integration: after the pages (and the removal of gone paths), writes the streamed downloads the pages' bundle offers. */
export function streamedDownloadsIntegration(): AstroIntegration {
  let cacheDir: URL | undefined;
  let site: URL | undefined;
  let root = process.cwd();
  return {
    name: 'gongkai-streamed-downloads',
    hooks: {
      'astro:config:setup': ({ injectScript }) => {
        injectScript('page-ssr', offerScript(fileURLToPath(new URL('../machinery/streamed-list.ts', import.meta.url)), 'offerStreamedDownloads'));
      },
      'astro:config:done': ({ config }) => {
        cacheDir = config.cacheDir;
        site = config.site ? new URL(config.site) : undefined;
        root = fileURLToPath(config.root);
      },
      'astro:build:start': () => {
        // The site-wide and yearly cells.csv measured on a worker thread (the pages' bundle asks for it).
        buildRegistry().startTidyMeasure = startTidyMeasure;
      },
      'astro:build:done': ({ dir, logger }) => {
        // Offered by the pages' bundle when a page loads (the script injected above).
        const hooks = buildRegistry().streamedDownloads;
        if (!hooks || !cacheDir) return;
        const memoFile = fileURLToPath(new URL(STREAMED_MEMO, cacheDir));
        const stashDir = downloadStashDir();
        const out = fileURLToPath(dir);
        const { memo, written, removed, fromStash } = writeStreamedDownloads(out, hooks.list(site), isCacheOff('streamed-memo') ? {} : readStreamedMemo(memoFile), stashDir, nameInProject(root, out));
        clearDownloadStash(stashDir);
        writeFileWhole(memoFile, `${JSON.stringify(memo, null, 2)}\n`);
        if (written.length) logger.info(`wrote ${written.join(', ')}${fromStash.length ? ` (${fromStash.length} as measured, from the stash)` : ''}`);
        if (removed.length) logger.info(`removed ${removed.join(', ')}, no longer on the site`);
      },
    },
  };
}
