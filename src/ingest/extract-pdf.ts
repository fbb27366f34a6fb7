/**
 * Extracts the lines of a PDF's text layer with pdfjs-dist: each page's text runs (position, width,
 * size) and table rules (from its drawing operators) are laid out by pdf-layout.ts, ruled tables cell
 * by cell. Text not wholly inside the page's visible box is marked cut. A PDF without a text layer (a
 * scan) is refused with a message saying so: this project never OCRs numbers.
 */
import { layoutPage, type PdfSpan, type Rule, type TextRun } from './pdf-layout.ts';

export type { PdfSpan } from './pdf-layout.ts';

/** The lines of a PDF (each a list of spans), or why it has none. */
export type PdfText = { readonly ok: true; readonly lines: PdfSpan[][]; readonly pages: number } | { readonly ok: false; readonly rule: string; readonly message: string; readonly hint: string };

/**
 * How near (in points) the page's side edge a run may end and still count as whole. pdfjs leaves out
 * every glyph that starts past the edge, so a number cut by the edge ends at (or just before) it:
 * text that touches a side edge is taken as cut. No layout prints a value within a point of the edge.
 */
const EDGE_MARGIN = 1;
/** How far (in points) a run may stand past the top or bottom edge: rounding, not a glyph. */
const EDGE_TOLERANCE = 0.5;

/** Says why a run is not wholly visible on its page, or null when it is. */
function findCut(page: number, view: readonly number[], x: number, y: number, width: number, size: number): string | null {
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = view;
  const where = `page ${page}, at x ${x.toFixed(0)}–${(x + width).toFixed(0)}, y ${y.toFixed(0)}`;
  if (x + width <= x0 || x >= x1 || y + size <= y0 || y - size * 0.25 >= y1) return `the text stands outside the visible page (${where}): it is not printed`;
  if (x < x0 + EDGE_MARGIN) return `the text is cut by the left edge of the page (${where})`;
  if (x + width > x1 - EDGE_MARGIN) return `the text is cut by the right edge of the page (${where})`;
  if (y - size * 0.2 < y0 - EDGE_TOLERANCE) return `the text is cut by the bottom edge of the page (${where})`;
  if (y + size * 0.8 > y1 + EDGE_TOLERANCE) return `the text is cut by the top edge of the page (${where})`;
  return null;
}

/** The thickest a drawn line or filled bar may be to count as a table rule (points). */
const RULE_THICKNESS = 3;

/** The current transformation matrix after `cm n` in a state whose matrix is m: a point goes through n, then m. */
function multiply(m: readonly number[], n: readonly number[]): number[] {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = m;
  const [a2 = 1, b2 = 0, c2 = 0, d2 = 1, e2 = 0, f2 = 0] = n;
  return [a * a2 + c * b2, b * a2 + d * b2, a * c2 + c * d2, b * c2 + d * d2, a * e2 + c * f2 + e, b * e2 + d * f2 + f];
}

/**
 * The table rules a page draws: stroked axis-aligned segments (and the sides of stroked rectangles),
 * and filled bars at most RULE_THICKNESS thick (how browsers draw cell borders), in page space.
 * Paths that only clip, curves and wide filled boxes (backgrounds) are not rules.
 */
export function collectRules(ops: { fnArray: number[]; argsArray: unknown[] }, OPS: Record<string, number>): Rule[] {
  const rules: Rule[] = [];
  const stack: number[][] = [];
  let ctm = [1, 0, 0, 1, 0, 0];
  const stroke = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const fill = new Set([OPS.fill, OPS.eoFill]);
  const apply = (x: number, y: number): [number, number] => [ctm[0]! * x + ctm[2]! * y + ctm[4]!, ctm[1]! * x + ctm[3]! * y + ctm[5]!];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform && args) ctm = multiply(ctm, args as number[]);
    else if (fn === OPS.constructPath && args) {
      const paint = args[0] as number;
      const isStroke = stroke.has(paint);
      if (!isStroke && !fill.has(paint)) continue;
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (!data) continue;
      // Sub-paths of straight segments: [moveTo 0 | lineTo 1 | curveTo 2 | quadraticCurveTo 3 | closePath 4, …].
      const paths: [number, number][][] = [];
      let curved = false;
      for (let k = 0; k < data.length; ) {
        const op = data[k];
        if (op === 0) paths.push([apply(data[k + 1]!, data[k + 2]!)]), (k += 3);
        else if (op === 1) paths[paths.length - 1]?.push(apply(data[k + 1]!, data[k + 2]!)), (k += 3);
        else if (op === 2) (curved = true), (k += 7);
        else if (op === 3) (curved = true), (k += 5);
        else if (op === 4) {
          const p = paths[paths.length - 1];
          if (p?.[0]) p.push(p[0]);
          k += 1;
        } else break;
      }
      if (curved) continue;
      for (const pts of paths) {
        if (isStroke) {
          for (let k = 1; k < pts.length; k++) {
            const [ax, ay] = pts[k - 1]!;
            const [bx, by] = pts[k]!;
            if (Math.abs(ay - by) < 0.5 || Math.abs(ax - bx) < 0.5) rules.push({ x0: Math.min(ax, bx), x1: Math.max(ax, bx), y0: Math.min(ay, by), y1: Math.max(ay, by) });
          }
        } else {
          const xs = pts.map((p) => p[0]);
          const ys = pts.map((p) => p[1]);
          const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
          const rect = pts.every(([x, y]) => (Math.abs(x - x0) < 0.5 || Math.abs(x - x1) < 0.5) && (Math.abs(y - y0) < 0.5 || Math.abs(y - y1) < 0.5));
          if (!rect) continue;
          if (x1 - x0 <= RULE_THICKNESS && y1 - y0 > x1 - x0) rules.push({ x0: (x0 + x1) / 2, x1: (x0 + x1) / 2, y0, y1 });
          else if (y1 - y0 <= RULE_THICKNESS && x1 - x0 > y1 - y0) rules.push({ x0, x1, y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 });
        }
      }
    }
  }
  return rules;
}

