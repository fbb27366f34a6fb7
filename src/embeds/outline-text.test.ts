import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { renderChartSvg } from '../charts/render-svg.ts';
import { loadCommittedContent } from '../fixtures/committed-content.ts';
import { measureInk } from '../fixtures/measure-ink.ts';
import { listReportCharts } from '../charts/chart-sets.ts';
import { loadImageFonts } from './build-images.ts';
import { composeChartImage, CHART_IMAGE_PADDING, IMAGE_COLORS, renderChartImageSvg } from './chart-image.ts';
import { openOutlineFont } from './fontkit-font.ts';
import { decodeXmlText, formatGlyphPath, measureTextWidth, outlineSvgText, type GlyphCommand } from './outline-text.ts';

const content = loadCommittedContent();
const fonts = loadImageFonts();
const report = content.reports.find((r) => r.meta.id === '230000-2020');
if (!report) throw new Error('no committed report 230000-2020');

/** The desktop SVG of one of the report's charts, as the site renders it. */
function renderChart(key: string): string {
  const built = listReportCharts(report!, content.jurisdictions).find((e) => e.key === key)?.build?.(720);
  if (!built) throw new Error(`no chart ${key}`);
  return renderChartSvg(built.option, built.size);
}

/** Reads a path written by formatGlyphPath back to absolute points, one list per contour. */
function readPathPoints(d: string): number[][] {
  const contours: number[][] = [];
  let x = 0;
  let y = 0;
  let start: [number, number] = [0, 0];
  for (const [, op = '', args = ''] of d.matchAll(/([mlqcz])([^mlqcz]*)/g)) {
    if (op === 'z') {
      [x, y] = start;
      continue;
    }
    const nums = (args.match(/-?(\d+\.?\d*|\.\d+)/g) ?? []).map(Number);
    const size = op === 'q' ? 4 : op === 'c' ? 6 : 2;
    for (let i = 0; i < nums.length; i += size) {
      const base = [x, y];
      const seg = nums.slice(i, i + size).map((v, k) => Math.round((v + (base[k % 2] ?? 0)) * 10) / 10);
      x = seg[size - 2] ?? x;
      y = seg[size - 1] ?? y;
      if (op === 'm') {
        start = [x, y];
        contours.push([]);
      }
      contours.at(-1)?.push(...seg);
    }
  }
  return contours;
}

describe('formatGlyphPath', () => {
  it('writes relative commands with short numbers, y flipped, scaled', () => {
    const square: GlyphCommand[] = [
      { op: 'M', args: [100, 0] },
      { op: 'L', args: [600, 0] },
      { op: 'L', args: [600, 500] },
      { op: 'L', args: [100, 500] },
      { op: 'Z', args: [] },
    ];
    expect(formatGlyphPath(square, 0.01)).toBe('m1 0l5 0 0-5-5 0z');
    expect(formatGlyphPath([{ op: 'M', args: [50, -50] }, { op: 'Q', args: [75, -75, 100, -50] }, { op: 'Z', args: [] }], 0.01)).toBe('m.5.5q.3.3.5 0z');
  });

  it('never lets rounding drift along a contour: every point is its own coordinate rounded to 0.1', () => {
    // A long contour of steps that each round the same way (0.04 px): relative steps of rounded values would drift by 8 px.
    const commands: GlyphCommand[] = [{ op: 'M', args: [0, 0] }, ...Array.from({ length: 200 }, (_v, i) => ({ op: 'L' as const, args: [(i + 1) * 4, 0] })), { op: 'Z', args: [] }];
    const [contour = []] = readPathPoints(formatGlyphPath(commands, 0.01));
    expect(contour.at(-2)).toBe(8);
    // And a real glyph read back lands on its outline within 0.05 px everywhere.
    const laid = fonts.regular.layoutText('黑');
    const glyph = laid.glyphs[0];
    if (!glyph) throw new Error('no glyph');
    const points = readPathPoints(formatGlyphPath(glyph.commands, 12 / 1000)).flat();
    const exact = glyph.commands.flatMap((c) => c.args.map((v, i) => (i % 2 ? -v : v) * 0.012));
    expect(points.length).toBe(exact.length);
    expect(Math.max(...points.map((p, i) => Math.abs(p - (exact[i] ?? 0))))).toBeLessThanOrEqual(0.0501);
  });
});

