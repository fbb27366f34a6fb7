/**
 * Finds where each row of a table starts by its printed label. The label text of a region is read
 * as one stream (cells taken out, spaces, punctuation and line breaks ignored), so a label wrapped
 * mid-word, split across a page break or broken by a cell is still one string. Assumes rows are
 * printed in form order, as the national form prints them.
 */
import type { RowSpec } from '../form/types.ts';
import type { Token } from './cell-tokens.ts';
import { normaliseLabel } from './normalise-text.ts';

/** The label text of a region, with where each character and each cell came from. */
export interface LabelStream {
  readonly text: string;
  /** For each character of `text`, the index of its token. */
  readonly owner: readonly number[];
  /** For each token, the stream offset at which it starts. */
  readonly offsets: readonly number[];
}

/** Where a row's label was found in the stream. */
export interface Anchor {
  readonly start: number;
  readonly end: number;
  /** The token the label starts in (for positions). */
  readonly token: number;
}

/** Builds the label stream of a run of tokens. */
export function buildLabelStream(tokens: readonly Token[]): LabelStream {
  let text = '';
  const owner: number[] = [];
  const offsets: number[] = [];
  tokens.forEach((t, i) => {
    offsets.push(text.length);
    if (t.cell) return;
    const norm = normaliseLabel(t.text);
    text += norm;
    for (let k = 0; k < norm.length; k++) owner.push(i);
  });
  return { text, owner, offsets };
}

/** The keys a row's label may be printed as: with its numbering, and without it. */
function listRowKeys(row: RowSpec): { numbered: string[]; plain: string[] } {
  const plain = [row.label, ...row.aliases].map(normaliseLabel).filter((k) => k.length > 0);
  const number = normaliseLabel(row.number ?? '');
  return { numbered: number ? plain.map((k) => `${number}${k}`) : [], plain };
}

/** The most foreign characters a label may be broken by (a group label printed inside it, an inserted 的). */
const MAX_GAP = 8;

/** The most pieces a broken label may be found in. */
const MAX_PIECES = 4;

/** How many leading characters of `key` the stream repeats at `at`. */
function countCommonPrefix(text: string, at: number, key: string, from = 0): number {
  let n = 0;
  while (from + n < key.length && text.charCodeAt(at + n) === key.charCodeAt(from + n)) n++;
  return n;
}

/**
 * Matches a label at `at` in up to MAX_PIECES pieces: each piece continues the label after at most
 * MAX_GAP foreign characters, and may skip one character of the label (a wording difference).
 * Returns how many label characters matched and where the match ends.
 */
function matchPieces(text: string, at: number, key: string): { matched: number; end: number } {
  let i = countCommonPrefix(text, at, key);
  if (i < 2 && i < key.length) return { matched: i, end: at + i };
  let t = at + i;
  let matched = i;
  for (let piece = 1; piece < MAX_PIECES && i < key.length; piece++) {
    let found: { gap: number; skip: number; len: number } | null = null;
    for (let gap = 0; gap <= MAX_GAP && !found; gap++) {
      for (let skip = 0; skip <= 1 && !found; skip++) {
        if (gap === 0 && skip === 0) continue;
        const len = countCommonPrefix(text, t + gap, key, i + skip);
        if (len >= Math.min(2, key.length - i - skip) && len > 0) found = { gap, skip, len };
      }
    }
    if (!found) break;
    i += found.skip + found.len;
    t += found.gap + found.len;
    matched += found.len;
  }
  return { matched, end: t };
}

/** Whether enough of a label matched to identify it: all of a short label, most of a long one. */
function isEnough(matched: number, key: string): boolean {
  return key.length <= 4 ? matched === key.length : matched >= Math.max(4, Math.ceil(key.length * 0.6));
}

/** Finds the row's label at or after `cursor`: numbered exact match first, then the earliest good match. */
export function findRowAnchor(stream: LabelStream, row: RowSpec, cursor: number): Anchor | null {
  const { numbered, plain } = listRowKeys(row);
  const text = stream.text;
  let best: { start: number; end: number } | null = null;
  for (const key of numbered) {
    const at = text.indexOf(key, cursor);
    if (at >= 0 && (!best || at < best.start)) best = { start: at, end: at + key.length };
  }
  if (!best) {
    const keys = [...numbered, ...plain];
    for (let s = cursor; s < text.length && !best; s++) {
      let score = 0;
      for (const key of keys) {
        if (text.charCodeAt(s) !== key.charCodeAt(0)) continue;
        const m = matchPieces(text, s, key);
        if (isEnough(m.matched, key) && m.matched > score) {
          score = m.matched;
          best = { start: s, end: m.end };
        }
      }
    }
  }
  if (!best) return null;
  return { ...best, token: stream.owner[best.start] ?? 0 };
}

/** Finds every row's anchor in form order; a row not found is null and does not move the cursor. */
export function findRowAnchors(stream: LabelStream, rows: readonly RowSpec[]): (Anchor | null)[] {
  let cursor = 0;
  return rows.map((row) => {
    const anchor = findRowAnchor(stream, row, cursor);
    if (anchor) cursor = anchor.end;
    return anchor;
  });
}
