/**
 * One image worker thread (see image-workers.ts): makes each image it is sent through the image
 * cache, with the same code the pages use, and posts back its bytes or the error.
 */
import { parentPort } from 'node:worker_threads';
import { makeChartPng, makeChartSvg, makeOgPng } from '../embeds/build-images.ts';
import type { ImageJob } from '../embeds/image-pool-key.ts';
import type { ImageReply } from './image-workers.ts';

/** Makes one image. */
function makeImage(job: ImageJob): Uint8Array<ArrayBuffer> {
  if (job.kind === 'og-png') return makeOgPng(job.chartSvg, job.text);
  return job.kind === 'chart-svg' ? makeChartSvg(job.chartSvg, job.text) : makeChartPng(job.chartSvg, job.text);
}

/** Jobs received and not yet made, in order; `next` is the first not taken. */
const queue: ({ id: number; job: ImageJob } | undefined)[] = [];
let next = 0;
let pumping = false;

/**
 * Makes the next queued image, then yields to the event loop before the one after. Node hands a
 * worker every queued message in one go, and resvg-js frees a rendering's pixels only in a
 * finaliser, which runs on the event loop: without the yield a burst of jobs (every report's
 * preview image at once) held every rendering's pixels, gigabytes at 1,000 reports.
 */
function makeNext(): void {
  const item = queue[next];
  if (!item) {
    queue.length = 0;
    next = 0;
    pumping = false;
    return;
  }
  queue[next++] = undefined;
  let reply: ImageReply;
  try {
    reply = { id: item.id, bytes: makeImage(item.job) };
  } catch (err) {
    reply = { id: item.id, error: (err as Error).stack ?? String(err) };
  }
  parentPort?.postMessage(reply);
  setImmediate(makeNext);
}

parentPort?.on('message', (message: { id: number; job: ImageJob }) => {
  queue.push(message);
  if (!pumping) {
    pumping = true;
    setImmediate(makeNext);
  }
});
