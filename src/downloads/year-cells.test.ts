import { validate } from 'datapackage';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { loadCommittedContent, moveToYear, setCellValue } from '../fixtures/committed-content.ts';
import { loadSynthContent } from '../fixtures/synth-content.ts';
import type { LoadedContent } from '../loaders/load-content.ts';
import type { CheckedReport } from '../reports/types.ts';
import { getPageKeys } from '../routes/keys.ts';
import { CSV_BOM } from './csv-text.ts';
import { buildDataPageView } from '../views/data-page-view.ts';
import { buildDataYearView, listDataYearPages } from '../views/data-year-view.ts';
import type { FileStats } from './datapackage.ts';
import { buildSiteDownloads, type DownloadStatsMemo, type SiteDownloads } from './site-downloads.ts';
import { TIDY_HEADER } from './tidy-csv.ts';
import { formatYearCellsDownloadName, siteCsvPath, yearCellsCsvPath } from '../site/paths.ts';

const SITE = 'https://gongkai.example.org/';
const committed = loadCommittedContent();

/** The committed reports plus a 2021 and a 2019 report of two of their series: three years, interleaved by id. */
function buildThreeYears(): LoadedContent {
  const [a, b] = committed.reports as [CheckedReport, CheckedReport, ...CheckedReport[]];
  const reports = [...committed.reports, moveToYear(a, 2021) as CheckedReport, moveToYear(b, 2019) as CheckedReport].sort((x, y) => (x.meta.id < y.meta.id ? -1 : 1));
  return { ...committed, reports };
}

/** Parses a whole tidy file: checks its BOM and header, returns its rows below the header. */
function parseTidy(text: string): string[][] {
  expect(text.startsWith(CSV_BOM)).toBe(true);
  expect(text.endsWith('\n')).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(CSV_BOM.length), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const [header, ...rows] = parsed.data;
  expect(header).toEqual(TIDY_HEADER);
  return rows;
}

const YEAR = TIDY_HEADER.indexOf('year');
const REPORT = TIDY_HEADER.indexOf('report_id');

/** Checks the year files against the site-wide cells.csv and the content; returns the years checked. */
function expectYearFilesCutFromSiteFile(content: LoadedContent, downloads: SiteDownloads): number[] {
  const siteText = downloads.byPath.get(siteCsvPath('cells'))?.text ?? '';
  const siteRows = parseTidy(siteText);
  const header = siteText.slice(0, siteText.indexOf('\n') + 1);
  const years = [...new Set(content.reports.map((r) => r.meta.year))].sort((a, b) => a - b);
  expect([...downloads.years.keys()]).toEqual(years);
  const yearOf = new Map(content.reports.map((r) => [r.meta.id, r.meta.year]));
  const concatenated: string[] = [];
  for (const year of years) {
    const entry = downloads.years.get(year);
    const file = downloads.byPath.get(yearCellsCsvPath(year));
    expect(file, String(year)).toBeDefined();
    expect(entry?.file).toBe(file);
    const text = file?.text ?? '';
    // Same BOM and header line, byte for byte, then the site-wide lines of that year in their order.
    expect(text.slice(0, header.length)).toBe(header);
    const rows = parseTidy(text);
    expect(rows).toEqual(siteRows.filter((r) => r[YEAR] === String(year)));
    for (const r of rows) expect(yearOf.get(r[REPORT] ?? ''), r.join(',')).toBe(year);
    expect(new Set(rows.map((r) => r[REPORT]))).toEqual(new Set(content.reports.filter((r) => r.meta.year === year).map((r) => r.meta.id)));
    expect(entry?.reports).toBe(content.reports.filter((r) => r.meta.year === year).length);
    expect(entry?.rows).toBe(rows.length);
    expect(file?.bytes).toBe(Buffer.byteLength(text, 'utf8'));
    // Text lines too: a year file without its header is a run of whole reports' lines of the site file.
    concatenated.push(text.slice(header.length));
    for (const report of content.reports.filter((r) => r.meta.year === year)) {
      const own = downloads.reports.get(report.meta.id)?.cells.text ?? '';
      expect(text.includes(own.slice(header.length)), report.meta.id).toBe(true);
    }
  }
  // The year files without their headers hold exactly the site-wide file's lines, each once.
  const body = siteText.slice(header.length);
  expect(concatenated.join('').length).toBe(body.length);
  const lines = (t: string): string[] => t.split('\n').sort();
  expect(lines(concatenated.join(''))).toEqual(lines(body));
  expect(concatenated.flatMap((t) => parseTidy(header + t)).sort()).toEqual([...siteRows].sort());
  return years;
}

describe('per-year cells files', () => {
  it('cut the committed content\'s cells.csv by year (one year, 2020)', () => {
    const downloads = buildSiteDownloads(committed, SITE);
    expect(expectYearFilesCutFromSiteFile(committed, downloads)).toEqual([2020]);
    // One year on file: its file is the site-wide one, byte for byte.
    expect(downloads.years.get(2020)?.file.sha256).toBe(downloads.site[0]?.sha256);
  });

  it('cut a three-year variant of the committed reports, whose years interleave by id', () => {
    const content = buildThreeYears();
    const downloads = buildSiteDownloads(content, SITE);
    expect(expectYearFilesCutFromSiteFile(content, downloads)).toEqual([2019, 2020, 2021]);
    expect(downloads.years.get(2021)?.reports).toBe(1);
  });

  it('cut 300 synthetic reports over several years', () => {
    const content = loadSynthContent(300);
    const downloads = buildSiteDownloads(content, SITE);
    expect(expectYearFilesCutFromSiteFile(content, downloads).length).toBeGreaterThan(3);
  });

  it('are generated in pieces, one per report, not kept as text', () => {
    const content = buildThreeYears();
    const downloads = buildSiteDownloads(content, SITE);
    const file = downloads.years.get(2020)?.file;
    expect([...(file?.pieces() ?? [])]).toHaveLength(1 + content.reports.filter((r) => r.meta.year === 2020).length);
    expect(Object.getOwnPropertyDescriptor(file, 'text')?.get).toBeDefined();
  });
});

