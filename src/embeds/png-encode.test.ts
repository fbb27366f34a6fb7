import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { renderChartSvg } from '../charts/render-svg.ts';
import { loadCommittedContent } from '../fixtures/committed-content.ts';
import { listReportCharts } from '../views/chart-sets.ts';
import { IMAGE_CHART_WIDTH, loadImageFonts } from './build-images.ts';
import { renderChartImageSvg, renderOgImageSvg } from './chart-image.ts';
import { buildChartImageText, buildOgImageText } from './embed-view.ts';
import { decodePng } from './png-decode.ts';
import { encodeOpaquePng } from './png-encode.ts';
import { rasterisePng } from './rasterise-png.ts';

const content = loadCommittedContent();
const fonts = loadImageFonts();

/** The standalone image SVGs of every chart of the committed reports and each report's preview, with their zoom. */
function listImageSvgs(): { name: string; svg: string; zoom: number }[] {
  const out: { name: string; svg: string; zoom: number }[] = [];
  for (const report of content.reports) {
    let key: string | null = null;
    for (const entry of listReportCharts(report, content.jurisdictions)) {
      const built = entry.build?.(IMAGE_CHART_WIDTH);
      const chartSvg = built ? renderChartSvg(built.option, built.size) : null;
      key ??= chartSvg;
      const view = { id: `chart-${entry.key}`, key: entry.key, title: entry.title, description: entry.description, table: entry.table, notes: entry.notes, narrow: null, wide: chartSvg ? { svg: chartSvg, tipsJson: '[]' } : null };
      out.push({ name: `${report.meta.id}/${entry.key}`, svg: renderChartImageSvg(chartSvg, buildChartImageText(report.meta, view, 'https://gongkai.example.org/'), fonts, IMAGE_CHART_WIDTH), zoom: 2 });
    }
    out.push({ name: `${report.meta.id}/og`, svg: renderOgImageSvg(key, buildOgImageText(report.meta), fonts), zoom: 1 });
  }
  return out;
}

/** Renders with resvg as rasterise-png.ts does. */
function renderWithResvg(svg: string, zoom: number): ReturnType<Resvg['render']> {
  return new Resvg(svg, { fitTo: { mode: 'zoom', value: zoom }, font: { loadSystemFonts: false }, logLevel: 'off' }).render();
}

describe('encodeOpaquePng', () => {
  it('holds exactly the pixels of resvg’s own PNG, for every chart image and preview of the committed reports', () => {
    const images = listImageSvgs();
    expect(images.length).toBeGreaterThanOrEqual(20);
    const kinds = new Map<number, number>();
    let ourBytes = 0;
    let resvgBytes = 0;
    for (const { name, svg, zoom } of images) {
      const rendered = renderWithResvg(svg, zoom);
      const theirs = decodePng(rendered.asPng());
      const png = rasterisePng(svg, zoom);
      const ours = decodePng(png);
      expect([ours.width, ours.height], name).toEqual([theirs.width, theirs.height]);
      expect(Buffer.from(ours.rgba).equals(Buffer.from(theirs.rgba)), name).toBe(true);
      // And the decoder itself agrees with resvg's raw pixels (opaque, so premultiplied is straight).
      expect(Buffer.from(theirs.rgba).equals(rendered.pixels), name).toBe(true);
      kinds.set(png[25] ?? -1, (kinds.get(png[25] ?? -1) ?? 0) + 1);
      ourBytes += png.length;
      resvgBytes += rendered.asPng().length;
    }
    // Both encodings occur in the committed content: indexed (3) and RGB (2).
    expect([...kinds.keys()].sort()).toEqual([2, 3]);
    expect(ourBytes).toBeLessThan(resvgBytes);
  });

  it('gives the same bytes every time', () => {
    const [first] = listImageSvgs();
    if (!first) throw new Error('no image');
    const rendered = renderWithResvg(first.svg, first.zoom);
    const a = encodeOpaquePng(rendered.pixels, rendered.width, rendered.height);
    const b = encodeOpaquePng(new Uint8Array(rendered.pixels), rendered.width, rendered.height);
    expect(a).not.toBeNull();
    expect(Buffer.from(a!).equals(Buffer.from(b!))).toBe(true);
  });

  it('declines an image with a pixel that is not opaque, and rasterisePng then keeps resvg’s encoding', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="10" height="10" fill="#0b5cad" fill-opacity="0.5"/><rect x="10" width="10" height="10" fill="#fff"/></svg>';
    const rendered = renderWithResvg(svg, 1);
    expect(encodeOpaquePng(rendered.pixels, rendered.width, rendered.height)).toBeNull();
    expect(Buffer.from(rasterisePng(svg, 1)).equals(rendered.asPng())).toBe(true);
  });

  it('encodes more than 256 colours as RGB, pixel for pixel', () => {
    const width = 40;
    const height = 10;
    const pixels = new Uint8Array(width * height * 4);
    for (let p = 0; p < width * height; p += 1) pixels.set([p & 0xff, (p * 7) & 0xff, p >> 2, 0xff], p * 4);
    const png = encodeOpaquePng(pixels, width, height);
    expect(png?.[25]).toBe(2);
    expect(Buffer.from(decodePng(png!).rgba).equals(Buffer.from(pixels))).toBe(true);
    expect(() => encodeOpaquePng(pixels, width + 1, height)).toThrow(/400 pixels|1600 bytes/);
  });
});
