/** Writes a report as the files of its content folder: the exact inverse of what the loader reads. */
import { stringify } from 'yaml';
import { TABLE_IDS } from '../form/forms.ts';
import { writeTableCsv } from '../tables/table-csv.ts';
import { REPORT_FILES } from '../reports/layout.ts';
import { writeNarrative } from '../reports/narrative.ts';
import { writeSourceLinesCsv } from '../reports/source-lines-csv.ts';
import type { ParsedReport } from '../reports/types.ts';

/** The files of one report folder, by name, as text. */
export type ReportFiles = Readonly<Record<string, string>>;


/** Formats the front matter and narrative as the report's index.md. */
export function writeReportMarkdown(report: Pick<ParsedReport, 'meta' | 'narrative'>): string {
  const m = report.meta;
  const source: Record<string, string> = { file: m.source.file };
  if (m.source.url) source.url = m.source.url;
  if (m.source.retrieved) source.retrieved = m.source.retrieved;
  if (m.source.sha256) source.sha256 = m.source.sha256;
  if (m.source.note) source.note = m.source.note;
  const front = stringify(
    { id: m.id, jurisdiction: m.jurisdiction, year: m.year, form: m.form, scope: m.scope, title: m.title, publisher: m.publisher, source },
    { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' },
  );
  return `---\n${front}---\n\n${writeNarrative(report.narrative)}`;
}

/**
 * Formats every file of a report folder; `source` is the raw text kept beside it under meta.source.file.
 * source-lines.csv is written when the report has cell places.
 */
export function writeReportFiles(report: Omit<ParsedReport, 'dir' | 'sourceLines'> & Partial<Pick<ParsedReport, 'sourceLines'>>, source: string): ReportFiles {
  const { form } = report;
  const files: Record<string, string> = { [REPORT_FILES.text]: writeReportMarkdown(report) };
  for (const t of TABLE_IDS) files[REPORT_FILES.tables[t]] = writeTableCsv(form, t, report.tables[t]);
  files[report.meta.source.file] = source;
  if (report.sourceLines?.size) files[REPORT_FILES.sourceLines] = writeSourceLinesCsv(form, report.sourceLines);
  return files;
}
