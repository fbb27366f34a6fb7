/**
 * The stash of the files measured in pieces (the site-wide CSVs and the yearly cells.csv): while the build
 * measures one (src/downloads/site-downloads.ts), its bytes are also written here, and the
 * streamed-downloads integration then moves the file into the output instead of generating its
 * text a second time (at 20,000 reports, about 12 s a pass over the reports, 1.5 GB of text).
 * A file is named by its SHA-256 only once it is complete and closed (until then it has a temporary
 * name), so a stashed file is always the whole of what was measured. The integration empties the
 * stash when it is done; a build that stops between the two leaves files the next one removes.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { FileStats } from '../downloads/datapackage.ts';
import type { DownloadStash } from '../downloads/site-downloads.ts';
import { makeTempPath } from './file-cache.ts';

/** The stash's file for a file of these stats, named by its hash. */
function stashedPath(dir: string, stats: FileStats): string {
  if (!/^[0-9a-f]{64}$/.test(stats.sha256)) throw new Error(`download stash: ${stats.sha256} is not a SHA-256`);
  return join(dir, `${stats.sha256}.csv`);
}

/** A stash in `dir` (created on first use). */
export function openDownloadStash(dir: string): DownloadStash {
  return {
    open() {
      mkdirSync(dir, { recursive: true });
      // Unique to the process, thread and file: the tidy files are stashed by a worker thread while
      // the build's thread stashes the other site-wide files (src/machinery/tidy-measure-thread.ts).
      const temp = makeTempPath(dir);
      let fd: number | undefined = openSync(temp, 'w');
      const close = (): void => {
        if (fd !== undefined) closeSync(fd);
        fd = undefined;
      };
      return {
        write(bytes) {
          if (fd === undefined) throw new Error('download stash: write after keep or drop');
          for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
        },
        keep(stats) {
          close();
          renameSync(temp, stashedPath(dir, stats));
        },
        drop() {
          close();
          rmSync(temp, { force: true });
        },
      };
    },
  };
}

/** The stashed file holding these stats' bytes, or undefined when the stash has none of that hash and size. */
export function findStashed(dir: string, stats: FileStats): string | undefined {
  const path = stashedPath(dir, stats);
  try {
    return statSync(path).size === stats.bytes ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Removes the stash and whatever it still holds. */
export function clearDownloadStash(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
