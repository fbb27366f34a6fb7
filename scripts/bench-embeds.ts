/**
 * Measures the per-chart files of embedding: ms per chart to compose and outline the standalone SVG,
 * ms to rasterise its PNG, ms per report preview PNG, their bytes, the cost of opening the fonts,
 * and a cache hit (what a warm build pays), then extrapolates to a corpus size. Nothing is written
 * outside a scratch directory. Usage:
 *   node scripts/bench-embeds.ts [--content DIR] [--reports-limit N] [--scale 20000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { renderChartSvg } from '../src/charts/render-svg.ts';
import { CHART_PNG_ZOOM, IMAGE_CHART_WIDTH, loadImageFonts, nodeImageCacheFs } from '../src/embeds/build-images.ts';
import { renderChartImageSvg, renderOgImageSvg } from '../src/embeds/chart-image.ts';
import { buildChartImageText, buildOgImageText } from '../src/embeds/embed-view.ts';
import { createImageCache } from '../src/embeds/image-cache.ts';
import { rasterisePng } from '../src/embeds/rasterise-png.ts';
import { resolveContentDir } from '../src/loaders/content-dir.ts';
import { loadContent } from '../src/loaders/load-content.ts';
import { nodeContentFs } from '../src/loaders/node-fs.ts';
import { listReportCharts } from '../src/views/chart-sets.ts';

const USAGE = 'usage: node scripts/bench-embeds.ts [--content DIR] [--reports-limit N] [--scale N]';
let options: { content?: string; 'reports-limit'?: string; scale?: string };
try {
  options = parseArgs({ options: { content: { type: 'string' }, 'reports-limit': { type: 'string' }, scale: { type: 'string' } } }).values;
} catch (err) {
  console.error(`bench-embeds: ${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
const limit = Number(options['reports-limit'] ?? 200);
const scale = Number(options.scale ?? 20000);
if (!(limit > 0 && scale > 0)) {
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

const svgMs: number[] = [];
const pngMs: number[] = [];
const ogMs: number[] = [];
const svgBytes: number[] = [];
const svgGzip: number[] = [];
const pngBytes: number[] = [];
const ogBytes: number[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'gongkai-bench-embeds-'));
const cache = createImageCache(nodeImageCacheFs, scratch);
const hitMs: number[] = [];
try {
  for (const report of reports) {
    const entries = listReportCharts(report, content.jurisdictions);
    let key: string | null = null;
    for (const entry of entries) {
      const built = entry.build?.(IMAGE_CHART_WIDTH);
      const chartSvg = built ? renderChartSvg(built.option, built.size) : null;
      key ??= chartSvg;
      const view = { id: `chart-${entry.key}`, key: entry.key, title: entry.title, description: entry.description, table: entry.table, narrow: null, wide: chartSvg ? { svg: chartSvg, tipsJson: '[]' } : null };
      const text = buildChartImageText(report.meta, view, SITE);
      t = performance.now();
      const svg = renderChartImageSvg(chartSvg, text, fonts, IMAGE_CHART_WIDTH);
      svgMs.push(performance.now() - t);
      t = performance.now();
      const png = rasterisePng(svg, CHART_PNG_ZOOM);
      pngMs.push(performance.now() - t);
      svgBytes.push(Buffer.byteLength(svg));
      svgGzip.push(gzipSync(svg).length);
      pngBytes.push(png.byteLength);
      const input = `${report.meta.id}/${entry.key}`;
      cache.get('png', input, () => png);
      t = performance.now();
      cache.get('png', input, () => png);
      hitMs.push(performance.now() - t);
    }
    t = performance.now();
    const og = rasterisePng(renderOgImageSvg(key, buildOgImageText(report.meta), fonts), 1);
    ogMs.push(performance.now() - t);
    ogBytes.push(og.byteLength);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;
const chartsPerReport = svgMs.length / reports.length;
const perReportMs = (mean(svgMs) + mean(pngMs)) * chartsPerReport + mean(ogMs);
const figures = {
  reports: reports.length,
  charts: svgMs.length,
  font_open_ms: Math.round(fontMs),
  svg_outline_ms_mean: +mean(svgMs).toFixed(2),
  svg_outline_ms_p95: +pct(svgMs, 0.95).toFixed(2),
  png_ms_mean: +mean(pngMs).toFixed(2),
  png_ms_p95: +pct(pngMs, 0.95).toFixed(2),
  og_png_ms_mean: +mean(ogMs).toFixed(2),
  cache_hit_ms_mean: +mean(hitMs).toFixed(3),
  svg_bytes_mean: Math.round(mean(svgBytes)),
  svg_gzip_bytes_mean: Math.round(mean(svgGzip)),
  png_bytes_mean: Math.round(mean(pngBytes)),
  png_bytes_max: Math.max(...pngBytes),
  og_png_bytes_mean: Math.round(mean(ogBytes)),
  scale_reports: scale,
  scale_cold_minutes: +((perReportMs * scale) / 60000).toFixed(1),
  scale_output_gb: +(((mean(svgBytes) + mean(pngBytes)) * chartsPerReport + mean(ogBytes)) * scale / 1e9).toFixed(2),
};
console.log(JSON.stringify(figures));
