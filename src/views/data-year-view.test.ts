import { describe, expect, it } from 'vitest';
import { loadCommittedContent } from '../fixtures/committed-content.ts';
import { loadSynthContent } from '../fixtures/synth-content.ts';
import type { LoadedContent } from '../loaders/load-content.ts';
import { formatCitationText } from '../downloads/citation.ts';
import { buildDataPageView } from './data-page-view.ts';
import { buildDataYearView, DATA_YEAR_PAGE_REPORTS, listDataYearPages, type DataYearView } from './data-year-view.ts';
import { getSiteDownloads } from '../downloads/site-downloads.ts';
import { dataYearPath, reportPath } from '../site/paths.ts';

const SITE = 'https://gongkai.example.org/';

/** Builds every per-year data page of a content. */
function buildAllYearPages(content: LoadedContent): DataYearView[] {
  const downloads = getSiteDownloads(content, SITE);
  return listDataYearPages(content.reports).map(({ year, page }) => buildDataYearView(content, downloads, SITE, year, page));
}

/** Checks that the pages list every report exactly once, on the page of its year, with the files it has. */
function expectEveryReportOnce(content: LoadedContent, pages: readonly DataYearView[]): void {
  const downloads = getSiteDownloads(content, SITE);
  const listed = pages.flatMap((p) => p.reports.map((r) => r.href));
  expect(listed.length).toBe(content.reports.length);
  expect(new Set(listed).size).toBe(listed.length);
  expect([...listed].sort()).toEqual(content.reports.map((r) => reportPath(r.meta.id)).sort());
  for (const p of pages) {
    expect(p.reports.length).toBeGreaterThan(0);
    expect(p.reports.length).toBeLessThanOrEqual(DATA_YEAR_PAGE_REPORTS);
    for (const r of p.reports) {
      expect(r.year).toBe(p.year);
      expect(r.files).toHaveLength(4);
      for (const f of r.files) expect(f.bytes, f.href).toBe(downloads.byPath.get(f.href)?.bytes);
    }
  }
}

describe('per-year data pages of the committed reports', () => {
  const content = loadCommittedContent();
  const pages = buildAllYearPages(content);

  it('list every report once with its four files and its citation', () => {
    expect(pages.map((p) => [p.year, p.page, p.pager.length])).toEqual([[2020, 1, 0]]);
    expectEveryReportOnce(content, pages);
    expect(pages[0]?.reports.map((r) => formatCitationText(r.citation))).toContain(
      '同江市人民政府. 同江市2020年政府信息公开工作年度报告[R/OL]. 公开 gongkai, 整理. [2021][引用日期]. https://gongkai.example.org/reports/230881-2020/.',
    );
    expect(pages[0]?.reports.find((r) => r.href === '/reports/230881-2020/')?.files.map((f) => [f.href, f.download])).toEqual([
      ['/reports/230881-2020/active.csv', '230881-2020-active.csv'],
      ['/reports/230881-2020/requests.csv', '230881-2020-requests.csv'],
      ['/reports/230881-2020/appeals.csv', '230881-2020-appeals.csv'],
      ['/reports/230881-2020/cells.csv', '230881-2020-cells.csv'],
    ]);
  });

  it('refuses a year or a page that does not exist', () => {
    const downloads = getSiteDownloads(content, SITE);
    expect(() => buildDataYearView(content, downloads, SITE, 1999, 1)).toThrow('no reports of 1999');
    expect(() => buildDataYearView(content, downloads, SITE, 2020, 2)).toThrow('no data page 2 of 2020 (it has 1)');
  });
});

describe('data pages of 1,000 synthetic reports', () => {
  const content = loadSynthContent(1000);
  const downloads = getSiteDownloads(content, SITE);
  const small = loadSynthContent(100);

  it('keep /data/ to the years: no report is named, and its size does not grow with the reports', () => {
    const view = buildDataPageView(content, downloads, SITE);
    const text = JSON.stringify(view);
    for (const r of content.reports) expect(text.includes(reportPath(r.meta.id)), r.meta.id).toBe(false);
    expect(view.years.map((y) => y.reports).reduce((a, b) => a + b, 0)).toBe(1000);
    expect(view.years.map((y) => y.href)).toEqual([2025, 2024, 2023, 2022, 2021, 2020, 2019].map((y) => dataYearPath(y)));
    const smallText = JSON.stringify(buildDataPageView(small, getSiteDownloads(small, SITE), SITE));
    // Only figures (counts, byte sizes) differ between 100 and 1,000 reports.
    expect(Math.abs(text.length - smallText.length)).toBeLessThan(200);
    expect(text.length).toBeLessThan(40_000);
  });

  it('list every report exactly once across the year pages', () => {
    expectEveryReportOnce(content, buildAllYearPages(content));
  });

  it('split a year with more reports than a page holds into numbered pages', () => {
    // Every report moved into one year: 1,000 reports make four pages of 250.
    const oneYear: LoadedContent = { ...content, reports: content.reports.map((r) => ({ ...r, meta: { ...r.meta, year: 2020 } })) };
    const pages = buildAllYearPages(oneYear);
    expect(pages.map((p) => [p.page, p.reports.length])).toEqual([[1, 250], [2, 250], [3, 250], [4, 250]]);
    expect(pages[1]?.pager.map((p) => [p.href, p.current])).toEqual([['/data/2020/', false], ['/data/2020/2/', true], ['/data/2020/3/', false], ['/data/2020/4/', false]]);
    expect(pages[1]?.range).toBe('共 1000 份报告，本页为第 251—500 份');
    expectEveryReportOnce(oneYear, pages);
  });
});
