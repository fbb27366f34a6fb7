/**
 * Every download of the site, described once per build from the checked content and shared by the
 * endpoints that serve the files and the pages that list their sizes (memoized per content and
 * site address). Assumes a corpus too large to hold as text (20,000 reports make a 730 MB
 * cells.csv): a file keeps only its size and hash, and its text is generated again, in pieces,
 * when its endpoint serves it; the site-wide cells.csv is served as a stream of the reports' lines.
 */
import { createHash } from 'node:crypto';
import { TABLE_IDS } from '../form/forms.ts';
import type { TableId } from '../form/types.ts';
import type { LoadedContent } from '../loaders/load-content.ts';
import { getPageKeys, type PageKeys } from '../views/page-keys.ts';
import { joinCsvText } from './csv-text.ts';
import { buildDataPackage, type FileStats } from './datapackage.ts';
import { DATA_PATH, DATAPACKAGE_PATH, reportCellsCsvPath, reportTableCsvPath, siteCsvPath } from './download-paths.ts';
import { writeReportsCsv } from './reports-csv.ts';
import { writeTableDownloadCsv } from './table-download-csv.ts';
import { TIDY_HEADER, writeTidyBody } from './tidy-csv.ts';
import { writeWideCsv } from './wide-csv.ts';

/** One generated file: its URL path, what describes its bytes, and its text, generated on demand. */
export interface DownloadFile extends FileStats {
  readonly path: string;
  /** The whole text, generated again on every read: read it once, and not for a site-wide file of a large corpus. */
  readonly text: string;
  /** Generates the text in pieces that join to `text`, for serving a file too large for one string. */
  readonly pieces: () => Iterable<string>;
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

/** The media type of a download, from its extension. */
function mediaTypeOf(path: string): DownloadFile['mediaType'] {
  return path.endsWith('.json') ? 'application/json' : 'text/csv';
}

/** Wraps a generated text as a file with its size and hash (the text is kept: for small files). */
export function makeDownloadFile(path: string, text: string): DownloadFile {
  const bytes = ENCODER.encode(text);
  return { path, text, pieces: () => [text], bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), mediaType: mediaTypeOf(path) };
}

