/**
 * Trims a built page to what Pagefind reads of it, before the page is handed to Pagefind: its
 * `<html …>` tag (the language) and its root element (`<main>`), with the content the page marks as
 * what search skips cut out (src/site/search-skip.ts: the components write the marks directly inside
 * elements the index excludes anyway, the charts' figures, the tables and the quality panel, so
 * Pagefind would parse that content only to discard it). Nothing is parsed: the page is sliced at
 * the marks. A marked part is kept when it holds what Pagefind reads even inside an excluded element
 * (an `<h1>` or `<title>` for the title, an `<img>` for the image, a `data-pagefind-*` attribute, an
 * `<html>` tag). A page that is not what the marks promise (not exactly one `<main>`, a mark left
 * open or nested, `data-pagefind` outside the root) is returned untouched, so at worst Pagefind
 * parses the whole page. Pure: text in, text out.
 */
import { SEARCH_SKIP_END, SEARCH_SKIP_START } from '../site/search-skip.ts';

/** A page trimmed for the index, or the page untouched with why. */
export interface TrimmedPage {
  readonly html: string;
  /** Null when the page was trimmed; else why it was left whole. */
  readonly untouched: string | null;
}

/** What Pagefind reads inside an excluded element: a title, an image, its attributes, a language, an old bundle. */
const READ_WHEN_EXCLUDED = /<(?:h1|title|img|html)[\s/>]|data-pagefind|_pagefind/i;

/** Cuts the marked parts out of `html` between `from` and `to`; throws (a message) for a mark left open or nested. */
function cutMarked(html: string, from: number, to: number): string {
  const out: string[] = [];
  let pos = from;
  for (let start = html.indexOf(SEARCH_SKIP_START, pos); start >= 0 && start < to; start = html.indexOf(SEARCH_SKIP_START, pos)) {
    const inner = start + SEARCH_SKIP_START.length;
    const end = html.indexOf(SEARCH_SKIP_END, inner);
    if (end < 0 || end > to) throw new Error('a search-skip mark left open');
    const cut = html.slice(inner, end);
    if (cut.includes(SEARCH_SKIP_START)) throw new Error('search-skip marks nested');
    out.push(html.slice(pos, start));
    if (READ_WHEN_EXCLUDED.test(cut)) out.push(cut);
    pos = end + SEARCH_SKIP_END.length;
  }
  out.push(html.slice(pos, to));
  return out.join('');
}

/** The offsets of the only match of a global pattern in `html`; throws (a message) when there is none or more than one. */
function findOnly(html: string, pattern: RegExp, what: string): number {
  const all = [...html.matchAll(pattern)];
  if (all.length !== 1) throw new Error(`${all.length} ${what}`);
  return all[0]!.index;
}

/** Trims a page for the index (see the module comment). */
export function trimForSearch(html: string): TrimmedPage {
  try {
    const htmlTag = findOnly(html, /<html[\t\n\f\r />]/gi, '<html> tags');
    const htmlEnd = html.indexOf('>', htmlTag) + 1;
    const open = findOnly(html, /<main[\t\n\f\r />]/gi, '<main> tags');
    const close = findOnly(html, /<\/main[\t\n\f\r />]/gi, '</main> tags');
    const openEnd = html.indexOf('>', open) + 1;
    const closeEnd = html.indexOf('>', close) + 1;
    if (open < htmlEnd || close < openEnd) throw new Error('<main> out of place');
    if (/data-pagefind|_pagefind/i.test(html.slice(0, open)) || /data-pagefind|_pagefind/i.test(html.slice(closeEnd))) throw new Error('Pagefind markup outside <main>');
    return { html: `${html.slice(0, htmlEnd)}${html.slice(open, openEnd)}${cutMarked(html, openEnd, close)}${html.slice(close, closeEnd)}</html>\n`, untouched: null };
  } catch (err) {
    return { html, untouched: (err as Error).message };
  }
}
