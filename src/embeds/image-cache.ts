/**
 * A content-addressed cache of generated image files (outlined SVG, PNG), so an unchanged chart is
 * never outlined or rasterised twice, within a build or across builds. The key is the SHA-256 of
 * everything that decides the bytes, which the caller passes as `input` (the chart's SVG, the words,
 * the font and renderer versions); the generator runs only on a miss. File access is passed in.
 */
import { createHash } from 'node:crypto';

/** The version of the image layouts and outlining; part of every key, so a change here regenerates. */
export const IMAGE_FORMAT_VERSION = 2;

/** The file access the cache needs; paths are joined with `/`. */
export interface ImageCacheFs {
  /** The file's bytes, or undefined when there is none. */
  readBytes(path: string): Uint8Array<ArrayBuffer> | undefined;
  /** Writes a file whole (temporary file, then rename), creating missing directories. */
  writeBytes(path: string, bytes: Uint8Array): void;
}

/** Hits and misses since the cache was created, by file extension. */
export interface ImageCacheStats {
  readonly hits: number;
  readonly misses: number;
}

/** A cache of generated files. */
export interface ImageCache {
  /** Returns the file for `input`: from the cache when its key is there, else made by `make` and stored. */
  get(ext: 'svg' | 'png', input: string, make: () => Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>;
  /** Returns the file for `input` when the cache has it (counted as a hit), else undefined (not counted). */
  find(ext: 'svg' | 'png', input: string): Uint8Array<ArrayBuffer> | undefined;
  /** Counts a miss whose file was made elsewhere (by an image worker, which stores it). */
  recordMiss(): void;
  stats(): ImageCacheStats;
}

/** The cache key of an input: hex SHA-256 of the format version, the extension and the input. */
export function hashImageInput(ext: string, input: string): string {
  return createHash('sha256').update(`${IMAGE_FORMAT_VERSION}\u0000${ext}\u0000${input}`).digest('hex');
}

/** Creates a cache in a directory (files `<dir>/<key[0..2]>/<key>.<ext>`); with `fs` null, in memory only. */
export function createImageCache(fs: ImageCacheFs | null, dir: string): ImageCache {
  const memory = new Map<string, Uint8Array<ArrayBuffer>>();
  let hits = 0;
  let misses = 0;
  /** Where the file of an input is kept. */
  const pathOf = (ext: string, input: string): string => {
    const key = hashImageInput(ext, input);
    return `${dir}/${key.slice(0, 2)}/${key}.${ext}`;
  };
  /** The file at a path, counted as a hit when there is one. */
  const read = (path: string): Uint8Array<ArrayBuffer> | undefined => {
    const cached = fs ? fs.readBytes(path) : memory.get(path);
    if (cached !== undefined) hits += 1;
    return cached;
  };
  return {
    find: (ext, input) => read(pathOf(ext, input)),
    recordMiss: () => void (misses += 1),
    get(ext, input, make) {
      const path = pathOf(ext, input);
      const cached = read(path);
      if (cached !== undefined) return cached;
      misses += 1;
      const bytes = make();
      if (fs) fs.writeBytes(path, bytes);
      else memory.set(path, bytes);
      return bytes;
    },
    stats: () => ({ hits, misses }),
  };
}
