/**
 * Measuring the tidy files (the site-wide and yearly cells.csv): each is a header followed by the
 * lines of some reports, in the reports' order, measured in one pass (each report's lines made or
 * read once, for every file that holds them) and written, when there is a stash, into it as they
 * are measured. Used by src/downloads/site-downloads.ts on the build's thread, and by the worker
 * thread that measures them from the lines cache during a build (src/machinery/tidy-measure-thread.ts);
 * so this module imports no content code, only what the worker needs.
 */
import { createHash } from 'node:crypto';
import type { FileStats } from './datapackage.ts';
import type { DownloadStash } from './site-downloads.ts';
import { openDownloadStash } from '../machinery/download-stash.ts';
import { openTidyLinesReader } from '../machinery/tidy-lines-cache.ts';

const ENCODER = new TextEncoder();

/** A file being measured (and, with a stash, kept) a piece of bytes at a time. */
export interface Measuring {
  add(bytes: Uint8Array): void;
  /** Its size and hash, once every piece is added; the stash then keeps the file under them. */
  finish(): FileStats;
  /** Discards what the stash holds of it (after a failure). */
  drop(): void;
}

/** Starts measuring the file at `path`, its bytes also written to `stash` when given. */
export function startMeasuring(path: string, stash: DownloadStash | undefined): Measuring {
  const hash = createHash('sha256');
  let bytes = 0;
  const sink = stash?.open(path);
  return {
    add(encoded) {
      bytes += encoded.length;
      hash.update(encoded);
      sink?.write(encoded);
    },
    finish() {
      const stats = { bytes, sha256: hash.digest('hex') };
      sink?.keep(stats);
      return stats;
    },
    drop() {
      sink?.drop();
    },
  };
}

/** What measuring a tidy file in a shared pass needs: its path, which items it holds, and its stats if already known. */
export interface TidyMeasure<T> {
  readonly path: string;
  readonly holds: (item: T) => boolean;
  readonly known: FileStats | undefined;
}

/**
 * Measures files that are each `head` followed by the lines of some of the items (the reports, in
 * their order), in one pass: each item's lines (`body`, as bytes) are made once, for every file
 * that holds them, and not at all when every file holding them is already known. With a stash, each
 * file measured is also written to it, so it need not be generated again to be written out; a
 * failure drops what the stash holds of them and is thrown.
 */
export function measureTidyFiles<T>(head: string, items: readonly T[], body: (item: T) => Uint8Array, files: readonly TidyMeasure<T>[], stash?: DownloadStash): FileStats[] {
  const open = files.map((f) => (f.known ? undefined : { holds: f.holds, measuring: startMeasuring(f.path, stash) }));
  const todo = open.filter((m) => m !== undefined);
  if (todo.length) {
    try {
      const encodedHead = ENCODER.encode(head);
      for (const m of todo) m.measuring.add(encodedHead);
      for (const item of items) {
        const into = todo.filter((m) => m.holds(item));
        if (!into.length) continue;
        const encoded = body(item);
        for (const m of into) m.measuring.add(encoded);
      }
    } catch (err) {
      for (const m of todo) m.measuring.drop();
      throw err;
    }
  }
  return files.map((f, i) => open[i]?.measuring.finish() ?? (f.known as FileStats));
}

/**
 * The tidy files to measure from the lines cache alone: the header, each report in the site's order
 * (its lines' key in the lines cache, their size, its year), and the files (the site-wide one, of
 * every report, and the years' files, each of its year's reports).
 */
export interface TidyMeasureJob {
  readonly head: string;
  readonly reports: readonly { readonly key: string; readonly bytes: number; readonly year: number }[];
  readonly files: readonly { readonly path: string; readonly year?: number }[];
}

/** Thrown by a report's lines not in the cache at their size. */
class MissingLines extends Error {}

/**
 * Measures the job's files from the lines cache in `linesDir`, into the stash in `stashDir` when
 * given: their stats in the job's order; undefined (the stash left without them) when a report's
 * lines are not in the cache at their size, for the caller to make them.
 */
export function measureKeptTidyFiles(job: TidyMeasureJob, linesDir: string, stashDir: string | undefined): FileStats[] | undefined {
  // Each report's lines in one reused buffer: measuring hashes and writes them before the next is read.
  const lines = openTidyLinesReader(linesDir);
  const body = (report: TidyMeasureJob['reports'][number]): Uint8Array => {
    const bytes = lines.read(report.key);
    if (!bytes || bytes.length !== report.bytes) throw new MissingLines(report.key);
    return bytes;
  };
  const files = job.files.map((f) => ({ path: f.path, holds: (r: TidyMeasureJob['reports'][number]): boolean => f.year === undefined || r.year === f.year, known: undefined }));
  try {
    return measureTidyFiles(job.head, job.reports, body, files, stashDir === undefined ? undefined : openDownloadStash(stashDir));
  } catch (err) {
    if (err instanceof MissingLines) return undefined;
    throw err;
  }
}
