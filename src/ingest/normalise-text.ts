/**
 * The one text normaliser, applied at the edge to every extracted span (text, HTML, DOCX, PDF), and
 * the label reduction used to match row labels. Normalising folds what looks the same to a reader to
 * one code point: NFKC (full-width digits and signs, compatibility ideographs, ㈠ → (一)), CJK
 * radicals to the unified ideographs they stand for (PDF text layers give ⼀ ⺠ ⽉ for 一 民 月;
 * table generated from Unicode data), minus signs and dashes to `-`, odd spaces to a space and
 * zero-width characters removed. Assumes wording differences between reports live in punctuation,
 * spacing, quotes and brackets, never in the Han characters' order. Characters whose NFKC form is a
 * digit but which no reader takes for a number in a table (① ² ½) are left as they are, so they never
 * become cell values.
 */
import { EQUIVALENT_IDEOGRAPH_PAIRS } from './equivalent-ideographs.ts';

/** Radical → unified ideograph, from the generated table. */
const RADICALS: ReadonlyMap<string, string> = (() => {
  const chars = [...EQUIVALENT_IDEOGRAPH_PAIRS];
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i]!, chars[i + 1]!);
  return map;
})();

/** Characters kept as printed: NFKC would turn them into digits or fractions (①→1, ²→2, ½→1⁄2). */
const KEEP = /^[\u00B2\u00B3\u00B9\u00BC-\u00BE\u2070-\u209F\u2150-\u218F\u2460-\u24FF\u2776-\u2793\u3251-\u325F\u32B1-\u32BF]/;
const DASHES = /[\u2010\u2011\u2212\uFE63\uFF0D]/g;
const SPACES = /[\u3000\u00A0\u2000-\u200A\u202F\u205F]/g;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
/** Characters NFKC leaves alone that the normaliser still changes (radicals, dashes, spaces). */
const NEEDS_WORK = /[\u2E80-\u2FDF\u2010\u2011\u2212\uFE63\uFF0D\u3000\u00A0\u2000-\u200D\u202F\u205F\u2060\uFEFF]/;
/** A base character with the combining marks after it: the unit NFKC is applied to. */
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gsu;
/** A combining mark. */
const MARK = /\p{M}/u;

/** Text after normalisation, and for each of its UTF-16 units (and its end) the offset in the raw text. */
export interface NormalisedText {
  readonly text: string;
  /** `offsets[i]` is the raw offset of `text[i]`; `offsets[text.length]` is the raw length. Null when text = raw. */
  readonly offsets: readonly number[] | null;
}

/** Normalises one character cluster. */
function normaliseCluster(cluster: string): string {
  const radical = RADICALS.get(cluster);
  if (radical) return radical;
  if (KEEP.test(cluster)) return cluster;
  return cluster.normalize('NFKC').replace(DASHES, '-').replace(SPACES, ' ').replace(ZERO_WIDTH, '');
}

/** Normalises raw extracted text, keeping the way back to raw offsets (for positions in the source). */
export function normaliseText(raw: string): NormalisedText {
  if (!NEEDS_WORK.test(raw) && raw.normalize('NFKC') === raw) return { text: raw, offsets: null };
  let text = '';
  const offsets: number[] = [];
  let same = true;
  if (!MARK.test(raw)) {
    // No combining marks: every cluster is one code point (most PDF text: radicals among ideographs).
    let at = 0;
    for (const ch of raw) {
      const code = ch.codePointAt(0)!;
      const out = code < 0xa0 || (code >= 0x3400 && code <= 0x9fff) ? ch : normaliseCluster(ch);
      if (out !== ch) same = false;
      for (let k = 0; k < out.length; k++) offsets.push(at);
      text += out;
      at += ch.length;
    }
    offsets.push(raw.length);
    return same ? { text: raw, offsets: null } : { text, offsets };
  }
  for (const m of raw.matchAll(CLUSTER)) {
    const out = normaliseCluster(m[0]);
    if (out !== m[0]) same = false;
    for (let k = 0; k < out.length; k++) offsets.push(m.index);
    text += out;
  }
  offsets.push(raw.length);
  return same ? { text: raw, offsets: null } : { text, offsets };
}

/**
 * Cleans text for people to read (the title and narrative written to index.md): radicals to
 * ideographs, compatibility ideographs to unified ones (NFC), zero-width characters removed;
 * full-width punctuation and digits of Chinese prose are kept as printed.
 */
export function cleanDisplayText(raw: string): string {
  return raw.normalize('NFC').replace(/[\u2E80-\u2FDF]/g, (c) => RADICALS.get(c) ?? c).replace(ZERO_WIDTH, '');
}

/** Folds text the way the edge normaliser does, without offsets (for text that never became a span). */
export function foldWidth(text: string): string {
  return normaliseText(text).text;
}

const NOT_LABEL = /[^\p{Script=Han}A-Za-z0-9]/gu;

/** Reduces a label to Han characters, letters and digits: `（二）部分公开（区分…）` → `二部分公开区分…`. */
export function normaliseLabel(text: string): string {
  return foldWidth(text).replace(NOT_LABEL, '');
}
