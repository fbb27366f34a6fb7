/**
 * Extracts the lines of a report file of any supported kind, given its name and bytes, and says
 * what raw source to keep beside the content. Text (.txt/.md) is kept verbatim as source.txt and
 * positions point into it; HTML positions point into the page itself; DOCX and PDF positions point
 * into the extracted text, kept as source.txt beside the original file.
 */
import { decodeTextBytes } from './decode-text.ts';
import { extractHtmlLines } from './extract-html.ts';
import { extractPdfText } from './extract-pdf.ts';
import { formatSourceText, renumberLines, splitTextLines, type SourceLine } from './source-lines.ts';

/** The kinds of input the ingest command reads, by file extension. */
export const INPUT_EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.docx', '.doc', '.pdf'] as const;

/** What was extracted from an input file. */
export interface ExtractedInput {
  readonly lines: SourceLine[];
  /** The text kept as source.txt: the input verbatim for text files, the extracted text otherwise. */
  readonly sourceText: string;
  /** The original file to keep beside it (source.html, source.docx, source.pdf), if any. */
  readonly original: { readonly name: string; readonly bytes: Uint8Array } | null;
  /** A note for the front matter on how the text was obtained, if it is not the input verbatim. */
  readonly note: string | null;
  /** A problem with the input itself that did not stop extraction (damaged bytes). */
  readonly warning?: string;
}

/** An extraction, or why the file could not be read. */
export type Extraction = ({ readonly ok: true } & ExtractedInput) | { readonly ok: false; readonly rule: string; readonly message: string; readonly hint: string };

/** The lower-case extension of a file name, with its dot. */
export function readExtension(name: string): string {
  const m = /\.[^./\\]+$/.exec(name);
  return m ? m[0].toLowerCase() : '';
}

/** Extracts an input file's lines by its extension. */
export async function extractInput(name: string, bytes: Uint8Array): Promise<Extraction> {
  const ext = readExtension(name);
  if (ext === '.txt' || ext === '.md') {
    const decoded = decodeTextBytes(bytes);
    if (!decoded.ok) return { ok: false, rule: 'not-text', message: decoded.message, hint: 'save the report as UTF-8 or GB18030 text' };
    const verbatim = decoded.encoding === 'utf-8' || decoded.encoding === 'utf-8-bom';
    return {
      ok: true,
      ...(decoded.replaced ? { warning: `${decoded.replaced} bytes are not valid UTF-8 and were replaced by U+FFFD: nothing is read from those places` } : {}),
      lines: splitTextLines(decoded.text),
      sourceText: decoded.encoding === 'utf-8-bom' ? `\uFEFF${decoded.text}` : decoded.text,
      original: null,
      note: verbatim ? null : `converted to UTF-8 from ${decoded.encoding.toUpperCase()}`,
    };
  }
  if (ext === '.html' || ext === '.htm') {
    const decoded = decodeTextBytes(bytes);
    if (!decoded.ok) return { ok: false, rule: 'not-text', message: decoded.message, hint: 'save the page as UTF-8 or GB18030 HTML' };
    const lines = extractHtmlLines(decoded.text);
    return { ok: true, lines, sourceText: `${formatSourceText(lines)}\n`, original: { name: 'source.html', bytes }, note: 'text extracted from source.html by npm run ingest' };
  }
  if (ext === '.docx') {
    let html: string;
    try {
      const mammoth = (await import('mammoth')).default;
      html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
    } catch (err) {
      return { ok: false, rule: 'unreadable-docx', message: `the .docx file cannot be read: ${(err as Error).message}`, hint: 'check that the file is a complete Word document (.docx, not .doc); save it again from Word or LibreOffice' };
    }
    const text = formatSourceText(extractHtmlLines(html));
    return { ok: true, lines: splitTextLines(text), sourceText: `${text}\n`, original: { name: 'source.docx', bytes }, note: 'text extracted from source.docx by npm run ingest' };
  }
  if (ext === '.pdf') {
    const pdf = await extractPdfText(bytes);
    if (!pdf.ok) return pdf;
    const lines = renumberLines(pdf.lines);
    return { ok: true, lines, sourceText: `${formatSourceText(lines)}\n`, original: { name: 'source.pdf', bytes }, note: 'text extracted from source.pdf by npm run ingest' };
  }
  if (ext === '.doc') {
    return { ok: false, rule: 'old-word-file', message: 'this is an old Word file (.doc, Word 97–2003): its tables cannot be read reliably, so it is not read', hint: 'open it in Word, WPS or LibreOffice, save it as .docx (另存为 → Word 文档 *.docx) and ingest the .docx; or ingest the PDF or web page of the same report' };
  }
  return { ok: false, rule: 'unknown-input', message: `cannot read “${ext || name}” files`, hint: `give a report as ${INPUT_EXTENSIONS.filter((e) => e !== '.doc').join(', ')}` };
}
