/**
 * Measures the charts: bytes per chart (raw and gzipped), ms per render, the bytes a report page's
 * set of charts adds (gzipped together, as a page would be). What the chart cache saves a build is
 * measured by `npm run bench -- --suite caches`. Usage: node scripts/bench-charts.ts [--content DIR] [--runs N]
 */
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { renderChartSvg } from '../src/charts/render-svg.ts';
import { resolveContentDir } from '../src/loaders/content-dir.ts';
import { loadContent } from '../src/loaders/load-content.ts';
import { nodeContentFs } from '../src/loaders/node-fs.ts';
import { METRICS } from '../src/metrics/metric-specs.ts';
import { seriesOf } from '../src/reports/report-id.ts';
import { listJurisdictionCharts, listRankingCharts, listReportCharts, type ChartEntry } from '../src/views/chart-sets.ts';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Number(flag('--runs') ?? 5);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('usage: node scripts/bench-charts.ts [--content DIR] [--runs N]');
  process.exit(2);
}
const WIDTHS = [360, 720];

const content = loadContent(nodeContentFs, resolveContentDir(flag('--content')));
const { reports, jurisdictions } = content;
const gz = (s: string): number => gzipSync(s).length;

/** Every chart of the site for this content, with the page type it belongs to. */
const charts: { page: string; owner: string; entry: ChartEntry & { build: NonNullable<ChartEntry['build']> } }[] = [];
const drawable = (e: ChartEntry): e is ChartEntry & { build: NonNullable<ChartEntry['build']> } => e.build !== null;
for (const r of reports) for (const entry of listReportCharts(r, jurisdictions).filter(drawable)) charts.push({ page: 'report', owner: r.meta.id, entry });
const series = new Map<string, typeof reports[number][]>();
for (const r of reports) series.set(seriesOf(r.meta.id), [...(series.get(seriesOf(r.meta.id)) ?? []), r]);
const metricIds = METRICS.map((m) => m.id);
for (const [id, list] of series) for (const entry of listJurisdictionCharts(list, metricIds, jurisdictions).filter(drawable)) charts.push({ page: 'jurisdiction', owner: id, entry });
const years = [...new Set(reports.map((r) => r.meta.year))].sort();
for (const y of years) for (const m of metricIds) for (const entry of listRankingCharts(reports, m, y, jurisdictions).filter(drawable)) charts.push({ page: 'compare', owner: `${y}-${m}`, entry });

console.log(`${reports.length} reports, ${charts.length} charts × ${WIDTHS.length} widths, ${runs} timed renders each\n`);
console.log('page          owner                               chart                              width   raw B  gzip B   ms/render');
const perKind = new Map<string, { raw: number[]; gz: number[]; ms: number[] }>();
for (const { page, owner, entry } of charts) {
  for (const w of WIDTHS) {
    const built = entry.build(w);
    renderChartSvg(built.option, built.size);
    const t0 = performance.now();
    let svg = '';
    for (let i = 0; i < runs; i++) svg = renderChartSvg(built.option, built.size);
    const ms = (performance.now() - t0) / runs;
    const kind = `${page}:${entry.key.replace(/^(trend|ranking)-.*/, '$1')}@${w}`;
    const k = perKind.get(kind) ?? { raw: [], gz: [], ms: [] };
    k.raw.push(svg.length);
    k.gz.push(gz(svg));
    k.ms.push(ms);
    perKind.set(kind, k);
    if (page !== 'jurisdiction' || entry.key === 'trend-grant_rate' || entry.key === 'prior-year') {
      console.log(`${page.padEnd(13)} ${owner.padEnd(35)} ${entry.key.padEnd(34)} ${String(w).padStart(5)} ${String(Buffer.byteLength(svg)).padStart(7)} ${String(gz(svg)).padStart(7)} ${ms.toFixed(2).padStart(10)}`);
    }
  }
}

console.log('\nper chart kind (mean over charts; min–max)');
const stat = (xs: number[], digits = 0): string => `${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
for (const [kind, k] of [...perKind].sort()) console.log(`  ${kind.padEnd(28)} raw ${stat(k.raw).padEnd(22)} gzip ${stat(k.gz).padEnd(20)} ms ${stat(k.ms, 2)}`);

console.log('\nreport page chart set, gzipped together (what inlining adds to a page)');
for (const r of reports) {
  const entries = listReportCharts(r, jurisdictions).filter(drawable);
  const at = (w: number): string => entries.map((e) => { const b = e.build(w); return renderChartSvg(b.option, b.size); }).join('\n');
  const narrow = at(360);
  const wide = at(720);
  console.log(`  ${r.meta.id}: ${entries.length} charts; 360 only ${gz(narrow)} B; 720 only ${gz(wide)} B; both widths ${gz(`${narrow}\n${wide}`)} B`);
}
