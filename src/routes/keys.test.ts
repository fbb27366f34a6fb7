import { describe, expect, it } from 'vitest';
import { loadCommittedContent, moveToYear, setCellValue } from '../fixtures/committed-content.ts';
import type { CheckedReport } from '../reports/types.ts';
import { loadDepartmentContent } from '../fixtures/department-corpus.ts';
import { getPageKeys, type KeyedContent, type PageKeys } from './keys.ts';

const content = loadCommittedContent();
const keys = getPageKeys(content);
const [first, second] = content.reports as [CheckedReport, CheckedReport, ...CheckedReport[]];

/** The same content with one report replaced. */
function replaceReport(id: string, report: CheckedReport): KeyedContent {
  return { jurisdictions: content.jurisdictions, reports: content.reports.map((r) => (r.meta.id === id ? report : r)) };
}

describe('page cache keys', () => {
  it('are the same for equal content, computed twice', () => {
    const again = getPageKeys({ jurisdictions: content.jurisdictions, reports: [...content.reports] });
    expect(again).not.toBe(keys);
    for (const r of content.reports) expect(again.report(r.meta.id)).toBe(keys.report(r.meta.id));
    expect(again.site()).toBe(keys.site());
    expect(again.year(2020)).toBe(keys.year(2020));
    expect(again.compare(2020, 'grant_rate')).toBe(keys.compare(2020, 'grant_rate'));
    for (const j of content.jurisdictions.all) {
      expect(again.searchPlace(j.code)).toBe(keys.searchPlace(j.code));
      expect(again.jurisdictionPage(j.code)).toBe(keys.jurisdictionPage(j.code));
    }
  });

  it('change for the pages that show a changed cell, and only for those', () => {
    const changed = setCellValue(first, { table: 'appeals', row: 'review', column: 'total' }, 9999) as CheckedReport;
    const after = getPageKeys(replaceReport(first.meta.id, changed));
    expect(after.report(first.meta.id)).not.toBe(keys.report(first.meta.id));
    expect(after.report(second.meta.id)).toBe(keys.report(second.meta.id));
    expect(after.site()).not.toBe(keys.site());
    expect(after.year(2020)).not.toBe(keys.year(2020));
    expect(after.compare(2020, 'appeals_per_100')).not.toBe(keys.compare(2020, 'appeals_per_100'));
    // The appeals do not enter the share of requests granted: that comparison shows nothing of the change.
    expect(after.compare(2020, 'grant_rate')).toBe(keys.compare(2020, 'grant_rate'));
    expect(after.jurisdictionPage(first.meta.jurisdiction)).not.toBe(keys.jurisdictionPage(first.meta.jurisdiction));
    // A search file of places lists its own reports' ids, years, titles and failing rules: a cell shows in none.
    expect(after.searchPlace(first.meta.jurisdiction)).toBe(keys.searchPlace(first.meta.jurisdiction));
    expect(after.searchPlace('230000')).toBe(keys.searchPlace('230000'));
  });

  it('change for a place’s search file when what it lists of its own reports changes, and only for that place', () => {
    const report = content.reports.find((r) => content.jurisdictions.byCode.get(r.meta.jurisdiction)?.parent);
    if (!report) throw new Error('expected a report below the province in the committed content');
    const place = report.meta.jurisdiction;
    const parent = content.jurisdictions.byCode.get(place)!.parent!;
    const retitled = getPageKeys(replaceReport(report.meta.id, { ...report, meta: { ...report.meta, title: `${report.meta.title}（修订）` } }));
    expect(retitled.searchPlace(place)).not.toBe(keys.searchPlace(place));
    // The parent's file lists the parent's own reports, not those under it.
    expect(retitled.searchPlace(parent)).toBe(keys.searchPlace(parent));
    expect(retitled.searchPlace('230000')).toBe(keys.searchPlace('230000'));
    const failing = getPageKeys(replaceReport(report.meta.id, { ...report, outcomes: [...report.outcomes, { ...report.outcomes[0]!, rule: 'T4-A', status: 'fail' }] as CheckedReport['outcomes'] }));
    expect(failing.searchPlace(place)).not.toBe(keys.searchPlace(place));
  });

  it('change for every page of a jurisdiction whose name changes', () => {
    const renamed = content.jurisdictions.all.map((j) => (j.code === first.meta.jurisdiction ? { ...j, name: `${j.name}（改）` } : j));
    const after = getPageKeys({ jurisdictions: { all: renamed, byCode: new Map(renamed.map((j) => [j.code, j])) }, reports: content.reports });
    for (const r of content.reports) expect(after.report(r.meta.id)).not.toBe(keys.report(r.meta.id));
  });

  it('change for a year when a report moves to another year, and name the other years on file', () => {
    const moved = moveToYear(second, 2021) as CheckedReport;
    const after = getPageKeys(replaceReport(second.meta.id, moved));
    expect(after.year(2020)).not.toBe(keys.year(2020));
    expect(after.year(2021)).not.toBe(keys.year(2021));
  });

  it('change for a place’s page when a peer’s figure it is set against changes, and only then', () => {
    const tongjiang = content.reports.find((r) => r.meta.id === '230881-2020');
    const peer = content.reports.find((r) => r.meta.id === '230722-2020');
    if (!tongjiang || !peer) throw new Error('expected 230881-2020 and 230722-2020');
    const changed = setCellValue(peer, { table: 'requests', row: 'received_new', column: 'total' }, 9999) as CheckedReport;
    const after = getPageKeys(replaceReport(peer.meta.id, changed));
    // 同江市's reports do not include 嘉荫县's, but its page's key figures set its requests against 2020's counties' median.
    expect(after.searchPlace('230881')).toBe(keys.searchPlace('230881'));
    expect(after.publisher('230881')).toBe(keys.publisher('230881'));
    expect(after.jurisdictionPage('230881')).not.toBe(keys.jurisdictionPage('230881'));
    // 嘉荫县's grant rate stands on fewer than 10 requests: not ranked, so 同江市's page shows nothing of it.
    const unranked = getPageKeys(replaceReport(peer.meta.id, setCellValue(peer, { table: 'requests', row: 'granted', column: 'total' }, 0) as CheckedReport));
    expect(unranked.jurisdictionPage('230881')).toBe(keys.jurisdictionPage('230881'));
  });

  it('leave a jurisdiction page alone when a report changes that it neither lists nor sets it against', () => {
    const province = content.reports.find((r) => content.jurisdictions.byCode.get(r.meta.jurisdiction)?.level === 'province');
    const county = content.reports.find((r) => content.jurisdictions.byCode.get(r.meta.jurisdiction)?.level === 'county');
    if (!province || !county) throw new Error('expected a province and a county report in the committed content');
    const after = getPageKeys(replaceReport(county.meta.id, setCellValue(county, { table: 'requests', row: 'granted', column: 'total' }, 0) as CheckedReport));
    // The province's page counts its prefectures' reports and shows its own government's figures, set against no county.
    expect(after.searchPlace('230000')).toBe(keys.searchPlace('230000'));
    expect(after.jurisdictionPage(province.meta.jurisdiction)).toBe(keys.jurisdictionPage(province.meta.jurisdiction));
  });

  it('change for a report whose cells moved in source.txt, or whose source.txt changed', () => {
    const moved = new Map(first.sourceLines);
    const [key, place] = [...moved][0] ?? [];
    if (!key || !place) throw new Error(`${first.meta.id} has no source lines`);
    moved.set(key, { line: place.line + 1, col: place.col });
    expect(getPageKeys(replaceReport(first.meta.id, { ...first, sourceLines: moved })).report(first.meta.id)).not.toBe(keys.report(first.meta.id));
    expect(getPageKeys(replaceReport(first.meta.id, { ...first, sourceDigest: 'changed' })).report(first.meta.id)).not.toBe(keys.report(first.meta.id));
    expect(getPageKeys(replaceReport(first.meta.id, { ...first, sourceLines: new Map(first.sourceLines) })).report(first.meta.id)).toBe(keys.report(first.meta.id));
  });

  it('refuse a report that is not in the content', () => {
    expect(() => keys.report('999999-1900')).toThrow(/no report 999999-1900/);
  });
});

