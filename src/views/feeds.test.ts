import { describe, expect, it } from 'vitest';
import { runRules } from '../checks/run-rules.ts';
import { findCommittedReport, loadCommittedContent, setCellValue } from '../fixtures/committed-content.ts';
import type { CheckedReport } from '../reports/types.ts';
import { buildFindingEntries, buildReportEntries, dateNewestReport, dateReportEntry, escapeXml, renderAtomFeed, type FeedEntry } from './feeds.ts';

const SITE = 'https://gongkai.example.org/';
const content = loadCommittedContent();

/** Checks a parsed report (no previous year, no known errors), as the loader would. */
function checkReport(id: string, change?: (r: ReturnType<typeof findCommittedReport>) => ReturnType<typeof findCommittedReport>): CheckedReport {
  const parsed = change ? change(findCommittedReport(id)) : findCommittedReport(id);
  return { ...parsed, outcomes: runRules(parsed, null).map((o) => ({ ...o, known: null })) };
}

describe('dateReportEntry', () => {
  it('dates a government’s report at 31 March of the next year and a department’s at 31 January, Beijing time', () => {
    expect(dateReportEntry('230881-2020', 2020)).toBe('2021-03-31T00:00:00+08:00');
    expect(dateReportEntry('230881-fgw-2023', 2023)).toBe('2024-01-31T00:00:00+08:00');
  });
});

describe('escapeXml', () => {
  it('escapes the five XML specials and nothing else', () => {
    expect(escapeXml(`<a href="x">A&B's</a> 同江`)).toBe('&lt;a href=&quot;x&quot;&gt;A&amp;B&apos;s&lt;/a&gt; 同江');
  });
});

describe('buildReportEntries', () => {
  it('makes one entry per committed report, newest year first then by id, with its quality summary', () => {
    const entries = buildReportEntries(content.reports, content.jurisdictions, SITE);
    expect(entries.map((e) => e.link)).toEqual(['230000-2020', '230700-2020', '230722-2020', '230881-2020', '231000-2020'].map((id) => `${SITE}reports/${id}/`));
    const tongjiang = entries.find((e) => e.id.endsWith('/230881-2020/'));
    expect(tongjiang?.summary).toBe('同江市 2020 年度报告（同江市人民政府）。2 项一致性检查未通过：报告按原样发布，问题单元格已标出。');
    expect(tongjiang?.categories).toEqual(['同江市', '2020']);
  });
});

describe('buildFindingEntries', () => {
  it('reports 同江市 2020’s two failing rules with the printed numbers and the recorded explanation', () => {
    const entries = buildFindingEntries(content.reports, content.jurisdictions, SITE);
    expect(entries.map((e) => e.link)).toEqual([`${SITE}reports/230881-2020/#check-T3-A`, `${SITE}reports/230881-2020/#check-T3-B`]);
    expect(entries[0]?.items).toEqual([
      '法律服务机构：一、本年新收政府信息公开申请数量 4 + 二、上年结转政府信息公开申请数量 0，合计 4 ≠ （七）总计 4 + 四、结转下年度继续办理 4，合计 8',
      '总计：一、本年新收政府信息公开申请数量 25 + 二、上年结转政府信息公开申请数量 0，合计 25 ≠ （七）总计 25 + 四、结转下年度继续办理 4，合计 29',
    ]);
    expect(entries[0]?.notes[0]).toMatch(/^已核对原报告，按原样发布：“法律服务机构”一列/);
  });

  it('gains an entry when a report breaks its own arithmetic, and none for a report that passes', () => {
    const passing = checkReport('230722-2020');
    expect(buildFindingEntries([passing], content.jurisdictions, SITE)).toEqual([]);
    const broken = checkReport('230722-2020', (r) => setCellValue(r, { table: 'requests', row: 'granted', column: 'natural_person' }, (r.tables.requests.granted?.natural_person?.value ?? 0) + 7));
    const entries = buildFindingEntries([broken], content.jurisdictions, SITE);
    expect(entries.map((e) => e.id)).toContain(`${SITE}reports/230722-2020/#check-T3-B`);
    expect(entries.every((e) => e.title.startsWith('嘉荫县 2020 年报告未通过 '))).toBe(true);
    expect(entries.find((e) => e.id.endsWith('#check-T3-B'))?.items.join('\n')).toMatch(/^自然人：（七）总计 \d+ ≠ /);
    expect(entries[0]?.notes).toEqual([]);
  });
});

describe('dateNewestReport', () => {
  it('dates a feed with no entries by its newest report, or the epoch when there is none', () => {
    expect(dateNewestReport(content.reports)).toBe('2021-03-31T00:00:00+08:00');
    expect(dateNewestReport([])).toBe('1970-01-01T00:00:00Z');
  });
});

describe('renderAtomFeed', () => {
  const entry = (over: Partial<FeedEntry>): FeedEntry => ({ id: `${SITE}a`, title: 't', link: `${SITE}a`, updated: '2021-01-31T00:00:00+08:00', categories: [], summary: 's', lead: 'l', items: [], notes: [], ...over });

  it('writes the newest entry date as the feed date, escapes text, and double-escapes the HTML content', () => {
    const xml = renderAtomFeed({ title: 'A & B', subtitle: 's', self: `${SITE}feeds/x.xml`, home: SITE, emptyUpdated: 'x' }, [
      entry({ title: '<b>粗</b>', items: ['1 < 2'] }),
      entry({ id: `${SITE}b`, updated: '2024-03-31T00:00:00+08:00' }),
    ]);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="zh-CN">\n/);
    expect(xml).toContain('  <title>A &amp; B</title>\n');
    expect(xml).toContain('  <updated>2024-03-31T00:00:00+08:00</updated>\n');
    expect(xml).toContain('<title>&lt;b&gt;粗&lt;/b&gt;</title>');
    expect(xml).toContain('<content type="html">&lt;p&gt;l&lt;/p&gt;&lt;ul&gt;&lt;li&gt;1 &amp;lt; 2&lt;/li&gt;&lt;/ul&gt;</content>');
    expect(xml.endsWith('</feed>\n')).toBe(true);
    expect(xml).not.toContain('\r');
  });

  it('writes a feed with no entries, dated as its head says', () => {
    const xml = renderAtomFeed({ title: 't', subtitle: 's', self: SITE, home: SITE, emptyUpdated: '2021-03-31T00:00:00+08:00' }, []);
    expect(xml).toContain('  <updated>2021-03-31T00:00:00+08:00</updated>\n');
    expect(xml).not.toContain('<entry>');
  });

  it('writes the same bytes for the same content', () => {
    const a = renderAtomFeed({ title: 't', subtitle: 's', self: SITE, home: SITE, emptyUpdated: 'x' }, buildFindingEntries(content.reports, content.jurisdictions, SITE));
    const b = renderAtomFeed({ title: 't', subtitle: 's', self: SITE, home: SITE, emptyUpdated: 'x' }, buildFindingEntries([...content.reports].reverse(), content.jurisdictions, SITE));
    expect(a).toBe(b);
  });
});
