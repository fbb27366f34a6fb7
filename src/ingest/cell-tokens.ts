/**
 * Splits extracted lines into tokens and tells label text from cell values. A cell value is a
 * number (signed with +/−/增/减, with or without 万元/元), a printed mark that stands for no number
 * (/, —, 无, 不适用) or something number-like that is not a number (91.928.320): never guessed.
 * Assumes a cell never holds Han characters other than 增/减, 无/不适用 and a unit.
 */
import type { MoneyUnit } from '../form/types.ts';
import { foldWidth } from './normalise-text.ts';
import { listSourceColumns, locateRawOffset, type Doubt, type SourceLine } from './source-lines.ts';

/** What a cell token says. */
export type CellReading =
  | { readonly kind: 'number'; readonly sign: '' | '+' | '-'; readonly digits: string; readonly unit: MoneyUnit | null }
  | { readonly kind: 'mark' }
  | { readonly kind: 'unreadable' };

/** One whitespace-separated piece of a line, or a sign/number/unit group merged into one cell. */
export interface Token {
  /** The text as printed (merged pieces joined by one space, e.g. `减 35`). */
  readonly text: string;
  readonly line: number;
  readonly col: number;
  /** Index of the extracted line the token starts on. */
  readonly row: number;
  /** Where the token starts in source.txt (1-based line and column). */
  readonly source: { readonly line: number; readonly col: number };
  /** Set when the token is a cell value. */
  readonly cell: CellReading | null;
  /** Why a cell token cannot be read (clipped by the page edge…): it then has no value. */
  readonly unreadable?: string;
  /** Why a cell token's reading is doubtful, and the text as printed. */
  readonly doubtful?: Doubt;
  /** Set on the last value of a table row cut by the page's right edge (source-lines.ts): where. */
  readonly pastEdge?: string;
}

const NUM = String.raw`(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?`;
const NUMBER = new RegExp(String.raw`^([+-]?)${NUM}$`);
const WITH_UNIT = new RegExp(String.raw`^([+-]?)${NUM}\(?(万元|元)\)?$`);
const SIGN_WORD = new RegExp(String.raw`^(增|减)${NUM}$`);
const UNIT_ALONE = /^\(?(万元|元)\)?$/;
const MARK = /^(\/|\\|-|—+|–|-{2,}|无|不适用)$/;
const WEAK_MARK = /^(无|不适用)$/;
const NUMBER_LIKE = /^[+-]?[\d.,]*\d[\d.,]*(\(?万?元\)?)?$/;
const PAGE_FOOTER = /^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*共\s*\d+\s*页)?|\d{1,3}\s*\/\s*\d{1,3})\s*$/;
const NUMBERING = /^\d{1,2}[.、]$/;
const PIPE_RULE = /^\s*\|?(\s*:?-{3,}:?\s*\|)*\s*:?-{3,}:?\s*\|?\s*$|^\s*$/;
const AFTER_NUMBERING = /^[.、]/;
const TEXT_UNIT_AFTER = /^[年月日号条项款个件部次页名家%]/;

/** Reads one folded piece as a cell value; null when it is label text. */
function readPiece(piece: string): CellReading | null {
  if (NUMBERING.test(piece)) return null;
  let m = NUMBER.exec(piece);
  if (m) return { kind: 'number', sign: (m[1] ?? '') as '' | '+' | '-', digits: `${(m[2] ?? '').replace(/,/g, '')}${m[3] ?? ''}`, unit: null };
  m = WITH_UNIT.exec(piece);
  if (m) return { kind: 'number', sign: (m[1] ?? '') as '' | '+' | '-', digits: `${(m[2] ?? '').replace(/,/g, '')}${m[3] ?? ''}`, unit: m[4] as MoneyUnit };
  m = SIGN_WORD.exec(piece);
  if (m) return { kind: 'number', sign: m[1] === '增' ? '+' : '-', digits: `${(m[2] ?? '').replace(/,/g, '')}${m[3] ?? ''}`, unit: null };
  if (MARK.test(piece)) return { kind: 'mark' };
  if (NUMBER_LIKE.test(piece)) return { kind: 'unreadable' };
  return null;
}

interface Piece {
  text: string;
  folded: string;
  line: number;
  col: number;
  row: number;
  source: { line: number; col: number };
  unreadable?: string;
  doubtful?: Doubt;
  pastEdge?: string;
}

/**
 * Splits every span of every line at whitespace and Markdown pipes (rule lines skipped), keeping
 * positions; `firstRow` is the index of the first line in the whole extraction (= source.txt line - 1).
 * The number-like pieces of a span marked unreadable become one piece, so a cut cell stays one cell.
 */
