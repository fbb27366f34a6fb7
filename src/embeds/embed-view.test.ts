import { describe, expect, it } from 'vitest';
import { createSvgCache } from '../machinery/svg-cache.ts';
import { loadCommittedContent } from '../fixtures/committed-content.ts';
import { listReportCharts } from '../charts/chart-sets.ts';
import { renderChartViews, type ChartView } from '../charts/chart-view.ts';
import { loadImageFonts } from './build-images.ts';
import { composeOgImage, readSvgSize, wrapText } from './chart-image.ts';
import { buildChartEmbedLinks, buildEmbedPageView, buildOembed, EMBED_CHROME_HEIGHT, estimateEmbedHeight, formatEmbedSnippet } from './embed-view.ts';
import { buildPlaceOgText } from './og-images.ts';
import { measureTextWidth, type OutlineFont } from './outline-text.ts';
import { chartCsvPath, chartSvgPath, embedOembedPath, embedPath } from '../site/paths.ts';

const content = loadCommittedContent();
const SITE = 'https://gongkai.example.org/';
const report = content.reports.find((r) => r.meta.id === '230881-2020');
if (!report) throw new Error('no committed report 230881-2020');
const views = renderChartViews(listReportCharts(report, content.jurisdictions), createSvgCache(null, 'memory', 'code'));

/** A chart view of the sample report by key. */
function viewOf(key: string): ChartView {
  const view = views.find((v) => v.key === key);
  if (!view) throw new Error(`no chart ${key}`);
  return view;
}

describe('the embed URLs', () => {
  it('are stable, one folder per report chart', () => {
    expect([embedPath('230881-2020', 'flow'), embedOembedPath('230881-2020', 'flow'), chartSvgPath('230881-2020', 'flow'), chartCsvPath('230881-2020', 'flow')]).toEqual([
      '/embed/230881-2020/flow/',
      '/embed/230881-2020/flow/oembed.json',
      '/embed/230881-2020/flow/chart.svg',
      '/embed/230881-2020/flow/data.csv',
    ]);
  });
});

describe('the embed snippet and oEmbed', () => {
  it('escapes the title and the addresses it writes into attributes', () => {
    expect(formatEmbedSnippet('https://x.org/embed/a/b/?theme=dark&plain', '“A” <b> & "c"', 300, 'https://x.org/embed.js')).toBe(
      '<iframe src="https://x.org/embed/a/b/?theme=dark&amp;plain" title="“A” &lt;b&gt; &amp; &quot;c&quot;" width="100%" height="300" style="border:0" loading="lazy"></iframe><script async src="https://x.org/embed.js"></script>',
    );
  });

  it('makes the default height the desktop chart plus its title and source line, and its notes', () => {
    const flow = viewOf('flow');
    const chartHeight = readSvgSize(flow.wide?.svg ?? '').height;
    expect(estimateEmbedHeight({ ...flow, notes: [] })).toBe(Math.ceil(chartHeight) + EMBED_CHROME_HEIGHT);
    // 同江市 fails two rules on the flow's cells: two notes of one line each at desktop width, in their box.
    expect(flow.notes).toHaveLength(2);
    const withNotes = estimateEmbedHeight(flow) - Math.ceil(chartHeight) - EMBED_CHROME_HEIGHT;
    expect(withNotes).toBeGreaterThanOrEqual(2 * 21.8 + 20);
    expect(withNotes).toBeLessThan(2 * 2 * 21.8 + 30);
    const links = buildChartEmbedLinks(report!.meta.id, flow, SITE);
    expect(links.snippet).toContain(`height="${links.height}"`);
    expect(links.snippet).toContain('src="https://gongkai.example.org/embed/230881-2020/flow/"');
    expect(links.csv).toEqual({ href: '/embed/230881-2020/flow/data.csv', download: '230881-2020-flow.csv' });
    // The PNG is drawn from the SVG in the reader's browser, and saved under the chart's name.
    expect(links.png).toEqual({ svg: '/embed/230881-2020/flow/chart.svg', download: '230881-2020-flow.png' });
  });

  it('gives a rich oEmbed response with the snippet and sizes, and no thumbnail (no raster image per chart)', () => {
    const flow = viewOf('flow');
    const json = buildOembed(report!.meta, flow, SITE);
    expect(json).toEqual({
      version: '1.0',
      type: 'rich',
      title: '同江市2020年政府信息公开申请的办理结果',
      author_name: '同江市人民政府',
      author_url: 'https://gongkai.example.org/reports/230881-2020/',
      provider_name: '公开 gongkai',
      provider_url: 'https://gongkai.example.org/',
      html: buildChartEmbedLinks('230881-2020', flow, SITE).snippet,
      width: 720,
      height: estimateEmbedHeight(flow),
    });
  });

  it('links the embed page back to the chart on the report page, and keeps the data link on the site', () => {
    const view = buildEmbedPageView(report!.meta, viewOf('appeals'), SITE);
    expect(view.reportHref).toBe('https://gongkai.example.org/reports/230881-2020/#chart-appeals');
    expect(view.reportText).toBe('同江市人民政府《同江市2020年政府信息公开工作年度报告》');
    expect(view.csv.href).toBe('/embed/230881-2020/appeals/data.csv');
    expect(view.frameId).toBe('230881-2020/appeals');
    expect(view.png).toEqual({ svg: '/embed/230881-2020/appeals/chart.svg', download: '230881-2020-appeals.png' });
    // Its link preview is its jurisdiction's card, not one per report.
    expect(view.ogImage).toBe('https://gongkai.example.org/jurisdictions/230881/og.png');
  });
});

