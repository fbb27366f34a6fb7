/**
 * The one representation every input format is extracted to: lines of text, each split into the
 * spans a table cell or a tab-separated field gave, with the position each span has in the file a
 * maintainer opens (line and column, 1-based). Every span is made by `makeSpan`, which normalises its
 * text (normalise-text.ts) and keeps the raw text beside it: source.txt holds the raw text, positions
 * count raw characters, everything after extraction reads the normalised text only.
 */
import { cleanDisplayText, normaliseText } from './normalise-text.ts';

/** Why a value's reading is doubtful, and the text as the page shows it (the other reading). */
export interface Doubt {
  readonly why: string;
  /** The text as printed, pieces joined by a space (2 above 5: “2 5”): kept when the value is not published. */
  readonly printed: string;
  /**
   * Published only when the form's sums confirm it (at least two rules, e.g. its row's and its column's,
   * hold with it and none fails), not merely while none breaks: a reading whose pieces were matched by
   * their place alone.
   */
  readonly confirm?: true;
}

/** One field of a line: a table cell, a tab-separated field or a run of PDF text. */
export interface SourceSpan {
  /** The normalised text. */
  readonly text: string;
  /** The text as extracted (kept in source.txt). */
  readonly raw: string;
  /** 1-based line in the file the diagnostics name. */
  readonly line: number;
  /** 1-based column of the span's first raw character. */
  readonly col: number;
  /** Raw offset of each unit of `text` (and of its end); null when text = raw. */
  readonly offsets: readonly number[] | null;
  /** Why the span's text cannot be read as a value (clipped by the page edge…), naming page and place. */
  readonly unreadable?: string;
  /** Set when the span's place in its table is doubtful (a value between two columns…), saying why. */
  readonly doubtful?: Doubt;
  /**
   * Set on the last value of a table row that runs past the page's right edge, its visible cells one per
   * column from the row's first value column on: says where the row is cut (page), for the columns past it.
   */
  readonly pastEdge?: string;
}

/** One line of extracted text. */
export interface SourceLine {
  readonly spans: readonly SourceSpan[];
}

/** Makes a span from raw extracted text: the one place text is normalised. */
export function makeSpan(raw: string, line: number, col: number, flags: Pick<SourceSpan, 'unreadable' | 'doubtful' | 'pastEdge'> = {}): SourceSpan {
  const { text, offsets } = normaliseText(raw);
  return { text, raw, line, col, offsets, ...flags };
}

/** The raw offset within a span of the normalised offset `at`. */
export function locateRawOffset(span: SourceSpan, at: number): number {
  return span.offsets ? (span.offsets[at] ?? span.raw.length) : at;
}

/** Splits plain text into lines and tab-separated spans, positions counted in the text itself. */
export function splitTextLines(text: string): SourceLine[] {
  const body = text.replace(/^\uFEFF/, '');
  return body.split(/\r\n|\n|\r/).map((raw, i) => {
    const spans: SourceSpan[] = [];
    let col = 1;
    for (const field of raw.split('\t')) {
      spans.push(makeSpan(field, i + 1, col));
      col += field.length + 1;
    }
    return { spans };
  });
}

/** Joins extracted lines back into the raw text kept as source.txt: spans separated by tabs, lines by `\n`. */
export function formatSourceText(lines: readonly SourceLine[]): string {
  return lines.map((l) => l.spans.map((s) => s.raw).join('\t')).join('\n');
}

/** Joins extracted lines into normalised plain text (what identification and narrative read). */
export function formatPlainText(lines: readonly SourceLine[]): string {
  return lines.map((l) => l.spans.map((s) => s.text).join('\t')).join('\n');
}

/** Joins extracted lines into text for people (title, narrative): raw text with radicals and compatibility ideographs cleaned. */
export function formatDisplayText(lines: readonly SourceLine[]): string {
  return cleanDisplayText(formatSourceText(lines));
}

/** The 1-based column in source.txt (formatSourceText) at which each span of a line starts. */
export function listSourceColumns(line: SourceLine): number[] {
  const cols: number[] = [];
  let col = 1;
  for (const s of line.spans) {
    cols.push(col);
    col += s.raw.length + 1;
  }
  return cols;
}

/** Builds lines from plain text whose positions are its own lines (for text extracted from DOCX or PDF). */
export function renumberLines(lines: readonly (readonly (string | { readonly raw: string; readonly unreadable?: string; readonly doubtful?: Doubt; readonly pastEdge?: string })[])[]): SourceLine[] {
  return lines.map((fields, i) => {
    let col = 1;
    return {
      spans: fields.map((field) => {
        const f = typeof field === 'string' ? { raw: field } : field;
        const span = makeSpan(f.raw, i + 1, col, { ...(f.unreadable ? { unreadable: f.unreadable } : {}), ...(f.doubtful ? { doubtful: f.doubtful } : {}), ...(f.pastEdge ? { pastEdge: f.pastEdge } : {}) });
        col += f.raw.length + 1;
        return span;
      }),
    };
  });
}
