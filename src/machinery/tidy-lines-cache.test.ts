import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { changeReportFiles } from '../bench/change-report.ts';
import type { FileStats } from '../downloads/datapackage.ts';
import { buildSiteDownloads, type DownloadStatsMemo, type SiteDownloads, type TidyLinesCache } from '../downloads/site-downloads.ts';
import { readJurisdictionsCsv } from '../jurisdictions/jurisdictions.ts';
import { generateSynthFiles } from '../synth/generate.ts';
import { planSynthCorpus } from '../synth/plan.ts';
import { getPageKeys } from '../routes/keys.ts';
import { loadContent, type LoadedContent } from '../loaders/load-content.ts';
import { nodeContentFs } from '../loaders/node-fs.ts';
import { DATA_PATH } from '../site/paths.ts';
import { findStashed, openDownloadStash } from './download-stash.ts';
import { openTidyLinesCache, openTidyLinesReader } from './tidy-lines-cache.ts';
import { startTidyMeasure } from './tidy-measure-thread.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const scratch = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'tidy-lines-'));
  dirs.push(dir);
  return dir;
};
const SITE = 'https://gongkai.example.org';

/** Writes a synthetic corpus of `reports` reports over several years to a scratch directory. */
function writeCorpus(reports: number): string {
  const root = join(scratch(), 'content');
  const csv = readFileSync(new URL('../../content/jurisdictions.csv', import.meta.url), 'utf8');
  const plan = planSynthCorpus(readJurisdictionsCsv(csv, 'jurisdictions.csv').index, { reports, seed: 3, inconsistentShare: 0.05 });
  for (const file of generateSynthFiles(plan, csv)) {
    mkdirSync(dirname(join(root, file.path)), { recursive: true });
    writeFileSync(join(root, file.path), file.text);
  }
  return root;
}

function load(root: string): LoadedContent {
  const content = loadContent(nodeContentFs, root);
  expect(content.errors).toEqual([]);
  return content;
}

/** The site-wide and yearly cells files' stats, by path. */
const tidyStats = (d: SiteDownloads): Record<string, FileStats> =>
  Object.fromEntries([d.site[0]!, ...[...d.years.values()].map((y) => y.file)].map((f) => [f.path, { bytes: f.bytes, sha256: f.sha256 }]));

/** A lines cache that counts what it was asked. */
function counting(cache: TidyLinesCache): TidyLinesCache & { hits: number; misses: number; writes: number } {
  const counted = {
    hits: 0,
    misses: 0,
    writes: 0,
    read(key: string) {
      const bytes = cache.read(key);
      if (bytes) counted.hits++;
      else counted.misses++;
      return bytes;
    },
    write(key: string, bytes: Uint8Array) {
      counted.writes++;
      cache.write(key, bytes);
    },
    use: (key: string) => cache.use(key),
    prune: () => cache.prune(),
  };
  return counted;
}

