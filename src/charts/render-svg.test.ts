import { describe, expect, it } from 'vitest';
import { loadCommittedContent } from '../fixtures/committed-content.ts';
import { listReportCharts } from './chart-sets.ts';
import { buildAppealsOption, deriveAppealsData } from './appeals.ts';
import { buildRequestFlowOption, deriveRequestFlowData } from './request-flow.ts';
import { buildTrendOption, deriveTrendData } from './trend.ts';
import { FONT_STACK } from './chart-theme.ts';
import { normaliseSvg, renderChartSvg } from './render-svg.ts';

const content = loadCommittedContent();
const report = (id: string) => {
  const r = content.reports.find((x) => x.meta.id === id);
  if (!r) throw new Error(`no committed report ${id}`);
  return r;
};
const trend = (id: string) => buildTrendOption(deriveTrendData([report(id)], 'grant_rate', content.jurisdictions), 360);
const flow = (id: string, width: number) => buildRequestFlowOption(deriveRequestFlowData(report(id), content.jurisdictions), width);

describe('renderChartSvg', () => {
  it('gives the same bytes for the same chart whatever was rendered before, clip paths included', () => {
    for (const a of [flow('230881-2020', 360), trend('230700-2020')]) {
      const first = renderChartSvg(a.option, a.size);
      const b = flow('230000-2020', 720);
      renderChartSvg(b.option, b.size);
      const again = renderChartSvg(a.option, a.size);
      expect(again).toBe(first);
    }
    const t = trend('230700-2020');
    expect(renderChartSvg(t.option, t.size)).toMatch(/clip-path="url\(#c[0-9a-f]{8}-0\)"/);
  });

  it('writes a lean root and no per-instance ids, hover CSS, hit areas or long decimals', () => {
    for (const r of content.reports) {
      for (const entry of listReportCharts(r, content.jurisdictions)) {
        if (!entry.build) continue;
        const built = entry.build(360);
        const svg = renderChartSvg(built.option, built.size);
        expect(svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg" width="360" height="${built.size.height}" viewBox="0 0 360 ${built.size.height}" font-family="`), entry.key).toBe(true);
        expect(svg, `${r.meta.id} ${entry.key}`).not.toMatch(/zr\d|<style|class=|font-family:|pointer-events="visible"|fill="none"><\/path>/);
        // The only pointer-events left: fill-pattern overlays let the pointer through to their bar.
        for (const m of svg.matchAll(/<path [^>]*pointer-events="[^"]*"[^>]*>/g)) expect(m[0], `${r.meta.id} ${entry.key}`).toMatch(/ fill="url\(#c[0-9a-f]{8}-\d+\)" pointer-events="none">$/);
        expect(svg, `${r.meta.id} ${entry.key}`).not.toMatch(/ (d|transform|x|y)="[^"]*\d\.\d\d/);
        expect(svg.endsWith('</svg>\n')).toBe(true);
      }
    }
  });

  it('names the chart for assistive technology when asked, escaping the name', () => {
    const a = flow('230722-2020', 360);
    const svg = renderChartSvg(a.option, a.size, { label: '嘉荫县 <2020> “办理结果” & 去向' });
    expect(svg).toContain(' role="img" aria-label="嘉荫县 &lt;2020&gt; “办理结果” &amp; 去向">');
    expect(svg).toContain(`font-family="${FONT_STACK.replace(/'/g, "'")}"`);
  });

  it('keeps the data indexes the SSR client reports on hover', () => {
    const a = buildAppealsOption(deriveAppealsData(report('231000-2020'), content.jurisdictions), 360);
    const svg = renderChartSvg(a.option, a.size);
    expect(svg).toContain('ecmeta_series_index="1" ecmeta_data_index="0" ecmeta_ssr_type="chart"');
    expect(svg).not.toContain('ecmeta_silent');
  });

  it('keeps only the symbols of a fill pattern that fall inside its tile, their shared fill on the group', () => {
    const raw = [
      '<svg width="10" height="10">',
      '<path d="M0 0l5 0l0 5l-5 0Z" fill="url(#zr3-p0)"></path>',
      '<defs >',
      '<pattern width="1" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)" id="zr3-p0">',
      '<g >',
      '<path d="M0 -5l1 0l0 2l-1 0Z" fill="rgb(0,0,0)" fill-opacity="0.55"></path>',
      '<path d="M1 -5l1 0l0 2l-1 0Z" fill="rgb(0,0,0)" fill-opacity="0.55"></path>',
      '<path d="M0 0l1 0l0 2l-1 0Z" fill="rgb(0,0,0)" fill-opacity="0.55"></path>',
      '<path d="M1 0l1 0l0 2l-1 0Z" fill="rgb(0,0,0)" fill-opacity="0.55"></path>',
      '</g>',
      '</pattern>',
      '</defs>',
      '</svg>',
    ].join('\n');
    const out = normaliseSvg(raw, { width: 10, height: 10 });
    expect(out).toMatch(/<path d="M0 0l5 0l0 5l-5 0Z" fill="url\(#(c[0-9a-f]{8}-0)\)" pointer-events="none"><\/path>\n<defs>\n<pattern width="1" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate\(-45\)" id="\1">\n<g fill="rgb\(0,0,0\)" fill-opacity="0.55">\n<path d="M0 0l1 0l0 2l-1 0Z"><\/path>\n<\/g>\n<\/pattern>\n<\/defs>/);
  });

  it('replaces ECharts ids with ids derived from the content', () => {
    const raw = '<svg width="10" height="10">\n<rect width="10" height="10" x="0" y="0" fill="none"></rect>\n<clipPath id="zr7-c0"></clipPath><path clip-path="url(#zr7-c0)" d="M1.23456 2.0001L3 4"></path>\n</svg>';
    const out = normaliseSvg(raw, { width: 10, height: 10 });
    expect(out).not.toContain('zr7');
    expect(out).not.toContain('<rect');
    expect(out).toMatch(/<clipPath id="(c[0-9a-f]{8}-0)"><\/clipPath><path clip-path="url\(#\1\)" d="M1.2 2L3 4"><\/path>/);
    expect(normaliseSvg(raw.replace(/zr7/g, 'zr12'), { width: 10, height: 10 })).toBe(out);
  });
});

describe('SVG snapshots', () => {
  for (const [id, width] of [['230881-2020', 360], ['230000-2020', 720]] as const) {
    it(`${id} report charts at ${width}`, async () => {
      for (const entry of listReportCharts(report(id), content.jurisdictions)) {
        if (!entry.build) continue;
        const built = entry.build(width);
        await expect(renderChartSvg(built.option, built.size)).toMatchFileSnapshot(`./__snapshots__/${id}-${entry.key}-${width}.svg`);
      }
    });
  }

  it('a one-year trend at 360', async () => {
    const t = trend('231000-2020');
    await expect(renderChartSvg(t.option, t.size)).toMatchFileSnapshot('./__snapshots__/231000-trend-grant_rate-360.svg');
  });
});
