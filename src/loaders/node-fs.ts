/** The Node file-system side of loading content: the one place loaders touch `node:fs`. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { ContentFs } from './load-content.ts';

/** A file read, or undefined when there is no such file (or it is a folder). */
function readOrUndefined<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
    throw err;
  }
}

/** A ContentFs over the real file system. */
export const nodeContentFs: ContentFs = {
  readText(path) {
    return readOrUndefined(() => readFileSync(path, 'utf8'));
  },
  readBytes(path) {
    return readOrUndefined(() => readFileSync(path));
  },
  exists(path) {
    return existsSync(path);
  },
  listDirs(path) {
    try {
      return readdirSync(path, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  },
};
