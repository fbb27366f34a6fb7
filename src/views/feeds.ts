/**
 * The site's Atom feeds: newly published reports, and data-quality findings (every failing rule of
 * every report, with its numbers). Deterministic: no build clock. Content has no publication date, so
 * an entry's `updated` is the statutory deadline for publishing the report (《政府信息公开条例》第四十九条):
 * 31 March of the following year for a government's own report, 31 January for a department's (a
 * report id with an agency slug), at 00:00 Beijing time. A feed's `updated` is its newest entry's.
 */
import type { JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import { REPORT_ID } from '../reports/report-id.ts';
import type { CheckedReport } from '../reports/types.ts';
import { buildQualityView } from './quality-view.ts';
import { METHODOLOGY_PATH, reportPath } from '../site/paths.ts';

/** Titles of the two feeds, for the feeds themselves and for autodiscovery links. */
export const FEED_TITLES = { reports: '公开：新收录的年度报告', findings: '公开：数据质量问题' } as const;

/** One feed entry, before serialising. */
export interface FeedEntry {
  /** Absolute URL that identifies the entry for ever. */
  readonly id: string;
  readonly title: string;
  readonly link: string;
  /** RFC 3339 date-time. */
  readonly updated: string;
  readonly categories: readonly string[];
  /** Plain text; escaped on output. */
  readonly summary: string;
  /** The entry's content, shown as HTML by feed readers: a lead paragraph, a list, closing notes; escaped on output. */
  readonly lead: string;
  readonly items: readonly string[];
  readonly notes: readonly string[];
}

/** What a feed says about itself. */
export interface FeedHead {
  readonly title: string;
  readonly subtitle: string;
  /** Absolute URL of the feed (its id and `rel=self`). */
  readonly self: string;
  /** Absolute URL of the page the feed belongs to. */
  readonly home: string;
  /** The feed's date while it has no entry (a findings feed when every report passes): see `dateNewestReport`. */
  readonly emptyUpdated: string;
}

/** The date an entry about a report carries: its publication deadline in the year after the one it covers, Beijing time. */
export function dateReportEntry(reportId: string, year: number): string {
  const department = Boolean(REPORT_ID.exec(reportId)?.[2]);
  return `${String(year + 1).padStart(4, '0')}-${department ? '01-31' : '03-31'}T00:00:00+08:00`;
}

/** The newest report's entry date, or the Unix epoch when there is no report: the date of a feed with no entries. */
export function dateNewestReport(reports: readonly CheckedReport[]): string {
  return reports.map((r) => dateReportEntry(r.meta.id, r.meta.year)).sort().at(-1) ?? '1970-01-01T00:00:00Z';
}

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** Orders reports newest year first, then by id, as both feeds list them. */
function sortReports(reports: readonly CheckedReport[]): CheckedReport[] {
  return [...reports].sort((a, b) => b.meta.year - a.meta.year || (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));
}

/** Names a report's jurisdiction, falling back to its code. */
function nameJurisdiction(report: CheckedReport, index: JurisdictionIndex): string {
  return index.byCode.get(report.meta.jurisdiction)?.name ?? report.meta.jurisdiction;
}

/** Builds the entries of the reports feed: one per report. */
export function buildReportEntries(reports: readonly CheckedReport[], index: JurisdictionIndex, site: string): FeedEntry[] {
  return sortReports(reports).map((report) => {
    const url = new URL(reportPath(report.meta.id), site).href;
    const quality = buildQualityView(report, METHODOLOGY_PATH);
    const name = nameJurisdiction(report, index);
    return {
      id: url,
      title: report.meta.title,
      link: url,
      updated: dateReportEntry(report.meta.id, report.meta.year),
      categories: [name, `${report.meta.year}`],
      summary: `${name} ${report.meta.year} 年度报告（${report.meta.publisher}）。${quality.summary}`,
      lead: `${name} ${report.meta.year} 年度政府信息公开工作年度报告，发布机关：${report.meta.publisher}。`,
      items: [],
      notes: [`数据质量：${quality.summary}`],
    };
  });
}

/** Builds the entries of the findings feed: one per failing rule of each report, with the numbers. */
export function buildFindingEntries(reports: readonly CheckedReport[], index: JurisdictionIndex, site: string): FeedEntry[] {
  return sortReports(reports).flatMap((report) => {
    const url = new URL(reportPath(report.meta.id), site).href;
    const name = nameJurisdiction(report, index);
    return buildQualityView(report, METHODOLOGY_PATH)
      .lines.filter((line) => line.status === 'fail')
      .map((line) => {
        const kind = line.severity === 'warning' ? '提示' : '错误';
        const known = line.knownReason ? [`已核对原报告，按原样发布：${line.knownReason}`] : [];
        return {
          id: `${url}#check-${line.id}`,
          title: `${name} ${report.meta.year} 年报告未通过 ${line.id} ${line.title}`,
          link: `${url}#check-${line.id}`,
          updated: dateReportEntry(report.meta.id, report.meta.year),
          categories: [name, line.id, kind],
          summary: [`${report.meta.title}未通过一致性检查 ${line.id}（${kind}）：${line.title}。`, ...line.details, ...known].join('\n'),
          lead: `${report.meta.title}未通过一致性检查 ${line.id}（${kind}）：${line.title}。报告按原样发布，问题单元格已在报告页标出。`,
          items: line.details,
          notes: known,
        };
      });
  });
}

/** Serialises entries as an Atom 1.0 document (RFC 4287), `\n` newlines, stable order. */
export function renderAtomFeed(head: FeedHead, entries: readonly FeedEntry[]): string {
  const updated = entries.map((e) => e.updated).sort().at(-1) ?? head.emptyUpdated;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <title>${escapeXml(head.title)}</title>`,
    `  <subtitle>${escapeXml(head.subtitle)}</subtitle>`,
    `  <id>${escapeXml(head.self)}</id>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(head.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(head.home)}"/>`,
    `  <updated>${updated}</updated>`,
    '  <author><name>公开 gongkai</name></author>',
  ];
  for (const e of entries) {
    const list = e.items.length ? `<ul>${e.items.map((i) => `<li>${escapeXml(i)}</li>`).join('')}</ul>` : '';
    const html = `<p>${escapeXml(e.lead)}</p>${list}${e.notes.map((n) => `<p>${escapeXml(n)}</p>`).join('')}`;
    lines.push(
      '  <entry>',
      `    <id>${escapeXml(e.id)}</id>`,
      `    <title>${escapeXml(e.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(e.link)}"/>`,
      `    <updated>${e.updated}</updated>`,
      ...e.categories.map((c) => `    <category term="${escapeXml(c)}"/>`),
      `    <summary type="text">${escapeXml(e.summary)}</summary>`,
      `    <content type="html">${escapeXml(html)}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
