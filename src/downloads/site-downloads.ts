/**
 * Every download of the site, described once per build from the checked content and shared by the
 * endpoints that serve the files and the pages that list their sizes (memoized per content and
 * site address). Assumes a corpus too large to hold as text (20,000 reports make a 730 MB
 * cells.csv): a file keeps only its size and hash, and its text is generated again, in pieces,
 * when it is served or written; the site-wide CSVs are written by the build from the stash they were
 * measured into (src/machinery/download-stash.ts), the dev server's endpoint streams their pieces.
 * Each year's reports also get a tidy file of their own (`/data/<year>/cells.csv`): the site-wide
 * file's lines of that year, in the same order, under the same header, small enough for Excel's
 * 1,048,576 rows where the site-wide file is not; it is measured in the same pass over the reports
 * as the site-wide file, and streamed the same way.
 */
import { createHash } from 'node:crypto';
import { listFormCells } from '../form/cells.ts';
import { TABLE_IDS } from '../form/forms.ts';
import type { TableId } from '../form/types.ts';
import type { LoadedContent } from '../loaders/load-content.ts';
import type { CheckedReport } from '../reports/types.ts';
import { joinCsvText } from './csv-text.ts';
import { buildDataPackage, type FileStats } from './datapackage.ts';
import { writeReportsCsv } from './reports-csv.ts';
import { writeTableDownloadCsv } from './table-download-csv.ts';
import { TIDY_HEADER, writeTidyBody } from './tidy-csv.ts';
import { measureTidyFiles, startMeasuring, type Measuring, type TidyMeasureJob } from './tidy-measure.ts';
import { writeWideCsvBody, writeWideCsvHead, writeWideCsvPieces } from './wide-csv.ts';
import { DATA_PATH, DATAPACKAGE_PATH, reportCellsCsvPath, reportTableCsvPath, siteCsvPath, yearCellsCsvPath } from '../site/paths.ts';

/** One generated file: its URL path, what describes its bytes, and its text, generated on demand. */
export interface DownloadFile extends FileStats {
  readonly path: string;
  /** The whole text, generated again on every read: read it once, and not for a site-wide file of a large corpus. */
  readonly text: string;
  /** Generates the text in pieces that join to `text`, for serving a file too large for one string. */
  readonly pieces: () => Iterable<string>;
  /**
   * The file's bytes when a cache of this build keeps them (a report's cells.csv: its header and its
   * tidy lines from the lines cache, at the size measured), so a writer need not generate the text;
   * undefined otherwise.
   */
  readonly kept?: () => Uint8Array | undefined;
  readonly mediaType: 'text/csv' | 'application/json';
}

/** The files of one report. */
export interface ReportFiles {
  readonly tables: Readonly<Record<TableId, DownloadFile>>;
  readonly cells: DownloadFile;
}

/** The tidy cells of one year's reports, with what the pages say about it. */
export interface YearCellsFile {
  readonly year: number;
  readonly file: DownloadFile;
  readonly reports: number;
  /** Its lines below the header: one per cell of each report's form. */
  readonly rows: number;
}

/** Every download, by URL path, and grouped for the pages that list them. */
export interface SiteDownloads {
  readonly byPath: ReadonlyMap<string, DownloadFile>;
  readonly reports: ReadonlyMap<string, ReportFiles>;
  /** The site-wide CSVs, in the order of SITE_RESOURCES (cells, reports, active, requests, appeals). */
  readonly site: readonly DownloadFile[];
  /** The tidy cells file of each year on file, oldest year first. */
  readonly years: ReadonlyMap<number, YearCellsFile>;
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
  return measureBytes(encodeEach(pieces));
}

/** Each piece as UTF-8 bytes, one at a time. */
function* encodeEach(pieces: Iterable<string>): Generator<Uint8Array> {
  for (const piece of pieces) yield ENCODER.encode(piece);
}

