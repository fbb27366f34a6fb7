/**
 * Extracts the lines of a report saved as HTML (or converted to HTML from DOCX). Parsed with parse5,
 * the WHATWG parser, so broken markup from government sites is read the way a browser reads it.
 * Each table row becomes one line with one span per grid position: a merged cell (rowspan/colspan)
 * gives its text at its top-left position and empty spans at the positions it covers, as a
 * word-processor export does. Positions point into the HTML file.
 */
import { parse } from 'parse5';
import { makeSpan, type SourceLine, type SourceSpan } from './source-lines.ts';

interface HtmlNode {
  readonly nodeName: string;
  readonly value?: string;
  readonly attrs?: readonly { name: string; value: string }[];
  readonly childNodes?: readonly HtmlNode[];
  readonly content?: HtmlNode;
  readonly sourceCodeLocation?: { startLine: number; startCol: number } | null;
}

const BLOCKS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'section', 'article', 'header', 'footer', 'main', 'blockquote', 'pre', 'br', 'hr', 'tr', 'table', 'dt', 'dd', 'center', 'body']);
const SKIPPED = new Set(['head', 'script', 'style', 'noscript', 'template', 'svg', '#comment']);

/** Reads a numeric attribute (rowspan, colspan), at least 1 and at most 100. */
function readSpan(node: HtmlNode, name: string): number {
  const raw = node.attrs?.find((a) => a.name === name)?.value ?? '1';
  const n = Number.parseInt(raw, 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 100) : 1;
}

/** The first position of text inside a node, or of the node itself. */
function findPlace(node: HtmlNode): { line: number; col: number } {
  if (node.nodeName === '#text' && node.sourceCodeLocation) return { line: node.sourceCodeLocation.startLine, col: node.sourceCodeLocation.startCol };
  for (const child of node.childNodes ?? []) {
    if (child.nodeName === '#text' && !(child.value ?? '').trim()) continue;
    const p = findPlace(child);
    if (p.line > 0) return p;
  }
  return node.sourceCodeLocation ? { line: node.sourceCodeLocation.startLine, col: node.sourceCodeLocation.startCol } : { line: 0, col: 0 };
}

/** The text of a node with block boundaries as single spaces and whitespace collapsed. */
function readText(node: HtmlNode): string {
  if (node.nodeName === '#text') return node.value ?? '';
  if (SKIPPED.has(node.nodeName)) return '';
  const inner = (node.childNodes ?? []).map(readText).join('');
  return BLOCKS.has(node.nodeName) ? ` ${inner} ` : inner;
}

/** Collapses whitespace runs to one space and trims. */
function collapse(text: string): string {
  return text.replace(/[\s\u00A0]+/g, ' ').trim();
}

/** Lists the rows of a table (through thead/tbody/tfoot), not those of nested tables. */
function listRows(table: HtmlNode): HtmlNode[] {
  const rows: HtmlNode[] = [];
  const walk = (n: HtmlNode): void => {
    for (const c of n.childNodes ?? []) {
      if (c.nodeName === 'tr') rows.push(c);
      else if (c.nodeName !== 'table') walk(c);
    }
  };
  walk(table);
  return rows;
}

/** Lays a table out as a grid, merged cells at their top-left position. */
function readTable(table: HtmlNode): SourceLine[] {
  const covered = new Map<string, true>();
  const place = findPlace(table);
  return listRows(table).map((tr, r) => {
    const spans: SourceSpan[] = [];
    let c = 0;
    const fillCovered = (): void => {
      while (covered.has(`${r},${c}`)) {
        spans.push(makeSpan('', place.line, place.col));
        c++;
      }
    };
    for (const cell of tr.childNodes ?? []) {
      if (cell.nodeName !== 'td' && cell.nodeName !== 'th') continue;
      fillCovered();
      const rowspan = readSpan(cell, 'rowspan');
      const colspan = readSpan(cell, 'colspan');
      const at = findPlace(cell);
      spans.push(makeSpan(collapse(readText(cell)), at.line, at.col));
      for (let dr = 0; dr < rowspan; dr++) for (let dc = 0; dc < colspan; dc++) if (dr || dc) covered.set(`${r + dr},${c + dc}`, true);
      for (let dc = 1; dc < colspan; dc++) spans.push(makeSpan('', at.line, at.col));
      c += colspan;
    }
    fillCovered();
    return { spans };
  });
}

/** Extracts the lines of an HTML document: paragraphs as lines, table rows as lines of cells. */
export function extractHtmlLines(html: string): SourceLine[] {
  const doc = parse(html, { sourceCodeLocationInfo: true }) as unknown as HtmlNode;
  const lines: SourceLine[] = [];
  let text = '';
  let at: { line: number; col: number } | null = null;
  const flush = (): void => {
    const t = collapse(text);
    if (t && at) lines.push({ spans: [makeSpan(t, at.line, at.col)] });
    text = '';
    at = null;
  };
  const walk = (node: HtmlNode): void => {
    if (SKIPPED.has(node.nodeName)) return;
    if (node.nodeName === '#text') {
      if (!at && (node.value ?? '').trim() && node.sourceCodeLocation) at = { line: node.sourceCodeLocation.startLine, col: node.sourceCodeLocation.startCol };
      text += node.value ?? '';
      return;
    }
    if (node.nodeName === 'table') {
      flush();
      lines.push(...readTable(node));
      return;
    }
    const block = BLOCKS.has(node.nodeName);
    if (block) flush();
    for (const child of node.content?.childNodes ?? node.childNodes ?? []) walk(child);
    if (block) flush();
  };
  walk(doc);
  flush();
  return lines;
}
