/**
 * The source behind every number: where a report was published (its address, retrieval date and the
 * SHA-256 of the file ingest read, as ingest recorded them, or plainly that the address is not on
 * file), the page of the kept source text with an anchor per line (`/reports/<id>/source/#L123`), and
 * the link from each cell of the report's tables to the line its printed text starts on. A reader
 * checks any figure in two clicks: the cell, then the original. Assumes line numbers count as
 * source-lines.csv counts them (src/reports/source-lines-csv.ts splitSourceText).
 */
import { listAncestors, type JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import { splitSourceText } from '../reports/source-lines-csv.ts';
import type { ParsedReport, SourcePlace } from '../reports/types.ts';
import { jurisdictionPath, reportPath } from '../site/paths.ts';

/** Where a report came from, as its pages say it. */
export interface ReportSourceView {
  /** The published report's address; null when none is recorded. */
  readonly originalHref: string | null;
  /** 发布机关公开的原文 (the link's text), or that the address is not on file. */
  readonly originalText: string;
  /** When ingest downloaded it: 2026-12-05; null when not recorded. */
  readonly retrieved: string | null;
  /** What the content says of the source (front matter source.note); null when nothing. */
  readonly note: string | null;
  /** The SHA-256 of the file ingest read; null when not recorded. */
  readonly sha256: string | null;
  /** What that file was: the published file, or (ingested from the kept text) the kept text itself. */
  readonly sha256Of: string;
  /** The kept source text's page. */
  readonly textHref: string;
}

/** One line of the kept source text. */
export interface SourceLineView {
  readonly number: number;
  /** The line's anchor: L123. */
  readonly id: string;
  readonly text: string;
}

/** The page of a report's kept source text. */
export interface SourceTextView {
  readonly title: string;
  /** 黑龙江省 → … → the report's place → the report. */
  readonly breadcrumbs: readonly { readonly href: string; readonly text: string }[];
  readonly reportHref: string;
  readonly reportTitle: string;
  readonly source: ReportSourceView;
  readonly lines: readonly SourceLineView[];
  /** How many cells of the tables point into this text. */
  readonly cells: number;
}

/** The page of a report's kept source text: `/reports/<id>/source/`. */
export function reportSourcePath(id: string): string {
  return `${reportPath(id)}source/`;
}

/** The anchor of a line on the source text page: L123. */
export function formatLineAnchor(line: number): string {
  return `L${line}`;
}

/** A cell's link from its report page to the line its printed text starts on, relative to the report page: source/#L123. */
export function formatCellSourceHref(place: SourcePlace): string {
  return `source/#${formatLineAnchor(place.line)}`;
}

/**
 * Describes where a report came from: the recorded address (with its retrieval date), or that the
 * address is not on file; the recorded SHA-256, saying it is the kept text's own when ingest read the
 * kept text (the five first reports were ingested again from it), so it is never taken for the
 * published file's.
 */
export function buildReportSourceView(report: Pick<ParsedReport, 'meta' | 'sourceDigest'>): ReportSourceView {
  const { source, id } = report.meta;
  const sha256 = source.sha256 ?? null;
  return {
    originalHref: source.url,
    originalText: source.url ? '发布机关公开的原文' : '原文地址未记录：收录时没有记下发布机关公开这份报告的网址。',
    retrieved: source.retrieved ? source.retrieved.slice(0, 10) : null,
    note: source.note,
    sha256,
    sha256Of: sha256 !== null && sha256 === report.sourceDigest ? '收录时读取的文件（即本站保存的原文文本）' : '收录时读取的原文件',
    textHref: reportSourcePath(id),
  };
}

/** Builds the source text page of a report from its kept text. */
export function buildSourceTextView(report: Pick<ParsedReport, 'meta' | 'sourceDigest' | 'sourceLines'>, text: string, jurisdictions: JurisdictionIndex): SourceTextView {
  const { meta } = report;
  const j = jurisdictions.byCode.get(meta.jurisdiction);
  if (!j) throw new Error(`unknown jurisdiction ${meta.jurisdiction}`);
  const chain = [...[...listAncestors(jurisdictions, j.code)].reverse(), j].map((x) => ({ href: jurisdictionPath(x.code), text: x.name }));
  const lines = splitSourceText(text);
  // A final newline ends the last line; it does not start another.
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return {
    title: `${meta.title}：保存的原文文本`,
    breadcrumbs: [...chain, { href: reportPath(meta.id), text: `${meta.year} 年报告` }],
    reportHref: reportPath(meta.id),
    reportTitle: meta.title,
    source: buildReportSourceView(report),
    lines: lines.map((line, i) => ({ number: i + 1, id: formatLineAnchor(i + 1), text: line })),
    cells: report.sourceLines.size,
  };
}
