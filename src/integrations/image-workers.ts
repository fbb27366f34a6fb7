/**
 * Makes the build's embed images (outlined SVGs, PNGs) on worker threads, one per core or
 * GONGKAI_IMAGE_THREADS (0: none, the pages make them on the main thread). Astro renders paths on
 * one thread; with `build.concurrency` above one it keeps several image endpoints waiting at once,
 * and while the workers outline and rasterise, the main thread renders other pages. The pool is
 * offered to the pages' bundle on `globalThis` (src/embeds/build-images.ts looks it up there) from
 * the start of a build to its end. Assumes the workers load the same source the bundle was built
 * from, so an image made on either side has the same bytes (the image cache keys them the same way).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AstroIntegration } from 'astro';
import { IMAGE_POOL_KEY, type ImageJob, type ImagePool } from '../embeds/image-pool-key.ts';

/** The environment variable that sets how many worker threads make images (0: none). */
export const IMAGE_THREADS_ENV = 'GONGKAI_IMAGE_THREADS';

/** What a worker posts back for one job. */
export type ImageReply = { readonly id: number; readonly bytes: Uint8Array<ArrayBuffer> } | { readonly id: number; readonly error: string };

/** A pool of image workers; `close` stops them. */
export interface ImageWorkerPool extends ImagePool {
  close(): Promise<void>;
}

/** Starts `count` image workers, which take jobs in turn as they become free. */
export function startImagePool(count: number): ImageWorkerPool {
  const url = new URL('./image-worker.ts', import.meta.url);
  const workers = Array.from({ length: count }, () => new Worker(url));
  const waiting = new Map<number, { done: (b: Uint8Array<ArrayBuffer>) => void; fail: (e: Error) => void }>();
  const load = new Map<Worker, number>(workers.map((w) => [w, 0]));
  let next = 0;
  let failure: Error | null = null;
  for (const worker of workers) {
    // Idle workers must not keep the process alive; a worker with work to do does.
    worker.unref();
    worker.on('message', (reply: ImageReply) => {
      const job = waiting.get(reply.id);
      waiting.delete(reply.id);
      const left = (load.get(worker) ?? 1) - 1;
      load.set(worker, left);
      if (left === 0) worker.unref();
      if (!job) return;
      if ('error' in reply) job.fail(new Error(reply.error));
      else job.done(reply.bytes);
    });
    worker.on('error', (err) => {
      failure = err;
      for (const job of waiting.values()) job.fail(err);
      waiting.clear();
    });
  }
  return {
    run(job: ImageJob) {
      if (failure) return Promise.reject(failure);
      // The least busy worker takes the job.
      const worker = workers.reduce((a, b) => ((load.get(b) ?? 0) < (load.get(a) ?? 0) ? b : a));
      const id = next++;
      load.set(worker, (load.get(worker) ?? 0) + 1);
      worker.ref();
      return new Promise((done, fail) => {
        waiting.set(id, { done, fail });
        worker.postMessage({ id, job });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** How many image workers to start: the environment's number, else one per core. */
export function resolveImageThreads(env: string | undefined, cores: number): number {
  if (env !== undefined && /^\d+$/.test(env.trim())) return Number(env.trim());
  return Math.max(1, cores);
}

/** The Astro integration: offers an image worker pool to the pages during a build. */
export function imageWorkersIntegration(): AstroIntegration {
  let pool: ImageWorkerPool | null = null;
  const slot = globalThis as Record<symbol, ImagePool | undefined>;
  return {
    name: 'gongkai-image-workers',
    hooks: {
      'astro:build:start': () => {
        const count = resolveImageThreads(process.env[IMAGE_THREADS_ENV], availableParallelism());
        if (count === 0) return;
        pool = startImagePool(count);
        slot[Symbol.for(IMAGE_POOL_KEY)] = pool;
      },
      'astro:build:done': async () => {
        delete slot[Symbol.for(IMAGE_POOL_KEY)];
        await pool?.close();
        pool = null;
      },
    },
  };
}
