/**
 * An OutlineFont over a font file read with fontkit (TrueType or OpenType): text laid out with the
 * font's own shaping (kerning, CJK punctuation forms), glyph outlines read once per glyph and kept,
 * and laid-out texts kept too (up to LAYOUT_CACHE_SIZE, then started afresh): the same axis labels,
 * legends, source lines and title prefixes come back chart after chart, and shaping is most of the
 * cost of outlining. A cached layout is the very object an uncached call would rebuild, equal in
 * every field, so the output does not depend on what was cached before.
 * The font's bytes are passed in; nothing here reads files.
 */
import { create, type Font } from 'fontkit';
import type { GlyphCommand, LaidText, OutlineFont } from './outline-text.ts';

/** How many laid-out texts a font keeps before it forgets them all (bounded memory over 20,000 reports). */
export const LAYOUT_CACHE_SIZE = 20_000;

const OPS: Readonly<Record<string, GlyphCommand['op']>> = { moveTo: 'M', lineTo: 'L', quadraticCurveTo: 'Q', bezierCurveTo: 'C', closePath: 'Z' };

/** Opens a font from its bytes as an OutlineFont; `id` names it in errors. */
export function openOutlineFont(bytes: Uint8Array, id: string): OutlineFont {
  const opened = create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!('layout' in opened)) throw new Error(`openOutlineFont: ${id} is a font collection; pass a single font`);
  const font: Font = opened;
  const outlines = new Map<number, readonly GlyphCommand[]>();
  const outlineOf = (glyphId: number): readonly GlyphCommand[] => {
    let commands = outlines.get(glyphId);
    if (!commands) {
      commands = font.getGlyph(glyphId).path.commands.map((c) => ({ op: OPS[c.command] ?? 'Z', args: c.command === 'closePath' ? [] : c.args }));
      outlines.set(glyphId, commands);
    }
    return commands;
  };
  const layouts = new Map<string, LaidText>();
  const layoutText = (text: string): LaidText => {
    const missing = [...new Set([...text].filter((ch) => !/\s/.test(ch) && !font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0)))];
    const run = font.layout(text);
    let pen = 0;
    const glyphs = run.glyphs.map((g, i) => {
      const pos = run.positions[i];
      const placed = { id: g.id, commands: outlineOf(g.id), x: pen + (pos?.xOffset ?? 0), y: pos?.yOffset ?? 0 };
      pen += pos?.xAdvance ?? g.advanceWidth;
      return placed;
    });
    return Object.freeze({ glyphs: Object.freeze(glyphs), advance: pen, missing: Object.freeze(missing) });
  };
  return {
    id,
    unitsPerEm: font.unitsPerEm,
    ascender: font['OS/2'].typoAscender,
    descender: font['OS/2'].typoDescender,
    layoutText(text: string): LaidText {
      let laid = layouts.get(text);
      if (!laid) {
        if (layouts.size >= LAYOUT_CACHE_SIZE) layouts.clear();
        laid = layoutText(text);
        layouts.set(text, laid);
      }
      return laid;
    },
  };
}
