/**
 * The one representation every input format is extracted to: lines of text, each split into the
 * spans a table cell or a tab-separated field gave, with the position each span has in the file a
 * maintainer opens (line and column, 1-based). Everything after extraction reads only this.
 */

/** One field of a line: a table cell, a tab-separated field or a run of PDF text. */
export interface SourceSpan {
  readonly text: string;
  /** 1-based line in the file the diagnostics name. */
  readonly line: number;
  /** 1-based column of the span's first character. */
  readonly col: number;
}

/** One line of extracted text. */
export interface SourceLine {
  readonly spans: readonly SourceSpan[];
}

/** Splits plain text into lines and tab-separated spans, positions counted in the text itself. */
export function splitTextLines(text: string): SourceLine[] {
  const body = text.replace(/^\uFEFF/, '');
  return body.split(/\r\n|\n|\r/).map((raw, i) => {
    const spans: SourceSpan[] = [];
    let col = 1;
    for (const field of raw.split('\t')) {
      spans.push({ text: field, line: i + 1, col });
      col += field.length + 1;
    }
    return { spans };
  });
}

/** Joins extracted lines back into plain text: spans separated by tabs, lines by `\n`. */
export function formatSourceText(lines: readonly SourceLine[]): string {
  return lines.map((l) => l.spans.map((s) => s.text).join('\t')).join('\n');
}

/** Builds lines from plain text whose positions are its own lines (for text extracted from DOCX or PDF). */
export function renumberLines(lines: readonly (readonly string[])[]): SourceLine[] {
  return lines.map((fields, i) => {
    let col = 1;
    return {
      spans: fields.map((text) => {
        const span = { text, line: i + 1, col };
        col += text.length + 1;
        return span;
      }),
    };
  });
}
