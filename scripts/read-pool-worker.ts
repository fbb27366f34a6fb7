/** A worker thread of read-pool.ts: extracts each file it is sent and answers with the extraction. */
import { parentPort } from 'node:worker_threads';
import { extractInput } from '../src/ingest/extract-input.ts';

parentPort!.on('message', async ({ id, name, bytes }: { id: number; name: string; bytes: Uint8Array }) => {
  try {
    parentPort!.postMessage({ id, extraction: await extractInput(name, bytes) });
  } catch (err) {
    parentPort!.postMessage({ id, error: (err as Error).stack ?? String(err) });
  }
});
