import { describe, expect, it } from 'vitest';
import { loadCommittedContent } from '../fixtures/committed-content.ts';
import { loadDepartmentContent } from '../fixtures/department-corpus.ts';
import { buildSearchMetrics, buildSearchNames, buildSearchPlaceReports, type SearchNameReport } from '../views/search-view.ts';
import { buildMetricHits, buildNameHits, describePage, keepLiteral, matchJurisdictions, matchMetrics, mergeHits, orderByLiteralMatch, scoreNameMatch, titlePage, type SearchHit } from './search-rank.ts';

const content = loadCommittedContent();
const names = buildSearchNames(content.jurisdictions, content.reports);
/** A jurisdiction's reports as the search page fetches them. */
const reportsOf = (code: string): SearchNameReport[] => buildSearchPlaceReports(content.reports, code);

describe('scoreNameMatch', () => {
  it('ranks the full name, the name without its suffix, a prefix, then a query that contains the name', () => {
    expect(['同江市', '同江', '同', '同江市2020年报告', '同江的报告', '佳木斯'].map((q) => scoreNameMatch('同江市', q))).toEqual([0, 1, null, 3, 4, null]);
    expect(scoreNameMatch('嘉荫县', '嘉荫县')).toBe(0);
    expect(scoreNameMatch('大兴安岭地区', '大兴安岭')).toBe(1);
    expect(scoreNameMatch('伊春市', '伊春 2020')).toBe(4);
  });

  it('never matches a one-character stem (郊区 is not found by every query with 郊 in it)', () => {
    expect(scoreNameMatch('郊区', '郊外')).toBeNull();
    expect(scoreNameMatch('郊区', '郊区')).toBe(0);
  });
});

describe('matchJurisdictions', () => {
  it('finds 同江市 and 嘉荫县 among the 135 jurisdictions', () => {
    expect(names).toHaveLength(135);
    expect(matchJurisdictions(names, '同江').map((j) => j.code)).toEqual(['230881']);
    expect(matchJurisdictions(names, '嘉荫县').map((j) => j.code)).toEqual(['230722']);
  });

  it('puts the higher level first among equally good matches and finds nothing in plain words', () => {
    const hits = matchJurisdictions(names, '伊春');
    expect(hits[0]?.code).toBe('230700');
    expect(matchJurisdictions(names, '行政复议')).toEqual([]);
  });
});

describe('buildNameHits', () => {
  it('lists the jurisdiction page, then its reports, with what they are', () => {
    expect(buildNameHits(names, '同江', reportsOf)).toEqual([
      { href: '/jurisdictions/230881/', title: '同江市', context: '地区 · 县级 · 230881 · 1 份报告', excerpt: null },
      { href: '/reports/230881-2020/', title: '同江市2020年政府信息公开工作年度报告', context: '报告 · 同江市 · 2020 年 · 未通过 T3-A、T3-B', excerpt: null },
    ]);
  });

  it('puts the year a query names first among a jurisdiction’s reports', () => {
    const two = (code: string): SearchNameReport[] => (code === '230881' ? [{ id: '230881-2021', year: 2021, title: 'b', failing: [] }, ...reportsOf(code)] : reportsOf(code));
    expect(buildNameHits(names, '同江', two).map((h) => h.href)).toEqual(['/jurisdictions/230881/', '/reports/230881-2021/', '/reports/230881-2020/']);
    expect(buildNameHits(names, '同江 2020', two).map((h) => h.href)).toEqual(['/jurisdictions/230881/', '/reports/230881-2020/', '/reports/230881-2021/']);
  });

  it('lists a jurisdiction alone when its report list could not be fetched, still saying how many reports it has', () => {
    expect(buildNameHits(names, '同江', () => [])).toEqual([{ href: '/jurisdictions/230881/', title: '同江市', context: '地区 · 县级 · 230881 · 1 份报告', excerpt: null }]);
  });
});

describe('ordering and merging full-text hits', () => {
  const hit = (href: string, excerpt: string | null = null): SearchHit => ({ href, title: href, context: '', excerpt });

  it('puts pages holding every term as typed first, keeping the index’s order otherwise', () => {
    const pages = [{ content: '黑龙江省' }, { content: '同江市的报告' }, { content: '牡丹江' }, { content: '同江市' }];
    expect(orderByLiteralMatch(pages, '同江')).toEqual({ hits: [pages[1], pages[3], pages[0], pages[2]], literal: 2 });
    expect(orderByLiteralMatch(pages, '同江 报告').literal).toBe(1);
  });

  it('lists name hits first, each page once, and gives name hits the full-text excerpt', () => {
    const merged = mergeHits([hit('/jurisdictions/230881/')], [hit('/reports/230000-2020/', 'a'), hit('/jurisdictions/230881/', '<mark>同江</mark>'), hit('/reports/230000-2020/', 'b')]);
    expect(merged).toEqual([hit('/jurisdictions/230881/', '<mark>同江</mark>'), hit('/reports/230000-2020/', 'a')]);
  });

  it('describes and titles pages from their URL', () => {
    expect(describePage('/reports/230881-2020/', names)).toBe('报告 · 同江市 · 2020 年');
    expect(describePage('/jurisdictions/230800/', names)).toBe('地区 · 地市级 · 230800');
    expect(describePage('/methodology/', names)).toBe('方法说明');
    expect(titlePage('/jurisdictions/230800/', '佳木斯市 地市级 · 230800', names)).toBe('佳木斯市');
    expect(titlePage('/reports/230881-2020/', '同江市2020年政府信息公开工作年度报告', names)).toBe('同江市2020年政府信息公开工作年度报告');
  });
});

