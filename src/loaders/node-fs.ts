/** The Node file-system side of loading content: the one place loaders touch `node:fs`. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { ContentFs } from './load-content.ts';

/** A ContentFs over the real file system. */
export const nodeContentFs: ContentFs = {
  readText(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
      throw err;
    }
  },
  readBytes(path) {
    try {
      return readFileSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
      throw err;
    }
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
