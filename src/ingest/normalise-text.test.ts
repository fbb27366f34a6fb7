import { describe, expect, it } from 'vitest';
import { cleanDisplayText, normaliseLabel, normaliseText } from './normalise-text.ts';
import { locateRawOffset, makeSpan } from './source-lines.ts';

describe('the edge normaliser', () => {
  it('maps Kangxi radicals and radical-supplement code points to unified ideographs', () => {
    // What pdfjs returns for 一二人民月日工 from some PDFs.
    expect(normaliseText('⼀⼆⼈⺠⽉⽇⼯').text).toBe('一二人民月日工');
    expect(normaliseLabel('（⼀）予以公开')).toBe('一予以公开');
  });

  it('folds full-width digits, signs, brackets and compatibility ideographs; keeps circled digits and superscripts', () => {
    expect(normaliseText('１２３，４５６．７８（万元）－３').text).toBe('123,456.78(万元)-3');
    expect(normaliseText('\u2212 5\u3000\u00A0x').text).toBe('- 5  x');
    expect(normaliseText('\uF900').text).toBe('豈');
    expect(normaliseText('㈠').text).toBe('(一)');
    expect(normaliseText('①㎡²½').text).toBe('①m2²½');
    expect(normaliseText('61\u200B17').text).toBe('6117');
  });

  it('keeps the way back to raw offsets when the length changes', () => {
    const span = makeSpan('㈠予以公开 １２', 3, 5);
    expect(span.text).toBe('(一)予以公开 12');
    expect(span.raw).toBe('㈠予以公开 １２');
    const at = span.text.indexOf('12');
    expect(span.raw.slice(locateRawOffset(span, at))).toBe('１２');
    expect(locateRawOffset(span, 3)).toBe(1);
    expect(makeSpan('plain 12', 1, 1).offsets).toBeNull();
  });

  it('normalises each character on its own, with its offset, whatever surrounds it', () => {
    // Radicals (one whose ideograph is outside the BMP), full-width forms, odd spaces, zero-width,
    // ㈠ (longer after), kept digits, compatibility and astral ideographs, ASCII, a combining mark.
    const alphabet = ['a', '7', ' ', '一', '⼀', '⺇', '１', '－', '\u3000', '\u200B', '㈠', '①', '\uF900', '𠀀', 'é', 'e\u0301'];
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 300; n++) {
      const parts = Array.from({ length: 1 + Math.floor(next() * 12) }, () => alphabet[Math.floor(next() * alphabet.length)]!);
      const raw = parts.join('');
      const got = normaliseText(raw);
      expect(got.text).toBe(parts.map((p) => normaliseText(p).text).join(''));
      const offsets = got.offsets ?? [...Array(raw.length + 1).keys()];
      expect(offsets.length).toBe(got.text.length + 1);
      let at = 0;
      let out = 0;
      for (const p of parts) {
        const piece = normaliseText(p).text;
        if (piece) expect(offsets[out]).toBe(at);
        at += p.length;
        out += piece.length;
      }
      expect(offsets[out]).toBe(raw.length);
    }
  });

  it('cleans display text without folding Chinese punctuation', () => {
    expect(cleanDisplayText('⼈⺠政府，（⼀）２０２１年')).toBe('人民政府，（一）２０２１年');
  });
});
