import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBuildNodeFlags } from './measure-build.ts';

describe('readBuildNodeFlags', () => {
  it("reads the heap limit and the garbage-collection hook the project's own build script gives Astro", () => {
    const flags = readBuildNodeFlags(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(flags).toEqual([expect.stringMatching(/^--max-old-space-size=\d+$/), '--expose-gc']);
  });

  it('reads no flags from a plain astro build, and every flag in order otherwise', () => {
    expect(readBuildNodeFlags(JSON.stringify({ scripts: { build: 'astro build' } }))).toEqual([]);
    expect(readBuildNodeFlags(JSON.stringify({ scripts: { build: 'node --max-old-space-size=1024 --expose-gc node_modules/astro/bin/astro.mjs build' } }))).toEqual(['--max-old-space-size=1024', '--expose-gc']);
  });

  it('refuses a build script it cannot read, naming it', () => {
    expect(() => readBuildNodeFlags(JSON.stringify({ scripts: { build: 'vite build' } }))).toThrow(/the build script "vite build" is neither/);
  });
});