describe('image text layout', () => {
  const fonts = loadImageFonts();

  it('wraps Chinese between characters within the width, never starting a line with closing punctuation', () => {
    const text = '本年新收申请 25 件，上年结转 0 件。其中予以公开 9 件（36.0%），不予公开 1 件（4.0%），无法提供 2 件（8.0%）。';
    for (const width of [120, 157, 200, 333]) {
      const lines = wrapText(text, width, fonts.regular, 14);
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      for (const line of lines) {
        expect(measureTextWidth(line, fonts.regular, 14), line).toBeLessThanOrEqual(width + 14);
        expect(line, `width ${width}`).not.toMatch(/^[，。、；：）%]/);
      }
    }
  });

  it('breaks where laying out the line again for every token would (the greedy walk it shortcuts)', () => {
    /** The walk itself: a line takes the next token while the line with it still fits. */
    const walk = (text: string, width: number, font: OutlineFont, size: number): string[] => {
      const lines: string[] = [];
      let line: string[] = [];
      for (const token of text.match(/[A-Za-z0-9.,:/%+\-_]+|\s+|./gu) ?? []) {
        if (!line.length || measureTextWidth([...line, token].join('').trimEnd(), font, size) <= width) {
          line.push(token);
          continue;
        }
        const carried = /^[，。、；：？！）》」』”’〕】…,.;:?!)\]%]/.test(token) && line.length > 1 ? [line.pop() ?? ''] : [];
        lines.push(line.join('').trimEnd());
        line = [...carried, token].filter((t, i) => i > 0 || t.trim());
      }
      if (line.join('').trim()) lines.push(line.join('').trimEnd());
      return lines;
    };
    // The texts images wrap: every chart's title, description and notes of the committed reports, and long made-up ones.
    const texts = [
      ...views.flatMap((v) => [v.title, v.description, ...v.notes]),
      ...content.reports.map((r) => `数据来源：${r.meta.title}（${r.meta.source.url ?? ''}），由公开数据整理；图中数字按报告原样发布。`),
      'Grant rate 36.0% (9/25), AVAVAV WAWAWA fi fl ffi — 予以公开，。、；：？！）》」』 1,234,567 件 https://example.org/a/very/long/path/that/cannot/break/at/all',
      '。'.repeat(40),
      '',
      ' 前后 有空格 ',
    ];
    let lines = 0;
    for (const text of texts) {
      for (const [font, size] of [[fonts.regular, 12], [fonts.regular, 14], [fonts.bold, 18], [fonts.bold, 44]] as const) {
        for (const width of [40, 120, 333, 672]) {
          const expected = walk(text, width, font, size);
          expect(wrapText(text, width, font, size), `${text} at ${width} px, ${size} px`).toEqual(expected);
          lines += expected.length;
        }
      }
    }
    expect(lines).toBeGreaterThan(1000);
  });

  it('lays a wrapped line out about twice, its count guessed from its tokens’ widths (not a dozen times, searching from one token)', () => {
    const text = '本年新收申请 25 件，上年结转 0 件。其中予以公开 9 件（36.0%），不予公开 1 件（4.0%），无法提供 2 件（8.0%）。'.repeat(4);
    const tokens = new Set(text.match(/[A-Za-z0-9.,:/%+\-_]+|\s+|./gu));
    const laid: string[] = [];
    const counting: OutlineFont = { ...fonts.regular, layoutText: (t) => (laid.push(t), fonts.regular.layoutText(t)) };
    const lines = wrapText(text, 333, counting, 14);
    expect(lines).toEqual(wrapText(text, 333, fonts.regular, 14));
    expect(lines.length).toBeGreaterThan(5);
    // Layouts of more than one token: the lines' own (a token's layout is the font's kept one).
    expect(laid.filter((t) => !tokens.has(t)).length).toBeLessThanOrEqual(3 * lines.length);
  });

  it('fits a long title into the preview image in at most four lines, ending with … when cut', () => {
    const place = { code: '230881', name: '某某省某某市某某县某某局某某办公室关于二〇二〇年度政府信息公开工作年度报告的补充说明和更正公告全文'.repeat(3), level: 'county' as const, parent: null };
    const svg = composeOgImage(null, buildPlaceOgText(place, [], content.jurisdictions), fonts);
    const lines = [...svg.matchAll(/font-size:44px[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(lines.length).toBe(4);
    expect(lines.at(-1)).toMatch(/…$/);
    expect(readSvgSize(svg)).toEqual({ width: 1200, height: 630 });
  });
});
