/**
 * Ready citations in the style of GB/T 7714—2015 (信息与文献 参考文献著录规则), for an online
 * resource: 主要责任者. 题名: 其他题名信息[文献类型标识/OL]. 其他责任者. 出版年[引用日期]. 获取和访问路径.
 *
 * - The publishing government is the 主要责任者, so the original publisher is always credited; the
 *   site appears as 其他责任者 (“公开 gongkai, 整理”).
 * - A report is type R (报告), the site's dataset DS (数据集, added in the 2015 edition).
 * - The publication year of a report is not recorded in content; 《政府信息公开条例》第四十九条 has a
 *   government publish its report for year Y by 31 March of Y+1, so Y+1 is given as an estimated
 *   year, in square brackets as the standard writes an estimated year ([2021]).
 * - The 引用日期 (access date), required for online resources, is the reader's: generated files carry
 *   no clock, so the citation marks its place and the page fills in the reader's date.
 */
import type { ReportMeta } from '../reports/types.ts';

/** A citation split where the access date goes: its text is `before` + `[date]` + `after`. */
export interface Citation {
  readonly before: string;
  readonly after: string;
}

/** What stands in the access date's place when no date is given. */
export const ACCESS_DATE_PLACEHOLDER = '引用日期';

/** The site as 其他责任者 of everything it compiles. */
export const COMPILER = '公开 gongkai';

/** At most this many 主要责任者 are listed before “等” (GB/T 7714—2015 8.1.2). */
const MAX_CREATORS = 3;

/** Writes a citation out, with the reader's access date (YYYY-MM-DD) or the placeholder. */
export function formatCitationText(citation: Citation, accessDate: string = ACCESS_DATE_PLACEHOLDER): string {
  return `${citation.before}[${accessDate}]${citation.after}`;
}

/** The estimated publication year of a report: the year after the year it covers. */
export function estimatePublicationYear(meta: ReportMeta): number {
  return meta.year + 1;
}

/** Cites a report as the site publishes it: the government's report, compiled by the site, at its page. */
export function formatReportCitation(meta: ReportMeta, pageUrl: string): Citation {
  return {
    before: `${meta.publisher}. ${meta.title}[R/OL]. ${COMPILER}, 整理. [${estimatePublicationYear(meta)}]`,
    after: `. ${pageUrl}.`,
  };
}

/** Cites the report where its publisher put it online; null when its address is not recorded. */
export function formatOriginalCitation(meta: ReportMeta): Citation | null {
  if (!meta.source.url) return null;
  return { before: `${meta.publisher}. ${meta.title}[R/OL]. [${estimatePublicationYear(meta)}]`, after: `. ${meta.source.url}.` };
}

/** Formats the years a set of reports covers: 2020, or 2019—2023. */
export function formatYearSpan(reports: readonly ReportMeta[]): string {
  const years = reports.map((r) => r.year);
  if (!years.length) return '';
  const from = Math.min(...years);
  const to = Math.max(...years);
  return from === to ? String(from) : `${from}—${to}`;
}

/** Cites the whole dataset: the publishing governments (three, then 等), compiled by the site. */
export function formatDatasetCitation(reports: readonly ReportMeta[], dataUrl: string, title: string): Citation {
  const publishers = [...new Set(reports.map((r) => r.publisher))];
  const creators = publishers.length > MAX_CREATORS ? [...publishers.slice(0, MAX_CREATORS), '等'] : publishers;
  const span = formatYearSpan(reports);
  return {
    before: `${creators.join(', ')}. ${title}${span ? `: ${span}年度` : ''}[DS/OL]. ${COMPILER}, 整理. `,
    after: `. ${dataUrl}.`,
  };
}
