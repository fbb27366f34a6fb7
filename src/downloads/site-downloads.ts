/**
 * Every download of the site, generated once per build from the checked content and shared by the
 * endpoints that serve the files and the pages that list their sizes (memoized per content and
 * site address). Each report's tidy lines are written once and reused in the site-wide file.
 */
import { createHash } from 'node:crypto';
import { TABLE_IDS } from '../form/forms.ts';
import type { TableId } from '../form/types.ts';
import type { LoadedContent } from '../loaders/load-content.ts';
import { joinCsvText } from './csv-text.ts';
import { buildDataPackage, type FileStats } from './datapackage.ts';
import { DATA_PATH, DATAPACKAGE_PATH, reportCellsCsvPath, reportTableCsvPath, siteCsvPath } from './download-paths.ts';
import { writeReportsCsv } from './reports-csv.ts';
import { writeTableDownloadCsv } from './table-download-csv.ts';
import { TIDY_HEADER, writeTidyBody } from './tidy-csv.ts';
import { writeWideCsv } from './wide-csv.ts';

/** One generated file: its URL path, its text and what describes its bytes. */
export interface DownloadFile extends FileStats {
  readonly path: string;
  readonly text: string;
  readonly mediaType: 'text/csv' | 'application/json';
}

/** The files of one report. */
export interface ReportFiles {
  readonly tables: Readonly<Record<TableId, DownloadFile>>;
  readonly cells: DownloadFile;
}

/** Every download, by URL path, and grouped for the pages that list them. */
export interface SiteDownloads {
  readonly byPath: ReadonlyMap<string, DownloadFile>;
  readonly reports: ReadonlyMap<string, ReportFiles>;
  /** The site-wide CSVs, in the order of SITE_RESOURCES (cells, reports, active, requests, appeals). */
  readonly site: readonly DownloadFile[];
  readonly datapackage: DownloadFile;
}

const ENCODER = new TextEncoder();

/** Wraps a generated text as a file with its size and hash. */
export function makeDownloadFile(path: string, text: string): DownloadFile {
  const bytes = ENCODER.encode(text);
  return {
    path,
    text,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    mediaType: path.endsWith('.json') ? 'application/json' : 'text/csv',
  };
}

/** Generates every download from the content; `site` is the site's address ('' for relative links). */
export function buildSiteDownloads(content: LoadedContent, site: string): SiteDownloads {
  const { reports, jurisdictions } = content;
  const reportFiles = new Map<string, ReportFiles>();
  const tidyBodies: string[] = [];
  for (const report of reports) {
    const id = report.meta.id;
    const body = writeTidyBody(report, jurisdictions);
    tidyBodies.push(body);
    const tables = Object.fromEntries(TABLE_IDS.map((t) => [t, makeDownloadFile(reportTableCsvPath(id, t), writeTableDownloadCsv(report, t))])) as Record<TableId, DownloadFile>;
    reportFiles.set(id, { tables, cells: makeDownloadFile(reportCellsCsvPath(id), joinCsvText(TIDY_HEADER, [body])) });
  }
  const siteFiles = [
    makeDownloadFile(siteCsvPath('cells'), joinCsvText(TIDY_HEADER, tidyBodies)),
    makeDownloadFile(siteCsvPath('reports'), writeReportsCsv(reports, jurisdictions, site)),
    ...TABLE_IDS.map((t) => makeDownloadFile(siteCsvPath(t), writeWideCsv(reports, t, jurisdictions))),
  ];
  const stats = new Map(siteFiles.map((f) => [f.path, f]));
  const descriptor = buildDataPackage(reports.map((r) => r.meta), stats, site, DATA_PATH);
  const datapackage = makeDownloadFile(DATAPACKAGE_PATH, `${JSON.stringify(descriptor, null, 2)}\n`);
  const byPath = new Map<string, DownloadFile>();
  for (const files of reportFiles.values()) for (const f of [...Object.values(files.tables), files.cells]) byPath.set(f.path, f);
  for (const f of [...siteFiles, datapackage]) byPath.set(f.path, f);
  return { byPath, reports: reportFiles, site: siteFiles, datapackage };
}

const memo = new WeakMap<LoadedContent, Map<string, SiteDownloads>>();

/** Returns the downloads of the content, generating them on the first call only. */
export function getSiteDownloads(content: LoadedContent, site: string): SiteDownloads {
  const bySite = memo.get(content) ?? new Map<string, SiteDownloads>();
  memo.set(content, bySite);
  const found = bySite.get(site);
  if (found) return found;
  const built = buildSiteDownloads(content, site);
  bySite.set(site, built);
  return built;
}

/** Looks up one generated file by its URL path; throws when there is none (a route without a file is a bug). */
export function findDownloadFile(downloads: SiteDownloads, path: string): DownloadFile {
  const file = downloads.byPath.get(path);
  if (!file) throw new Error(`no download is generated at ${path}`);
  return file;
}
