import { globSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { INCREMENTAL_MANIFEST, listOrphanedOutputs, listRenderedKeys, readIncrementalManifest, type IncrementalManifest } from './incremental-build.ts';

const REPORT = 'src/pages/reports/[id]/index.astro';
const CSV = 'src/pages/reports/[id]/cells.csv.ts';

const previous: IncrementalManifest = {
  routes: {
    [REPORT]: { paths: { '/reports/a/': { cacheKey: 'ka', outputFile: 'reports/a/index.html' }, '/reports/b/': { cacheKey: 'kb', outputFile: 'reports/b/index.html' } } },
    [CSV]: { paths: { '/reports/b/cells.csv': { cacheKey: 'kb', outputFile: 'reports/b/cells.csv' } } },
  },
};

const dir = mkdtempSync(join(tmpdir(), 'gongkai-incremental-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the pages an incremental build renders', () => {
  it('are every keyed path whose key the previous build did not record for it', () => {
    const paths = [
      { pathname: '/reports/a/', route: { component: REPORT }, cacheKey: 'ka' },
      { pathname: '/reports/b/', route: { component: REPORT }, cacheKey: 'kb2' },
      { pathname: '/reports/c/', route: { component: REPORT }, cacheKey: 'kc' },
      { pathname: '/reports/a/cells.csv', route: { component: CSV }, cacheKey: 'ka' },
      { pathname: '/', route: { component: 'src/pages/index.astro' } },
    ];
    expect([...listRenderedKeys(paths, previous)!].sort()).toEqual(['ka', 'kb2', 'kc']);
  });

  it('are all of them (null) without a previous build', () => {
    expect(listRenderedKeys([{ pathname: '/reports/a/', route: { component: REPORT }, cacheKey: 'ka' }], null)).toBeNull();
  });
});

describe('the files of paths that are gone', () => {
  it('are the output files the previous build recorded and this one does not', () => {
    const next: IncrementalManifest = { routes: { [REPORT]: { paths: { '/reports/a/': { cacheKey: 'ka', outputFile: 'reports/a/index.html' } } } } };
    expect(listOrphanedOutputs(previous, next)).toEqual(['reports/b/cells.csv', 'reports/b/index.html']);
    expect(listOrphanedOutputs(previous, previous)).toEqual([]);
    expect(listOrphanedOutputs(null, next)).toEqual([]);
  });
});

describe('reading the manifest', () => {
  it('reads what Astro wrote, and takes an unreadable or missing manifest for none', () => {
    const cache = join(dir, 'cache');
    mkdirSync(cache);
    const url = pathToFileURL(`${cache}/`);
    expect(readIncrementalManifest(url)).toBeNull();
    writeFileSync(join(cache, INCREMENTAL_MANIFEST), '{"routes":');
    expect(readIncrementalManifest(url)).toBeNull();
    writeFileSync(join(cache, INCREMENTAL_MANIFEST), JSON.stringify({ version: 1, ...previous }));
    expect(readIncrementalManifest(url)?.routes[REPORT]?.paths['/reports/a/']?.cacheKey).toBe('ka');
  });
});

describe('the code hash of the pages', () => {
  it('does not depend on the environment: no module of the site reads import.meta.env whole', () => {
    // Astro (astro:vite-plugin-env) replaces a bare `import.meta.env` (not followed by `.`) with an
    // object holding the value of every environment variable whose name the module's source contains
    // (`_`, the command that started the build, is in nearly every source): the module's code, and
    // with it the hash of every page that imports it, then changes with the environment, and an
    // incremental build renders every such page again. `import.meta.env.PROD` is replaced by its value.
    const bare = /\bimport\.meta\.env\b(?!\.)/;
    const files = globSync('src/**/*.{ts,astro,mjs}', { cwd: process.cwd() }).filter((f) => !/\.test\.ts$/.test(f));
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => bare.test(readFileSync(f, 'utf8')))).toEqual([]);
  });
});
