import { existsSync, readdirSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CACHE_NAMES, CACHES_OFF_ENV, isCacheOff, parseCacheNames, resolveCacheDir } from './cache-switch.ts';

describe('the cache switch', () => {
  it('turns off exactly the caches the variable lists', () => {
    const env = { [CACHES_OFF_ENV]: ' charts, tidy-lines ' };
    expect(CACHE_NAMES.filter((n) => isCacheOff(n, env))).toEqual(['charts', 'tidy-lines']);
    expect(CACHE_NAMES.filter((n) => isCacheOff(n, {}))).toEqual([]);
    expect(CACHE_NAMES.filter((n) => isCacheOff(n, { [CACHES_OFF_ENV]: '' }))).toEqual([]);
  });

  it('refuses a name it does not know, naming the caches it knows', () => {
    expect(() => parseCacheNames('charts,chart')).toThrow(/unknown cache chart \(the caches: charts, download-stats/);
    expect(() => isCacheOff('charts', { [CACHES_OFF_ENV]: 'imgs' })).toThrow(/GONGKAI_CACHES_OFF: unknown cache imgs/);
  });

  it('gives a directory cache that is off an empty scratch directory of its own, the same for the whole process', () => {
    const before = process.env[CACHES_OFF_ENV];
    let scratch = '';
    try {
      delete process.env[CACHES_OFF_ENV];
      expect(resolveCacheDir('tidy-lines', '/kept/lines')).toBe('/kept/lines');
      process.env[CACHES_OFF_ENV] = 'tidy-lines';
      scratch = resolveCacheDir('tidy-lines', '/kept/lines');
      expect(scratch).not.toBe('/kept/lines');
      expect(readdirSync(scratch)).toEqual([]);
      expect(resolveCacheDir('tidy-lines', '/elsewhere')).toBe(scratch);
      expect(resolveCacheDir('charts', '/kept/charts')).toBe('/kept/charts');
      expect(existsSync(scratch)).toBe(true);
    } finally {
      // A test runner's worker may end without running exit handlers.
      if (scratch) rmSync(scratch, { recursive: true, force: true });
      if (before === undefined) delete process.env[CACHES_OFF_ENV];
      else process.env[CACHES_OFF_ENV] = before;
    }
  });
});
