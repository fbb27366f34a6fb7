/**
 * Measures the site-wide and yearly cells.csv on a worker thread (measureKeptTidyFiles in
 * src/downloads/tidy-measure.ts) while the build's thread goes on: at 20,000 reports that is reading
 * about 1 GB of the reports' kept tidy lines, hashing it and writing it into the download stash
 * (14.2 s in a profile of a 1% rebuild), which the first page asking for the site's downloads paid on
 * Astro's one render thread. The build's thread
 * waits for the stats only when a page needs them, blocking (Atomics.wait) so the synchronous
 * download lookups stay synchronous; the worker does its own reads and writes, so it needs nothing
 * of the blocked thread.
 *
 * The integration (src/integrations/streamed-downloads.ts) offers `startTidyMeasure` in the build
 * registry, from its own copy of this module: the worker's module is found beside this module's
 * source, which the pages' bundle is not.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { FileStats } from '../downloads/datapackage.ts';
import type { TidyMeasureJob } from '../downloads/tidy-measure.ts';

declare module './registry.ts' {
  interface BuildRegistry {
    /** Offered by the streamed-downloads integration, used by the pages' bundle (src/machinery/download-stats.ts). */
    startTidyMeasure?: typeof startTidyMeasure;
  }
}

/**
 * The worker's code: it imports the measuring module and posts the result, or the error, on its
 * port, then raises the flag; so a module that fails to load, too, ends the wait with its reason.
 */
const WORKER_CODE = `
const { workerData } = require('node:worker_threads');
const { module, job, linesDir, stashDir, port, flag } = workerData;
const done = (result) => {
  port.postMessage(result);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
};
import(module)
  .then((m) => done({ stats: m.measureKeptTidyFiles(job, linesDir, stashDir) }))
  .catch((err) => done({ error: String(err?.stack ?? err) }));
`;

/** What the worker is given besides its port and flag: the job, the lines cache's directory and the stash's (none: not stashed). */
export interface TidyMeasureData {
  readonly job: TidyMeasureJob;
  readonly linesDir: string;
  readonly stashDir: string | undefined;
}

/** What the worker posts: the files' stats (undefined: a report's lines were not in the cache at their size), or why it failed. */
export type TidyMeasureResult = { readonly stats: FileStats[] | undefined } | { readonly error: string };

/**
 * Starts measuring on a worker thread; returns a wait for the stats (in the job's files' order;
 * undefined when a report's lines were not in the cache, so the caller makes them), which blocks
 * this thread until the worker is done and throws the worker's error.
 */
export function startTidyMeasure(data: TidyMeasureData): () => FileStats[] | undefined {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const module = new URL('../downloads/tidy-measure.ts', import.meta.url).href;
  const worker = new Worker(WORKER_CODE, { eval: true, workerData: { ...data, module, port: port2, flag }, transferList: [port2] });
  // A build that ends without asking (it failed) does not wait for the worker.
  worker.unref();
  let result: TidyMeasureResult | undefined;
  return () => {
    if (!result) {
      while (Atomics.load(flag, 0) === 0) Atomics.wait(flag, 0, 0);
      result = receiveMessageOnPort(port1)?.message as TidyMeasureResult | undefined;
      port1.close();
      // Its port would keep it, and its heap, to the end of the build.
      void worker.terminate();
      if (!result) throw new Error('measuring the tidy files: the worker sent no result');
    }
    if ('error' in result) throw new Error(`measuring the tidy files: ${result.error}`);
    return result.stats;
  };
}
