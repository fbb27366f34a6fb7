/**
 * The files of a report folder as ingest writes them, and their check before anything is written:
 * the same loader the build uses reads them from memory. Assumes a maintainer may have corrected
 * the front matter of an existing report (scope, publisher, title, source url): re-ingesting keeps it.
 */
import { isRuleId } from '../form/rules.ts';
import type { Diagnostic } from '../reports/diagnostic.ts';
import { loadContent, type ContentFs } from '../loaders/load-content.ts';
import { CONTENT_FILES } from '../reports/layout.ts';
import type { ReportMeta } from '../reports/types.ts';
import { writeReportFiles } from './write-report.ts';
import type { ExtractedInput } from './extract-input.ts';
import { toParsedReport, type IngestedReport } from './parse-report.ts';

/** The source file every ingested report keeps its text in. */
export const SOURCE_TEXT_FILE = 'source.txt';

/** The front-matter fields kept from an existing report when it is ingested again. */
export type KeptMeta = Pick<ReportMeta, 'scope' | 'publisher' | 'title'> & { readonly url: string | null; readonly retrieved?: string };

/** Where the ingested file came from: its SHA-256, and the address it was downloaded from (or declared with --source-url). */
export interface FileOrigin {
  readonly sha256: string;
  readonly url?: string;
  /** ISO date-time (UTC) of the download; only for a downloaded file. */
  readonly retrieved?: string;
}

/**
 * The diagnostics that stop a report from being written: cells it could not read. Rule failures do
 * not (the report is kept as printed, flagged), nor a doubtful cell (kept as printed with no value,
 * both readings named, for review).
 */
export function listBlockingProblems(report: IngestedReport): Diagnostic[] {
  return report.diagnostics.filter((d) => d.severity === 'error' && !isRuleId(d.rule) && d.rule !== 'doubtful-cell');
}

/** Builds every file of the report folder, by name. */
export function buildReportFiles(report: IngestedReport, input: ExtractedInput, kept: KeptMeta | null, origin: FileOrigin | null = null): Record<string, string | Uint8Array> {
  const parsed = toParsedReport(
    kept ? { ...report, scope: kept.scope, title: kept.title } : report,
    kept?.publisher ?? report.publisher,
    SOURCE_TEXT_FILE,
  );
  // A new download or --source-url replaces the recorded address; otherwise the one on file is kept.
  const url = origin?.url ?? kept?.url ?? null;
  const retrieved = origin?.url ? origin.retrieved : kept?.retrieved;
  const source: ReportMeta['source'] = { file: SOURCE_TEXT_FILE, url, note: input.note, ...(retrieved ? { retrieved } : {}), ...(origin ? { sha256: origin.sha256 } : {}) };
  const files: Record<string, string | Uint8Array> = { ...writeReportFiles({ ...parsed, meta: { ...parsed.meta, source }, sourceLines: report.sources }, input.sourceText) };
  if (input.original) files[input.original.name] = input.original.bytes;
  return files;
}

/** Checks a report folder held in memory with the content loader; returns its errors (none when it loads). */
export function checkReportFiles(id: string, files: Readonly<Record<string, string | Uint8Array>>, jurisdictionsCsv: string): Diagnostic[] {
  const root = '/memory';
  const base = `${root}/${CONTENT_FILES.reports}/${id}`;
  const fs: ContentFs = {
    readText(path) {
      if (path === `${root}/${CONTENT_FILES.jurisdictions}`) return jurisdictionsCsv;
      if (!path.startsWith(`${base}/`)) return undefined;
      const data = files[path.slice(base.length + 1)];
      return data === undefined ? undefined : typeof data === 'string' ? data : '(binary)';
    },
    listDirs(path) {
      return path === `${root}/${CONTENT_FILES.reports}` ? [id] : [];
    },
    exists(path) {
      return this.readText(path) !== undefined;
    },
  };
  const loaded = loadContent(fs, root);
  return [...loaded.errors];
}
