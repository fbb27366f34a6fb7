/**
 * Rasterises an outlined image SVG to PNG with resvg, with system fonts switched off: the SVGs
 * carry their glyphs as outlines, so the PNG is the same on any machine, and a text that was not
 * outlined would show up as missing instead of being drawn in whatever font the machine has.
 */
import { Resvg } from '@resvg/resvg-js';

/** Renders an SVG to PNG bytes at a zoom factor (2: twice the SVG's size in pixels). */
export function rasterisePng(svg: string, zoom: number): Uint8Array<ArrayBuffer> {
  const resvg = new Resvg(svg, { fitTo: { mode: 'zoom', value: zoom }, font: { loadSystemFonts: false }, logLevel: 'off' });
  return new Uint8Array(resvg.render().asPng());
}
