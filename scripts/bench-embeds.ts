/**
 * Measures the per-chart files of embedding: ms per chart to compose and outline the standalone SVG,
 * ms to rasterise its PNG, ms per report preview PNG, their bytes, the cost of opening the fonts,
 * and a cache hit (what a warm build pays), then extrapolates to a corpus size. Each time is given
 * as wall-clock ms and as process CPU ms (`*_cpu_ms_mean`, steadier on a shared machine). For the
 * PNGs it also splits resvg's render from the encoding and compares resvg's own encoder
 * (`resvg_encode_ms_mean`, `resvg_png_bytes_mean`) with ours, checking the pixels are the same.
 * `--repeat N` goes over the reports N times (later passes see the outline caches warm, as a big
 * build does). Nothing is written outside a scratch directory. Usage:
 *   node scripts/bench-embeds.ts [--content DIR] [--reports-limit N] [--repeat N] [--scale 20000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { renderChartSvg } from '../src/charts/render-svg.ts';
import { CHART_PNG_ZOOM, IMAGE_CHART_WIDTH, loadImageFonts, nodeImageCacheFs } from '../src/embeds/build-images.ts';
import { renderChartImageSvg, renderOgImageSvg } from '../src/embeds/chart-image.ts';
import { buildChartImageText, buildOgImageText } from '../src/embeds/embed-view.ts';
import { createImageCache } from '../src/embeds/image-cache.ts';
import { decodePng } from '../src/embeds/png-decode.ts';
import { encodeOpaquePng } from '../src/embeds/png-encode.ts';
import { rasterisePng } from '../src/embeds/rasterise-png.ts';
import { resolveContentDir } from '../src/loaders/content-dir.ts';
import { loadContent } from '../src/loaders/load-content.ts';
import { nodeContentFs } from '../src/loaders/node-fs.ts';
import { listReportCharts } from '../src/views/chart-sets.ts';

const USAGE = 'usage: node scripts/bench-embeds.ts [--content DIR] [--reports-limit N] [--repeat N] [--scale N]';
let options: { content?: string; 'reports-limit'?: string; repeat?: string; scale?: string };
try {
  options = parseArgs({ options: { content: { type: 'string' }, 'reports-limit': { type: 'string' }, repeat: { type: 'string' }, scale: { type: 'string' } } }).values;
} catch (err) {
  console.error(`bench-embeds: ${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
const limit = Number(options['reports-limit'] ?? 200);
const scale = Number(options.scale ?? 20000);
const repeat = Number(options.repeat ?? 1);
if (!(limit > 0 && scale > 0 && Number.isInteger(repeat) && repeat > 0)) {
  console.error(USAGE);
  process.exit(2);
}

const SITE = 'https://gongkai.example.org/';
const content = loadContent(nodeContentFs, resolveContentDir(options.content));
const reports = content.reports.slice(0, limit);

let t = performance.now();
const fonts = loadImageFonts();
fonts.regular.layoutText('黑龙江省');
fonts.bold.layoutText('黑龙江省');
const fontMs = performance.now() - t;

/** Wall-clock and process CPU ms of one call. */
function measure<T>(run: () => T, wall: number[], cpu: number[]): T {
  const c = process.cpuUsage();
  const t0 = performance.now();
  const out = run();
  wall.push(performance.now() - t0);
  const used = process.cpuUsage(c);
  cpu.push((used.user + used.system) / 1000);
  return out;
}

const svgMs: number[] = [];
const svgCpu: number[] = [];
const pngMs: number[] = [];
const pngCpu: number[] = [];
const ogMs: number[] = [];
const ogCpu: number[] = [];
const renderMs: number[] = [];
const encodeMs: number[] = [];
const encodeCpu: number[] = [];
const resvgEncodeMs: number[] = [];
const resvgEncodeCpu: number[] = [];
const resvgBytes: number[] = [];
const svgBytes: number[] = [];
const svgGzip: number[] = [];
const pngBytes: number[] = [];
const ogBytes: number[] = [];
let pixelsDiffer = 0;
const scratch = mkdtempSync(join(tmpdir(), 'gongkai-bench-embeds-'));
const cache = createImageCache(nodeImageCacheFs, scratch);
const hitMs: number[] = [];

