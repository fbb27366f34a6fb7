/**
 * The view models of the year pages (/years/<year>/, then /years/<year>/2/, …): a year's reports,
 * YEAR_PAGE_REPORTS per page, with the year's report and failing counts and the other years.
 *
 * Assumes a year's reports are listed by id (buildReportList's order within a year), so the numbering
 * of the pages is stable as long as the year's ids do not change; the first page keeps the year's
 * old address.
 */
import type { JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import type { CheckedReport } from '../reports/types.ts';
import { buildPager, countPages, slicePage, type PagerLink } from './paging.ts';
import type { Link } from './report-view.ts';
import { buildReportList, summariseYears, type ReportListItem, type YearSummary } from './site-views.ts';
import { yearPagePath, yearPath } from '../site/paths.ts';

/** How many reports one year page lists (a row of the report list is about 0.4 KB of HTML). */
export const YEAR_PAGE_REPORTS = 250;

/** One page of a year's report list, for getStaticPaths. */
export interface YearPage {
  readonly year: number;
  readonly page: number;
}

/** Everything a year page shows. */
export interface YearView {
  readonly title: string;
  readonly description: string;
  readonly year: number;
  readonly page: number;
  /** Reports of the whole year. */
  readonly reports: number;
  /** Reports of the whole year with a failing check. */
  readonly failing: number;
  /** What this page covers, e.g. 本页为第 251—500 份; empty when the year has one page. */
  readonly range: string;
  readonly items: readonly ReportListItem[];
  /** Every page of the year, the current one with `current`; empty when the year has one page. */
  readonly pager: readonly PagerLink[];
  readonly otherYears: readonly Link[];
}

/** A build's reports as the year pages need them: each year's list items by id, and the years with their counts. */
interface YearLists {
  readonly byYear: ReadonlyMap<number, readonly ReportListItem[]>;
  readonly years: readonly YearSummary[];
}

const memo = new WeakMap<readonly CheckedReport[], YearLists>();

/** Lists the reports once per report list: every year page of a build reads the same lists. */
function listYears(reports: readonly CheckedReport[], index: JurisdictionIndex): YearLists {
  const known = memo.get(reports);
  if (known) return known;
  const items = buildReportList(reports, index);
  const byYear = new Map<number, ReportListItem[]>();
  for (const item of items) {
    const list = byYear.get(item.year);
    if (list) list.push(item);
    else byYear.set(item.year, [item]);
  }
  const lists = { byYear, years: summariseYears(items) };
  memo.set(reports, lists);
  return lists;
}

/** Lists every year page to build, newest year first. */
export function listYearPages(reports: readonly CheckedReport[], index: JurisdictionIndex): YearPage[] {
  return listYears(reports, index).years.flatMap((y) => Array.from({ length: countPages(y.reports, YEAR_PAGE_REPORTS) }, (_, i) => ({ year: y.year, page: i + 1 })));
}

/** Builds page `page` (from 1) of a year's reports; throws for a year or page that does not exist. */
export function buildYearView(reports: readonly CheckedReport[], index: JurisdictionIndex, year: number, page: number): YearView {
  const { byYear, years } = listYears(reports, index);
  const all = byYear.get(year);
  const summary = years.find((y) => y.year === year);
  if (!all || !summary) throw new Error(`no reports of ${year} for a year page`);
  const cut = slicePage(all, page, YEAR_PAGE_REPORTS);
  if (!cut) throw new Error(`no year page ${page} of ${year} (it has ${countPages(all.length, YEAR_PAGE_REPORTS)})`);
  const { items, from, pages } = cut;
  return {
    title: pages > 1 ? `${year} 年度的报告（第 ${page} 页，共 ${pages} 页）` : `${year} 年度的报告`,
    description: `黑龙江省各级政府${year}年政府信息公开工作年度报告的数据：共 ${all.length} 份${pages > 1 ? `，本页为第 ${from + 1}—${from + items.length} 份` : ''}，逐份可查、可下载。`,
    year,
    page,
    reports: summary.reports,
    failing: summary.failing,
    range: pages > 1 ? `本页为第 ${from + 1}—${from + items.length} 份。` : '',
    items,
    pager: buildPager(pages, page, (n) => yearPagePath(year, n)),
    otherYears: years.filter((y) => y.year !== year).map((y) => ({ href: y.href, text: y.text })),
  };
}
