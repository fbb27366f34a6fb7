/**
 * The view models of the per-year data pages (/data/<year>/, then /data/<year>/2/, …): the year's
 * cells file (/data/<year>/cells.csv), and each report of the year with its four files, their sizes
 * and its citation. /data/ itself lists only the
 * site-wide files and one link per year, so that no page grows with the number of reports.
 *
 * Assumes reports of a year are listed by id, at most DATA_YEAR_PAGE_REPORTS per page: a year of
 * 3,000 department reports becomes twelve pages of bounded size, with stable numbering as long as
 * the year's ids do not change.
 */
import { FORMS, TABLE_IDS } from '../form/forms.ts';
import type { LoadedContent } from '../loaders/load-content.ts';
import type { CheckedReport } from '../reports/types.ts';
import { buildPager, countPages, slicePage, type PagerLink } from './paging.ts';
import type { Link } from './report-view.ts';
import { ACCESS_DATE_PLACEHOLDER, formatOriginalCitation, formatReportCitation, type Citation } from '../downloads/citation.ts';
import { buildDownloadLink, type DownloadLink } from './report-downloads-view.ts';
import type { SiteDownloads } from '../downloads/site-downloads.ts';
import { describeExcelOverflow } from '../downloads/excel-limit.ts';
import { DATA_PATH, dataYearPath, formatAbsoluteUrl, formatDownloadName, formatYearCellsDownloadName, reportPath } from '../site/paths.ts';

/** How many reports one data page of a year lists (each row holds five links and two citations, about 1.5 KB of HTML). */
export const DATA_YEAR_PAGE_REPORTS = 250;

/** One report's line in the table of per-report files. */
export interface ReportFilesRow {
  readonly href: string;
  readonly title: string;
  readonly year: number;
  readonly files: readonly DownloadLink[];
  readonly citation: Citation;
  readonly original: Citation | null;
}

/** One year on /data/: its page, and how many reports and pages it has. */
export interface DataYearLink extends Link {
  readonly year: number;
  readonly reports: number;
  readonly pages: number;
}

/** One page of a year's data pages, for getStaticPaths. */
export interface DataYearPage {
  readonly year: number;
  readonly page: number;
}

/** Everything a per-year data page shows. */
export interface DataYearView {
  readonly title: string;
  readonly description: string;
  readonly year: number;
  readonly page: number;
  /** What this page covers, e.g. 共 3000 份报告，本页为第 251—500 份. */
  readonly range: string;
  /** The year's cells file (every cell of its reports, as in the site-wide cells.csv), on every page of the year. */
  readonly yearCells: DownloadLink;
  /** The lines of the year's cells file below its header. */
  readonly yearCellsRows: number;
  /** Set when the year's cells file has more lines than one Excel worksheet holds. */
  readonly yearCellsExcelWarning: string | null;
  readonly reportFileHeads: readonly string[];
  readonly reports: readonly ReportFilesRow[];
  /** Every page of the year, the current one with `current`. */
  readonly pager: readonly PagerLink[];
  readonly otherYears: readonly Link[];
  readonly accessDatePlaceholder: string;
}

const byYearMemo = new WeakMap<readonly CheckedReport[], Map<number, CheckedReport[]>>();

/** Groups reports by year, each year's reports by id, newest year first (memoized per report list). */
export function groupReportsByYear(reports: readonly CheckedReport[]): ReadonlyMap<number, readonly CheckedReport[]> {
  const known = byYearMemo.get(reports);
  if (known) return known;
  const groups = new Map<number, CheckedReport[]>();
  for (const r of reports) {
    const list = groups.get(r.meta.year);
    if (list) list.push(r);
    else groups.set(r.meta.year, [r]);
  }
  const sorted = new Map([...groups].sort(([a], [b]) => b - a).map(([y, list]) => [y, list.sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0))]));
  byYearMemo.set(reports, sorted);
  return sorted;
}