/** Measures a text given as its pieces' bytes: its size and SHA-256. */
function measureBytes(pieces: Iterable<Uint8Array>): FileStats {
  const hash = createHash('sha256');
  let bytes = 0;
  for (const piece of pieces) {
    bytes += piece.length;
    hash.update(piece);
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Measures a file given as its pieces' bytes, in one pass, keeping it in `stash` when given. */
function measureStashed(path: string, pieces: Iterable<Uint8Array>, stash: DownloadStash | undefined): FileStats {
  const m = startMeasuring(path, stash);
  try {
    for (const piece of pieces) m.add(piece);
  } catch (err) {
    m.drop();
    throw err;
  }
  return m.finish();
}

/** Packs pieces of bytes into one: each piece's length (4 bytes, little-endian), then the pieces. */
export function packPieces(pieces: readonly Uint8Array[]): Uint8Array {
  const head = Buffer.alloc(4 * pieces.length);
  pieces.forEach((p, i) => head.writeUInt32LE(p.length, 4 * i));
  return Buffer.concat([head, ...pieces]);
}

/** Unpacks `count` pieces packed by packPieces; undefined when the bytes are absent or not such a packing. */
export function unpackPieces(packed: Uint8Array | undefined, count: number): Uint8Array[] | undefined {
  if (!packed || packed.length < 4 * count) return undefined;
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const pieces: Uint8Array[] = [];
  let at = 4 * count;
  for (let i = 0; i < count; i++) {
    const length = view.getUint32(4 * i, true);
    if (at + length > packed.length) return undefined;
    pieces.push(packed.subarray(at, at + length));
    at += length;
  }
  return at === packed.length ? pieces : undefined;
}

/** Describes a file generated in pieces: its size and hash (measured now unless given), and the generator, not the text. */
export function makeLazyDownloadFile(path: string, pieces: () => Iterable<string>, stats: FileStats = measurePieces(pieces()), kept?: DownloadFile['kept']): DownloadFile {
  return {
    path,
    get text() {
      return [...pieces()].join('');
    },
    pieces,
    ...(kept ? { kept } : {}),
    ...stats,
    mediaType: mediaTypeOf(path),
  };
}

/**
 * Describes a file generated in pieces whose size and hash are known only later (`stats`, asked for
 * when a page first reads them): the site-wide and yearly cells.csv while a worker thread measures
 * them, and datapackage.json, which lists their stats.
 */
function makeDeferredDownloadFile(path: string, pieces: () => Iterable<string>, stats: () => FileStats): DownloadFile {
  return {
    path,
    get text() {
      return [...pieces()].join('');
    },
    pieces,
    get bytes() {
      return stats().bytes;
    },
    get sha256() {
      return stats().sha256;
    },
    mediaType: mediaTypeOf(path),
  };
}

/** The value of `make`, made on the first call only. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** The cells each form declares, by form id: every report of a form has that many tidy lines. */
const cellCounts = new Map<string, number>();

/** Counts the tidy lines of a report: one per cell its form declares (listed once per form). */
function countTidyRows(report: CheckedReport): number {
  const known = cellCounts.get(report.meta.form);
  if (known !== undefined) return known;
  const count = listFormCells(report.form).length;
  cellCounts.set(report.meta.form, count);
  return count;
}

/**
 * The version of the download layouts; part of every memo key, so that a change to how a CSV is
 * written (not visible in the content's keys) measures every file again. Bump it with such a change.
 */
export const DOWNLOAD_FORMAT_VERSION = 2;

/**
 * Sizes and hashes measured by earlier builds, by a key that covers everything the file's bytes
 * depend on (see `buildSiteDownloads`), so an unchanged report's files are not generated to be
 * measured again. Kept on disk across builds by src/machinery/download-stats.ts.
 */
export interface DownloadStatsMemo {
  get(key: string): FileStats | undefined;
  set(key: string, stats: FileStats): void;
  /** Where the files measured in pieces (the tidy files) are kept as they are measured, for the build to write out; none in the dev server. */
  readonly stash?: DownloadStash;
  /** Each report's tidy lines as bytes, kept across builds so that measuring the tidy files reads an unchanged report's lines instead of generating them. */
  readonly tidyLines?: TidyLinesCache;
  /**
   * Starts measuring tidy files from `tidyLines` alone, elsewhere (a worker thread of the build,
   * src/machinery/tidy-measure-thread.ts), stashed into `stash`; returns a wait for their stats, in
   * the job's order, undefined when a report's lines were not in the cache at their size.
   */
  readonly measureKeptTidy?: (job: TidyMeasureJob) => () => FileStats[] | undefined;
}

/**
 * Each report's tidy lines (UTF-8, without the header), by the report's memo key (src/machinery/tidy-lines-cache.ts).
 * `read` gives undefined for a key it lacks; `prune` drops every entry the process neither read nor wrote.
 */
export interface TidyLinesCache {
  read(key: string): Uint8Array | undefined;
  write(key: string, bytes: Uint8Array): void;
  /** Counts the entry as used though this process did not read it here (a worker thread reads it), so `prune` keeps it. */
  use(key: string): void;
  prune(): void;
}

/**
 * Keeps the bytes of files measured in pieces, so the streamed-downloads integration can move them
 * into the output instead of generating them a second time (src/machinery/download-stash.ts).
 */
export interface DownloadStash {
  /** Starts keeping one file's bytes, given in order to `write`; `keep` once all are written (with their measured stats), `drop` to discard. */
  open(path: string): { write(bytes: Uint8Array): void; keep(stats: FileStats): void; drop(): void };
}

/** The cache keys a download's stats are remembered under (src/routes/keys.ts makes them): a report's files by its report, the site-wide files by every report, a year's cells file by that year's reports. */
export interface DownloadKeys {
  report(id: string): string;
  site(): string;
  yearReports(year: number): string;
}

/**
 * Generates every download from the content; `site` is the site's address ('' for relative links).
 * With `memo` and `keys` (the page cache keys of the content), a report's files are measured only
 * when the memo lacks them under its key, the site-wide files only when the site's key is new, and a
 * year's cells file only when its year's key (`yearReports`) is new.
 */
export function buildSiteDownloads(content: LoadedContent, site: string, memo?: DownloadStatsMemo, keys?: DownloadKeys): SiteDownloads {
  const { reports, jurisdictions } = content;
  const memoId = (path: string, key: string): string => `${DOWNLOAD_FORMAT_VERSION}\u0000${path}\u0000${key}`;
  /** Returns a file's stats from the memo under its path and key, if there. */
  const recall = (path: string, key: string | undefined): FileStats | undefined => (memo && key !== undefined ? memo.get(memoId(path, key)) : undefined);
  /** Records a file's measured stats in the memo under its path and key. */
  const record = (path: string, key: string | undefined, stats: FileStats): void => {
    if (memo && key !== undefined) memo.set(memoId(path, key), stats);
  };
  /** Returns a file's stats from the memo under its path and key, or measures and records them. */
  const remember = (path: string, key: string | undefined, measure: () => FileStats): FileStats => {
    const known = recall(path, key);
    if (known) return known;
    const stats = measure();
    record(path, key, stats);
    return stats;
  };
  const siteKey = keys ? `${keys.site()}\u0000${site}` : undefined;
  const reportFiles = new Map<string, ReportFiles>();
  const tidyHead = joinCsvText(TIDY_HEADER, []);
  const tidyBody = (report: (typeof reports)[number]): string => writeTidyBody(report, jurisdictions);
  const tidyHeadBytes = ENCODER.encode(tidyHead);
  const lines = memo?.tidyLines;
  /** The key of a report's tidy lines in the lines cache: its own cells.csv's memo id. */
  const linesKey = (id: string, reportKey: string): string => memoId(reportCellsCsvPath(id), reportKey);
  /**
   * A report's tidy lines from the lines cache when it has them at the size its own cells.csv was
   * measured at (`cellsBytes`: its header and these lines); else undefined.
   */
  const keptLines = (id: string, reportKey: string, cellsBytes: number | undefined): Uint8Array | undefined => {
    const cached = lines?.read(linesKey(id, reportKey));
    return cached && cached.length === (cellsBytes ?? 0) - tidyHeadBytes.length ? cached : undefined;
  };
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
    // Measured from its lines generated once, which the lines cache then keeps for the site-wide
    // and yearly files' pass below and for the file's writer (a report's lines were generated three
    // times in a cold build).
    const measureCells = (): FileStats => {
      const body = ENCODER.encode(tidyBody(report));
      if (lines && key !== undefined) lines.write(linesKey(id, key), body);
      return { bytes: tidyHeadBytes.length + body.length, sha256: createHash('sha256').update(tidyHeadBytes).update(body).digest('hex') };
    };
    const stats = remember(path, key, measureCells);
    const kept =
      lines && key !== undefined
        ? (): Uint8Array | undefined => {
            const cached = keptLines(id, key, stats.bytes);
            return cached && Buffer.concat([tidyHeadBytes, cached]);
          }
        : undefined;
    reportFiles.set(id, { tables, cells: makeLazyDownloadFile(path, cells, stats, kept) });
  }
  /** The tidy file of the reports `holds` accepts: the header, then their lines in the reports' order. */
  const tidyPieces = (holds: (report: CheckedReport) => boolean) =>
    function* (): Generator<string> {
      yield tidyHead;
      for (const report of reports) if (holds(report)) yield tidyBody(report);
    };
  // The site-wide cells.csv and each year's: measured together, each report's lines generated once.
  const yearList = [...new Set(reports.map((r) => r.meta.year))].sort((a, b) => a - b);
  const tidyFiles = [
    { path: siteCsvPath('cells'), key: siteKey, holds: (): boolean => true },
    ...yearList.map((year) => ({ path: yearCellsCsvPath(year), key: keys?.yearReports(year), holds: (r: CheckedReport): boolean => r.meta.year === year })),
  ];
  const tidyKnown = tidyFiles.map((f) => recall(f.path, f.key));
  /**
   * A report's tidy lines as bytes: from the lines cache under the key of its own cells.csv when the
   * cache has them at the size that file was measured at (its header and these lines), else generated
   * (and cached).
   */
  const tidyBytes = (report: CheckedReport): Uint8Array => {
    const id = report.meta.id;
    const reportKey = keys?.report(id);
    if (!lines || reportKey === undefined) return ENCODER.encode(tidyBody(report));
    const cached = keptLines(id, reportKey, reportFiles.get(id)?.cells.bytes);
    if (cached) return cached;
    const encoded = ENCODER.encode(tidyBody(report));
    lines.write(linesKey(id, reportKey), encoded);
    return encoded;
  };
  /** The key of a report's wide lines (of the three wide tables) in the lines cache. */
  const wideKey = (id: string, reportKey: string): string => memoId(`wide\u0000${id}`, reportKey);
  /**
   * A report's lines of each wide table as bytes (by TABLE_IDS's index; those of `tables` at least):
   * from the lines cache under the report's key when it holds them whole, else all three generated
   * (and cached).
   */
  const wideBytes = (report: CheckedReport, tables: readonly number[]): Uint8Array[] => {
    const id = report.meta.id;
    const reportKey = keys?.report(id);
    const cached = lines && reportKey !== undefined ? unpackPieces(lines.read(wideKey(id, reportKey)), TABLE_IDS.length) : undefined;
    if (cached) return cached;
    const generated = TABLE_IDS.map((t, i) => ((lines && reportKey !== undefined) || tables.includes(i) ? ENCODER.encode(writeWideCsvBody(report, t, jurisdictions)) : new Uint8Array(0)));
    if (lines && reportKey !== undefined) lines.write(wideKey(id, reportKey), packPieces(generated));
    return generated;
  };
  /** Measures the tidy files here, each report's lines read from the lines cache or generated (and cached). */
  const measureHere = (): FileStats[] => measureTidyFiles(tidyHead, reports, tidyBytes, tidyFiles.map((f, i) => ({ path: f.path, holds: f.holds, known: tidyKnown[i] })), memo?.stash);
  /**
   * With a lines cache and a memo that measures elsewhere (a build), starts measuring the tidy files
   * not known on a worker thread, from each report's lines in the cache (those of a report measured
   * above were cached then), while this thread goes on; returns the wait for their stats (the
   * known ones among them), which measures here when the worker found a report's lines missing.
   * Otherwise, or when every tidy file is known, undefined: they are measured (or recalled) here, now.
   */
  const measureTidy = (): (() => FileStats[]) | undefined => {
    const todo = tidyFiles.flatMap((f, i) => (tidyKnown[i] ? [] : [i]));
    if (!todo.length || !lines || !keys || !memo?.measureKeptTidy) return undefined;
    const job: TidyMeasureJob = {
      head: tidyHead,
      reports: reports.map((r) => {
        const key = linesKey(r.meta.id, keys.report(r.meta.id));
        lines.use(key);
        return { key, bytes: (reportFiles.get(r.meta.id)?.cells.bytes ?? 0) - tidyHeadBytes.length, year: r.meta.year };
      }),
      files: todo.map((i) => ({ path: tidyFiles[i]!.path, ...(i === 0 ? {} : { year: yearList[i - 1] }) })),
    };
    const wait = memo.measureKeptTidy(job);
    return () => {
      const measured = wait();
      return measured ? tidyFiles.map((_, i) => tidyKnown[i] ?? (measured[todo.indexOf(i)] as FileStats)) : measureHere();
    };
  };
  const onWorker = measureTidy();
  /** The tidy files' stats, recorded in the memo once measured. */
  const tidyStats = once((): FileStats[] => {
    const stats = onWorker ? onWorker() : measureHere();
    tidyFiles.forEach((f, i) => {
      if (!tidyKnown[i]) record(f.path, f.key, stats[i] as FileStats);
    });
    return stats;
  });
  if (!onWorker) tidyStats();
  const [siteCells, ...yearCells] = tidyFiles.map((f, i) => makeDeferredDownloadFile(f.path, tidyPieces(f.holds), () => tidyStats()[i] as FileStats)) as [DownloadFile, ...DownloadFile[]];
  const years = new Map(
    yearList.map((year, i): [number, YearCellsFile] => {
      const held = reports.filter((r) => r.meta.year === year);
      return [year, { year, file: yearCells[i] as DownloadFile, reports: held.length, rows: held.reduce((n, r) => n + countTidyRows(r), 0) }];
    }),
  );
  /**
   * A site-wide file whose stats are remembered under the site's key, else measured from its pieces
   * (and kept in the stash, from which the streamed-downloads integration moves it into the output:
   * a build writes every site-wide CSV after the pages, not through an endpoint, see
   * STREAMED_SITE_PATHS in src/routes/routes.ts).
   */
  const lazySite = (path: string, generate: () => Iterable<string>): DownloadFile => makeLazyDownloadFile(path, generate, remember(path, siteKey, () => measureStashed(path, encodeEach(generate()), memo?.stash)));
  // The wide tables: measured together, in one pass over the reports, when the memo lacks them; a
  // report's lines of the three tables come from the lines cache (one entry per report, under its
  // key) when it has them, else they are generated (and cached). So one edit generates one report's
  // wide lines, not every report's (at 20,000 reports that was the largest allocating work of its
  // pages, in a heap holding the whole content).
  // Each table measured is also kept in the stash as it is measured (the streamed-downloads
  // integration moves it into the output), so no build holds a wide table's bytes whole.
  const wideStats = TABLE_IDS.map((t) => recall(siteCsvPath(t), siteKey));
  const todo = TABLE_IDS.flatMap((t, i) => (wideStats[i] ? [] : [i]));
  if (todo.length) {
    const measuring = todo.map((i) => startMeasuring(siteCsvPath(TABLE_IDS[i] as TableId), memo?.stash));
    try {
      todo.forEach((i, j) => measuring[j]?.add(ENCODER.encode(writeWideCsvHead(TABLE_IDS[i] as TableId))));
      for (const report of reports) {
        const bodies = wideBytes(report, todo);
        todo.forEach((i, j) => measuring[j]?.add(bodies[i] as Uint8Array));
      }
    } catch (err) {
      for (const m of measuring) m.drop();
      throw err;
    }
    todo.forEach((i, j) => {
      const stats = (measuring[j] as Measuring).finish();
      record(siteCsvPath(TABLE_IDS[i] as TableId), siteKey, stats);
      wideStats[i] = stats;
    });
  }
  // The site-wide files were measured: every report's lines were read or written, so what else the cache holds is gone from the content.
  if (!tidyKnown[0]) memo?.tidyLines?.prune();
  const siteFiles = [
    siteCells,
    lazySite(siteCsvPath('reports'), () => [writeReportsCsv(reports, jurisdictions, site)]),
    ...TABLE_IDS.map((t, i) => makeLazyDownloadFile(siteCsvPath(t), () => writeWideCsvPieces(reports, t, jurisdictions), wideStats[i] as FileStats)),
  ];
  // Made when first read: it lists the tidy files' stats, which may still be being measured.
  const describe = once((): DownloadFile => {
    const stats = new Map(siteFiles.map((f) => [f.path, f]));
    const descriptor = buildDataPackage(reports.map((r) => r.meta), stats, site, DATA_PATH, [...years.values()].map((y) => ({ year: y.year, path: y.file.path, stats: y.file })));
    return makeDownloadFile(DATAPACKAGE_PATH, `${JSON.stringify(descriptor, null, 2)}\n`);
  });
  const datapackage = makeDeferredDownloadFile(DATAPACKAGE_PATH, () => describe().pieces(), describe);
  const byPath = new Map<string, DownloadFile>();
  for (const files of reportFiles.values()) for (const f of [...Object.values(files.tables), files.cells]) byPath.set(f.path, f);
  for (const f of [...siteFiles, ...yearCells, datapackage]) byPath.set(f.path, f);
  return { byPath, reports: reportFiles, site: siteFiles, years, datapackage };
}

const built = new WeakMap<LoadedContent, Map<string, SiteDownloads>>();

/** Returns the downloads of the content, generating them on the first call only (with a stats memo and its keys, see buildSiteDownloads). */
export function getSiteDownloads(content: LoadedContent, site: string, memo?: DownloadStatsMemo, keys?: DownloadKeys): SiteDownloads {
  const bySite = built.get(content) ?? new Map<string, SiteDownloads>();
  built.set(content, bySite);
  const found = bySite.get(site);
  if (found) return found;
  const downloads = buildSiteDownloads(content, site, memo, keys);
  bySite.set(site, downloads);
  return downloads;
}

/** Looks up one generated file by its URL path; throws when there is none (a route without a file is a bug). */
export function findDownloadFile(downloads: SiteDownloads, path: string): DownloadFile {
  const file = downloads.byPath.get(path);
  if (!file) throw new Error(`no download is generated at ${path}`);
  return file;
}