describe('metric names', () => {
  const metrics = buildSearchMetrics(content.reports);

  it('finds a metric by its whole name, the more specific name first, or by a part of two characters or more', () => {
    expect(matchMetrics(metrics, '公开率').map((m) => m.name)).toEqual(['公开率', '不予公开率']);
    expect(matchMetrics(metrics, '不予公开率').map((m) => m.name)).toEqual(['不予公开率', '公开率']);
    expect(matchMetrics(metrics, '纠错率').map((m) => m.name).sort()).toEqual(['复议纠错率', '诉讼纠错率']);
    expect(matchMetrics(metrics, '2020 复议纠错率').map((m) => m.name)[0]).toBe('复议纠错率');
    expect(matchMetrics(metrics, '率')).toEqual([]);
    expect(matchMetrics(metrics, '同江')).toEqual([]);
  });

  it('points a metric at its comparison in the year asked for, else the newest, then at its definition', () => {
    const years = [...new Set(content.reports.map((r) => r.meta.year))].sort((a, b) => b - a);
    const hits = buildMetricHits(metrics, '公开率');
    expect(hits.slice(0, 2).map((h) => h.href)).toEqual([`/compare/${years[0]}/grant_rate/`, '/methodology/#metric-grant_rate']);
    expect(hits[0]?.context).toBe(`比较 · ${years[0]} 年 · 公开率`);
    expect(buildMetricHits([{ id: 'grant_rate', name: '公开率', years: [2021, 2020] }], '2020年公开率')[0]?.href).toBe('/compare/2020/grant_rate/');
    expect(describePage('/compare/2020/grant_rate/', names)).toBe('比较 · 2020 年');
  });
});

describe('keepLiteral', () => {
  it('shows only the pages holding the query as typed when there are any, else every hit', () => {
    const hits = [{ content: '同江市人民政府' }, { content: '黑龙江省' }, { content: '牡丹江市' }];
    expect(keepLiteral(orderByLiteralMatch(hits, '同江'))).toEqual([hits[0]]);
    expect(keepLiteral(orderByLiteralMatch(hits, '江北'))).toEqual(hits);
  });
});

describe('finding a department by name', () => {
  const depts = loadDepartmentContent();
  const deptNames = buildSearchNames(depts.jurisdictions, depts.reports);
  const deptReports = (code: string): SearchNameReport[] => buildSearchPlaceReports(depts.reports, code);

  it('puts the department first for its full name, its name without 市, its short name, or place and name apart', () => {
    for (const q of ['哈尔滨市教育局', '哈尔滨教育局', '哈尔滨 市教育局', '哈尔滨教育', '教育局 哈尔滨']) {
      const hits = buildNameHits(deptNames, q, deptReports);
      expect(hits[0], q).toEqual({ href: '/publishers/230100-jiaoyu/', title: '哈尔滨市教育局', context: '部门 · 哈尔滨市 · 7 份报告', excerpt: null });
      expect(hits.slice(1, 8).map((h) => h.href), q).toEqual([2025, 2024, 2023, 2022, 2021, 2020, 2019].map((y) => `/reports/230100-jiaoyu-${y}/`));
      expect(hits[8]?.href).toBe('/jurisdictions/230100/');
    }
    expect(buildNameHits(deptNames, '黑龙江教育厅', deptReports)[0]?.title).toBe('黑龙江省教育厅');
  });

  it('lists a named place’s departments by their pages after the government’s own reports', () => {
    const hits = buildNameHits(deptNames, '哈尔滨', deptReports).map((h) => h.href);
    expect(hits).toEqual(['/jurisdictions/230100/', '/reports/230100-2021/', '/reports/230100-2020/', '/publishers/230100-jiaoyu/', '/publishers/230100-gongan/', '/publishers/230100-caizheng/', '/publishers/230100-renshe/']);
  });

  it('does not invent a department the place has no report of', () => {
    expect(buildNameHits(deptNames, '哈尔滨民政局', deptReports)[0]?.href).toBe('/jurisdictions/230100/');
  });

  it('describes a department’s report and page by the department', () => {
    expect(describePage('/reports/230100-jiaoyu-2021/', deptNames)).toBe('报告 · 哈尔滨市教育局 · 2021 年');
    expect(describePage('/publishers/230100-jiaoyu/', deptNames)).toBe('部门 · 哈尔滨市');
  });
});