/** Lists the years for /data/, newest first, each with its report count and its first page. */
export function listDataYears(reports: readonly CheckedReport[]): DataYearLink[] {
  return [...groupReportsByYear(reports)].map(([year, list]) => ({ year, reports: list.length, pages: countPages(list.length, DATA_YEAR_PAGE_REPORTS), href: dataYearPath(year), text: `${year} 年` }));
}

/** Lists every per-year data page to build. */
export function listDataYearPages(reports: readonly CheckedReport[]): DataYearPage[] {
  return listDataYears(reports).flatMap((y) => Array.from({ length: y.pages }, (_, i) => ({ year: y.year, page: i + 1 })));
}

/** Builds one report's row: its three table files and its cells file, and its citations. */
export function buildReportFilesRow(report: CheckedReport, downloads: SiteDownloads, site: string): ReportFilesRow {
  const id = report.meta.id;
  const files = downloads.reports.get(id);
  if (!files) throw new Error(`no downloads for report ${id}`);
  return {
    href: reportPath(id),
    title: report.meta.title,
    year: report.meta.year,
    files: [
      ...TABLE_IDS.map((t) => buildDownloadLink(files.tables[t], `${t}.csv`, '', formatDownloadName(id, t))),
      buildDownloadLink(files.cells, 'cells.csv', '', formatDownloadName(id, 'cells')),
    ],
    citation: formatReportCitation(report.meta, formatAbsoluteUrl(reportPath(id), site)),
    original: formatOriginalCitation(report.meta),
  };
}

/** A year's cells file as the data pages show it: its link, its lines below the header, and the Excel warning when it has more than a worksheet holds. */
export function buildYearCellsLink(downloads: SiteDownloads, year: number): { readonly link: DownloadLink; readonly rows: number; readonly excelWarning: string | null } {
  const cells = downloads.years.get(year);
  if (!cells) throw new Error(`no cells file of ${year}`);
  const link = buildDownloadLink(cells.file, `${year}/cells.csv`, `${year} 年 ${cells.reports} 份报告的全部单元格`, formatYearCellsDownloadName(year));
  return { link, rows: cells.rows, excelWarning: describeExcelOverflow(cells.rows) };
}

/** Builds page `page` (from 1) of a year's data pages; throws for a year or page that does not exist. */
export function buildDataYearView(content: LoadedContent, downloads: SiteDownloads, site: string, year: number, page: number): DataYearView {
  const groups = groupReportsByYear(content.reports);
  const all = groups.get(year);
  if (!all) throw new Error(`no reports of ${year} for a data page`);
  const cut = slicePage(all, page, DATA_YEAR_PAGE_REPORTS);
  if (!cut) throw new Error(`no data page ${page} of ${year} (it has ${countPages(all.length, DATA_YEAR_PAGE_REPORTS)})`);
  const { items: slice, from, pages } = cut;
  const cells = buildYearCellsLink(downloads, year);
  const range = pages > 1 ? `共 ${all.length} 份报告，本页为第 ${from + 1}—${from + slice.length} 份` : `共 ${all.length} 份报告`;
  return {
    title: pages > 1 ? `${year} 年度报告的数据下载（第 ${page} 页，共 ${pages} 页）` : `${year} 年度报告的数据下载`,
    description: `黑龙江省各级政府${year}年政府信息公开工作年度报告的数据文件：${range}，每份报告的三张表、全部单元格和引用格式。`,
    year,
    page,
    range,
    yearCells: cells.link,
    yearCellsRows: cells.rows,
    yearCellsExcelWarning: cells.excelWarning,
    reportFileHeads: [...TABLE_IDS.map((t) => `表${FORMS[0]?.tables[t].section ?? ''}（${t}.csv）`), '全部单元格（cells.csv）'],
    reports: slice.map((r) => buildReportFilesRow(r, downloads, site)),
    pager: buildPager(pages, page, (n) => dataYearPath(year, n)),
    otherYears: [...groups.keys()].filter((y) => y !== year).map((y) => ({ href: dataYearPath(y), text: `${y} 年` })),
    accessDatePlaceholder: ACCESS_DATE_PLACEHOLDER,
  };
}
