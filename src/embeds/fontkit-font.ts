/**
 * An OutlineFont over a font file read with fontkit (TrueType or OpenType): text laid out with the
 * font's own shaping (kerning, CJK punctuation forms), glyph outlines read once per glyph and kept.
 * The font's bytes are passed in; nothing here reads files.
 */
import { create, type Font } from 'fontkit';
import type { GlyphCommand, LaidText, OutlineFont } from './outline-text.ts';

const OPS: Readonly<Record<string, GlyphCommand['op']>> = { moveTo: 'M', lineTo: 'L', quadraticCurveTo: 'Q', bezierCurveTo: 'C', closePath: 'Z' };

/** Opens a font from its bytes as an OutlineFont; `id` names it in cache keys (file and version). */
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
  return {
    id,
    unitsPerEm: font.unitsPerEm,
    ascender: font['OS/2'].typoAscender,
    descender: font['OS/2'].typoDescender,
    layoutText(text: string): LaidText {
      const missing = [...new Set([...text].filter((ch) => !/\s/.test(ch) && !font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0)))];
      const run = font.layout(text);
      let pen = 0;
      const glyphs = run.glyphs.map((g, i) => {
        const pos = run.positions[i];
        const placed = { id: g.id, commands: outlineOf(g.id), x: pen + (pos?.xOffset ?? 0), y: pos?.yOffset ?? 0 };
        pen += pos?.xAdvance ?? g.advanceWidth;
        return placed;
      });
      return { glyphs, advance: pen, missing };
    },
  };
}
