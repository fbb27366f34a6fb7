/**
 * The one way the build keeps files across builds (every cache under `.cache/`, the memos, the
 * search manifest): a file is written whole or not at all (to a temporary name beside it, unique to
 * this process and thread, then renamed into place), a file that cannot be read is absent, and a
 * directory of cached files is pruned to what the build still uses.
 *
 * `openFileCache(dir, { version })` keeps its files under `<dir>/<version>/`: a change of whatever
 * the version hashes (the code that makes the files, its settings) starts an empty directory, and
 * `prune` removes the other versions' directories.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';

let temps = 0;

/**
 * A temporary file name in `dir`, unique to this process, thread and call: pre-render workers, and the
 * threads of one process, write beside each other.
 */
export function makeTempPath(dir: string): string {
  return join(dir, `.${process.pid}-${threadId}-${++temps}.tmp`);
}

/** Writes `bytes` to `path` whole: to a temporary file beside it, renamed into place; creates missing directories. */
export function writeFileWhole(path: string, bytes: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = makeTempPath(dirname(path));
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** The file's bytes, or undefined when it cannot be read (absent, or not a file). */
export function readFileIfAny(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** A directory of cached files by name (a name may have a folder: `ab/abcdef.svg`). */
export interface FileCache {
  /** Where the files are: `dir`, or `dir/<version>`. */
  readonly dir: string;
  read(name: string): Buffer | undefined;
  write(name: string, bytes: string | Uint8Array): void;
  /** Removes every entry of the directory its test does not keep (and, with a version, every other version's directory). */
  prune(keep: (name: string) => boolean): void;
}

/** Opens the cache in `dir` (created on first write), under `dir/<version>` when a version is given. */
export function openFileCache(root: string, options: { readonly version?: string } = {}): FileCache {
  const { version } = options;
  const dir = version === undefined ? root : join(root, version);
  return {
    dir,
    read: (name) => readFileIfAny(join(dir, name)),
    write: (name, bytes) => writeFileWhole(join(dir, name), bytes),
    prune(keep) {
      if (version !== undefined) removeEntries(root, (entry) => entry === version);
      removeEntries(dir, keep);
    },
  };
}

/** Removes every entry of `dir` that `keep` does not keep; nothing when `dir` is absent. */
function removeEntries(dir: string, keep: (name: string) => boolean): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) if (!keep(entry)) rmSync(join(dir, entry), { recursive: true, force: true });
}
