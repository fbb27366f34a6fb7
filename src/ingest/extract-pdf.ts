/**
 * Extracts the lines of a PDF's text layer with pdfjs-dist. Text runs are grouped into lines by
 * their baseline and ordered left to right; a wide horizontal gap (a table column) starts a new
 * span, a narrow one becomes a space. Assumes horizontal text. A PDF without a text layer (a scan)
 * is refused with a message saying so: this project never OCRs numbers.
 */

/** One span of a PDF line: its text, and why it cannot be read when part of it is outside the page. */
export interface PdfSpan {
  readonly raw: string;
  readonly unreadable?: string;
}

/** The lines of a PDF (each a list of spans), or why it has none. */
export type PdfText = { readonly ok: true; readonly lines: PdfSpan[][]; readonly pages: number } | { readonly ok: false; readonly rule: string; readonly message: string; readonly hint: string };

interface Run {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly size: number;
  /** Set when the run is not wholly inside the page's visible box. */
  readonly cut?: string;
}

/** How far (in points) a run may stand past the page box before it counts as cut: rounding, not a glyph. */
const EDGE_TOLERANCE = 0.5;

/** Says why a run is not wholly visible on its page, or null when it is. */
function findCut(page: number, view: readonly number[], x: number, y: number, width: number, size: number): string | null {
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = view;
  const where = `page ${page}, at x ${x.toFixed(0)}–${(x + width).toFixed(0)}, y ${y.toFixed(0)}`;
  if (x + width <= x0 || x >= x1 || y + size <= y0 || y - size * 0.25 >= y1) return `the text stands outside the visible page (${where}): it is not printed`;
  if (x < x0 - EDGE_TOLERANCE) return `the text is cut by the left edge of the page (${where})`;
  if (x + width > x1 + EDGE_TOLERANCE) return `the text is cut by the right edge of the page (${where})`;
  if (y - size * 0.2 < y0 - EDGE_TOLERANCE) return `the text is cut by the bottom edge of the page (${where})`;
  if (y + size * 0.8 > y1 + EDGE_TOLERANCE) return `the text is cut by the top edge of the page (${where})`;
  return null;
}

/** Groups the runs of one page into lines of spans. */
function layoutPage(runs: Run[]): PdfSpan[][] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Run[][] = [];
  for (const run of sorted) {
    const row = rows[rows.length - 1];
    const ref = row?.[0];
    if (row && ref && Math.abs(ref.y - run.y) <= Math.max(ref.size, run.size) * 0.45) row.push(run);
    else rows.push([run]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    const spans: PdfSpan[] = [];
    let current = '';
    let cut: string | undefined;
    let end = -Infinity;
    const flush = (): void => {
      if (current) spans.push(cut ? { raw: current, unreadable: cut } : { raw: current });
      current = '';
      cut = undefined;
    };
    for (const run of row) {
      const gap = run.x - end;
      if (current && gap > run.size * 1.5) flush();
      current += current && gap > run.size * 0.25 ? ` ${run.text}` : run.text;
      cut ??= run.cut;
      end = run.x + run.width;
    }
    flush();
    return spans;
  });
}

/** Extracts the text layer of a PDF given as bytes. */
export async function extractPdfText(bytes: Uint8Array): Promise<PdfText> {
  // Loaded on first use: text reports never pay for the PDF engine.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  } catch (err) {
    return { ok: false, rule: 'unreadable-pdf', message: `the PDF cannot be opened: ${(err as Error).message}`, hint: 'check that the file is a complete, unencrypted PDF (download it again)' };
  }
  try {
    const lines: PdfSpan[][] = [];
    let chars = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const view = page.view;
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str.trim()) continue;
        const [a = 0, b = 0, , , x = 0, y = 0] = item.transform as number[];
        const size = Math.hypot(a, b) || item.height || 10;
        const cut = findCut(p, view, x, y, item.width, size);
        runs.push({ text: item.str.trim().replace(/\t/g, ' '), x, y, width: item.width, size, ...(cut ? { cut } : {}) });
        chars += item.str.trim().length;
      }
      lines.push(...layoutPage(runs));
      page.cleanup();
    }
    if (chars < 20) {
      return { ok: false, rule: 'no-text-layer', message: `the PDF has no text layer (${doc.numPages} page${doc.numPages === 1 ? '' : 's'}, ${chars} characters of text): it looks like a scan, and numbers are never read from images`, hint: 'ask the publisher for the original Word/PDF file, or transcribe the tables by hand into the content format' };
    }
    return { ok: true, lines, pages: doc.numPages };
  } finally {
    await doc.destroy();
  }
}
