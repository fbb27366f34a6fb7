/**
 * Reads published files (extractInput: PDF layout, .docx, HTML, text) in worker threads, several at
 * once, for `npm run ingest -- <folder>` and `npm run bench:ingest`. Reading a PDF is almost all CPU in
 * pdfjs, one file at a time per thread, so a folder is read about as many times faster as there are
 * free cores. The caller still takes the results in its own order, so what it prints and writes does
 * not depend on which thread finished first. With one thread, files are read in this thread (no worker).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { extractInput, type Extraction } from '../src/ingest/extract-input.ts';

/** Reads files; `threads` says how many at once. */
export interface ReadPool {
  readonly threads: number;
  read(name: string, bytes: Uint8Array): Promise<Extraction>;
  /** Stops the worker threads (reads still queued are refused). */
  close(): Promise<void>;
}

/** The number of threads ingest reads with by default: the machine's cores, at most 4. */
export function defaultReadThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** What a worker answers: the extraction of the file it was given, or the error that stopped it. */
type Answer = { readonly id: number; readonly extraction: Extraction } | { readonly id: number; readonly error: string };

/** One read waiting for, or at, a worker. */
interface Job {
  readonly id: number;
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly resolve: (e: Extraction) => void;
  readonly reject: (err: Error) => void;
}

/** A pool of `threads` worker threads (started as reads come, never more than reads asked for), or reads in this thread when `threads` ≤ 1. */
export function createReadPool(threads: number): ReadPool {
  if (threads <= 1) return { threads: 1, read: (name, bytes) => extractInput(name, bytes), close: async () => {} };
  const idle: Worker[] = [];
  const workers: Worker[] = [];
  const queue: Job[] = [];
  const busy = new Map<Worker, Job>();
  let next = 0;
  let closed = false;
  const dispatch = (): void => {
    while (queue.length) {
      let worker = idle.pop();
      if (!worker && workers.length < threads) worker = start();
      if (!worker) return;
      const job = queue.shift()!;
      busy.set(worker, job);
      worker.ref();
      worker.postMessage({ id: job.id, name: job.name, bytes: job.bytes });
    }
  };
  const start = (): Worker => {
    const worker = new Worker(new URL('./read-pool-worker.ts', import.meta.url));
    workers.push(worker);
    worker.on('message', (answer: Answer) => {
      const job = busy.get(worker);
      busy.delete(worker);
      idle.push(worker);
      // A worker waiting for work does not keep the process alive.
      worker.unref();
      if (job && job.id === answer.id) {
        if ('error' in answer) job.reject(new Error(`reading ${job.name} failed in a worker thread: ${answer.error}`));
        else job.resolve(answer.extraction);
      }
      dispatch();
    });
    const fail = (err: Error): void => {
      const job = busy.get(worker);
      busy.delete(worker);
      workers.splice(workers.indexOf(worker), 1);
      job?.reject(new Error(`reading ${job.name} failed: its worker thread stopped (${err.message})`));
      if (!closed) dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (workers.includes(worker)) fail(new Error(`exit code ${code}`));
    });
    return worker;
  };
  return {
    threads,
    read: (name, bytes) =>
      new Promise<Extraction>((resolve, reject) => {
        if (closed) return reject(new Error('the read pool is closed'));
        queue.push({ id: next++, name, bytes, resolve, reject });
        dispatch();
      }),
    close: async () => {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('the read pool is closed'));
      const all = workers.splice(0);
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}
