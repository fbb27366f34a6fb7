import { describe, expect, it } from 'vitest';
import { loadCommittedContent, setCellValue } from '../fixtures/committed-content.ts';
import type { CheckedReport } from '../reports/types.ts';
import { getPageKeys } from '../routes/keys.ts';
import type { FileStats } from './datapackage.ts';
import { buildSiteDownloads, type DownloadStatsMemo, type SiteDownloads } from './site-downloads.ts';

const SITE = 'https://gongkai.example.org';
const content = loadCommittedContent();

/** A memo in memory that counts what it measured (set) and what it answered (get hits). */
function countingMemo(entries = new Map<string, FileStats>()): DownloadStatsMemo & { sets: number; hits: number; entries: Map<string, FileStats> } {
  return {
    entries,
    sets: 0,
    hits: 0,
    get(key) {
      const s = entries.get(key);
      if (s) this.hits += 1;
      return s;
    },
    set(key, stats) {
      this.sets += 1;
      entries.set(key, stats);
    },
  };
}

/** Whether a lines cache key is a report's wide lines (not its tidy lines). */
const isWide = (key: string): boolean => key.includes('\u0000wide\u0000');

/** A lines cache in memory that counts, apart, what it gave, lacked and was given of the tidy lines and of the wide lines. */
function countingLines(kept = new Map<string, Uint8Array>()) {
  const counts = { hits: 0, misses: 0, writes: 0 };
  const wide = { hits: 0, misses: 0, writes: 0 };
  const tidyLines = {
    read(key: string) {
      const bytes = kept.get(key);
      const c = isWide(key) ? wide : counts;
      if (bytes) c.hits += 1;
      else c.misses += 1;
      return bytes;
    },
    write(key: string, bytes: Uint8Array) {
      (isWide(key) ? wide : counts).writes += 1;
      kept.set(key, bytes);
    },
    use() {},
    prune() {},
  };
  return { kept, counts, wide, tidyLines };
}

/** Every file's path, size and hash. */
function listStats(d: SiteDownloads): [string, number, string][] {
  return [...d.byPath.values()].map((f) => [f.path, f.bytes, f.sha256]);
}

describe('the download stats memo', () => {
  const plain = buildSiteDownloads(content, SITE);

  it('gives the sizes and hashes of measuring every file, and measures nothing the second time', () => {
    const memo = countingMemo();
    const first = buildSiteDownloads(content, SITE, memo, getPageKeys(content));
    expect(listStats(first)).toEqual(listStats(plain));
    expect(memo.sets).toBe(first.byPath.size - 1); // every file but datapackage.json, which is always written
    const again = countingMemo(memo.entries);
    expect(listStats(buildSiteDownloads(content, SITE, again, getPageKeys(content)))).toEqual(listStats(plain));
    expect(again.sets).toBe(0);
  });

  it('measures again the files of a changed report and the site-wide files, and only those', () => {
    const memo = countingMemo();
    buildSiteDownloads(content, SITE, memo, getPageKeys(content));
    const [first] = content.reports as [CheckedReport];
    const changed = { ...content, reports: content.reports.map((r) => (r === first ? (setCellValue(first, { table: 'appeals', row: 'review', column: 'total' }, 9999) as CheckedReport) : r)) };
    const after = countingMemo(memo.entries);
    const rebuilt = buildSiteDownloads(changed, SITE, after, getPageKeys(changed));
    // The report's three tables and cells.csv, the five site-wide CSVs, and its year's cells.csv.
    expect(after.sets).toBe(4 + 5 + 1);
    expect(listStats(rebuilt)).toEqual(listStats(buildSiteDownloads(changed, SITE)));
  });

  it('generates a report’s tidy lines once: measuring its cells.csv keeps them for the site-wide files and its writer', () => {
    const { kept, counts, tidyLines } = countingLines();
    const measured = buildSiteDownloads(content, SITE, { ...countingMemo(), tidyLines }, getPageKeys(content));
    const reports = content.reports.length;
    // Written once per report (measuring its own cells.csv), read back by the site-wide and yearly files' pass, not generated again there.
    expect(counts).toEqual({ hits: reports, misses: 0, writes: reports });
    expect(listStats(measured)).toEqual(listStats(plain));
    for (const [id, files] of measured.reports) {
      const bytes = files.cells.kept?.();
      expect(bytes, id).toBeDefined();
      expect(Buffer.from(bytes!).toString('utf8'), id).toBe(plain.reports.get(id)!.cells.text);
    }
    // Lines of another size than the file was measured at are not given as the file.
    for (const key of kept.keys()) if (!isWide(key)) kept.set(key, new Uint8Array(1));
    for (const files of measured.reports.values()) expect(files.cells.kept?.()).toBeUndefined();
    // Without the lines cache (the dev server), no file is given as kept bytes.
    expect([...plain.reports.values()].every((f) => f.cells.kept === undefined)).toBe(true);
  });

  it('after one report’s edit, generates the wide tables’ lines of that report only, the others’ from the lines cache, to the same files', () => {
    const lines = countingLines();
    buildSiteDownloads(content, SITE, { ...countingMemo(), tidyLines: lines.tidyLines }, getPageKeys(content));
    const reports = content.reports.length;
    // The first build generates every report's wide lines once (the three tables in one entry) and keeps them.
    expect(lines.wide).toEqual({ hits: 0, misses: reports, writes: reports });
    const [first] = content.reports as [CheckedReport];
    const changed = { ...content, reports: content.reports.map((r) => (r === first ? (setCellValue(first, { table: 'appeals', row: 'review', column: 'total' }, 9999) as CheckedReport) : r)) };
    const after = countingLines(lines.kept);
    const rebuilt = buildSiteDownloads(changed, SITE, { ...countingMemo(), tidyLines: after.tidyLines }, getPageKeys(changed));
    expect(after.wide).toEqual({ hits: reports - 1, misses: 1, writes: 1 });
    const fresh = buildSiteDownloads(changed, SITE);
    expect(listStats(rebuilt)).toEqual(listStats(fresh));
    for (const [i, file] of rebuilt.site.entries()) if (i >= 2) expect(file.text, file.path).toBe(fresh.site[i]!.text);
    expect(rebuilt.site.find((f) => f.path.endsWith('/appeals.csv'))!.text).not.toBe(plain.site.find((f) => f.path.endsWith('/appeals.csv'))!.text); // holds the edit
    // A damaged entry is not used: the lines are generated again, to the same file.
    for (const key of lines.kept.keys()) if (isWide(key)) lines.kept.set(key, new Uint8Array(5));
    const damaged = buildSiteDownloads(changed, SITE, { ...countingMemo(), tidyLines: countingLines(lines.kept).tidyLines }, getPageKeys(changed));
    expect(listStats(damaged)).toEqual(listStats(fresh));
  });

  it('gives a measured or remembered site-wide file’s text as generating it (the build writes the stashed bytes, no endpoint reads it)', () => {
    const memo = countingMemo();
    const measured = buildSiteDownloads(content, SITE, memo, getPageKeys(content));
    const known = buildSiteDownloads(content, SITE, countingMemo(memo.entries), getPageKeys(content));
    for (const [i, file] of measured.site.entries()) {
      const fresh = plain.site[i]!.text;
      expect(fresh.startsWith('\uFEFF'), file.path).toBe(true);
      expect(file.text, file.path).toBe(fresh);
      expect(file.text, file.path).toBe(fresh);
      expect(known.site[i]!.text, file.path).toBe(fresh);
    }
  });
});
