import { describe, expect, it } from 'vitest';
import { loadCommittedContent } from '../fixtures/committed-content.ts';
import { loadSynthContent } from '../fixtures/synth-content.ts';
import type { LoadedContent } from '../loaders/load-content.ts';
import { buildYearView, listYearPages, YEAR_PAGE_REPORTS, type YearView } from './year-view.ts';
import { reportPath, yearPagePath, yearPath } from '../site/paths.ts';

/** Builds every year page of a content. */
function buildAllYearPages(content: LoadedContent): YearView[] {
  return listYearPages(content.reports, content.jurisdictions).map(({ year, page }) => buildYearView(content.reports, content.jurisdictions, year, page));
}

/** Checks that the pages list every report exactly once, on a page of its year, at most YEAR_PAGE_REPORTS a page, with the year's counts on each page. */
function expectEveryReportOnce(content: LoadedContent, pages: readonly YearView[]): void {
  const listed = pages.flatMap((p) => p.items.map((i) => i.href));
  expect(listed.length).toBe(content.reports.length);
  expect(new Set(listed).size).toBe(listed.length);
  expect([...listed].sort()).toEqual(content.reports.map((r) => reportPath(r.meta.id)).sort());
  for (const p of pages) {
    expect(p.items.length).toBeGreaterThan(0);
    expect(p.items.length).toBeLessThanOrEqual(YEAR_PAGE_REPORTS);
    for (const i of p.items) expect(i.year).toBe(p.year);
    const ofYear = content.reports.filter((r) => r.meta.year === p.year);
    expect(p.reports).toBe(ofYear.length);
    expect(p.failing).toBe(ofYear.filter((r) => r.outcomes.some((o) => o.status === 'fail')).length);
  }
}

describe('year pages of the committed reports', () => {
  const content = loadCommittedContent();

  it('keep one page at the year’s address, with every report and its checks', () => {
    const pages = buildAllYearPages(content);
    expect(pages.map((p) => [p.year, p.page, p.pager.length, p.range])).toEqual([[2020, 1, 0, '']]);
    expect(yearPagePath(2020)).toBe(yearPath(2020));
    expectEveryReportOnce(content, pages);
    expect(pages[0]?.items.find((i) => i.href === '/reports/230881-2020/')?.quality).toBe('未通过 T3-A、T3-B');
    expect(pages[0]?.title).toBe('2020 年度的报告');
  });

  it('refuses a year or a page that does not exist', () => {
    expect(() => buildYearView(content.reports, content.jurisdictions, 1999, 1)).toThrow('no reports of 1999');
    expect(() => buildYearView(content.reports, content.jurisdictions, 2020, 2)).toThrow('no year page 2 of 2020 (it has 1)');
  });
});

describe('year pages of 1,000 synthetic reports', () => {
  const content = loadSynthContent(1000);

  it('list every report exactly once, each year linking the others', () => {
    const pages = buildAllYearPages(content);
    expectEveryReportOnce(content, pages);
    expect([...new Set(pages.map((p) => p.year))]).toEqual([2025, 2024, 2023, 2022, 2021, 2020, 2019]);
    for (const p of pages) expect(p.otherYears.map((y) => y.href)).toEqual([2025, 2024, 2023, 2022, 2021, 2020, 2019].filter((y) => y !== p.year).map((y) => yearPath(y)));
  });

  it('split a year with more reports than a page holds into numbered pages, the first at the year’s address', () => {
    // Every report moved into one year: 1,000 reports make four pages of 250.
    const oneYear: LoadedContent = { ...content, reports: content.reports.map((r) => ({ ...r, meta: { ...r.meta, year: 2020 } })) };
    const pages = buildAllYearPages(oneYear);
    expect(pages.map((p) => [p.page, p.items.length])).toEqual([[1, 250], [2, 250], [3, 250], [4, 250]]);
    expect(pages[1]?.pager.map((p) => [p.href, p.current])).toEqual([['/years/2020/', false], ['/years/2020/2/', true], ['/years/2020/3/', false], ['/years/2020/4/', false]]);
    expect(pages[1]?.range).toBe('本页为第 251—500 份。');
    expect(pages[1]?.title).toBe('2020 年度的报告（第 2 页，共 4 页）');
    expect(pages.every((p) => p.failing > 0 && p.failing === pages[0]?.failing)).toBe(true);
    expectEveryReportOnce(oneYear, pages);
  });
});
