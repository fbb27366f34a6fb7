/** The view model of a report's 下载数据 section: its files with their sizes, and its citations. */
import { TABLE_IDS } from '../form/forms.ts';
import type { LoadedContent } from '../loaders/load-content.ts';
import type { CheckedReport } from '../reports/types.ts';
import { findReportById } from '../reports/report-groups.ts';
import { ACCESS_DATE_PLACEHOLDER, formatOriginalCitation, formatReportCitation, type Citation } from '../downloads/citation.ts';
import type { DownloadFile, SiteDownloads } from '../downloads/site-downloads.ts';
import { DATA_PATH, formatAbsoluteUrl, formatDownloadName, reportPath } from '../site/paths.ts';

/** One file link. */
export interface DownloadLink {
  readonly href: string;
  /** The file name the browser saves it under. */
  readonly download: string;
  readonly text: string;
  readonly note: string;
  /** 1.2 KB */
  readonly size: string;
  readonly bytes: number;
}

/** Everything the 下载数据 section shows. */
export interface ReportDownloadsView {
  readonly links: readonly DownloadLink[];
  readonly citation: Citation;
  /** The citation of the publisher's own online copy, when its address is recorded. */
  readonly original: Citation | null;
  readonly accessDatePlaceholder: string;
  readonly dataHref: string;
  readonly licenseNote: string;
}

/** Formats a byte count for people, in binary units as Windows shows them: 980 B, 12.3 KB, 4.5 MB. */
export function formatByteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  // Switch unit where one decimal would round up to 1024.0.
  if (bytes / 1024 < 1023.95) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Makes a link to a generated file. */
export function buildDownloadLink(file: DownloadFile, text: string, note: string, download: string): DownloadLink {
  return { href: file.path, download, text, note, size: formatByteSize(file.bytes), bytes: file.bytes };
}

/** Builds the 下载数据 section of one report page. */
export function buildReportDownloadsView(report: CheckedReport, downloads: SiteDownloads, site: string): ReportDownloadsView {
  const { meta } = report;
  const files = downloads.reports.get(meta.id);
  const { form } = report;
  if (!files) throw new Error(`no downloads for report ${meta.id}`);
  const tableLinks = TABLE_IDS.map((t) => {
    const spec = form.tables[t];
    return buildDownloadLink(files.tables[t], `表${spec.section} ${spec.title}`, 'CSV，栏目为表格印出的中文标签，可用 Excel 打开', formatDownloadName(meta.id, t));
  });
  return {
    links: [
      ...tableLinks,
      buildDownloadLink(files.cells, '全部单元格（长表）', 'CSV，一行一格，含代码、数值、单位、原文和标注，供程序使用', formatDownloadName(meta.id, 'cells')),
    ],
    citation: formatReportCitation(meta, formatAbsoluteUrl(reportPath(meta.id), site)),
    original: formatOriginalCitation(meta),
    accessDatePlaceholder: ACCESS_DATE_PLACEHOLDER,
    dataHref: DATA_PATH,
    licenseNote: '数字照报告原样发布；本站的整理以 CC BY 4.0 许可提供，使用时请注明原发布机关和本站。',
  };
}

/** Finds a report of the content by id and builds its 下载数据 section; throws for an unknown id. */
export function findReportDownloadsView(content: LoadedContent, downloads: SiteDownloads, id: string, site: string): ReportDownloadsView {
  const report = findReportById(content.reports, id);
  if (!report) throw new Error(`no report ${id}`);
  return buildReportDownloadsView(report, downloads, site);
}