describe('the tidy lines cache', () => {
  it('gives back what was written, nothing for an unknown key, leaves no temporary file, and prunes what was not used', () => {
    const dir = join(scratch(), 'lines');
    const first = openTidyLinesCache(dir);
    expect(first.read('a')).toBeUndefined();
    first.write('a', new TextEncoder().encode('甲,1\n'));
    first.write('b', new TextEncoder().encode('乙,2\n'));
    expect(new TextDecoder().decode(first.read('a'))).toBe('甲,1\n');
    expect(readdirSync(dir)).toHaveLength(2);
    expect(readdirSync(dir).every((f) => /^[0-9a-f]{40}\.csv$/.test(f))).toBe(true);
    const second = openTidyLinesCache(dir);
    expect(second.read('b')).toBeDefined();
    second.prune();
    expect(readdirSync(dir)).toHaveLength(1);
    expect(openTidyLinesCache(dir).read('a')).toBeUndefined();
    expect(() => openTidyLinesCache(join(dir, 'none')).prune()).not.toThrow();
  });

  it('reads entries back through one reused buffer, small and larger than it, and nothing for an absent key', () => {
    const dir = join(scratch(), 'lines');
    const cache = openTidyLinesCache(dir);
    const large = new Uint8Array(3 * (1 << 20) + 5).map((_, i) => i % 251);
    cache.write('small', new TextEncoder().encode('甲,1\n'));
    cache.write('large', large);
    cache.write('empty', new Uint8Array(0));
    const reader = openTidyLinesReader(dir);
    expect(new TextDecoder().decode(reader.read('small'))).toBe('甲,1\n');
    expect(Buffer.from(reader.read('large')!).equals(Buffer.from(large))).toBe(true);
    expect(new TextDecoder().decode(reader.read('small'))).toBe('甲,1\n');
    expect(reader.read('empty')).toHaveLength(0);
    expect(reader.read('none')).toBeUndefined();
  });

  it('measures the cells files to the same bytes as generating every line, generating only a changed report’s lines again', () => {
    const root = writeCorpus(40);
    const lines = join(scratch(), 'lines');
    const entries = new Map<string, FileStats>();
    const memoWith = (cache: TidyLinesCache): DownloadStatsMemo => ({ get: (k) => entries.get(k), set: (k, s) => void entries.set(k, s), tidyLines: cache });

    const before = load(root);
    const cold = counting(openTidyLinesCache(lines));
    const first = buildSiteDownloads(before, SITE, memoWith(cold), getPageKeys(before));
    expect(tidyStats(first)).toEqual(tidyStats(buildSiteDownloads(before, SITE)));
    expect(Object.keys(tidyStats(first)).length).toBeGreaterThan(2);
    // Each report's lines generated once, written while its own cells.csv is measured and read back
    // for the site-wide and yearly files; its wide tables' lines (one entry) generated and written.
    expect({ hits: cold.hits, misses: cold.misses, writes: cold.writes }).toEqual({ hits: 40, misses: 40, writes: 80 });
    expect(readdirSync(lines)).toHaveLength(80);

    const changedId = before.reports[7]!.meta.id;
    changeReportFiles(join(root, 'reports', changedId), '（测试修订。）');
    const after = load(root);
    const warm = counting(openTidyLinesCache(lines));
    const second = buildSiteDownloads(after, SITE, memoWith(warm), getPageKeys(after));
    const fresh = tidyStats(buildSiteDownloads(after, SITE));
    expect(tidyStats(second)).toEqual(fresh);
    expect(tidyStats(second)).not.toEqual(tidyStats(first));
    // Only the changed report's lines generated (and cached, as its cells.csv is measured again), its
    // tidy and its wide lines; every other report's read for the site-wide files.
    expect({ hits: warm.hits, misses: warm.misses, writes: warm.writes }).toEqual({ hits: 40 + 39, misses: 1, writes: 2 });
    // The changed report's old lines are gone: the cache holds the current reports' only.
    expect(readdirSync(lines)).toHaveLength(80);
  });

  it('does not trust cached lines of the wrong size: they are generated and cached again', () => {
    const root = writeCorpus(12);
    const lines = join(scratch(), 'lines');
    const content = load(root);
    const entries = new Map<string, FileStats>();
    buildSiteDownloads(content, SITE, { get: (k) => entries.get(k), set: (k, s) => void entries.set(k, s), tidyLines: openTidyLinesCache(lines) }, getPageKeys(content));
    const victim = readdirSync(lines)[0]!;
    writeFileSync(join(lines, victim), readFileSync(join(lines, victim)).subarray(0, 10));
    const again = counting(openTidyLinesCache(lines));
    // The reports' own files known, the site-wide and yearly ones not: they are measured from the cached lines.
    const reportsOnly = { get: (k: string) => (k.includes(`\u0000${DATA_PATH}`) ? undefined : entries.get(k)), set: () => {}, tidyLines: again };
    const measured = buildSiteDownloads(content, SITE, reportsOnly, getPageKeys(content));
    expect(tidyStats(measured)).toEqual(tidyStats(buildSiteDownloads(content, SITE)));
    expect(again.writes).toBe(1);
    expect(readFileSync(join(lines, victim)).length).toBeGreaterThan(10);
  });
});

