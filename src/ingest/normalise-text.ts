/**
 * Text normalisation for recognising a report's tables: full-width forms folded to ASCII, and row
 * labels reduced to the characters that carry their meaning. Assumes wording differences between
 * reports live in punctuation, spacing, quotes and brackets, never in the Han characters' order.
 */

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
const DASHES = /[\u2212\uFE63\u2010\u2011]/g;
const SPACES = /[\u3000\u00A0\u2002-\u200B\u202F\u205F\uFEFF]/g;

/** Folds full-width ASCII (１２３，（）．) to ASCII, minus signs to `-` and odd spaces to a space. */
export function foldWidth(text: string): string {
  return text
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(DASHES, '-')
    .replace(SPACES, ' ');
}

const NOT_LABEL = /[^\p{Script=Han}A-Za-z0-9]/gu;

/** Reduces a label to Han characters, letters and digits: `（二）部分公开（区分…）` → `二部分公开区分…`. */
export function normaliseLabel(text: string): string {
  return foldWidth(text).replace(NOT_LABEL, '');
}

/** Whether a character is a Han character (used to tell prose and labels from numbers). */
export function isHan(ch: string): boolean {
  return /\p{Script=Han}/u.test(ch);
}