/** A memo in memory that records which paths it measured. */
function recordingMemo(entries = new Map<string, FileStats>()): DownloadStatsMemo & { measured: string[]; entries: Map<string, FileStats> } {
  return {
    entries,
    measured: [],
    get: (key) => entries.get(key),
    set(key, stats) {
      this.measured.push(key.split('\u0000')[1] ?? '');
      entries.set(key, stats);
    },
  };
}

describe('per-year cells files in an incremental build', () => {
  const content = buildThreeYears();

  it('are measured again when a report of their year changes, and not for another year', () => {
    const memo = recordingMemo();
    buildSiteDownloads(content, SITE, memo, getPageKeys(content));
    expect(memo.measured.filter((p) => p.startsWith('/data/2'))).toEqual([2019, 2020, 2021].map(yearCellsCsvPath));
    const target = content.reports.find((r) => r.meta.year === 2021) as CheckedReport;
    const changed = { ...content, reports: content.reports.map((r) => (r === target ? (setCellValue(r, { table: 'appeals', row: 'review', column: 'total' }, 9999) as CheckedReport) : r)) };
    const after = recordingMemo(memo.entries);
    const rebuilt = buildSiteDownloads(changed, SITE, after, getPageKeys(changed));
    expect(after.measured.filter((p) => p.includes('cells.csv') && !p.startsWith('/reports/'))).toEqual([siteCsvPath('cells'), yearCellsCsvPath(2021)]);
    const plain = buildSiteDownloads(changed, SITE);
    for (const [year, y] of plain.years) expect([rebuilt.years.get(year)?.file.bytes, rebuilt.years.get(year)?.file.sha256]).toEqual([y.file.bytes, y.file.sha256]);
  });

  it('keep their cache key when a year is added, which changes the year pages\' keys', () => {
    const before = getPageKeys(committed);
    const after = getPageKeys(content);
    expect(after.year(2020)).not.toBe(before.year(2020));
    expect(after.yearReports(2020)).toBe(before.yearReports(2020));
    const [first] = committed.reports as [CheckedReport];
    const changed = getPageKeys({ ...committed, reports: committed.reports.map((r) => (r === first ? (setCellValue(r, { table: 'appeals', row: 'review', column: 'total' }, 12345) as CheckedReport) : r)) });
    expect(changed.yearReports(2020)).not.toBe(before.yearReports(2020));
  });
});

describe('per-year cells files on the data pages and in datapackage.json', () => {
  const content = buildThreeYears();
  const downloads = buildSiteDownloads(content, SITE);

  it('are linked from /data/ with their size and rows, and from every page of their year', () => {
    const view = buildDataPageView(content, downloads, SITE);
    expect(view.years.map((y) => [y.year, y.cells.href, y.cells.download])).toEqual(
      [2021, 2020, 2019].map((y) => [y, `/data/${y}/cells.csv`, `gongkai-${y}-cells.csv`]),
    );
    for (const y of view.years) {
      expect(y.cells.bytes).toBe(downloads.byPath.get(y.cells.href)?.bytes);
      expect(y.rows).toBe(parseTidy(downloads.byPath.get(y.cells.href)?.text ?? '').length);
    }
    expect(view.urlPatterns.map((u) => u.pattern)).toContain('/data/<年度>/cells.csv');
    for (const { year, page } of listDataYearPages(content.reports)) {
      const yearView = buildDataYearView(content, downloads, SITE, year, page);
      expect([yearView.yearCells.href, yearView.yearCells.download, yearView.yearCells.bytes]).toEqual([yearCellsCsvPath(year), formatYearCellsDownloadName(year), downloads.years.get(year)?.file.bytes]);
      expect(yearView.yearCellsRows).toBe(downloads.years.get(year)?.rows);
    }
  });

  it('are listed under the cells resource of datapackage.json with their size and hash, not as resources of their own', async () => {
    const descriptor = JSON.parse(downloads.datapackage.text) as { resources: { name: string; byYear?: { year: number; path: string; bytes: number; hash: string }[] }[] };
    expect(descriptor.resources.filter((r) => r.byYear).map((r) => r.name)).toEqual(['cells']);
    const parts = descriptor.resources[0]?.byYear ?? [];
    expect(parts.map((p) => [p.year, p.path])).toEqual([2019, 2020, 2021].map((y) => [y, `${y}/cells.csv`]));
    for (const p of parts) {
      const file = downloads.byPath.get(`/data/${p.path}`);
      expect(p.bytes).toBe(Buffer.byteLength(file?.text ?? '', 'utf8'));
      expect(p.hash).toBe(`sha256:${file?.sha256}`);
    }
    const result = await validate(descriptor);
    expect(result.errors.map((e) => e.message)).toEqual([]);
  });
});
