import { describe, expect, it } from 'vitest';
import { loadDepartmentContent } from '../fixtures/department-corpus.ts';
import { parseReportId } from '../publishers/publisher.ts';
import { indexPublishers } from '../publishers/publisher-index.ts';
import { listDepartmentRankingCharts } from './chart-sets.ts';
import { buildDepartmentCompareView, listDepartmentCompareLinks, listDepartmentComparePages, listDepartmentCompareReports } from './department-compare-view.ts';

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
  it('exists for each kind of department, year with its reports and metric', () => {
    expect(page.href).toBe('/compare/2021/grant_rate/jiaoyu/');
    expect(pages.filter((p) => p.agencySlug === 'gongan').map((p) => p.year)).toEqual(expect.arrayContaining([2021, 2020]));
    expect(pages.some((p) => p.agencySlug === 'caizheng' && p.year === 2020)).toBe(false);
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
    expect(view.otherYears.map((l) => l.text)).toEqual(['2025 年', '2024 年', '2023 年', '2022 年', '2020 年', '2019 年']);
    expect(listDepartmentCompareLinks(index, 2021, 'grant_rate').map((l) => l.text)).toEqual(['教育局', '公安局', '财政局', '人力资源和社会保障局']);
    expect(listDepartmentCompareLinks(index, 2021, 'normative_documents_issued')).toEqual([]);
  });
});
