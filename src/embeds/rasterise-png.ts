/**
 * Rasterises an outlined image SVG to PNG with resvg, with system fonts switched off: the SVGs
 * carry their glyphs as outlines, so the PNG is the same on any machine, and a text that was not
 * outlined would show up as missing instead of being drawn in whatever font the machine has.
 * The pixels are encoded by png-encode.ts (indexed or RGB, about three times faster than resvg's
 * encoder and smaller); an image with a pixel that is not opaque keeps resvg's own encoding.
 */
import { Resvg } from '@resvg/resvg-js';
import { encodeOpaquePng } from './png-encode.ts';

/** Renders an SVG to PNG bytes at a zoom factor (2: twice the SVG's size in pixels). */
export function rasterisePng(svg: string, zoom: number): Uint8Array<ArrayBuffer> {
  const image = new Resvg(svg, { fitTo: { mode: 'zoom', value: zoom }, font: { loadSystemFonts: false }, logLevel: 'off' }).render();
  return encodeOpaquePng(image.pixels, image.width, image.height) ?? new Uint8Array(image.asPng());
}
