/**
 * The content memo on disk (`.cache/content/<version>/<report folder>.json`, or GONGKAI_CONTENT_CACHE):
 * each report folder as the loader read it (src/loaders/load-content.ts, `ContentMemo`), so a build
 * parses again only the folders whose files changed. The version is a hash of the loader's code and
 * every module it imports, with the lockfile (code-hash.ts): a change to how content is read starts
 * an empty directory. An entry is trusted only when its key (the hash of the folder's files) is the
 * one the files give now; an unreadable or malformed entry is a miss. After a load of the whole
 * content, `prune` removes the entries of folders that are gone and the other versions' directories.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ContentMemo, ContentPrefetch } from '../loaders/load-content.ts';
import { hashSourceGraph } from './code-hash.ts';
import { PREFETCH_MODULE, startContentPrefetch } from './content-prefetch.ts';
import { openFileCache } from './file-cache.ts';

/** The environment variable naming the memo's directory. */
export const CONTENT_CACHE_ENV = 'GONGKAI_CONTENT_CACHE';

/** The memo's directory: GONGKAI_CONTENT_CACHE, else `.cache/content`. (GONGKAI_CACHES_OFF=content: the build uses no memo, src/loaders/site-content.ts.) */
export function resolveContentMemoDir(): string {
  return resolve(process.env[CONTENT_CACHE_ENV] ?? '.cache/content');
}

/** The version of the loader's code in `root` (the project; default the working directory). */
export function hashLoaderCode(root = process.cwd()): string {
  return hashSourceGraph([join(root, 'src', 'loaders', 'load-content.ts')], root);
}

/** A content memo with the files it read or wrote, to prune the rest. */
export interface OpenContentMemo extends ContentMemo {
  /** Removes every entry this memo neither read nor wrote, and every other version's directory. */
  prune(): void;
  /**
   * Reads ahead on a worker thread (content-prefetch.ts) what loading the report folders `dirs` of
   * `root` needs of the memo, for LoadOptions.prefetch: the entries it reads count as read. Undefined
   * when the project in the working directory has no sources to start the worker from.
   */
  readonly prefetch: ((root: string, dirs: readonly string[], context: string) => ContentPrefetch & { posted(): number }) | undefined;
}

/** Opens the memo in `dir` under `version` (created on first write). */
export function openContentMemo(dir: string, version: string): OpenContentMemo {
  const files = openFileCache(dir, { version });
  const used = new Set<string>();
  const fileName = (name: string): string => `${name}.json`;
  return {
    read(name) {
      const bytes = files.read(fileName(name));
      if (bytes) used.add(fileName(name));
      return bytes?.toString('utf8');
    },
    write(name, text) {
      files.write(fileName(name), text);
      used.add(fileName(name));
    },
    prune: () => files.prune((name) => used.has(name)),
    prefetch: existsSync(join(process.cwd(), PREFETCH_MODULE))
      ? (root, dirs, context) => {
          const ahead = startContentPrefetch(process.cwd(), root, dirs, files.dir, context);
          return {
            posted: () => ahead.posted(),
            take(dir) {
              const got = ahead.take(dir);
              if (got?.text !== undefined) used.add(fileName(dir));
              return got;
            },
            close: () => ahead.close(),
          };
        }
      : undefined,
  };
}