describe('outlineSvgText', () => {
  it('leaves no text and places one glyph per visible character of every label', () => {
    for (const key of ['flow', 'applicants', 'appeals', 'active']) {
      const svg = renderChart(key).replaceAll('currentColor', IMAGE_COLORS.ink);
      const texts = [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => decodeXmlText(m[1] ?? ''));
      expect(texts.length).toBeGreaterThan(3);
      const out = outlineSvgText(svg, fonts);
      expect(out).not.toMatch(/<text\b/);
      expect(out.match(/<use /g)?.length, key).toBe(texts.join('').replace(/\s/g, '').length);
    }
  });

  it('anchors end and middle texts at their x by the font’s own widths', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60" viewBox="0 0 300 60" font-size="12"><text x="200" y="20" text-anchor="end" dominant-baseline="central" fill="#000">行政复议 1,234</text><text x="100" y="40" text-anchor="middle" fill="#000">合计</text></svg>';
    const out = outlineSvgText(svg, fonts);
    const uses = [...out.matchAll(/<use xlink:href="#[^"]+" x="([\d.-]+)" y="([\d.-]+)"\/>/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
    const width = measureTextWidth('行政复议 1,234', fonts.regular, 12);
    expect(uses[0]?.x).toBeCloseTo(200 - width, 1);
    // Central baseline: the alphabetic baseline sits (ascender + descender) / 2 below y.
    expect(uses[0]?.y).toBeCloseTo(20 + ((fonts.regular.ascender + fonts.regular.descender) / 2) * (12 / fonts.regular.unitsPerEm), 1);
    expect(uses[9]?.x).toBeCloseTo(100 - measureTextWidth('合计', fonts.regular, 12) / 2, 1);
    expect(uses[9]?.y).toBe(40);
  });

  it('refuses what it cannot outline faithfully: a character the font lacks, an unknown attribute, a nested element', () => {
    const wrap = (text: string): string => `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">${text}</svg>`;
    expect(() => outlineSvgText(wrap('<text x="1" y="1">数据😀</text>'), fonts)).toThrow(/no glyph for “😀” \(U\+1F600\)/);
    expect(() => outlineSvgText(wrap('<text x="1" y="1" rotate="30">数据</text>'), fonts)).toThrow(/unexpected attribute\(s\) rotate/);
    expect(() => outlineSvgText(wrap('<text x="1" y="1">数<tspan>据</tspan></text>'), fonts)).toThrow(/child elements/);
    expect(() => outlineSvgText(wrap('<text x="1" y="1" style="letter-spacing:2px">数据</text>'), fonts)).toThrow(/unexpected style letter-spacing/);
  });

  it('keeps a label’s halo: the stroke under the glyphs, as wide as on the text', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="30" viewBox="0 0 60 30" font-size="12"><rect width="60" height="30" fill="#fff"/><text dominant-baseline="central" text-anchor="middle" transform="translate(30 15)" fill="#000" stroke="#D55E00" stroke-width="3" paint-order="stroke" stroke-miterlimit="2">50 件</text></svg>';
    const out = outlineSvgText(svg, fonts);
    expect(out).toContain('<g transform="translate(30 15)" fill="#000" stroke="#D55E00" stroke-width="3" stroke-miterlimit="2" paint-order="stroke"><use ');
    // At four times the size, so the glyphs' own strokes are several pixels wide.
    const image = new Resvg(out, { fitTo: { mode: 'zoom', value: 4 }, font: { loadSystemFonts: false }, logLevel: 'off' }).render();
    const pixels = image.pixels;
    let halo = 0;
    let ink = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const [r = 0, g = 0, b = 0] = [pixels[i], pixels[i + 1], pixels[i + 2]];
      if (r > 190 && g > 70 && g < 120 && b < 40) halo += 1;
      if (r < 40 && g < 40 && b < 40) ink += 1;
    }
    // Both show: the fill painted over the stroke, not hidden under it.
    expect(halo).toBeGreaterThan(200);
    expect(ink).toBeGreaterThan(200);
  });

  it('draws Chinese text with no fonts installed, where the same SVG with <text> draws nothing', () => {
    const text = { title: '黑龙江省2020年政府信息公开申请的办理结果', source: ['来源：黑龙江省人民政府'], note: '', notes: [] };
    const composed = composeChartImage(renderChart('flow'), text, fonts, 720);
    const titleBox = { x: CHART_IMAGE_PADDING, y: CHART_IMAGE_PADDING + 4, width: 300, height: 18 };
    expect(measureInk(composed, titleBox)).toBe(0);
    expect(measureInk(outlineSvgText(composed, fonts), titleBox)).toBeGreaterThan(0.1);
  });

  it('draws the notes under the chart, in the flag colours, and names them in the image’s description', () => {
    const note = '报告所印数字未通过核对 T3-B（办理结果合计）：25 ≠ 21，已核对原文，照印公布。';
    const chart = renderChart('flow');
    const bare = { title: '同江市2020年政府信息公开申请的办理结果', source: ['来源：同江市人民政府'], note: '', notes: [] };
    const plain = renderChartImageSvg(chart, bare, fonts, 720);
    const noted = renderChartImageSvg(chart, { ...bare, notes: [note] }, fonts, 720);
    const height = (svg: string): number => Number(/height="(\d+)"/.exec(svg)?.[1]);
    const chartBottom = CHART_IMAGE_PADDING + 26 + 12 + Number(/height="(\d+)"/.exec(chart)?.[1]);
    // One wrapped line of note and its box: 20 px of text, 6 px above and below, 12 px before it.
    expect(height(noted) - height(plain)).toBe(12 + 6 + 20 + 6);
    const box = { x: CHART_IMAGE_PADDING + 12, y: chartBottom + 12 + 6, width: 300, height: 20 };
    expect(measureInk(noted, box), 'the note is drawn').toBeGreaterThan(0.05);
    expect(noted).toContain(`fill="${IMAGE_COLORS.flagBackground}"`);
    expect(plain).not.toContain(`fill="${IMAGE_COLORS.flagBackground}"`);
    expect(noted).toContain(`<desc>${note}</desc>`);
    expect(plain).not.toContain('<desc>');
  });

  it('gives the same bytes every time, with freshly opened fonts', () => {
    const text = { title: '同江市2020年政府信息公开行政复议、行政诉讼情况', source: ['来源：同江市人民政府'], note: '', notes: [] };
    const chart = renderChart('appeals');
    const first = renderChartImageSvg(chart, text, fonts, 720);
    const dir = join('node_modules', '@expo-google-fonts', 'noto-sans-sc');
    const fresh = {
      regular: openOutlineFont(readFileSync(join(dir, '400Regular/NotoSansSC_400Regular.ttf')), 'r'),
      bold: openOutlineFont(readFileSync(join(dir, '700Bold/NotoSansSC_700Bold.ttf')), 'b'),
    };
    expect(renderChartImageSvg(chart, text, fresh, 720)).toBe(first);
  });

  it('gives the same SVG from cached layouts as from a font that has laid out nothing yet', () => {
    const dir = join('node_modules', '@expo-google-fonts', 'noto-sans-sc');
    const openFresh = (): typeof fonts => ({
      regular: openOutlineFont(readFileSync(join(dir, '400Regular/NotoSansSC_400Regular.ttf')), 'r'),
      bold: openOutlineFont(readFileSync(join(dir, '700Bold/NotoSansSC_700Bold.ttf')), 'b'),
    });
    const warm = openFresh();
    const text = { title: '黑龙江省2020年政府信息公开申请的办理结果（单位：件）', source: ['来源：黑龙江省人民政府 2020 年度报告', '整理：公开'], note: '', notes: [] };
    const charts = ['flow', 'applicants', 'appeals', 'active'].map((key) => renderChart(key));
    // Warm the caches with every chart, then render each again: all its texts now come from the cache.
    const first = charts.map((chart) => renderChartImageSvg(chart, text, warm, 720));
    const again = charts.map((chart) => renderChartImageSvg(chart, text, warm, 720));
    const cold = charts.map((chart) => renderChartImageSvg(chart, text, openFresh(), 720));
    expect(again).toEqual(first);
    expect(cold).toEqual(first);
    // The cache is really used: the same layout object comes back, equal to a fresh font's.
    const laid = warm.regular.layoutText('来源：黑龙江省人民政府 2020 年度报告');
    expect(warm.regular.layoutText('来源：黑龙江省人民政府 2020 年度报告')).toBe(laid);
    expect(openFresh().regular.layoutText('来源：黑龙江省人民政府 2020 年度报告')).toEqual(laid);
    expect(Object.isFrozen(laid.glyphs)).toBe(true);
  });
});
