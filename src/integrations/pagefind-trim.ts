/**
 * Trims a built page to what Pagefind reads of it, before the page is handed to Pagefind: its
 * `<html …>` tag (the language), its root element (`<main>`) and, inside it, every element the index
 * excludes emptied to its start and end tags (charts, tables, the quality panel). Pagefind parses
 * nothing outside the root but the `<html>` tag, and an excluded element adds no text, only side
 * effects, which this keeps: an excluded element is kept whole when it holds what Pagefind reads even
 * there (an `<h1>` or `<title>` for the title, an `<img>` for the image, a `data-pagefind-*`
 * attribute, an `<html>` tag). Assumes the page is our own well-formed output; anything that does not
 * look like it (not exactly one `<main>`, markup this scanner does not follow, `data-pagefind` outside
 * the root) returns the page untouched, so at worst Pagefind parses the whole page as before. Pure:
 * text in, text out.
 */

/** A selector of the kinds the index's exclusions use: a tag, a class, an id, or an attribute (with an exact value). */
type SimpleSelector = { readonly tag: string } | { readonly className: string } | { readonly id: string } | { readonly attr: string; readonly value?: string };

/** A page trimmed for the index, or the page untouched with why. */
export interface TrimmedPage {
  readonly html: string;
  /** Null when the page was trimmed; else why it was left whole. */
  readonly untouched: string | null;
}

/** Elements with no end tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements whose end tag may be left out: where one is excluded, its content is scanned rather than its end looked for. */
const OPTIONAL_END = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'caption', 'colgroup', 'option', 'optgroup', 'rb', 'rt', 'rp', 'rtc', 'html', 'head', 'body']);
/** Elements whose content is text up to their end tag (outside SVG). */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);
/** Markup this scanner does not follow: the page is left whole. */
const UNFOLLOWED = new Set(['noscript', 'plaintext', 'math', 'foreignobject', 'frameset']);
/** HTML start tags that end SVG content when met inside it (the parser's breakout list; `font` counts too). */
const SVG_BREAKOUT = new Set('b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var font'.split(' '));
/** What Pagefind reads inside an excluded element: a title, an image, its attributes, a language, an old bundle. */
const READ_WHEN_EXCLUDED = /<(?:h1|title|img|html)[\s/>]|data-pagefind|_pagefind/i;

/** A tag as the scanner read it. */
interface Tag {
  readonly kind: 'start' | 'end';
  readonly name: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly selfClosing: boolean;
  /** Offset just after the tag's `>`. */
  readonly end: number;
}

/** Thrown where the page is not what the scanner follows; caught into an untouched page. */
class Unfollowed extends Error {}

