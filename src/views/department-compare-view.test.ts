import { describe, expect, it } from 'vitest';
import { loadDepartmentContent } from '../fixtures/department-corpus.ts';
import { parseReportId } from '../publishers/publisher.ts';
import { indexPublishers } from '../publishers/publisher-index.ts';
import { listDepartmentRankingCharts } from '../charts/department-ranking.ts';
import { buildDepartmentCompareIndex, buildDepartmentCompareView, DEPARTMENT_COMPARE_METRIC_IDS, listDepartmentCompareLinks, listDepartmentComparePages, listDepartmentCompareReports } from './department-compare-view.ts';

const content = loadDepartmentContent();
const index = indexPublishers(content.reports, content.jurisdictions);
const pages = listDepartmentComparePages(index);
const page = pages.find((p) => p.agencySlug === 'jiaoyu' && p.year === 2021 && p.metric.id === 'grant_rate')!;
const charts = listDepartmentRankingCharts(listDepartmentCompareReports(page, index), page.metric.id, page.year, page.agencySlug, content.jurisdictions);

/** The reports of a kind of department in 2021 at a level, by id. */
function idsOf(slug: string, level: string): string[] {
  return content.reports
    .filter((r) => parseReportId(r.meta.id)?.agency === slug && r.meta.year === 2021 && content.jurisdictions.byCode.get(r.meta.jurisdiction)?.level === level)
    .map((r) => `${parseReportId(r.meta.id)?.publisher}`)
    .sort();
}

describe('a department comparison', () => {
  it('exists for each kind of department, year with two of its reports or more, and metric', () => {
    expect(page.href).toBe('/compare/2021/grant_rate/jiaoyu/');
    /** The kind's reports of a year, every level, counted from the corpus. */
    const count = (slug: string, year: number): number => content.reports.filter((r) => parseReportId(r.meta.id)?.agency === slug && r.meta.year === year).length;
    const kinds = new Set(content.reports.flatMap((r) => parseReportId(r.meta.id)?.agency ?? []));
    const years = new Set(content.reports.map((r) => r.meta.year));
    const counted = [...kinds].flatMap((slug) => [...years].map((year) => ({ slug, year, n: count(slug, year) })));
    // The corpus has kinds and years with none, one and two reports, so each case below is exercised.
    expect(new Set(counted.map((c) => Math.min(c.n, 2)))).toEqual(new Set([0, 1, 2]));
    for (const { slug, year, n } of counted) {
      const metrics = pages.filter((p) => p.agencySlug === slug && p.year === year).map((p) => p.metric.id);
      expect(metrics, `${slug} ${year}: ${n} report(s)`).toEqual(n >= 2 ? [...DEPARTMENT_COMPARE_METRIC_IDS] : []);
      // Linked from the government comparison of each metric exactly when it exists.
      for (const id of DEPARTMENT_COMPARE_METRIC_IDS) expect(listDepartmentCompareLinks(index, year, id).some((l) => l.href === `/compare/${year}/${id}/${slug}/`), `${slug} ${year} ${id}`).toBe(n >= 2);
    }
    // Every link a comparison page makes to another year or metric is to a page that exists.
    const hrefs = new Set(pages.map((p) => p.href));
    for (const p of pages) {
      const view = buildDepartmentCompareView(p, index);
      for (const l of [...view.otherYears, ...view.otherMetrics]) expect(hrefs.has(l.href), `${p.href} → ${l.href}`).toBe(true);
    }
    for (const row of buildDepartmentCompareIndex(index)) for (const l of row.links) expect(hrefs.has(l.href), l.href).toBe(true);
  });

  it('ranks only departments of that kind, each level apart', () => {
    expect(charts.map((c) => c.key)).toEqual(['ranking-province', 'ranking-prefecture', 'ranking-county']);
    for (const [chart, level] of [[charts[1]!, 'prefecture'], [charts[2]!, 'county']] as const) {
      const keys = chart.data.rows.map((row) => String(row[1])).sort();
      expect(keys).toEqual(idsOf('jiaoyu', level));
    }
    const all = charts.flatMap((c) => c.data.rows.map((row) => String(row[1])));
    expect(all.every((key) => key.endsWith('-jiaoyu'))).toBe(true);
    expect(all).not.toContain('230100-gongan');
    expect(charts[1]!.title).toBe('2021年地市级教育局公开率比较');
    expect(charts[0]!.title).toBe('2021年省级教育厅公开率比较');
  });

  it('keeps a rate on a small base out of the ranked list and flags a failing report', () => {
    const rows = charts[1]!.data.rows;
    for (const row of rows) {
      const [, , rank, , , denominator] = row;
      if (typeof denominator === 'number' && denominator < 10) expect(rank).toBeNull();
    }
    const flagged = rows.find((row) => row[1] === '230200-jiaoyu');
    expect(flagged?.[7]).toBe('T3-B');
    expect(charts[1]!.description).toMatch(/齐齐哈尔市教育局.*T3-B/);
  });

  it('names each department with its scope and links the same metric among governments', () => {
    expect(charts[1]!.table.rows.map((r) => r.header)).toContain('哈尔滨市教育局');
    const view = buildDepartmentCompareView(page, index);
    expect(view.title).toBe('2021 年各地教育局公开率比较');
    expect(view.governments.href).toBe('/compare/2021/grant_rate/');
    // 2022–2025 have one 教育局 report each (哈尔滨市's): nothing to compare, no page, no link.
    expect(view.otherYears.map((l) => l.text)).toEqual(['2020 年', '2019 年']);
    // 财政局 and 人社局 have one report in 2021.
    expect(listDepartmentCompareLinks(index, 2021, 'grant_rate').map((l) => l.text)).toEqual(['教育局', '公安局']);
    expect(listDepartmentCompareLinks(index, 2021, 'normative_documents_issued')).toEqual([]);
  });
});
