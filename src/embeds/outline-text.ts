/**
 * Turns every `<text>` of an SVG into glyph outlines, so the file shows the same Chinese text on a
 * machine without Chinese fonts (a WeChat article, an image viewer, a rasteriser with no system fonts).
 * Each glyph used is defined once in `<defs>` (scaled to its size, y down) and placed with `<use>`.
 * Assumes the SVG comes from src/charts/render-svg.ts or the compositions in this folder: `<text>`
 * elements hold plain text (no child elements), are positioned by `x`/`y` and an optional `transform`,
 * and take their size and weight from `style` or the root's `font-size`. Anything else throws, so a
 * text is never silently dropped. A character the font lacks throws too, naming it.
 */

/** One glyph of a laid-out text: its id in the font, its outline and where the pen puts it (font units). */
export interface PlacedGlyph {
  readonly id: number;
  /** The outline as path commands in font units, y up; empty for a space. */
  readonly commands: readonly GlyphCommand[];
  readonly x: number;
  readonly y: number;
}

/** One outline command: M, L, Q, C or Z with its coordinates (font units, y up). */
export interface GlyphCommand {
  readonly op: 'M' | 'L' | 'Q' | 'C' | 'Z';
  readonly args: readonly number[];
}

/** A text laid out in one font: its glyphs and its total advance (font units). */
export interface LaidText {
  readonly glyphs: readonly PlacedGlyph[];
  readonly advance: number;
  /** Characters of the text the font has no glyph for. */
  readonly missing: readonly string[];
}

/** A font as the outliner needs it. */
export interface OutlineFont {
  /** Names the font file and version, for cache keys. */
  readonly id: string;
  readonly unitsPerEm: number;
  /** The ascender and descender (typo metrics, descender negative), for the central and hanging baselines. */
  readonly ascender: number;
  readonly descender: number;
  /** Lays a text out in one line. */
  layoutText(text: string): LaidText;
}

/** The two weights charts use. */
export interface OutlineFonts {
  readonly regular: OutlineFont;
  readonly bold: OutlineFont;
}

/** Measures a text's width in px at a size. */
export function measureTextWidth(text: string, font: OutlineFont, size: number): number {
  return (font.layoutText(text).advance * size) / font.unitsPerEm;
}

/** Decodes the XML entities ECharts and the compositions write in text. */
export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e.toLowerCase()] ?? '';
  });
}

/** Rounds to two decimals for positions, without “-0” or trailing zeros. */
function formatCoord(n: number): string {
  const r = Math.round(n * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}

/** Writes a number of tenths (an integer) as short path data: 15 → “1.5”, -5 → “-.5”, 20 → “2”. */
function formatTenths(tenths: number): string {
  const text = String(Math.abs(tenths) / 10).replace(/^0\./, '.');
  return tenths < 0 ? `-${text}` : text;
}

/**
 * Writes a glyph outline as compact path data scaled by `scale` with y flipped: coordinates rounded
 * to 0.1 px (at most 0.05 px off), relative commands whose steps are taken between rounded absolute
 * points (so rounding never accumulates along a contour), repeated command letters left out.
 */
export function formatGlyphPath(commands: readonly GlyphCommand[], scale: number): string {
  let out = '';
  let last = '';
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  for (const c of commands) {
    if (c.op === 'Z') {
      out += 'z';
      last = 'z';
      cx = sx;
      cy = sy;
      continue;
    }
    const points: number[] = c.args.map((v, i) => Math.round((i % 2 ? -v : v) * scale * 10));
    const deltas = points.map((v, i) => v - (i % 2 ? cy : cx));
    const op = c.op.toLowerCase();
    if (op !== last || op === 'm') out += op;
    for (const d of deltas) {
      const n = formatTenths(d);
      // A separator only where the next number would otherwise run into the last one.
      out += /[\d.]$/.test(out) && !n.startsWith('-') && !(n.startsWith('.') && /\.\d*$/.test(out)) ? ` ${n}` : n;
    }
    last = op;
    cx = points[points.length - 2] ?? cx;
    cy = points[points.length - 1] ?? cy;
    if (c.op === 'M') {
      sx = cx;
      sy = cy;
    }
  }
  return out;
}

/** Reads the attributes of a start tag into a map. */
function readAttributes(text: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of text.matchAll(/([a-zA-Z:-]+)="([^"]*)"/g)) attrs.set(m[1] ?? '', m[2] ?? '');
  return attrs;
}

/**
 * The paint of a text's outline (a label's halo: `stroke` with `paint-order="stroke"`), copied as is:
 * the glyph paths are in px, so a stroke width means on them what it meant on the text.
 */
const STROKE_ATTRIBUTES = ['stroke', 'stroke-width', 'stroke-opacity', 'stroke-linejoin', 'stroke-miterlimit', 'paint-order'];

/** The attributes a `<text>` may carry: the ones that position or style it, all handled below. */
const KNOWN_ATTRIBUTES = new Set(['x', 'y', 'transform', 'fill', 'fill-opacity', 'opacity', 'style', 'text-anchor', 'dominant-baseline', 'xml:space', 'font-size', 'font-weight', ...STROKE_ATTRIBUTES]);

/** The attributes copied onto the group that replaces a `<text>`. */
const COPIED_ATTRIBUTES = ['transform', 'fill', 'fill-opacity', 'opacity', ...STROKE_ATTRIBUTES];

/** The style properties a `<text>` may set. */
const KNOWN_STYLE = new Set(['font-size', 'font-weight']);

/** Glyph path data already written, by font, then size and glyph id: charts share most of their glyphs. */
const writtenPaths = new WeakMap<OutlineFont, Map<string, string>>();

