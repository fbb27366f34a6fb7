/**
 * The cache of each report's tidy lines (its lines of the site-wide and yearly cells.csv, without the
 * header), as UTF-8 bytes on disk, one file per report named by a hash of its memo key. Measuring the
 * site-wide and yearly cells files needs every report's lines whenever any report changes (their
 * SHA-256 covers all of them); generating them is the costly part (at 20,000 reports, 754 MB of CSV
 * text written through PapaParse), reading them back is not. Writes go to a temporary name and are
 * renamed into place, so a file is whole or absent. `prune` removes the files this process neither
 * read nor wrote: called after a pass over every report, it leaves exactly the current reports'.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TidyLinesCache } from '../downloads/site-downloads.ts';

/** The file of a key: a hash of it, so any key makes a safe, short name. */
function fileName(key: string): string {
  return `${createHash('sha256').update(key).digest('hex').slice(0, 40)}.csv`;
}

/** A cache in `dir` (created on first write). */
export function openTidyLinesCache(dir: string): TidyLinesCache {
  const used = new Set<string>();
  let written = 0;
  return {
    read(key) {
      const name = fileName(key);
      try {
        const bytes = readFileSync(join(dir, name));
        used.add(name);
        return bytes;
      } catch {
        return undefined;
      }
    },
    write(key, bytes) {
      const name = fileName(key);
      mkdirSync(dir, { recursive: true });
      const temp = join(dir, `.${process.pid}.${++written}.tmp`);
      writeFileSync(temp, bytes);
      renameSync(temp, join(dir, name));
      used.add(name);
    },
    prune() {
      let entries: string[];
      try {
        entries = readdirSync(dir);
      } catch {
        return;
      }
      for (const entry of entries) if (!used.has(entry)) rmSync(join(dir, entry), { force: true });
    },
  };
}
