/**
 * Decodes the PNGs this project writes back to RGBA pixels, so tests and benchmarks can check that
 * two encodings hold the same image: 8-bit greyscale-free PNGs (RGB, RGBA or indexed, with an
 * optional tRNS for indexed), not interlaced, any of the five row filters. Anything else throws. (A Uint8Array keeps
 * the low 8 bits of a sum, which is the filters' modulo 256.)
 */
import { inflateSync } from 'node:zlib';

/** An image as straight (not premultiplied) RGBA bytes, rows top to bottom. */
export interface DecodedPng {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

/** The Paeth predictor of the PNG specification. */
function predictPaeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Reads a PNG's pixels as RGBA; throws for a PNG kind it does not handle. */
export function decodePng(bytes: Uint8Array): DecodedPng {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  let width = 0;
  let height = 0;
  let colorType = -1;
  let palette: Uint8Array = new Uint8Array(0);
  let alphas: Uint8Array = new Uint8Array(0);
  const idat: Uint8Array[] = [];
  while (at < bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      colorType = data[9] ?? -1;
      if (data[8] !== 8 || data[12] !== 0 || ![2, 3, 6].includes(colorType)) throw new Error(`decodePng: unsupported PNG (bit depth ${data[8]}, colour type ${colorType}, interlace ${data[12]})`);
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') alphas = data;
    else if (type === 'IDAT') idat.push(data);
    at += length + 12;
  }
  const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : 1;
  const stride = width * channels;
  const raw = inflateSync(Buffer.concat(idat));
  const rows = new Uint8Array(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = rows.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? rows.subarray((y - 1) * stride, y * stride) : new Uint8Array(stride);
    if (filter === 0) row.set(line);
    else if (filter === 1) for (let i = 0; i < stride; i += 1) row[i] = (line[i] ?? 0) + (i >= channels ? (row[i - channels] ?? 0) : 0);
    else if (filter === 2) for (let i = 0; i < stride; i += 1) row[i] = (line[i] ?? 0) + (prev[i] ?? 0);
    else if (filter === 3) for (let i = 0; i < stride; i += 1) row[i] = (line[i] ?? 0) + (((i >= channels ? (row[i - channels] ?? 0) : 0) + (prev[i] ?? 0)) >> 1);
    else if (filter === 4) {
      for (let i = 0; i < stride; i += 1) {
        const left = i >= channels ? (row[i - channels] ?? 0) : 0;
        const upLeft = i >= channels ? (prev[i - channels] ?? 0) : 0;
        row[i] = (line[i] ?? 0) + predictPaeth(left, prev[i] ?? 0, upLeft);
      }
    } else throw new Error(`decodePng: unknown row filter ${filter} on row ${y}`);
  }
  if (channels === 4) return { width, height, rgba: rows };
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p += 1) {
    if (channels === 3) {
      rgba[p * 4] = rows[p * 3] ?? 0;
      rgba[p * 4 + 1] = rows[p * 3 + 1] ?? 0;
      rgba[p * 4 + 2] = rows[p * 3 + 2] ?? 0;
      rgba[p * 4 + 3] = 0xff;
    } else {
      const index = rows[p] ?? 0;
      if (index * 3 >= palette.length) throw new Error(`decodePng: palette index ${index} past a palette of ${palette.length / 3}`);
      rgba[p * 4] = palette[index * 3] ?? 0;
      rgba[p * 4 + 1] = palette[index * 3 + 1] ?? 0;
      rgba[p * 4 + 2] = palette[index * 3 + 2] ?? 0;
      rgba[p * 4 + 3] = alphas[index] ?? 0xff;
    }
  }
  return { width, height, rgba };
}