function splitPieces(lines: readonly SourceLine[], firstRow: number): Piece[] {
  const out: Piece[] = [];
  lines.forEach((l, row) => {
    if (l.spans.length === 1 && PAGE_FOOTER.test(l.spans[0]?.text ?? '')) return;
    if (l.spans.every((s) => PIPE_RULE.test(s.text))) return;
    const cols = listSourceColumns(l);
    l.spans.forEach((span, k) => {
      const pieces: Piece[] = [];
      for (const m of span.text.matchAll(/[^\s|]+/g)) {
        const at = m.index ?? 0;
        const from = locateRawOffset(span, at);
        const to = locateRawOffset(span, at + m[0].length);
        pieces.push({ text: span.raw.slice(from, Math.max(to, from + 1)), folded: m[0], line: span.line, col: span.col + from, row, source: { line: firstRow + row + 1, col: (cols[k] ?? 1) + from }, ...(span.doubtful ? { doubtful: span.doubtful } : {}) });
      }
      // The mark of a row cut by the page edge goes with the span's last piece (its value).
      const last = pieces[pieces.length - 1];
      if (span.pastEdge && last) last.pastEdge = span.pastEdge;
      const cut = span.unreadable ? pieces.filter((p) => readPiece(p.folded) !== null) : [];
      if (span.unreadable && cut.length > 0) {
        const first = cut[0]!;
        const keep = pieces.filter((p) => !cut.includes(p));
        out.push(...keep.filter((p) => p.col < first.col), { ...first, text: cut.map((p) => p.text).join(' '), folded: cut.map((p) => p.folded).join(' '), unreadable: span.unreadable, ...(span.pastEdge ? { pastEdge: span.pastEdge } : {}) }, ...keep.filter((p) => p.col > first.col));
      } else out.push(...pieces);
    });
  });
  return out;
}

/** Tokenises extracted lines: merges 增/减 with the number after it and a unit with the number before it. */
export function tokeniseLines(lines: readonly SourceLine[], firstRow = 0): Token[] {
  const pieces = splitPieces(lines, firstRow);
  const tokens: Token[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    const next = pieces[i + 1];
    if (p.unreadable) {
      tokens.push({ text: p.text, line: p.line, col: p.col, row: p.row, source: p.source, cell: { kind: 'unreadable' }, unreadable: p.unreadable, ...(p.pastEdge ? { pastEdge: p.pastEdge } : {}) });
      continue;
    }
    let cell = readPiece(p.folded);
    let text = p.text;
    let pastEdge = p.pastEdge;
    if (cell === null && (p.folded === '增' || p.folded === '减') && next) {
      const n = readPiece(next.folded);
      if (n?.kind === 'number' && n.sign === '') {
        cell = { ...n, sign: p.folded === '增' ? '+' : '-' };
        text = `${p.text} ${next.text}`;
        pastEdge ??= next.pastEdge;
        i++;
      }
    }
    if (cell?.kind === 'mark' && p.folded === '/' && pieces[i - 1]?.folded.endsWith('增') && next?.folded.startsWith('减')) cell = null;
    if (cell?.kind === 'number' && next) {
      // A numbering (1 .属于…) or a number inside prose (2020 年) is label text, not a cell.
      if (AFTER_NUMBERING.test(next.folded) && next.row === p.row && cell.sign === '' && !cell.digits.includes('.')) cell = null;
      else if (TEXT_UNIT_AFTER.test(next.folded) && next.row === p.row) cell = null;
    }
    const prev = tokens[tokens.length - 1];
    const unit = UNIT_ALONE.exec(p.folded);
    if (unit && prev?.cell?.kind === 'number' && prev.cell.unit === null && prev.row >= p.row - 1) {
      tokens[tokens.length - 1] = { ...prev, text: `${prev.text} ${p.text}`, cell: { ...prev.cell, unit: unit[1] as MoneyUnit }, ...(pastEdge ? { pastEdge } : {}) };
      continue;
    }
    tokens.push({ text, line: p.line, col: p.col, row: p.row, source: p.source, cell, ...(cell && p.doubtful ? { doubtful: p.doubtful } : {}), ...(cell && pastEdge ? { pastEdge } : {}) });
  }
  return demoteWeakMarks(tokens);
}

/** Keeps 无/不适用 as cell marks only among other cells (same line, or a one-cell-per-line run). */
function demoteWeakMarks(tokens: Token[]): Token[] {
  return tokens.map((t, i) => {
    if (t.cell?.kind !== 'mark' || !WEAK_MARK.test(foldWidth(t.text))) return t;
    const sameLine = tokens.filter((o) => o.row === t.row && o !== t);
    if (sameLine.length > 0) return sameLine.every((o) => o.cell) ? t : { ...t, cell: null };
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    const alone = (o: Token | undefined): boolean => !!o?.cell && tokens.filter((x) => x.row === o.row).length === 1;
    return alone(before) || alone(after) ? t : { ...t, cell: null };
  });
}

/** Formats a number reading back as the cell grammar's text (`-35`, `3618261.46万元`). */
export function formatReading(reading: Extract<CellReading, { kind: 'number' }>): string {
  return `${reading.sign}${reading.digits}${reading.unit ?? ''}`;
}
