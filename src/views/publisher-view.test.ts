import { describe, expect, it } from 'vitest';
import { DEPARTMENT_CORPUS_SERIES, loadDepartmentContent } from '../fixtures/department-corpus.ts';
import { indexPublishers, type PublisherSeries } from '../publishers/publisher-index.ts';
import type { CheckedReport } from '../reports/types.ts';
import { listPublisherCharts } from '../charts/chart-sets.ts';
import { buildPublisherView, PUBLISHER_METRIC_IDS } from './publisher-view.ts';

const content = loadDepartmentContent();
const index = indexPublishers(content.reports, content.jurisdictions);

/** Reads a 总计 cell of table 三 straight from a report, independently of the metric declarations. */
function total(r: CheckedReport, row: string): number | null {
  return r.tables.requests[row]?.total?.value ?? null;
}

/** A department of the corpus by key; fails the test when it is missing. */
function seriesOf(key: string): PublisherSeries {
  const s = index.byKey.get(key);
  if (!s) throw new Error(`no publisher ${key} in the department corpus`);
  return s;
}

describe('the publisher index of the department corpus', () => {
  it('holds every department series once, its reports oldest first, apart from the governments', () => {
    const departments = Object.entries(DEPARTMENT_CORPUS_SERIES).filter(([key]) => key.includes('-'));
    expect(index.departments.map((d) => d.publisher.key).sort()).toEqual(departments.map(([key]) => key).sort());
    for (const [key, years] of departments) expect(seriesOf(key).reports.map((r) => r.meta.year)).toEqual(years);
    expect(index.byKey.get('230100')?.publisher.agency).toBeNull();
    expect(index.departmentsOf('230100').map((d) => d.publisher.key)).toEqual(['230100-jiaoyu', '230100-gongan', '230100-caizheng', '230100-renshe']);
  });

  it('names a department as its government names it: 教育局 in a city, 教育厅 at the province', () => {
    expect(seriesOf('230100-jiaoyu').publisher.name).toBe('哈尔滨市教育局');
    expect(seriesOf('230000-jiaoyu').publisher.name).toBe('黑龙江省教育厅');
  });
});

describe('a department with reports over several years', () => {
  const series = seriesOf('230100-jiaoyu');
  const charts = listPublisherCharts(series.reports, PUBLISHER_METRIC_IDS, content.jurisdictions);

  it('gets one trend per metric, titled with the department, not its government', () => {
    expect(charts.map((c) => c.key)).toEqual(PUBLISHER_METRIC_IDS.map((id) => `trend-${id}`));
    for (const c of charts) expect(c.title.startsWith('哈尔滨市教育局')).toBe(true);
  });

  it('holds each year’s value, equal to its reports’ cells', () => {
    const byYear = (key: string) => new Map(charts.find((c) => c.key === key)!.data.rows.map((row) => [row[0], row[2]]));
    const requests = byYear('trend-requests_received');
    const grants = byYear('trend-grant_rate');
    expect([...requests.keys()]).toEqual(series.reports.map((r) => r.meta.year));
    for (const r of series.reports) {
      expect(requests.get(r.meta.year)).toBe(total(r, 'received_new'));
      const all = total(r, 'processed_total');
      const expected = all ? ((total(r, 'granted') ?? NaN) + (total(r, 'partially_granted') ?? NaN)) / all : null;
      expect(grants.get(r.meta.year)).toBe(expected);
    }
  });

  it('marks the form break between 2020 (F2019) and 2021 (F2021)', () => {
    const rows = charts[0]!.data.rows;
    expect(new Set(rows.map((row) => row[1])).size).toBe(2);
    expect(charts[0]!.description).toMatch(/2021 年起报告使用新表式/);
  });

  it('shows trends and its latest year’s key figures, and says its figures are its own', () => {
    const view = buildPublisherView(series, index, content.jurisdictions);
    expect(view.hasTrends).toBe(true);
    expect(view.trendsNote).toBe('');
    expect(view.keyFigures.year).toBe(2025);
    expect(view.keyFigures.rows[0]?.value).toBe(String(total(series.reports.at(-1)!, 'received_new')));
    expect(view.reports.map((r) => r.year)).toEqual([2025, 2024, 2023, 2022, 2021, 2020, 2019]);
    expect(view.scopeText).toBe('口径：本机关（只含哈尔滨市教育局本身）。');
    expect(view.breadcrumbs.map((l) => l.text)).toEqual(['黑龙江省', '哈尔滨市']);
    // Its 2025 report is the only 教育局 report of 2025: no comparison to link, in the list or the key figures.
    expect(view.comparisons).toEqual([]);
    expect(view.keyFigures.rows.map((r) => r.href)).toEqual(view.keyFigures.rows.map(() => null));
  });
});

describe('a department with one report', () => {
  const series = seriesOf('230300-jiaoyu');
  const view = buildPublisherView(series, index, content.jurisdictions);
  const report = series.reports[0]!;

  it('has no one-point chart: only what its report says about the year before', () => {
    const keys = listPublisherCharts(series.reports, PUBLISHER_METRIC_IDS, content.jurisdictions).map((c) => c.key);
    expect(keys).toEqual(['prior-year']);
    expect(view.hasTrends).toBe(false);
    expect(view.trendsNote).toBe('只收录了 2021 年一年的报告，历年变化的图表从收录两年起显示。');
  });

  it('shows its key figures against the same kind of department at its level that year', () => {
    expect(view.keyFigures.rows.map((f) => f.name)).toEqual(['申请总量', '公开率', '不予公开率', '“本机关不掌握”占比', '复议纠错率', '每百件申请的复议诉讼']);
    expect(view.peersLabel).toBe('2021 年全省地市级教育局');
    const requests = view.keyFigures.rows[0]!;
    expect(requests.value).toBe(String(total(report, 'received_new')));
    // The peers are the prefecture-level 教育局 of 2021, and only they: their requests received, as the median.
    const peers = content.reports.filter((r) => r.meta.id.endsWith('-jiaoyu-2021') && content.jurisdictions.byCode.get(r.meta.jurisdiction)?.level === 'prefecture');
    const values = peers.map((r) => total(r, 'received_new') as number).sort((a, b) => a - b);
    const mid = values.length / 2;
    const median = values.length % 2 ? values[Math.floor(mid)]! : (values[mid - 1]! + values[mid]!) / 2;
    expect(requests.median).toBe(new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 6 }).format(median));
    expect(requests.rank).toBe(`第 ${1 + values.filter((v) => v > (total(report, 'received_new') as number)).length} 名（共 ${values.length} 个）`);
    expect(requests.href).toBe('/compare/2021/requests_received/jiaoyu/');
  });
});