/** Measures a text given in pieces: its UTF-8 size and SHA-256, updated piece by piece. */
function measurePieces(pieces: Iterable<string>): FileStats {
  const hash = createHash('sha256');
  let bytes = 0;
  for (const piece of pieces) {
    const encoded = ENCODER.encode(piece);
    bytes += encoded.length;
    hash.update(encoded);
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Describes a file generated in pieces: its size and hash (measured now unless given), and the generator, not the text. */
export function makeLazyDownloadFile(path: string, pieces: () => Iterable<string>, stats: FileStats = measurePieces(pieces())): DownloadFile {
  return {
    path,
    get text() {
      return [...pieces()].join('');
    },
    pieces,
    ...stats,
    mediaType: mediaTypeOf(path),
  };
}

/**
 * The version of the download layouts; part of every memo key, so that a change to how a CSV is
 * written (not visible in the content's keys) measures every file again. Bump it with such a change.
 */
export const DOWNLOAD_FORMAT_VERSION = 1;

/**
 * Sizes and hashes measured by earlier builds, by a key that covers everything the file's bytes
 * depend on (see `buildSiteDownloads`), so an unchanged report's files are not generated to be
 * measured again. Kept on disk across builds by src/loaders/download-stats.ts.
 */
export interface DownloadStatsMemo {
  get(key: string): FileStats | undefined;
  set(key: string, stats: FileStats): void;
}

/**
 * Generates every download from the content; `site` is the site's address ('' for relative links).
 * With `memo` and `keys` (the page cache keys of the content), a report's files are measured only
 * when the memo lacks them under its key, and the site-wide files only when the site's key is new.
 */
export function buildSiteDownloads(content: LoadedContent, site: string, memo?: DownloadStatsMemo, keys?: Pick<PageKeys, 'report' | 'site'>): SiteDownloads {
  const { reports, jurisdictions } = content;
  /** Returns a file's stats from the memo under its path and key, or measures and records them. */
  const remember = (path: string, key: string | undefined, measure: () => FileStats): FileStats => {
    if (!memo || key === undefined) return measure();
    const id = `${DOWNLOAD_FORMAT_VERSION}\u0000${path}\u0000${key}`;
    const known = memo.get(id);
    if (known) return known;
    const stats = measure();
    memo.set(id, stats);
    return stats;
  };
  const siteKey = keys ? `${keys.site()}\u0000${site}` : undefined;
  const reportFiles = new Map<string, ReportFiles>();
  const tidyHead = joinCsvText(TIDY_HEADER, []);
  const tidyBody = (report: (typeof reports)[number]): string => writeTidyBody(report, jurisdictions);
  for (const report of reports) {
    const id = report.meta.id;
    const key = keys?.report(id);
    const tables = Object.fromEntries(
      TABLE_IDS.map((t) => {
        const pieces = (): string[] => [writeTableDownloadCsv(report, t)];
        const path = reportTableCsvPath(id, t);
        return [t, makeLazyDownloadFile(path, pieces, remember(path, key, () => measurePieces(pieces())))];
      }),
    ) as Record<TableId, DownloadFile>;
    const cells = (): string[] => [tidyHead, tidyBody(report)];
    const path = reportCellsCsvPath(id);
    reportFiles.set(id, { tables, cells: makeLazyDownloadFile(path, cells, remember(path, key, () => measurePieces(cells()))) });
  }
  const siteCells = function* (): Generator<string> {
    yield tidyHead;
    for (const report of reports) yield tidyBody(report);
  };
  const lazySite = (path: string, pieces: () => Iterable<string>): DownloadFile => makeLazyDownloadFile(path, pieces, remember(path, siteKey, () => measurePieces(pieces())));
  const siteFiles = [
    lazySite(siteCsvPath('cells'), siteCells),
    lazySite(siteCsvPath('reports'), () => [writeReportsCsv(reports, jurisdictions, site)]),
    ...TABLE_IDS.map((t) => lazySite(siteCsvPath(t), () => [writeWideCsv(reports, t, jurisdictions)])),
  ];
  const stats = new Map(siteFiles.map((f) => [f.path, f]));
  const descriptor = buildDataPackage(reports.map((r) => r.meta), stats, site, DATA_PATH);
  const datapackage = makeDownloadFile(DATAPACKAGE_PATH, `${JSON.stringify(descriptor, null, 2)}\n`);
  const byPath = new Map<string, DownloadFile>();
  for (const files of reportFiles.values()) for (const f of [...Object.values(files.tables), files.cells]) byPath.set(f.path, f);
  for (const f of [...siteFiles, datapackage]) byPath.set(f.path, f);
  return { byPath, reports: reportFiles, site: siteFiles, datapackage };
}

const built = new WeakMap<LoadedContent, Map<string, SiteDownloads>>();

/** Returns the downloads of the content, generating them on the first call only (with a stats memo, see buildSiteDownloads). */
export function getSiteDownloads(content: LoadedContent, site: string, memo?: DownloadStatsMemo): SiteDownloads {
  const bySite = built.get(content) ?? new Map<string, SiteDownloads>();
  built.set(content, bySite);
  const found = bySite.get(site);
  if (found) return found;
  const downloads = buildSiteDownloads(content, site, memo, memo ? getPageKeys(content) : undefined);
  bySite.set(site, downloads);
  return downloads;
}

/** Looks up one generated file by its URL path; throws when there is none (a route without a file is a bug). */
export function findDownloadFile(downloads: SiteDownloads, path: string): DownloadFile {
  const file = downloads.byPath.get(path);
  if (!file) throw new Error(`no download is generated at ${path}`);
  return file;
}
