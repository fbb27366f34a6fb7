import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSiteDownloads, type DownloadStatsMemo } from '../downloads/site-downloads.ts';
import type { FileStats } from '../downloads/datapackage.ts';
import { loadCommittedContent } from '../fixtures/committed-content.ts';
import { getPageKeys } from '../routes/keys.ts';
import { clearDownloadStash, findStashed, openDownloadStash } from './download-stash.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A scratch stash directory (not yet created). */
function makeStashDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stash-'));
  dirs.push(dir);
  return join(dir, 'downloads-stash');
}

const statsOf = (text: string): FileStats => {
  const bytes = new TextEncoder().encode(text);
  return { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
};

describe('the download stash', () => {
  it('names a kept file by its hash only once it is whole, and finds it by hash and size', () => {
    const dir = makeStashDir();
    const sink = openDownloadStash(dir).open('/data/cells.csv');
    sink.write(new TextEncoder().encode('年度,'));
    expect(readdirSync(dir).every((f) => f.endsWith('.tmp'))).toBe(true);
    sink.write(new TextEncoder().encode('数值\n'));
    const stats = statsOf('年度,数值\n');
    sink.keep(stats);
    expect(readdirSync(dir)).toEqual([`${stats.sha256}.csv`]);
    expect(readFileSync(findStashed(dir, stats)!, 'utf8')).toBe('年度,数值\n');
    expect(findStashed(dir, { ...stats, bytes: stats.bytes + 1 })).toBeUndefined();
    expect(findStashed(dir, statsOf('other'))).toBeUndefined();
    clearDownloadStash(dir);
    expect(findStashed(dir, stats)).toBeUndefined();
  });

  it('leaves nothing of a dropped file, and refuses a name that is not a hash', () => {
    const dir = makeStashDir();
    const stash = openDownloadStash(dir);
    const dropped = stash.open('/data/cells.csv');
    dropped.write(new Uint8Array([1, 2]));
    dropped.drop();
    expect(readdirSync(dir)).toEqual([]);
    expect(() => dropped.write(new Uint8Array([3]))).toThrow(/after keep or drop/);
    expect(() => stash.open('/data/x.csv').keep({ bytes: 0, sha256: '../../etc' })).toThrow(/not a SHA-256/);
  });

  it('keeps files written at the same time through two stashes of one directory apart (a worker thread stashes beside the build’s thread)', () => {
    const dir = makeStashDir();
    const one = openDownloadStash(dir).open('/data/cells.csv');
    const other = openDownloadStash(dir).open('/data/reports.csv');
    one.write(new TextEncoder().encode('甲,1\n'));
    other.write(new TextEncoder().encode('乙,2\n'));
    one.keep(statsOf('甲,1\n'));
    other.keep(statsOf('乙,2\n'));
    expect(readFileSync(findStashed(dir, statsOf('甲,1\n'))!, 'utf8')).toBe('甲,1\n');
    expect(readFileSync(findStashed(dir, statsOf('乙,2\n'))!, 'utf8')).toBe('乙,2\n');
  });

  it('holds, after measuring the committed content, every site-wide CSV and every yearly cells.csv, byte for byte', () => {
    const content = loadCommittedContent();
    const dir = makeStashDir();
    const entries = new Map<string, FileStats>();
    const memo: DownloadStatsMemo = { get: (k) => entries.get(k), set: (k, s) => void entries.set(k, s), stash: openDownloadStash(dir) };
    const downloads = buildSiteDownloads(content, 'https://gongkai.example.org', memo, getPageKeys(content));
    const tidy = [...downloads.site, ...[...downloads.years.values()].map((y) => y.file)];
    expect(downloads.site.map((f) => f.path)).toEqual(['/data/cells.csv', '/data/reports.csv', '/data/active.csv', '/data/requests.csv', '/data/appeals.csv']);
    expect(tidy.length).toBeGreaterThan(5);
    for (const file of tidy) {
      const stashed = findStashed(dir, file);
      expect(stashed, file.path).toBeDefined();
      expect(readFileSync(stashed!, 'utf8')).toBe([...file.pieces()].join(''));
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // Measured already: a second build stashes nothing new.
    clearDownloadStash(dir);
    buildSiteDownloads(content, 'https://gongkai.example.org', { ...memo, stash: openDownloadStash(dir) }, getPageKeys(content));
    expect(existsSync(dir)).toBe(false);
  });
});