describe('the tidy files measured on a worker thread', () => {
  /** A build's memo: the stats in `entries`, the lines cache (counted) and the stash, and the worker thread measuring from them. */
  const buildMemo = (entries: Map<string, FileStats>, linesDir: string, stashDir: string) => {
    const cache = counting(openTidyLinesCache(linesDir));
    const memo: DownloadStatsMemo = {
      get: (k) => entries.get(k),
      set: (k, s) => void entries.set(k, s),
      tidyLines: cache,
      stash: openDownloadStash(stashDir),
      measureKeptTidy: (job) => startTidyMeasure({ job, linesDir, stashDir }),
    };
    return { memo, cache };
  };
  /** The site-wide and yearly cells files, each as stashed (undefined: not stashed). */
  const stashedTexts = (d: SiteDownloads, stashDir: string): Record<string, string | undefined> =>
    Object.fromEntries([d.site[0]!, ...[...d.years.values()].map((y) => y.file)].map((f) => {
      const at = findStashed(stashDir, f);
      return [f.path, at === undefined ? undefined : readFileSync(at, 'utf8')];
    }));
  const generatedTexts = (d: SiteDownloads): Record<string, string> => Object.fromEntries([d.site[0]!, ...[...d.years.values()].map((y) => y.file)].map((f) => [f.path, [...f.pieces()].join('')]));

  it('gives the stats and stashed bytes of measuring here, the build’s thread reading none of the reports’ lines, after a cold build and after an edit', () => {
    const root = writeCorpus(30);
    const linesDir = join(scratch(), 'lines');
    const stashDir = join(scratch(), 'stash');
    const entries = new Map<string, FileStats>();

    const before = load(root);
    const cold = buildMemo(entries, linesDir, stashDir);
    const first = buildSiteDownloads(before, SITE, cold.memo, getPageKeys(before));
    expect(tidyStats(first)).toEqual(tidyStats(buildSiteDownloads(before, SITE)));
    // Each report's lines generated and written once here (with its own cells.csv), read by the worker only.
    expect({ hits: cold.cache.hits, writes: cold.cache.writes }).toEqual({ hits: 0, writes: 60 });
    expect(stashedTexts(first, stashDir)).toEqual(generatedTexts(first));
    expect(datapackageOf(first)).toEqual(datapackageOf(buildSiteDownloads(before, SITE)));

    const changedId = before.reports[4]!.meta.id;
    changeReportFiles(join(root, 'reports', changedId), '（测试修订。）');
    const after = load(root);
    const edit = buildMemo(entries, linesDir, stashDir);
    const second = buildSiteDownloads(after, SITE, edit.memo, getPageKeys(after));
    expect(tidyStats(second)).toEqual(tidyStats(buildSiteDownloads(after, SITE)));
    expect(tidyStats(second)).not.toEqual(tidyStats(first));
    // Only the edited report's tidy and wide lines generated and written; its wide lines and every other report's read by the worker, the 29 others' wide lines here.
    expect({ hits: edit.cache.hits, writes: edit.cache.writes }).toEqual({ hits: 29, writes: 2 });
    expect(stashedTexts(second, stashDir)).toEqual(generatedTexts(second));
    // The cache still holds every report's lines and wide lines, and only those.
    expect(readdirSync(linesDir)).toHaveLength(60);
  });

  it('fails the wait with the worker’s error', () => {
    const root = scratch();
    const file = join(root, 'not-a-folder');
    writeFileSync(file, '');
    const wait = startTidyMeasure({ job: { head: 'h\n', reports: [], files: [{ path: '/data/cells.csv' }] }, linesDir: join(root, 'lines'), stashDir: join(file, 'stash') });
    expect(() => wait()).toThrow(/measuring the tidy files: .*ENOTDIR/);
  });

  it('measures here when a report’s lines are not in the cache at their size, and caches them again', () => {
    const root = writeCorpus(12);
    const linesDir = join(scratch(), 'lines');
    const stashDir = join(scratch(), 'stash');
    const content = load(root);
    const entries = new Map<string, FileStats>();
    buildSiteDownloads(content, SITE, buildMemo(entries, linesDir, stashDir).memo, getPageKeys(content)).site[0]!.bytes;
    // A report's tidy lines, not its packed wide lines (whose first four bytes are a length under 16 MB, little-endian).
    const victim = readdirSync(linesDir).find((f) => readFileSync(join(linesDir, f))[3] !== 0)!;
    writeFileSync(join(linesDir, victim), readFileSync(join(linesDir, victim)).subarray(0, 10));
    // The reports' own files known, the site-wide and yearly ones not: measured from the cached lines.
    for (const k of [...entries.keys()]) if (k.includes(`\u0000${DATA_PATH}`)) entries.delete(k);
    const again = buildMemo(entries, linesDir, stashDir);
    const measured = buildSiteDownloads(content, SITE, again.memo, getPageKeys(content));
    expect(tidyStats(measured)).toEqual(tidyStats(buildSiteDownloads(content, SITE)));
    // The worker found the lines short and measured nothing: here, every report's wide lines and tidy lines were read (the victim's too short to use), the victim's generated and cached.
    expect({ hits: again.cache.hits, writes: again.cache.writes }).toEqual({ hits: 12 + 12, writes: 1 });
    expect(readFileSync(join(linesDir, victim)).length).toBeGreaterThan(10);
    expect(stashedTexts(measured, stashDir)).toEqual(generatedTexts(measured));
  });
});

/** The data package's text. */
const datapackageOf = (d: SiteDownloads): string => d.datapackage.text;
