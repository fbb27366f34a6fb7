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

parentPort?.on('message', ({ id, job }: { id: number; job: ImageJob }) => {
  let reply: ImageReply;
  try {
    reply = { id, bytes: makeImage(job) };
  } catch (err) {
    reply = { id, error: (err as Error).stack ?? String(err) };
  }
  parentPort?.postMessage(reply);
});
