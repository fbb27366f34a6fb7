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
    prune: () => files.prune((name) => used.has(name)),
  };
}