/** Writes a glyph's path data at a size, once per font, size and glyph. */
function formatCachedGlyphPath(font: OutlineFont, size: number, glyph: PlacedGlyph): string {
  let paths = writtenPaths.get(font);
  if (!paths) {
    paths = new Map();
    writtenPaths.set(font, paths);
  }
  const key = `${size}:${glyph.id}`;
  let d = paths.get(key);
  if (d === undefined) {
    d = formatGlyphPath(glyph.commands, size / font.unitsPerEm);
    paths.set(key, d);
  }
  return d;
}

/** Options of the outliner. */
export interface OutlineOptions {
  /** Prefix of the glyph ids in `<defs>`, unique among SVGs that may share a document. */
  readonly idPrefix?: string;
}

/** Replaces every `<text>` of an SVG with outlines; throws for a text it cannot place faithfully. */
export function outlineSvgText(svg: string, fonts: OutlineFonts, opts: OutlineOptions = {}): string {
  const prefix = opts.idPrefix ?? 'g';
  const rootSize = Number(/^<svg\b[^>]*\bfont-size="([\d.]+)"/.exec(svg)?.[1] ?? 12);
  const defs = new Map<string, string>();
  const glyphId = (font: OutlineFont, weight: 'r' | 'b', size: number, glyph: PlacedGlyph): string => {
    const id = `${prefix}${weight}${formatCoord(size).replace('.', '_')}-${glyph.id}`;
    if (!defs.has(id)) defs.set(id, `<path id="${id}" d="${formatCachedGlyphPath(font, size, glyph)}"/>`);
    return id;
  };
  const body = svg.replace(/<text\b([^>]*)>([\s\S]*?)<\/text>/g, (whole, attrText: string, content: string) => {
    if (content.includes('<')) throw new Error(`outlineSvgText: a text with child elements cannot be outlined: ${whole.slice(0, 200)}`);
    const attrs = readAttributes(attrText);
    const unknown = [...attrs.keys()].filter((a) => !KNOWN_ATTRIBUTES.has(a));
    if (unknown.length) throw new Error(`outlineSvgText: unexpected attribute(s) ${unknown.join(', ')} on ${whole.slice(0, 200)}`);
    const style = new Map(
      (attrs.get('style') ?? '')
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => [s.slice(0, s.indexOf(':')).trim(), s.slice(s.indexOf(':') + 1).trim()] as const),
    );
    const badStyle = [...style.keys()].filter((k) => !KNOWN_STYLE.has(k));
    if (badStyle.length) throw new Error(`outlineSvgText: unexpected style ${badStyle.join(', ')} on ${whole.slice(0, 200)}`);
    const size = Number((style.get('font-size') ?? attrs.get('font-size') ?? String(rootSize)).replace(/px$/, ''));
    const weightText = style.get('font-weight') ?? attrs.get('font-weight') ?? 'normal';
    const bold = weightText === 'bold' || Number(weightText) >= 600;
    const font = bold ? fonts.bold : fonts.regular;
    let text = decodeXmlText(content);
    if (attrs.get('xml:space') !== 'preserve') text = text.replace(/\s+/g, ' ').trim();
    const laid = font.layoutText(text);
    if (laid.missing.length) throw new Error(`outlineSvgText: the font ${font.id} has no glyph for ${laid.missing.map((c) => `“${c}” (U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`).join(', ')} in “${text}”`);
    const scale = size / font.unitsPerEm;
    const width = laid.advance * scale;
    const anchor = attrs.get('text-anchor') ?? 'start';
    const x0 = Number(attrs.get('x') ?? 0) - (anchor === 'middle' ? width / 2 : anchor === 'end' ? width : 0);
    const y0 = Number(attrs.get('y') ?? 0) + shiftBaseline(attrs.get('dominant-baseline') ?? 'alphabetic', font) * scale;
    const uses = laid.glyphs
      .filter((g) => g.commands.length > 0)
      .map((g) => `<use xlink:href="#${glyphId(font, bold ? 'b' : 'r', size, g)}" x="${formatCoord(x0 + g.x * scale)}" y="${formatCoord(y0 - g.y * scale)}"/>`);
    const copied = COPIED_ATTRIBUTES.filter((a) => attrs.has(a)).map((a) => ` ${a}="${attrs.get(a)}"`).join('');
    return `<g${copied}>${uses.join('')}</g>`;
  });
  if (/<text\b/.test(body)) throw new Error('outlineSvgText: a <text> element was left (unclosed or self-closing)');
  const root = /^<svg\b[^>]*>/.exec(body)?.[0];
  if (!root) throw new Error('outlineSvgText: not an SVG document (no root <svg> at the start)');
  const bare = root.replace(/ font-family="[^"]*"/, '');
  const newRoot = defs.size && !bare.includes('xmlns:xlink=') ? bare.replace(/^<svg\b/, '<svg xmlns:xlink="http://www.w3.org/1999/xlink"') : bare;
  const defsText = defs.size ? `<defs>${[...defs.values()].join('')}</defs>\n` : '';
  return `${newRoot}\n${defsText}${body.slice(root.length).replace(/^\n/, '')}`;
}

/** How far below the given baseline the alphabetic baseline is, in font units. */
function shiftBaseline(baseline: string, font: OutlineFont): number {
  switch (baseline) {
    case 'central':
    case 'middle':
      return (font.ascender + font.descender) / 2;
    case 'hanging':
    case 'text-before-edge':
      return font.ascender;
    case 'text-after-edge':
    case 'ideographic':
      return font.descender;
    case 'alphabetic':
    case 'auto':
      return 0;
    default:
      throw new Error(`outlineSvgText: unsupported dominant-baseline “${baseline}”`);
  }
}
