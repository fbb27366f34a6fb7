/**
 * The cache of each report's tidy lines (its lines of the site-wide and yearly cells.csv, without the
 * header), as UTF-8 bytes on disk, one file per report named by a hash of its memo key; and, in a
 * second file per report, its lines of the three wide tables (packed, see packPieces in
 * src/downloads/site-downloads.ts), which the site-wide wide CSVs need in every edit too. Measuring the
 * site-wide and yearly cells files needs every report's lines whenever any report changes (their
 * SHA-256 covers all of them); generating them is the costly part (at 20,000 reports, 754 MB of CSV
 * text written through PapaParse), reading them back is not. Writes go to a temporary name and are
 * renamed into place, so a file is whole or absent. `prune` removes the files this process neither
 * read nor wrote: called after a pass over every report, it leaves exactly the current reports'.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { TidyLinesCache } from '../downloads/site-downloads.ts';
import { openFileCache } from './file-cache.ts';

/** The file of a key: a hash of it, so any key makes a safe, short name. */
function fileName(key: string): string {
  return `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.csv`;
}

/** A cache in `dir` (created on first write). */
export function openTidyLinesCache(dir: string): TidyLinesCache {
  const files = openFileCache(dir);
  const used = new Set<string>();
  return {
    read(key) {
      const name = fileName(key);
      const bytes = files.read(name);
      if (bytes) used.add(name);
      return bytes;
    },
    write(key, bytes) {
      const name = fileName(key);
      files.write(name, bytes);
      used.add(name);
    },
    use(key) {
      used.add(fileName(key));
    },
    prune: () => files.prune((name) => used.has(name)),
  };
}

/**
 * Reads entries of the cache in `dir` into one buffer, reused and grown as needed: `read` gives an
 * entry's bytes, valid until the next read, or undefined when the entry cannot be read. For the
 * worker thread that reads every report's lines once (src/machinery/tidy-measure-thread.ts): a new
 * buffer per entry left about 100 MB of garbage in that thread at 4,000 reports.
 */
export function openTidyLinesReader(dir: string): { read(key: string): Uint8Array | undefined } {
  let buffer = Buffer.alloc(1 << 20);
  return {
    read(key) {
      let fd: number;
      try {
        fd = openSync(join(dir, fileName(key)), 'r');
      } catch {
        return undefined;
      }
      try {
        const size = fstatSync(fd).size;
        if (size + 1 > buffer.length) buffer = Buffer.alloc(2 * (size + 1));
        let at = 0;
        // Up to the end, whatever the size said: one byte of room more tells a file that grew.
        for (let n = readSync(fd, buffer, at, buffer.length - at, null); n > 0; n = readSync(fd, buffer, at, buffer.length - at, null)) {
          at += n;
          if (at === buffer.length) buffer = Buffer.concat([buffer, Buffer.alloc(buffer.length)]);
        }
        return buffer.subarray(0, at);
      } catch {
        return undefined;
      } finally {
        closeSync(fd);
      }
    },
  };
}
