/** Diagnostics: every problem found, with where it is, what is wrong and what to do. */
import type { Severity } from '../form/rules.ts';

/** One problem at one place in one file. */
export interface Diagnostic {
  readonly file: string;
  /** 1-based; 0 when the problem is about the file as a whole. */
  readonly line: number;
  /** 1-based; 0 when the problem is about a whole line or file. */
  readonly column: number;
  readonly severity: Severity;
  /** A rule id (T3-A) or a permanent problem code (unknown-row). */
  readonly rule: string;
  readonly message: string;
  /** What to do about it. */
  readonly hint?: string;
}

/** Formats a diagnostic as `file:line:col: severity [rule] message` with an indented hint line. */
export function formatDiagnostic(d: Diagnostic): string {
  const head = `${d.file}:${d.line}:${d.column}: ${d.severity} [${d.rule}] ${d.message}`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}

/** Sorts diagnostics by file, line and column so output is stable. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
}

/** Counts diagnostics by severity. */
export function countDiagnostics(list: readonly Diagnostic[]): { errors: number; warnings: number } {
  const errors = list.filter((d) => d.severity === 'error').length;
  return { errors, warnings: list.length - errors };
}
