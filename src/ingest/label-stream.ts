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

/** How many leading characters of `key` the stream repeats at `at`. */
function countCommonPrefix(text: string, at: number, key: string): number {
  let n = 0;
  while (n < key.length && text.charCodeAt(at + n) === key.charCodeAt(n)) n++;
  return n;
}

/** The shortest prefix of a label that identifies it when the rest is broken off or worded differently. */
function minimumPrefix(key: string): number {
  return key.length <= 4 ? key.length : Math.max(4, Math.ceil(key.length / 2));
}

/** Finds the row's label at or after `cursor`: numbered exact match first, then the earliest good prefix. */
export function findRowAnchor(stream: LabelStream, row: RowSpec, cursor: number): Anchor | null {
  const { numbered, plain } = listRowKeys(row);
  const text = stream.text;
  let best: { start: number; end: number } | null = null;
  for (const key of numbered) {
    const at = text.indexOf(key, cursor);
    if (at >= 0 && (!best || at < best.start)) best = { start: at, end: at + key.length };
  }
  if (!best) {
    for (let s = cursor; s < text.length && !best; s++) {
      for (const key of plain) {
        const cp = countCommonPrefix(text, s, key);
        if (cp >= minimumPrefix(key) && (!best || cp > best.end - best.start)) best = { start: s, end: s + cp };
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
