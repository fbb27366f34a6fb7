/**
 * The review summary of one ingest run: per input file, whether it is `ok` (written, nothing to
 * check), `needs review` (written, with the cells a person must check and why), `failed` (nothing
 * written, with what to do) or `unchanged` (already ingested from the same bytes, skipped), printed
 * at the end of the run and written as a CSV a person can sort (UTF-8 with BOM, one line per problem).
 * Pure: the caller gathers the outcomes and writes the text.
 */
import { sortDiagnostics, type Diagnostic } from '../reports/diagnostic.ts';
import { guardSpreadsheetText, writeCsvText } from '../downloads/csv-text.ts';

/** How one input file came out. */
export type FileStatus = 'ok' | 'needs review' | 'failed' | 'unchanged';

/** The outcome of one input file. */
export interface FileOutcome {
  readonly file: string;
  readonly status: FileStatus;
  /** The report id it was read as, when it got that far. */
  readonly report: string | null;
  /** What happened, in a few words (written, replaced, not written: …, skipped: …). */
  readonly done: string;
  /** The problems behind `needs review` or `failed`, each with where and what to do. */
  readonly problems: readonly Diagnostic[];
  /** The file's SHA-256, when it was read. */
  readonly sha256: string | null;
}

/** The order statuses are listed in: what needs a person first. */
const ORDER: readonly FileStatus[] = ['failed', 'needs review', 'ok', 'unchanged'];

/** Decides a written report's status: `ok` only when ingest has nothing to say about it. */
export function classifyWritten(diagnostics: readonly Diagnostic[]): 'ok' | 'needs review' {
  return diagnostics.length ? 'needs review' : 'ok';
}

/** The cell a diagnostic names (requests.granted.total), if it names one. */
export function findCellKey(d: Diagnostic): string | null {
  return /\b((?:active|requests|appeals)\.[a-z0-9_]+\.[a-z0-9_]+)\b/.exec(d.message)?.[1] ?? null;
}

/** Counts outcomes by status. */
export function countOutcomes(outcomes: readonly FileOutcome[]): Record<FileStatus, number> {
  const counts: Record<FileStatus, number> = { ok: 0, 'needs review': 0, failed: 0, unchanged: 0 };
  for (const o of outcomes) counts[o.status]++;
  return counts;
}

/** The summary printed at the end of a run: counts, then each file that needs a person, with its problems and what to do. */
export function formatReviewSummary(outcomes: readonly FileOutcome[], csvPath: string | null): string {
  const counts = countOutcomes(outcomes);
  const out: string[] = [`review summary: ${outcomes.length} file${outcomes.length === 1 ? '' : 's'}: ${ORDER.map((s) => `${counts[s]} ${s}`).join(', ')}`];
  for (const status of ORDER) {
    const files = outcomes.filter((o) => o.status === status);
    if (!files.length) continue;
    out.push('', `${status} (${files.length}):`);
    for (const o of files) {
      out.push(`  ${o.file}${o.report ? ` → ${o.report}` : ''}: ${o.done}`);
      if (status === 'ok' || status === 'unchanged') continue;
      for (const d of sortDiagnostics(o.problems)) {
        const cell = findCellKey(d);
        out.push(`    ${d.severity} [${d.rule}]${cell ? ` ${cell}` : ''} ${d.line ? `line ${d.line}:${d.column}: ` : ''}${d.message}`);
        if (d.hint) out.push(`      what to do: ${d.hint}`);
      }
    }
  }
  if (csvPath) out.push('', `the same as a table: ${csvPath}`);
  return out.join('\n');
}

/** The columns of the summary CSV. */
export const SUMMARY_COLUMNS = ['file', 'status', 'report', 'done', 'severity', 'rule', 'cell', 'where', 'problem', 'what_to_do', 'sha256'] as const;

/** The summary as CSV text (BOM, header, one line per problem, a file without problems on one line). */
export function writeReviewCsv(outcomes: readonly FileOutcome[]): string {
  const rows: string[][] = [];
  const sorted = [...outcomes].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const o of sorted) {
    const base = [o.file, o.status, o.report ?? '', o.done];
    const problems = sortDiagnostics(o.problems);
    if (!problems.length) rows.push([...base, '', '', '', '', '', '', o.sha256 ?? '']);
    for (const d of problems) rows.push([...base, d.severity, d.rule, findCellKey(d) ?? '', d.line ? `${d.file}:${d.line}:${d.column}` : d.file, d.message, d.hint ?? '', o.sha256 ?? '']);
  }
  return writeCsvText(SUMMARY_COLUMNS, rows.map((r) => r.map(guardSpreadsheetText)));
}