/**
 * A font face as the Font Loading API makes it, for pdfjs to load a font into FONT_SINK: it keeps
 * nothing and is loaded at once.
 */
class SinkFontFace {
  readonly family: string;
  readonly loaded: Promise<void> = Promise.resolve();
  constructor(family: string) {
    this.family = family;
  }
}

/**
 * Where pdfjs loads a PDF's fonts for drawing (its `ownerDocument`): a document whose font set
 * (`fonts`, the Font Loading API) takes each font face and keeps nothing, since nothing is drawn here.
 * Without it pdfjs in Node either (`disableFontFace: true`) turns every glyph shown into a drawing path
 * while it builds the operator list, or (no document) fails to load each font and then does the same: a
 * third of the time spent on a PDF, for a drawing nobody makes. With a document but no font set it writes
 * each font into a base64 `@font-face` rule (about 4% of a PDF's time). Text positions and rules do not
 * depend on it. If a later pdfjs asks this document for more than these members, font loading fails and
 * pdfjs falls back to the paths: slower, never different.
 */
export const FONT_SINK = {
  /** The font set each font face goes to (a test spies on it to see pdfjs use it). */
  fonts: { add: (_face: SinkFontFace): void => {}, delete: (_face: SinkFontFace): void => {} },
  /** The style sheet a font's rule would go to, were there no font set. */
  sheet: { cssRules: [], insertRule: (_rule: string, _index: number): number => 0 },
  createElement(): { sheet: unknown; remove: () => void } {
    return { sheet: FONT_SINK.sheet, remove: () => {} };
  },
  documentElement: { getElementsByTagName: () => [{ append: () => {} }] },
};

/** How many PDFs are being read now, each with the globals below replaced. */
let reading = 0;
/** The globals DecompressionStream and FontFace while they are replaced. */
let saved: { DecompressionStream?: unknown; FontFace?: unknown } = {};
/** What the replacement throws: one error made once (making an error per stream, with its stack, costs more than inflating many of these streams). */
const REFUSED = new Error('pdfjs inflates this PDF’s streams itself');
/** A DecompressionStream that refuses at once: pdfjs then inflates the stream itself. */
class RefusingDecompressionStream {
  constructor() {
    throw REFUSED;
  }
}

/**
 * Replaces two globals while a PDF is read (calls nest and overlap; the last one out puts them back):
 *
 * - DecompressionStream, by one that refuses. pdfjs inflates every compressed stream (each page's
 *   content, each font, each glyph of a Type 3 font: hundreds of small streams) through
 *   DecompressionStream where it can, else with its own inflater (as where there is none). The bytes are
 *   the same either way; in Node each web-stream round trip costs more than inflating these small streams
 *   in JS: about a quarter less CPU per real-tool PDF (`npm run bench:ingest -- --against`).
 * - FontFace (which Node does not have), by SinkFontFace, which pdfjs uses to load fonts into FONT_SINK.
 */
function replaceGlobals(): () => void {
  const g = globalThis as { DecompressionStream?: unknown; FontFace?: unknown };
  if (reading++ === 0) {
    saved = { DecompressionStream: g.DecompressionStream, FontFace: g.FontFace };
    g.DecompressionStream = RefusingDecompressionStream;
    g.FontFace = SinkFontFace;
  }
  return () => {
    if (--reading > 0) return;
    g.DecompressionStream = saved.DecompressionStream;
    if (saved.FontFace === undefined) delete g.FontFace;
    else g.FontFace = saved.FontFace;
  };
}

/** Extracts the text layer of a PDF given as bytes. */
export async function extractPdfText(bytes: Uint8Array): Promise<PdfText> {
  const restore = replaceGlobals();
  try {
    return await readPdf(bytes);
  } finally {
    restore();
  }
}

/** extractPdfText's work, globals replaced. */
async function readPdf(bytes: Uint8Array): Promise<PdfText> {
  // Loaded on first use: text reports never pay for the PDF engine.
  const { getDocument, OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: false, ownerDocument: FONT_SINK as unknown as Document, useSystemFonts: false, verbosity: 0 }).promise;
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
      const runs: TextRun[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str.trim()) continue;
        const [a = 0, b = 0, , , x = 0, y = 0] = item.transform as number[];
        const size = Math.hypot(a, b) || item.height || 10;
        const cut = findCut(p, view, x, y, item.width, size);
        runs.push({ text: item.str.trim().replace(/\t/g, ' '), x, y, width: item.width, size, ...(cut ? { cut } : {}) });
        chars += item.str.trim().length;
      }
      const rules = collectRules(await page.getOperatorList(), OPS as unknown as Record<string, number>);
      lines.push(...layoutPage(p, runs, rules, view[2]));
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