describe('page cache keys of departments', () => {
  const depts = loadDepartmentContent();
  const before = getPageKeys(depts);
  const byId = (id: string): CheckedReport => depts.reports.find((r) => r.meta.id === id)!;
  /** The department content with one report's cell changed. */
  const change = (id: string): PageKeys => {
    const changed = setCellValue(byId(id), { table: 'requests', row: 'received_new', column: 'total' }, 9999) as CheckedReport;
    return getPageKeys({ jurisdictions: depts.jurisdictions, reports: depts.reports.map((r) => (r.meta.id === id ? changed : r)) });
  };

  it('change for the department whose report changed, its place and its kind’s comparisons that year, and only for those', () => {
    const after = change('230100-jiaoyu-2023');
    expect(after.publisher('230100-jiaoyu')).not.toBe(before.publisher('230100-jiaoyu'));
    expect(after.publisherPage('230100-jiaoyu')).not.toBe(before.publisherPage('230100-jiaoyu'));
    expect(after.searchPlace('230100')).toBe(before.searchPlace('230100'));
    for (const key of ['230100-gongan', '230200-jiaoyu', '230300-jiaoyu']) expect(after.publisherPage(key), key).toBe(before.publisherPage(key));
    // 2023 is no comparison year of 教育局 (one report): no comparison of it changes.
    for (const year of [2020, 2021]) expect(after.departmentCompare('jiaoyu', year, 'requests_received'), String(year)).toBe(before.departmentCompare('jiaoyu', year, 'requests_received'));
  });

  it('change a department comparison’s key when what it ranks changes, and only that comparison’s', () => {
    // The requests received enter the requests compared and the appeals per 100 requests, not the correction rate of reviews.
    const after = change('230300-jiaoyu-2021');
    for (const metric of ['requests_received', 'appeals_per_100']) expect(after.departmentCompare('jiaoyu', 2021, metric), metric).not.toBe(before.departmentCompare('jiaoyu', 2021, metric));
    expect(after.departmentCompare('jiaoyu', 2021, 'review_correction_rate')).toBe(before.departmentCompare('jiaoyu', 2021, 'review_correction_rate'));
    expect(after.departmentCompare('jiaoyu', 2020, 'requests_received')).toBe(before.departmentCompare('jiaoyu', 2020, 'requests_received'));
    expect(after.departmentCompare('gongan', 2021, 'requests_received')).toBe(before.departmentCompare('gongan', 2021, 'requests_received'));
  });

  it('leave the comparisons of governments and the pages of places that do not list it alone when a department’s report changes', () => {
    for (const id of ['230100-jiaoyu-2023', '230200-jiaoyu-2021']) {
      const after = change(id);
      const year = byId(id).meta.year;
      expect(after.year(year), id).not.toBe(before.year(year));
      for (const metric of ['requests_received', 'grant_rate']) expect(after.compare(year, metric), id).toBe(before.compare(year, metric));
      expect(after.jurisdictionPage('230000'), id).toBe(before.jurisdictionPage('230000'));
    }
  });

  it('change a place’s page when the latest report of one of its departments changes (its list of departments shows those figures)', () => {
    const latest = [...depts.reports].filter((r) => r.meta.id.startsWith('230100-jiaoyu-')).sort((a, b) => b.meta.year - a.meta.year)[0]!;
    const after = change(latest.meta.id);
    expect(after.jurisdictionPage('230100')).not.toBe(before.jurisdictionPage('230100'));
    expect(after.jurisdictionPage('230200')).toBe(before.jurisdictionPage('230200'));
  });

  it('change a department page’s key when a peer of its latest report (kind, level, year) changes, not its charts’', () => {
    const after = change('230200-jiaoyu-2021');
    // Its latest year's key figures are set against the prefectures' 教育局 of 2021.
    for (const key of ['230300-jiaoyu', '230500-jiaoyu']) {
      expect(after.publisherPage(key), key).not.toBe(before.publisherPage(key));
      expect(after.publisher(key), key).toBe(before.publisher(key));
    }
    // A county's 教育局 is no peer of a city's; 2021 is not 哈尔滨市教育局's latest year (2025).
    expect(after.publisherPage('230102-jiaoyu')).toBe(before.publisherPage('230102-jiaoyu'));
    expect(after.publisherPage('230100-jiaoyu')).toBe(before.publisherPage('230100-jiaoyu'));
    expect(after.publisherPage('230200-gongan')).toBe(before.publisherPage('230200-gongan'));
  });

  it('leave a department page’s key alone when a peer of its latest report changes in what the page does not show (its text)', () => {
    // The page shows its peers' median and its rank among them, not their reports: an edit of a
    // peer's text used to re-render every department of the group (1,427 of 2,723 department pages
    // for 200 edits at 20,000 reports).
    const peer = byId('230200-jiaoyu-2021');
    const edited = { ...peer, narrative: { ...peer.narrative, problems: `${peer.narrative.problems}（修订。）` } };
    const after = getPageKeys({ jurisdictions: depts.jurisdictions, reports: depts.reports.map((r) => (r.meta.id === peer.meta.id ? edited : r)) });
    for (const key of ['230300-jiaoyu', '230500-jiaoyu']) expect(after.publisherPage(key), key).toBe(before.publisherPage(key));
    expect(after.publisherPage('230200-jiaoyu')).not.toBe(before.publisherPage('230200-jiaoyu'));
  });

  it('leave a department page’s key alone when a peer of an earlier year changes', () => {
    const after = change('230500-jiaoyu-2020');
    expect(after.publisherPage('230200-jiaoyu')).toBe(before.publisherPage('230200-jiaoyu'));
    expect(after.publisherPage('230500-jiaoyu')).not.toBe(before.publisherPage('230500-jiaoyu'));
  });

  it('change a department page’s key when its kind gains a report of its latest year at another level (it then links that year’s comparison)', () => {
    // 哈尔滨市教育局's latest report (2025) is the only 教育局 report of 2025; a county's 教育局 of 2021 moved to 2025 is no peer of a city's, but makes 2025 compared.
    const moved = moveToYear(byId('230102-jiaoyu-2021'), 2025) as CheckedReport;
    const after = getPageKeys({ jurisdictions: depts.jurisdictions, reports: depts.reports.map((r) => (r.meta.id === '230102-jiaoyu-2021' ? moved : r)) });
    expect(after.publisherPage('230100-jiaoyu')).not.toBe(before.publisherPage('230100-jiaoyu'));
    expect(after.publisher('230100-jiaoyu')).toBe(before.publisher('230100-jiaoyu'));
  });

  it('change for every comparison year of a kind when it gains a year compared (they link the other years), not a year of one report', () => {
    const move = (ids: readonly string[]): PageKeys =>
      getPageKeys({ jurisdictions: depts.jurisdictions, reports: depts.reports.map((r) => (ids.includes(r.meta.id) ? (moveToYear(r, 2018) as CheckedReport) : r)) });
    // One 教育局 report of 2018 is not compared, so 2020's comparison links no 2018; two are.
    expect(move(['230300-jiaoyu-2021']).departmentCompare('jiaoyu', 2020, 'grant_rate')).toBe(before.departmentCompare('jiaoyu', 2020, 'grant_rate'));
    expect(move(['230300-jiaoyu-2021', '230400-jiaoyu-2021']).departmentCompare('jiaoyu', 2020, 'grant_rate')).not.toBe(before.departmentCompare('jiaoyu', 2020, 'grant_rate'));
  });
});