/** Renders once more to split render from encoding, and compares with resvg's own encoder. */
function compareEncoders(svg: string, zoom: number, png: Uint8Array): void {
  const image = measure(() => new Resvg(svg, { fitTo: { mode: 'zoom', value: zoom }, font: { loadSystemFonts: false }, logLevel: 'off' }).render(), renderMs, []);
  const theirs = measure(() => image.asPng(), resvgEncodeMs, resvgEncodeCpu);
  measure(() => encodeOpaquePng(image.pixels, image.width, image.height), encodeMs, encodeCpu);
  resvgBytes.push(theirs.length);
  // Opaque images: resvg's premultiplied pixels are the straight ones a PNG holds.
  if (!Buffer.from(decodePng(png).rgba).equals(image.pixels)) pixelsDiffer += 1;
}

try {
  for (let pass = 0; pass < repeat; pass += 1) {
    for (const report of reports) {
      const entries = listReportCharts(report, content.jurisdictions);
      let key: string | null = null;
      for (const entry of entries) {
        const built = entry.build?.(IMAGE_CHART_WIDTH);
        const chartSvg = built ? renderChartSvg(built.option, built.size) : null;
        key ??= chartSvg;
        const view = { id: `chart-${entry.key}`, key: entry.key, title: entry.title, description: entry.description, table: entry.table, notes: entry.notes, narrow: null, wide: chartSvg ? { svg: chartSvg, tipsJson: '[]' } : null };
        const text = buildChartImageText(report.meta, view, SITE);
        const svg = measure(() => renderChartImageSvg(chartSvg, text, fonts, IMAGE_CHART_WIDTH), svgMs, svgCpu);
        const png = measure(() => rasterisePng(svg, CHART_PNG_ZOOM), pngMs, pngCpu);
        compareEncoders(svg, CHART_PNG_ZOOM, png);
        svgBytes.push(Buffer.byteLength(svg));
        svgGzip.push(gzipSync(svg).length);
        pngBytes.push(png.byteLength);
        const input = `${report.meta.id}/${entry.key}`;
        cache.get('png', input, () => png);
        const t = performance.now();
        cache.get('png', input, () => png);
        hitMs.push(performance.now() - t);
      }
      const og = measure(() => rasterisePng(renderOgImageSvg(key, buildOgImageText(report.meta), fonts), 1), ogMs, ogCpu);
      ogBytes.push(og.byteLength);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;
const chartsPerReport = svgMs.length / (reports.length * repeat);
const perReportMs = (mean(svgMs) + mean(pngMs)) * chartsPerReport + mean(ogMs);
const figures = {
  reports: reports.length,
  charts: svgMs.length / repeat,
  repeat,
  font_open_ms: Math.round(fontMs),
  svg_outline_ms_mean: +mean(svgMs).toFixed(2),
  svg_outline_ms_p95: +pct(svgMs, 0.95).toFixed(2),
  svg_outline_cpu_ms_mean: +mean(svgCpu).toFixed(2),
  png_ms_mean: +mean(pngMs).toFixed(2),
  png_ms_p95: +pct(pngMs, 0.95).toFixed(2),
  png_cpu_ms_mean: +mean(pngCpu).toFixed(2),
  png_render_ms_mean: +mean(renderMs).toFixed(2),
  png_encode_ms_mean: +mean(encodeMs).toFixed(2),
  png_encode_cpu_ms_mean: +mean(encodeCpu).toFixed(2),
  resvg_encode_ms_mean: +mean(resvgEncodeMs).toFixed(2),
  resvg_encode_cpu_ms_mean: +mean(resvgEncodeCpu).toFixed(2),
  png_pixels_differ: pixelsDiffer,
  og_png_ms_mean: +mean(ogMs).toFixed(2),
  og_png_cpu_ms_mean: +mean(ogCpu).toFixed(2),
  cache_hit_ms_mean: +mean(hitMs).toFixed(3),
  svg_bytes_mean: Math.round(mean(svgBytes)),
  svg_gzip_bytes_mean: Math.round(mean(svgGzip)),
  png_bytes_mean: Math.round(mean(pngBytes)),
  png_bytes_max: Math.max(...pngBytes),
  resvg_png_bytes_mean: Math.round(mean(resvgBytes)),
  og_png_bytes_mean: Math.round(mean(ogBytes)),
  scale_reports: scale,
  scale_cold_minutes: +((perReportMs * scale) / 60000).toFixed(1),
  scale_output_gb: +(((mean(svgBytes) + mean(pngBytes)) * chartsPerReport + mean(ogBytes)) * scale / 1e9).toFixed(2),
};
console.log(JSON.stringify(figures));
