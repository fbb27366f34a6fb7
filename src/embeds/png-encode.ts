/**
 * Encodes the opaque RGBA pixels resvg renders as a PNG, faster and smaller than resvg's own
 * `asPng()` (RGBA, Sub filter, default compression): an image of at most 256 colours (most charts:
 * flat fills, one ink, anti-aliasing against white) becomes an indexed PNG, any other an RGB one,
 * both unfiltered (flat areas and repeated glyphs compress better as they are) and deflated by
 * node:zlib at a low level. The decoded pixels are exactly the rendered ones. Assumes every pixel is
 * opaque (our images paint a white background first); given any that is not, it returns null and
 * the caller keeps resvg's encoding, which knows how to un-premultiply.
 * Deterministic for one zlib build (the palette is in order of first appearance, scanning rows).
 */
import { crc32, deflateSync } from 'node:zlib';

/** The deflate level of indexed images: one byte per pixel, so a longer match search stays cheap. */
export const PNG_PALETTE_LEVEL = 4;

/** The deflate level of RGB images: three bytes per pixel, where level 4's lazy matching costs twice as much. */
export const PNG_RGB_LEVEL = 3;

/** Names this encoding and the zlib that deflates it, for cache keys: a change of either may change the bytes. */
export const PNG_ENCODER_ID = `png-encode:indexed-${PNG_PALETTE_LEVEL}/rgb-${PNG_RGB_LEVEL}/none;zlib@${process.versions.zlib}`;

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** Scratch space for the filtered rows, kept between images (one image at a time per thread). */
let scratch = new Uint8Array(0);

/** Returns the scratch buffer, grown to at least `size` bytes. */
function takeScratch(size: number): Uint8Array {
  if (scratch.length < size) scratch = new Uint8Array(size);
  return scratch;
}

/** Writes one chunk: length, type, data, CRC of type and data. */
function writeChunk(type: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(data.length + 12);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i += 1) chunk[4 + i] = type.charCodeAt(i);
  chunk.set(data, 8);
  view.setUint32(data.length + 8, crc32(chunk.subarray(4, data.length + 8)));
  return chunk;
}

/** Joins the signature and chunks into one file. */
function joinPng(chunks: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(SIGNATURE.length + chunks.reduce((n, c) => n + c.length, 0));
  out.set(SIGNATURE, 0);
  let at = SIGNATURE.length;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The IHDR data: size, bit depth 8, colour type, deflate, adaptive filtering, no interlace. */
function writeHeader(width: number, height: number, colorType: 2 | 3): Uint8Array {
  const data = new Uint8Array(13);
  const view = new DataView(data.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  data[8] = 8;
  data[9] = colorType;
  return data;
}

/**
 * Writes the rows as palette indices (filter byte 0 before each row) into the scratch buffer and
 * returns the colours (RGBA as little-endian 32-bit numbers), or null past 256 colours or at a
 * pixel that is not opaque.
 */
function indexPixels(pixels: Uint32Array, width: number, height: number, rows: Uint8Array): number[] | null {
  // Open addressing over 1,024 slots: at most 256 colours, so it never fills.
  const keys = new Uint32Array(1024);
  const slots = new Int16Array(1024).fill(-1);
  const colors: number[] = [];
  let lastColor = -1;
  let lastIndex = 0;
  let p = 0;
  let o = 0;
  for (let y = 0; y < height; y += 1) {
    rows[o++] = 0;
    for (let x = 0; x < width; x += 1) {
      const c = pixels[p++] ?? 0;
      if (c !== lastColor) {
        if (c >>> 24 !== 0xff) return null;
        let slot = Math.imul(c, 0x9e3779b1) >>> 22;
        while (slots[slot] !== -1 && keys[slot] !== c) slot = (slot + 1) & 1023;
        if (slots[slot] === -1) {
          if (colors.length === 256) return null;
          keys[slot] = c;
          slots[slot] = colors.length;
          colors.push(c);
        }
        lastColor = c;
        lastIndex = slots[slot] ?? 0;
      }
      rows[o++] = lastIndex;
    }
  }
  return colors;
}

/** Writes the rows as RGB (filter byte 0 before each row) into `rows`; false at a pixel that is not opaque. */
function packRgb(pixels: Uint32Array, width: number, height: number, rows: Uint8Array): boolean {
  let p = 0;
  let o = 0;
  for (let y = 0; y < height; y += 1) {
    rows[o++] = 0;
    for (let x = 0; x < width; x += 1) {
      const c = pixels[p++] ?? 0;
      if (c >>> 24 !== 0xff) return false;
      // A typed array keeps the low 8 bits of what it is given.
      rows[o] = c;
      rows[o + 1] = c >>> 8;
      rows[o + 2] = c >>> 16;
      o += 3;
    }
  }
  return true;
}

/**
 * Encodes opaque RGBA pixels (resvg's `render().pixels`, rows top to bottom) as PNG bytes; returns
 * null when some pixel is not fully opaque.
 */
export function encodeOpaquePng(pixels: Uint8Array, width: number, height: number): Uint8Array<ArrayBuffer> | null {
  if (pixels.length !== width * height * 4) throw new Error(`encodeOpaquePng: ${pixels.length} bytes for ${width}×${height} RGBA pixels`);
  // The 32-bit view needs an aligned start; copy the rare buffer that is not.
  const aligned = pixels.byteOffset % 4 === 0 ? pixels : pixels.slice();
  const words = new Uint32Array(aligned.buffer, aligned.byteOffset, width * height);
  const indexed = takeScratch((width + 1) * height).subarray(0, (width + 1) * height);
  const colors = indexPixels(words, width, height, indexed);
  if (colors) {
    const palette = new Uint8Array(colors.length * 3);
    colors.forEach((c, i) => palette.set([c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff], i * 3));
    const idat = deflateSync(indexed, { level: PNG_PALETTE_LEVEL });
    return joinPng([writeChunk('IHDR', writeHeader(width, height, 3)), writeChunk('PLTE', palette), writeChunk('IDAT', idat), writeChunk('IEND', new Uint8Array(0))]);
  }
  const rgb = takeScratch((width * 3 + 1) * height).subarray(0, (width * 3 + 1) * height);
  if (!packRgb(words, width, height, rgb)) return null;
  const idat = deflateSync(rgb, { level: PNG_RGB_LEVEL });
  return joinPng([writeChunk('IHDR', writeHeader(width, height, 2)), writeChunk('IDAT', idat), writeChunk('IEND', new Uint8Array(0))]);
}
