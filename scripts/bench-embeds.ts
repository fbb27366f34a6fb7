/**
 * Measures the per-chart standalone SVG of embedding (the file the reader's browser turns into a PNG):
 * ms per chart to compose and outline it, its bytes (plain and gzipped), the cost of opening the
 * fonts and of a cache hit (what a warm build pays); and ms and bytes of a place's preview PNG. Then
 * extrapolates to a corpus size. Each time is given as wall-clock ms and as process CPU ms
 * (`*_cpu_ms_mean`, steadier on a shared machine). `--repeat N` goes over the reports N times (later
 * passes see the outline caches warm, as a big build does). Nothing is written outside a scratch
 * directory. Usage:
 *   node scripts/bench-embeds.ts [--content DIR] [--reports-limit N] [--repeat N] [--scale 20000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { renderChartSvg } from '../src/charts/render-svg.ts';
import { IMAGE_CHART_WIDTH, loadImageFonts, makeOgPng, nodeImageCacheFs } from '../src/embeds/build-images.ts';
import { renderChartImageSvg } from '../src/embeds/chart-image.ts';
import { buildChartImageText } from '../src/embeds/embed-view.ts';
import { createImageCache } from '../src/embeds/image-cache.ts';
import { listPlaceOgCards } from '../src/embeds/og-images.ts';
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
const ogMs: number[] = [];
const ogCpu: number[] = [];
const svgBytes: number[] = [];
const svgGzip: number[] = [];
const ogBytes: number[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'gongkai-bench-embeds-'));
const cache = createImageCache(nodeImageCacheFs, scratch);
const hitMs: number[] = [];

try {
  for (let pass = 0; pass < repeat; pass += 1) {
    for (const report of reports) {
      for (const entry of listReportCharts(report, content.jurisdictions)) {
        const built = entry.build?.(IMAGE_CHART_WIDTH);
        const chartSvg = built ? renderChartSvg(built.option, built.size) : null;
        const view = { id: `chart-${entry.key}`, key: entry.key, title: entry.title, description: entry.description, table: entry.table, notes: entry.notes, narrow: null, wide: chartSvg ? { svg: chartSvg, tipsJson: '[]' } : null };
        const text = buildChartImageText(report.meta, view, SITE);
        const svg = measure(() => renderChartImageSvg(chartSvg, text, fonts, IMAGE_CHART_WIDTH), svgMs, svgCpu);
        svgBytes.push(Buffer.byteLength(svg));
        svgGzip.push(gzipSync(svg).length);
        const input = `${report.meta.id}/${entry.key}`;
        const bytes = new TextEncoder().encode(svg);
        cache.get('svg', input, () => bytes);
        const t = performance.now();
        cache.get('svg', input, () => bytes);
        hitMs.push(performance.now() - t);
      }
    }
  }
  for (const card of listPlaceOgCards(content.reports, content.jurisdictions).slice(0, 20)) {
    ogBytes.push(measure(() => makeOgPng(card.text), ogMs, ogCpu).byteLength);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;
const chartsPerReport = svgMs.length / (reports.length * repeat);
const figures = {
  reports: reports.length,
  charts: svgMs.length / repeat,
  repeat,
  font_open_ms: Math.round(fontMs),
  svg_outline_ms_mean: +mean(svgMs).toFixed(2),
  svg_outline_ms_p95: +pct(svgMs, 0.95).toFixed(2),
  svg_outline_cpu_ms_mean: +mean(svgCpu).toFixed(2),
  cache_hit_ms_mean: +mean(hitMs).toFixed(3),
  svg_bytes_mean: Math.round(mean(svgBytes)),
  svg_gzip_bytes_mean: Math.round(mean(svgGzip)),
  og_png_ms_mean: +mean(ogMs).toFixed(2),
  og_png_cpu_ms_mean: +mean(ogCpu).toFixed(2),
  og_png_bytes_mean: Math.round(mean(ogBytes)),
  scale_reports: scale,
  scale_svg_cpu_minutes: +((mean(svgCpu) * chartsPerReport * scale) / 60000).toFixed(1),
  scale_svg_output_gb: +((mean(svgBytes) * chartsPerReport * scale) / 1e9).toFixed(2),
};
console.log(JSON.stringify(figures));
