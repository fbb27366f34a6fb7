/**
 * The one module that renders charts: an ECharts option to a lean, deterministic SVG string, with
 * ECharts' server-side SVG renderer. Assumes options come from the builders in this folder (no
 * animation, emphasis disabled). The output is normalised so that equal input gives equal bytes
 * whatever was rendered before it: ECharts' per-instance ids are replaced by ids derived from the
 * content, its CSS hover classes, background rectangle, invisible hit areas and the metadata of
 * silent elements are dropped, fill-pattern overlays (decals) let the pointer through to the mark
 * below, coordinates are rounded to one decimal, and the font family is written once on the root
 * instead of on every text.
 */
import { createHash } from 'node:crypto';
import { BarChart, LineChart, SankeyChart } from 'echarts/charts';
import { GraphicComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TitleComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import { FONT_SIZE, FONT_STACK, type ChartSize } from './chart-theme.ts';

use([SVGRenderer, BarChart, LineChart, SankeyChart, GraphicComponent, GridComponent, LegendComponent, MarkLineComponent, MarkAreaComponent, TitleComponent]);

/** Options of one rendering. */
export interface RenderOptions {
  /** The accessible name, written as `aria-label` with `role="img"` on the root; omit when the page labels it. */
  readonly label?: string;
}

/** Escapes text for an XML attribute value. */
function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Rounds every decimal in a string of numbers to one decimal place, dropping “.0”. */
function roundNumbers(text: string): string {
  return text.replace(/-?\d+\.\d{2,}/g, (n) => {
    const r = Math.round(Number(n) * 10) / 10;
    return String(Object.is(r, -0) ? 0 : r);
  });
}

/**
 * Trims the tiles of fill patterns (decals): ECharts draws a rectangle symbol a row above and a tile
 * to the right of each tile as well, which the tile clips; those are dropped, and a fill all the
 * remaining symbols share is written once on their group.
 */
function trimPatterns(svg: string): string {
  return svg.replace(/(<pattern width="([\d.]+)" height="([\d.]+)"[^>]*>\n?<g) ?>\n?([\s\S]*?)\n?(<\/g>\n?<\/pattern>)/g, (whole, head: string, w: string, h: string, body: string, tail: string) => {
    const symbols = body.split('\n').map((line) => /^<path d="(M(-?[\d.]+) (-?[\d.]+)l([\d.]+) 0l0 ([\d.]+)l-[\d.]+ 0Z)"( [^>]*)><\/path>$/.exec(line));
    if (symbols.some((m) => !m)) return whole;
    const inside = symbols.flatMap((m) => {
      const [x, y, sw, sh] = [m![2], m![3], m![4], m![5]].map(Number) as [number, number, number, number];
      return x < Number(w) && y < Number(h) && x + sw > 0 && y + sh > 0 ? [{ d: m![1]!, fill: m![6]! }] : [];
    });
    const fills = new Set(inside.map((p) => p.fill));
    const shared = fills.size === 1 ? [...fills][0]! : '';
    return `${head}${shared}>\n${inside.map((p) => `<path d="${p.d}"${shared ? '' : p.fill}></path>\n`).join('')}${tail}`;
  });
}

/** Makes ECharts' SVG lean and deterministic (see the module comment). */
export function normaliseSvg(svg: string, size: ChartSize, opts: RenderOptions = {}): string {
  let out = svg
    .replace(/<style\s*>[\s\S]*?<\/style>\s*/g, '')
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/ pointer-events="visible"/g, '')
    .replace(/(<path [^>]*fill="url\(#zr\d+-p\d+\)")/g, '$1 pointer-events="none"')
    .replace(/<path [^>]*fill-opacity="0"[^>]*stroke-width="0"[^>]*><\/path>\n?/g, '')
    .replace(/<path (?![^>]*stroke=)[^>]*fill="none"[^>]*><\/path>\n?/g, '')
    .replace(/((?: ecmeta_[a-z_]+="[^"]*")+) ecmeta_silent="true"/g, '')
    .replace(new RegExp(`<rect width="${size.width}" height="${size.height}" x="0" y="0" fill="none"></rect>\\n?`), '')
    .replace(/ (d|transform|x|y|width|height|points|x1|x2|y1|y2|cx|cy|r)="([^"]*)"/g, (_m, a: string, v: string) => ` ${a}="${roundNumbers(v)}"`)
    .replace(/font-family:[^;"]*;?/g, '')
    .replace(new RegExp(`font-size:${FONT_SIZE}px;?`, 'g'), '')
    .replace(/ style=""/g, '')
    .replace(/<defs >/g, '<defs>')
    .replace(/\n+/g, '\n');
  out = trimPatterns(out);
  const ids = [...new Set(out.match(/zr\d+-[a-z]+\d+/g) ?? [])];
  if (ids.length) {
    // Number the ids in order of appearance first, so the hash does not see ECharts' instance counter.
    const order = new Map(ids.map((id, i) => [id, i]));
    out = out.replace(/zr\d+-[a-z]+\d+/g, (id) => `\u0000${order.get(id) ?? 0}\u0000`);
    const prefix = `c${createHash('sha256').update(out).digest('hex').slice(0, 8)}`;
    out = out.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => `${prefix}-${i}`);
  }
  const aria = opts.label ? ` role="img" aria-label="${escapeAttribute(opts.label)}"` : '';
  const root = `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}" viewBox="0 0 ${size.width} ${size.height}" font-family="${escapeAttribute(FONT_STACK)}" font-size="${FONT_SIZE}"${aria}>`;
  out = out.replace(/^<svg [^>]*>/, root);
  return out.endsWith('\n') ? out : `${out}\n`;
}

/** Renders an option to a lean SVG string at a size (SVG units), deterministically. */
export function renderChartSvg(option: EChartsOption, size: ChartSize, opts: RenderOptions = {}): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(option);
    return normaliseSvg(chart.renderToSVGString(), size, opts);
  } finally {
    chart.dispose();
  }
}
