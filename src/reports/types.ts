/** The report as it flows through the stages: parsed from content, then checked. */
import type { FormId, FormSpec, MoneyUnit, TableId } from '../form/types.ts';
import type { RuleId, Severity } from '../form/rules.ts';

/**
 * One cell as the report gives it. `raw` keeps the text: for a number, its canonical text
 * (`+451`, `21997万元`); for a cell with no readable number, exactly what was printed
 * ('' for a blank, `/`, `—`, `91.928.320`).
 */
export interface Cell {
  readonly value: number | null;
  readonly raw: string;
  /** Only for money cells: the unit printed, or null when none was. */
  readonly unit: MoneyUnit | null;
}

/** A table's cells by row code then column code; only the cells the form declares. */
export type TableData = Readonly<Record<string, Readonly<Record<string, Cell>>>>;

/** How much of the jurisdiction's administration a report covers (spec §6). */
export type ReportScope = 'self' | 'government' | 'jurisdiction';

/** The front matter of a report's Markdown file. */
export interface ReportMeta {
  readonly id: string;
  readonly jurisdiction: string;
  readonly year: number;
  readonly form: FormId;
  readonly scope: ReportScope;
  readonly title: string;
  readonly publisher: string;
  readonly source: {
    readonly file: string;
    /** Where the report was published (the page or the attachment). */
    readonly url: string | null;
    readonly note: string | null;
    /** When ingest downloaded it: ISO 8601 date-time in UTC (2026-12-05T14:30:00Z); absent for a local file. */
    readonly retrieved?: string;
    /** SHA-256 (lower-case hex) of the published file ingest read; absent for content written by hand. */
    readonly sha256?: string;
  };
}

/** Where a cell's printed text starts in the report's source.txt (1-based line and column). */
export interface SourcePlace {
  readonly line: number;
  readonly col: number;
}

/** The narrative sections of a report, as Markdown. */
export interface Narrative {
  /** Text before the first section heading. */
  readonly preamble: string;
  readonly overview: string;
  readonly problems: string;
  readonly other: string;
}

/** A report read from content, cells parsed, not yet checked. */
export interface ParsedReport {
  readonly meta: ReportMeta;
  /** The form version `meta.form` names, resolved once where the report is read. */
  readonly form: FormSpec;
  readonly tables: { readonly [T in TableId]: TableData };
  readonly narrative: Narrative;
  /** Where each cell was read in source.txt, by `table.row.column` (source-lines.csv); empty when the file is absent. */
  readonly sourceLines: ReadonlyMap<string, SourcePlace>;
  /** SHA-256 (hex) of the report's source.txt as loaded, so pages that show it are rebuilt when it changes; absent when not loaded from disk. */
  readonly sourceDigest?: string;
  /** The content folder of the report, relative to the content root. */
  readonly dir: string;
}

/** One evaluation of a rule at one place (a column, a row or a cell). */
export interface RuleCheck {
  readonly rule: RuleId;
  readonly severity: Severity;
  /** The column or row code the rule was evaluated for, or a dotted cell key for G-1. */
  readonly at: string;
  /** `skipped` when a cell it needs has no number or the previous year is not on file. */
  readonly status: 'pass' | 'fail' | 'skipped';
  readonly left: number | null;
  readonly right: number | null;
  /** The cells involved, with their values and signs, for showing the arithmetic; empty for a passing check. */
  readonly terms: readonly CheckTerm[];
  /** Chinese sentence with the numbers; empty for a passing check. */
  readonly message: string;
}

/** One cell taking part in a rule check. */
export interface CheckTerm {
  readonly key: string;
  readonly reportId: string;
  readonly value: number | null;
  readonly sign: 1 | -1;
  readonly side: 'left' | 'right';
}

/** The outcome of one rule over one report. */
export interface RuleOutcome {
  readonly rule: RuleId;
  readonly status: 'pass' | 'fail' | 'skipped';
  readonly checks: readonly RuleCheck[];
  /** The known-source-error entry that explains a failure, if one does. */
  readonly known: KnownErrorEntry | null;
}

/** An entry of content/known-errors.yaml: a failure in a source report, explained. */
export interface KnownErrorEntry {
  readonly report: string;
  readonly rule: RuleId;
  /** The codes (columns or rows) where the rule fails. */
  readonly at: readonly string[];
  readonly reason: string;
  readonly status: 'open' | 'reported' | 'corrected-upstream';
  readonly source: string | null;
  readonly line: number;
}

/** A report with every rule evaluated. */
export interface CheckedReport extends ParsedReport {
  readonly outcomes: readonly RuleOutcome[];
}
