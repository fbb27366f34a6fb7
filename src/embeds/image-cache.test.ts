import { describe, expect, it } from 'vitest';
import { createImageCache, hashImageInput, IMAGE_FORMAT_VERSION, type ImageCacheFs } from './image-cache.ts';

/** A file system in memory that counts writes. */
function makeMemoryFs(): ImageCacheFs & { files: Map<string, Uint8Array<ArrayBuffer>>; writes: number } {
  const files = new Map<string, Uint8Array<ArrayBuffer>>();
  const fs = {
    files,
    writes: 0,
    readBytes: (path: string) => files.get(path),
    writeBytes(path: string, bytes: Uint8Array<ArrayBuffer>) {
      fs.writes += 1;
      files.set(path, bytes);
    },
  };
  return fs;
}

describe('createImageCache', () => {
  it('makes a file once: a second build with the same input reads it back without making it', () => {
    const fs = makeMemoryFs();
    let made = 0;
    const make = (): Uint8Array<ArrayBuffer> => {
      made += 1;
      return new TextEncoder().encode('<svg/>');
    };
    const cold = createImageCache(fs, '.cache/images');
    const first = cold.get('svg', 'chart A', make);
    expect(cold.stats()).toEqual({ hits: 0, misses: 1 });
    const warm = createImageCache(fs, '.cache/images');
    expect(warm.get('svg', 'chart A', make)).toEqual(first);
    expect(warm.stats()).toEqual({ hits: 1, misses: 0 });
    expect([made, fs.writes]).toEqual([1, 1]);
    const key = hashImageInput('svg', 'chart A');
    expect([...fs.files.keys()]).toEqual([`.cache/images/${key.slice(0, 2)}/${key}.svg`]);
  });

  it('keys by extension, input and format version', () => {
    const keys = new Set([hashImageInput('svg', 'a'), hashImageInput('png', 'a'), hashImageInput('svg', 'b')]);
    expect(keys.size).toBe(3);
    expect(hashImageInput('svg', 'a')).toMatch(/^[0-9a-f]{64}$/);
    expect(IMAGE_FORMAT_VERSION).toBeGreaterThan(0);
  });

  it('holds files in memory when given no file system', () => {
    const cache = createImageCache(null, 'memory');
    let made = 0;
    for (let i = 0; i < 3; i++) cache.get('png', 'x', () => new Uint8Array([++made]));
    expect([made, cache.stats().hits]).toEqual([1, 2]);
  });
});
