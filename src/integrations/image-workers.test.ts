import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCommittedContent } from '../fixtures/committed-content.ts';
import { IMAGE_POOL_KEY } from '../embeds/image-pool-key.ts';
import { resolveImageThreads, startImagePool, type ImageWorkerPool } from './image-workers.ts';

let dir = '';
let pool: ImageWorkerPool | null = null;
const previous = process.env.GONGKAI_IMAGE_CACHE;
const slot = globalThis as Record<symbol, unknown>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-image-workers-'));
  // Read by build-images.ts here and, through the inherited environment, in the workers.
  process.env.GONGKAI_IMAGE_CACHE = dir;
});

afterAll(async () => {
  delete slot[Symbol.for(IMAGE_POOL_KEY)];
  await pool?.close();
  if (previous === undefined) delete process.env.GONGKAI_IMAGE_CACHE;
  else process.env.GONGKAI_IMAGE_CACHE = previous;
  rmSync(dir, { recursive: true, force: true });
});

describe('the image worker pool', () => {
  it('makes the same bytes on a worker as on this thread, each image once', async () => {
    const { buildOgImageText } = await import('../embeds/embed-view.ts');
    const { makeOgPng, makeOgPngAsync } = await import('../embeds/build-images.ts');
    const report = loadCommittedContent().reports[0]!;
    const text = buildOgImageText(report.meta);
    pool = startImagePool(2);
    slot[Symbol.for(IMAGE_POOL_KEY)] = pool;
    // Two requests at once for one image wait for one making.
    const [a, b] = await Promise.all([makeOgPngAsync(null, text), makeOgPngAsync(null, text)]);
    expect(a).toBe(b);
    expect([...a.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    const files = readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.png'));
    expect(files).toHaveLength(1);
    delete slot[Symbol.for(IMAGE_POOL_KEY)];
    // Made here from an empty cache, the bytes are the worker's.
    rmSync(dir, { recursive: true, force: true });
    expect(Buffer.from(makeOgPng(null, text)).equals(Buffer.from(a))).toBe(true);
  });

  it("passes a worker's failure to the request, with its message", async () => {
    const failing = startImagePool(1);
    try {
      await expect(failing.run({ kind: 'chart-svg', chartSvg: null, text: null as never })).rejects.toThrow(/Cannot read properties of null|null/);
    } finally {
      await failing.close();
    }
  });

  it('takes the thread count from GONGKAI_IMAGE_THREADS, else one per core', () => {
    expect(resolveImageThreads(undefined, 2)).toBe(2);
    expect(resolveImageThreads('0', 2)).toBe(0);
    expect(resolveImageThreads(' 3 ', 2)).toBe(3);
    expect(resolveImageThreads('many', 4)).toBe(4);
  });
});