/** Parses the exclusions of the index config; throws for a selector this trimmer cannot match exactly. */
export function parseExcludeSelectors(selectors: readonly string[]): SimpleSelector[] {
  return selectors.map((s) => {
    let m: RegExpExecArray | null;
    if ((m = /^([a-z][a-z0-9-]*)$/.exec(s))) return { tag: m[1]! };
    if ((m = /^\.([A-Za-z_][\w-]*)$/.exec(s))) return { className: m[1]! };
    if ((m = /^#([A-Za-z_][\w-]*)$/.exec(s))) return { id: m[1]! };
    if ((m = /^\[([a-z][\w-]*)(?:=(?:([\w-]+)|"([^"]*)"))?\]$/.exec(s))) return m[2] === undefined && m[3] === undefined ? { attr: m[1]! } : { attr: m[1]!, value: m[2] ?? m[3]! };
    throw new Error(`pagefind trim: cannot match the exclude selector “${s}” exactly (only tag, .class, #id, [attr], [attr=value])`);
  });
}

/** Whether a start tag matches one of the selectors. */
function matchesAny(tag: Tag, selectors: readonly SimpleSelector[]): boolean {
  return selectors.some((s) => {
    if ('tag' in s) return tag.name === s.tag;
    if ('className' in s) return (tag.attrs.get('class') ?? '').split(/[\t\n\f\r ]+/).includes(s.className);
    if ('id' in s) return tag.attrs.get('id') === s.id;
    return tag.attrs.has(s.attr) && (s.value === undefined || tag.attrs.get(s.attr) === s.value);
  });
}

/** Whether the character at `i` is HTML whitespace. */
function isSpace(html: string, i: number): boolean {
  const c = html.charCodeAt(i);
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 12;
}

/** Whether the character at `i` ends a tag or attribute name (whitespace, `/`, `>`), or the text (NaN). */
function endsName(html: string, i: number): boolean {
  const c = html.charCodeAt(i);
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 47 || c === 62 || Number.isNaN(c);
}

/** Whether the character at `i` is an ASCII letter. */
function isLetter(html: string, i: number): boolean {
  const c = html.charCodeAt(i) | 32;
  return c >= 97 && c <= 122;
}

/** Reads the tag at `lt` (a `<` followed by a letter, or `</` and a letter) as the HTML tokenizer does, its attributes only with `keepAttrs`. */
function readTag(html: string, lt: number, keepAttrs = true): Tag {
  const kind = html[lt + 1] === '/' ? 'end' : 'start';
  let i = lt + (kind === 'end' ? 2 : 1);
  const nameStart = i;
  while (!endsName(html, i)) i++;
  const name = html.slice(nameStart, i).toLowerCase();
  const attrs = new Map<string, string>();
  for (;;) {
    while (isSpace(html, i) || (html[i] === '/' && html[i + 1] !== '>')) i++;
    if (i >= html.length) throw new Unfollowed(`an unterminated <${name}> tag`);
    if (html[i] === '>') return { kind, name, attrs, selfClosing: false, end: i + 1 };
    if (html[i] === '/') return { kind, name, attrs, selfClosing: true, end: i + 2 };
    const attrStart = i++;
    while (!endsName(html, i) && html[i] !== '=') i++;
    const attrEnd = i;
    let value = '';
    let j = i;
    while (isSpace(html, j)) j++;
    if (html[j] === '=') {
      i = j + 1;
      while (isSpace(html, i)) i++;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        if (close < 0) throw new Unfollowed(`an unterminated attribute of <${name}>`);
        if (keepAttrs) value = html.slice(i + 1, close);
        i = close + 1;
      } else {
        const valueStart = i;
        while (i < html.length && !isSpace(html, i) && html[i] !== '>') i++;
        if (keepAttrs) value = html.slice(valueStart, i);
      }
    }
    if (keepAttrs) {
      const attr = html.slice(attrStart, attrEnd).toLowerCase();
      if (!attrs.has(attr)) attrs.set(attr, value);
    }
  }
}

/** Where the markup token at `lt` (a `<`) ends if it is a comment or other non-element markup; null for a tag or text. */
function skipNonElement(html: string, lt: number, inSvg: boolean): number | null {
  const next = html[lt + 1];
  if (html.startsWith('<!--', lt)) {
    if (html.startsWith('<!-->', lt)) return lt + 5;
    if (html.startsWith('<!--->', lt)) return lt + 6;
    const close = html.indexOf('-->', lt + 4);
    if (close < 0 || html.slice(lt + 4, close).includes('--!>')) throw new Unfollowed('a comment this scanner does not follow');
    return close + 3;
  }
  if (html.startsWith('<![CDATA[', lt)) {
    if (!inSvg) throw new Unfollowed('CDATA outside SVG');
    const close = html.indexOf(']]>', lt);
    if (close < 0) throw new Unfollowed('an unterminated CDATA section');
    return close + 3;
  }
  if (next === '!' || next === '?' || (next === '/' && !isLetter(html, lt + 2))) {
    const close = html.indexOf('>', lt);
    if (close < 0) throw new Unfollowed('unterminated markup');
    return close + 1;
  }
  return null;
}

/**
 * The next start or end tag at or after `pos` and before `limit`, past comments and other
 * non-element markup and any `<` that opens no tag; null when there is none. Throws for a tag the
 * scanner does not follow.
 */
function readNextTag(html: string, pos: number, limit: number, inSvg: boolean, keepAttrs: boolean): { lt: number; tag: Tag } | null {
  for (;;) {
    const lt = html.indexOf('<', pos);
    if (lt < 0 || lt >= limit) return null;
    const skipped = skipNonElement(html, lt, inSvg);
    if (skipped !== null) {
      pos = skipped;
      continue;
    }
    if (!isLetter(html, lt + (html[lt + 1] === '/' ? 2 : 1))) {
      pos = lt + 1;
      continue;
    }
    const tag = readTag(html, lt, keepAttrs);
    if (UNFOLLOWED.has(tag.name)) throw new Unfollowed(`<${tag.name}>`);
    return { lt, tag };
  }
}

/** Where the end tag of a raw-text element starts and ends, searching from `from`. */
function findRawTextEnd(html: string, name: string, from: number, limit: number): { start: number; end: number } {
  const pattern = new RegExp(`</${name}[\\t\\n\\f\\r />]`, 'gi');
  pattern.lastIndex = from;
  const m = pattern.exec(html);
  if (!m || m.index >= limit) throw new Unfollowed(`an unterminated <${name}>`);
  if (name === 'script' && html.slice(from, m.index).includes('<!--')) throw new Unfollowed('a script with a comment');
  return { start: m.index, end: readTag(html, m.index, false).end };
}

/**
 * Where the end tag matching the start tag `open` (of an element with ordinary content) starts and
 * ends, before `limit`. Throws for an end tag inside that closes no element opened inside, since it
 * would close one outside, and the parser would then end `open` elsewhere.
 */
function findEndTag(html: string, open: Tag, limit: number): { start: number; end: number } {
  const stack = [open.name];
  let pos = open.end;
  for (;;) {
    const inSvg = stack.includes('svg');
    const next = readNextTag(html, pos, limit, inSvg, false);
    if (!next) throw new Unfollowed(`no end tag of <${open.name}>`);
    const { lt, tag } = next;
    pos = tag.end;
    if (tag.kind === 'start') {
      if (inSvg && SVG_BREAKOUT.has(tag.name)) throw new Unfollowed(`<${tag.name}> inside SVG`);
      if (!inSvg && RAW_TEXT.has(tag.name)) pos = findRawTextEnd(html, tag.name, tag.end, limit).end;
      else if (!VOID.has(tag.name) && !((inSvg || tag.name === 'svg') && tag.selfClosing)) stack.push(tag.name);
    } else {
      const at = stack.lastIndexOf(tag.name);
      if (at < 0) throw new Unfollowed(`</${tag.name}> inside <${open.name}> with no <${tag.name}> opened there`);
      stack.length = at;
      if (at === 0) return { start: lt, end: tag.end };
    }
  }
}

/** Empties, within `[from, to)` of `html`, the elements matching `exclude` (see the module comment); returns the content. */
function trimRoot(html: string, from: number, to: number, exclude: readonly SimpleSelector[]): string {
  const out: string[] = [];
  let copied = from;
  let pos = from;
  for (;;) {
    const next = readNextTag(html, pos, to, false, true);
    if (!next) break;
    const { tag } = next;
    pos = tag.end;
    if (tag.kind === 'end' || VOID.has(tag.name)) continue;
    if (tag.selfClosing && tag.name === 'svg') continue;
    const excluded = matchesAny(tag, exclude);
    if (excluded && tag.selfClosing) throw new Unfollowed(`a self-closed excluded <${tag.name}/>`);
    if (excluded && OPTIONAL_END.has(tag.name)) continue;
    if (!excluded && !RAW_TEXT.has(tag.name) && tag.name !== 'svg') continue;
    const close = RAW_TEXT.has(tag.name) ? findRawTextEnd(html, tag.name, tag.end, to) : findEndTag(html, tag, to);
    pos = close.end;
    if (!excluded || tag.name === 'h1' || tag.name === 'title' || READ_WHEN_EXCLUDED.test(html.slice(tag.end, close.start))) continue;
    out.push(html.slice(copied, tag.end), html.slice(close.start, close.end));
    copied = close.end;
  }
  out.push(html.slice(copied, to));
  return out.join('');
}

/** Finds the only match of a global pattern in `html`, or throws when there is none or more than one. */
function findOnly(html: string, pattern: RegExp, what: string): RegExpExecArray {
  const all = [...html.matchAll(pattern)];
  if (all.length !== 1) throw new Unfollowed(`${all.length} ${what}`);
  return all[0]!;
}

/**
 * Makes the trimmer for an index config (`rootSelector` a tag name, `excludeSelectors` simple
 * selectors); throws for a config it cannot trim for exactly.
 */
export function createPageTrimmer(config: { readonly rootSelector: string; readonly excludeSelectors: readonly string[] }): (html: string) => TrimmedPage {
  if (!/^[a-z][a-z0-9-]*$/.test(config.rootSelector)) throw new Error(`pagefind trim: the root selector “${config.rootSelector}” is not a tag name`);
  const root = config.rootSelector;
  const exclude = parseExcludeSelectors(config.excludeSelectors);
  const openRoot = new RegExp(`<${root}[\\t\\n\\f\\r />]`, 'gi');
  const closeRoot = new RegExp(`</${root}[\\t\\n\\f\\r />]`, 'gi');
  return (html) => {
    try {
      const htmlTag = findOnly(html, /<html[\t\n\f\r />]/gi, '<html> tags');
      if (!/^\s*(?:<!doctype[^>]*>\s*)?$/i.test(html.slice(0, htmlTag.index))) throw new Unfollowed('markup before <html>');
      const htmlEnd = readTag(html, htmlTag.index).end;
      const open = findOnly(html, openRoot, `<${root}> tags`);
      const close = findOnly(html, closeRoot, `</${root}> tags`);
      const openTag = readTag(html, open.index);
      if (open.index < htmlEnd || close.index < openTag.end) throw new Unfollowed(`<${root}> out of place`);
      const closeEnd = readTag(html, close.index).end;
      const outside = html.slice(0, open.index) + html.slice(closeEnd);
      if (/data-pagefind|_pagefind/i.test(outside)) throw new Unfollowed(`Pagefind markup outside <${root}>`);
      return { html: `${html.slice(0, htmlEnd)}${html.slice(open.index, openTag.end)}${trimRoot(html, openTag.end, close.index, exclude)}${html.slice(close.index, closeEnd)}</html>\n`, untouched: null };
    } catch (err) {
      if (err instanceof Unfollowed) return { html, untouched: err.message };
      throw err;
    }
  };
}
