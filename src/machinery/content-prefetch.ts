/**
 * The content memo's reads on a second thread (issue 17): while the loader builds each report from its
 * memo entry on the main thread, a worker thread reads and hashes the report folders ahead of it (the
 * memo key), reads their memo entries' text and hashes the source file each entry names; the main
 * thread takes each folder's result in order. Only text and hashes cross (copying a parsed entry
 * between threads costs about what parsing it does); every check stays the loader's
 * (src/loaders/load-content.ts, `readReportMemo`), on the same bytes.
 *
 * The main thread never waits for the worker: a folder whose result is not there yet (the worker is
 * starting, or behind on a busy machine) it reads itself, as without a worker, and the worker skips
 * to the folders after it. The loader is synchronous, so the hand-over is too: the worker posts each
 * result on a message port and counts it in shared memory, the main thread takes it with
 * receiveMessageOnPort. The worker stays at most WINDOW folders ahead. Whatever goes wrong on the
 * worker (it cannot start, a file cannot be read) leaves those folders to the main thread, so an error
 * is thrown there, with the same message.
 */
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { digestBytes, folderKey } from '../loaders/folder-key.ts';
import type { ContentPrefetch, PrefetchedFolder } from '../loaders/load-content.ts';
import { nodeContentFs } from '../loaders/node-fs.ts';
import { CONTENT_FILES } from '../reports/layout.ts';

/** This module's source in the project (the worker thread loads it from there: the build's bundle is not a file it can load). */
export const PREFETCH_MODULE = join('src', 'machinery', 'content-prefetch.ts');

/** How many folders the worker may read ahead of the main thread (bounds the messages held: about 25 KB each). */
const WINDOW = 256;

/** What the worker is given. */
interface PrefetchData {
  readonly module: string;
  readonly root: string;
  readonly dirs: readonly string[];
  /** The memo entry of folder `d` is `${entryDir}/${d}.json`. */
  readonly entryDir: string;
  readonly context: string;
  readonly port: MessagePort;
  /** Int32 [0]: one past the last folder the worker posted; [1]: one past the folder the main thread is at (taken, or read there). */
  readonly counts: SharedArrayBuffer;
}

/** A folder's result as posted: its index in `dirs`, and what was read or that it could not be. */
type Posted = { readonly i: number } & (PrefetchedFolder | { readonly dir: string; readonly failed: true });

/** Reads one folder as readReportMemo would: its key, its memo entry's text, the digest of the source file the entry's header names. */
export function prefetchFolder(root: string, dir: string, entryDir: string, context: string): PrefetchedFolder {
  const readBytes = (path: string): Uint8Array | undefined => nodeContentFs.readBytes!(path);
  const base = `${root}/${CONTENT_FILES.reports}/${dir}`;
  const key = folderKey(readBytes, base, context);
  const bytes = readBytes(`${entryDir}/${dir}.json`);
  const text = bytes?.toString();
  let source: PrefetchedFolder['source'];
  const end = text?.indexOf('\n') ?? -1;
  if (text !== undefined && end > 0) {
    try {
      const file = (JSON.parse(text.slice(0, end)) as { sourceFile?: unknown }).sourceFile;
      if (typeof file === 'string') source = { file, digest: digestBytes(readBytes(`${base}/${file}`)) };
    } catch {
      // A malformed header: the loader finds it so.
    }
  }
  return { dir, key, text, ...(source && { source }) };
}

/** The worker's loop (started by startContentPrefetch). */
export function runPrefetch(data: PrefetchData): void {
  const counts = new Int32Array(data.counts);
  let i = 0;
  for (;;) {
    // Not the folders the main thread is at or past, nor more than WINDOW ahead of it.
    let at = Atomics.load(counts, 1);
    i = Math.max(i, at);
    while (i - at >= WINDOW) {
      Atomics.wait(counts, 1, at);
      at = Atomics.load(counts, 1);
      i = Math.max(i, at);
    }
    if (i >= data.dirs.length) return;
    const dir = data.dirs[i]!;
    let result: Posted;
    try {
      result = { i, ...prefetchFolder(data.root, dir, data.entryDir, data.context) };
    } catch {
      result = { i, dir, failed: true };
    }
    data.port.postMessage(result);
    Atomics.store(counts, 0, ++i);
  }
}

/** The worker's first code: loads this module from the project's sources and runs. */
const BOOT = `const { workerData } = require('node:worker_threads');
import(workerData.module).then((m) => m.runPrefetch(workerData));`;

/**
 * Starts reading `dirs` (report folders under `<root>/reports`, in the order they will be taken) on
 * a worker thread, their memo entries in `entryDir`; `project` is the directory holding this module's
 * source (`src/machinery/content-prefetch.ts`).
 */
export function startContentPrefetch(project: string, root: string, dirs: readonly string[], entryDir: string, context: string): ContentPrefetch & { posted(): number } {
  const channel = new MessageChannel();
  const counts = new SharedArrayBuffer(8);
  const state = new Int32Array(counts);
  const data: PrefetchData = { module: join(project, PREFETCH_MODULE), root, dirs, entryDir, context, port: channel.port2, counts };
  const worker = new Worker(BOOT, { eval: true, workerData: data, transferList: [channel.port2] });
  worker.unref();
  // A worker that fails says so on its own event loop's turn: nothing here waits for it.
  worker.on('error', () => {});
  let next = 0;
  let stopped = false;
  return {
    /** How many folders the worker has gone past (posted or skipped). */
    posted: () => Atomics.load(state, 0),
    take(dir) {
      const i = next++;
      let got: Posted | undefined;
      // The worker's result for folder i, if it posted one; the results of folders before it were read here.
      if (!stopped && Atomics.load(state, 0) > i) {
        do got = receiveMessageOnPort(channel.port1)?.message as Posted | undefined;
        while (got && got.i < i);
      }
      Atomics.store(state, 1, i + 1);
      Atomics.notify(state, 1);
      if (!got || got.i !== i || got.dir !== dir) return undefined;
      return 'failed' in got ? undefined : got;
    },
    close() {
      if (stopped) return;
      stopped = true;
      Atomics.store(state, 1, dirs.length);
      Atomics.notify(state, 1);
      channel.port1.close();
      void worker.terminate();
    },
  };
}
