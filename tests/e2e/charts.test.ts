/**
 * The build-time charts in Chromium, on a report, a jurisdiction (its year-before chart) and a comparison page,
 * at 390 and 1280 px, light and dark: every drawable chart shows one SVG (the phone layout below a
 * 600 px figure, the desktop layout above), its labels stay inside it and do not overlap, its
 * Chinese text is drawn with real glyphs, and hovering a mark shows the hover text the chart was
 * built with.
 * Screenshots of the charts go to SCREENSHOT_DIR (charts-<page>-<width>-<scheme>.png).
 *
 * Why the glyph check proves Chinese renders: a page with no CJK font still lays the text out (the
 * text has width, `document.fonts.check` says yes for any system font name), but each character is
 * drawn as the primary font's .notdef box, all alike. So the test asks Chromium which platform font
 * drew each label's glyphs (DevTools `CSS.getPlatformFontsForNode`: a missing glyph is counted under
 * the primary font, never under a fallback) and, with the label's own computed font, draws each
 * distinct Han character on a canvas: every one must leave ink, differ from every other one and differ
 * from the .notdef box of a code point no font has.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/loaders/load-content.ts';
import { nodeContentFs } from '../../src/loaders/node-fs.ts';
import { listJurisdictionCharts, listReportCharts } from '../../src/charts/chart-sets.ts';
import { listRankingCharts } from '../../src/charts/ranking.ts';
import type { ChartEntry } from '../../src/charts/chart-entry.ts';
import { CHART_WIDTHS } from '../../src/charts/chart-view.ts';
import { TREND_METRIC_IDS } from '../../src/views/compare-view.ts';
import { listGovernmentSeries } from '../../src/views/site-views.ts';
import { openPage, SCREENSHOT_DIR, startSiteAndBrowser, VIEWPORTS } from './browser.ts';
import { comparePath, jurisdictionPath, reportPath } from '../../src/site/paths.ts';

const content = loadContent(nodeContentFs, process.env.GONGKAI_CONTENT ?? 'content');

/** The figure width (CSS px) from which a chart shows its desktop layout: the container query in the site CSS. */
const WIDE_FROM = 600;

/** A Han ideograph (the characters a missing CJK font would turn into boxes). */
const HAN = /\p{Script=Han}/gu;

/** The pages under test and the charts their pages are built from (the same declarations the build uses). */
const PAGES: readonly { name: string; path: string; charts: readonly ChartEntry[] }[] = (() => {
  const report = content.reports.find((r) => r.meta.id === '230881-2020');
  if (!report) throw new Error('the committed content has no report 230881-2020');
  return [
    // 同江市 2020: all four report charts drawn, the Sankey with every outcome group.
    { name: 'report', path: reportPath(report.meta.id), charts: listReportCharts(report, content.jurisdictions) },
    // 黑龙江省: with one year on file, the year-before chart only (trends from two years on).
    { name: 'place', path: jurisdictionPath('230000'), charts: listJurisdictionCharts(listGovernmentSeries(content.reports, '230000'), TREND_METRIC_IDS, content.jurisdictions) },
    // 公开率 2020: a ranking per level, one with a small base listed apart as “n件中m件” and a failing rule beside a value.
    { name: 'comparison', path: comparePath(2020, 'grant_rate'), charts: listRankingCharts(content.reports, 'grant_rate', 2020, content.jurisdictions) },
  ];
})();

const site = startSiteAndBrowser();

beforeAll(() => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

/** What the page shows of one chart figure. */
interface FigureState {
  readonly figureWidth: number;
  /** The layouts whose box is displayed, e.g. ['narrow']. */
  readonly shown: readonly string[];
  readonly svg: { width: number; height: number; left: number; right: number } | null;
  /** Label boxes (em-high, in CSS px) that leave the SVG or overlap another label. */
  readonly outside: readonly string[];
  readonly overlaps: readonly string[];
}

/** Reads the layout of a chart figure: which rendering is displayed, its box, and its labels' boxes. */
async function readFigure(page: Page, id: string): Promise<FigureState | null> {
  return page.evaluate((figureId) => {
    const figure = document.getElementById(figureId);
    if (!figure) return null;
    const boxes = [...figure.querySelectorAll<HTMLElement>('.chart-svg')].filter((b) => getComputedStyle(b).display !== 'none');
    const shown = boxes.map((b) => (b.classList.contains('chart-wide') ? 'wide' : 'narrow'));
    const svg = boxes[0]?.querySelector('svg');
    if (!svg) return { figureWidth: figure.clientWidth, shown, svg: null, outside: [], overlaps: [] };
    const s = svg.getBoundingClientRect();
    const scale = s.width / svg.viewBox.baseVal.width;
    // A text's line box is taller than its glyphs (ascent + descent of the CJK font); use one em around its middle.
    const labels = [...svg.querySelectorAll('text')]
      .filter((t) => (t.textContent ?? '').trim() !== '')
      .map((t) => {
        const r = t.getBoundingClientRect();
        const em = parseFloat(getComputedStyle(t).fontSize) * scale;
        const mid = (r.top + r.bottom) / 2;
        return { text: t.textContent ?? '', left: r.left, right: r.right, top: mid - em / 2, bottom: mid + em / 2 };
      });
    const outside = labels.filter((l) => l.left < s.left - 0.5 || l.right > s.right + 0.5 || l.top < s.top - 0.5 || l.bottom > s.bottom + 0.5).map((l) => `“${l.text}”`);
    const overlaps: string[] = [];
    labels.forEach((a, i) => {
      for (const b of labels.slice(i + 1)) {
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 0.5 && y > 0.5) overlaps.push(`“${a.text}” × “${b.text}”`);
      }
    });
    return { figureWidth: figure.clientWidth, shown, svg: { width: s.width, height: s.height, left: s.left, right: s.right }, outside, overlaps };
  }, id);
}

describe.each(PAGES)('charts of the $name page ($path)', ({ name, path, charts }) => {
  const drawn = charts.filter((c) => c.build);

  it('has charts to draw', () => {
    expect(drawn.length).toBeGreaterThanOrEqual(name === 'report' ? 4 : name === 'place' ? 1 : 3);
  });

  for (const viewport of VIEWPORTS) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`shows each chart at ${viewport.width} px (${colorScheme}), labels inside and apart`, async () => {
        const { page, context, watch } = await openPage(site.browser, site.origin, path, { ...viewport, colorScheme });
        try {
          const layout = viewport.width < WIDE_FROM ? 'narrow' : 'wide';
          // The screenshot first, so that a failing layout can be looked at.
          await page.locator('.charts').first().screenshot({ path: join(SCREENSHOT_DIR, `charts-${name}-${viewport.width}-${colorScheme}.png`) });
          for (const chart of charts) {
            const state = await readFigure(page, `chart-${chart.key}`);
            expect(state, `#chart-${chart.key}`).not.toBeNull();
            if (!chart.build) {
              expect(state?.shown, `#chart-${chart.key} has nothing to draw`).toEqual([]);
              continue;
            }
            expect(state?.figureWidth, `#chart-${chart.key} should be laid out ${layout}`).toSatisfy((w: number) => (w >= WIDE_FROM) === (layout === 'wide'));
            expect(state?.shown, `#chart-${chart.key}`).toEqual([layout]);
            expect(state?.svg?.width).toBeGreaterThan(100);
            expect(state?.svg?.height).toBeGreaterThan(20);
            expect(state?.svg?.right, `#chart-${chart.key} runs off the screen`).toBeLessThanOrEqual(viewport.width);
            expect(state?.outside, `#chart-${chart.key}: labels cut off at the SVG's edge`).toEqual([]);
            expect(state?.overlaps, `#chart-${chart.key}: labels drawn over each other`).toEqual([]);
          }
          expect(watch.consoleErrors).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }

  it('draws the charts’ Chinese labels with CJK glyphs, not .notdef boxes', async () => {
    const { page, context } = await openPage(site.browser, site.origin, path, { width: 390 });
    try {
      const cdp = await context.newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
      const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '.chart-narrow svg text' });
      let checked = 0;
      for (const nodeId of nodeIds) {
        const text = (await cdp.send('DOM.describeNode', { nodeId, depth: 1 })).node.children?.map((c) => c.nodeValue).join('') ?? '';
        const han = text.match(HAN)?.length ?? 0;
        if (!han) continue;
        const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
        const cjk = fonts.filter((f) => /CJK|Han Sans|Hei|Song|Kai|Ming|Gothic|PingFang|YaHei/i.test(f.familyName)).reduce((n, f) => n + f.glyphCount, 0);
        expect(cjk, `“${text}” drawn with ${JSON.stringify(fonts)}`).toBeGreaterThanOrEqual(han);
        checked += 1;
      }
      expect(checked).toBeGreaterThan(0);

      const glyphs = await page.evaluate(() => {
        const label = [...document.querySelectorAll('.chart-narrow svg text')].find((t) => /\p{Script=Han}/u.test(t.textContent ?? ''));
        if (!label) return null;
        const font = `24px ${getComputedStyle(label).fontFamily}`;
        const chars = [...new Set([...document.querySelectorAll('.chart-narrow svg text')].flatMap((t) => (t.textContent ?? '').match(/\p{Script=Han}/gu) ?? []))].slice(0, 40);
        const canvas = document.createElement('canvas');
        canvas.width = 32;
        canvas.height = 32;
        const ctx = canvas.getContext('2d', { willReadFrequently: true });
        if (!ctx) return null;
        const draw = (ch: string): { ink: number; key: string } => {
          ctx.clearRect(0, 0, 32, 32);
          ctx.font = font;
          ctx.textBaseline = 'middle';
          ctx.fillText(ch, 4, 16);
          const alpha = [...ctx.getImageData(0, 0, 32, 32).data.filter((_, i) => i % 4 === 3)];
          return { ink: alpha.filter((a) => a > 0).length, key: alpha.join(',') };
        };
        const notdef = draw('\u{10FFFD}').key;
        return { font, chars, notdef, drawn: chars.map((ch) => ({ ch, ...draw(ch) })) };
      });
      expect(glyphs).not.toBeNull();
      expect(glyphs?.chars.length).toBeGreaterThan(5);
      for (const g of glyphs?.drawn ?? []) {
        expect(g.ink, `${g.ch} leaves no ink in ${glyphs?.font}`).toBeGreaterThan(10);
        expect(g.key === glyphs?.notdef, `${g.ch} is drawn as the .notdef box`).toBe(false);
      }
      expect(new Set(glyphs?.drawn.map((g) => g.key)).size, 'distinct characters look alike').toBe(glyphs?.drawn.length);
    } finally {
      await context.close();
    }
  });

  for (const viewport of VIEWPORTS) {
    it(`shows each chart's hover text at ${viewport.width} px`, async () => {
      const { page, context, watch } = await openPage(site.browser, site.origin, path, viewport);
      try {
        const tip = page.locator('.chart-tip');
        expect(await tip.count()).toBe(1);
        const layout = viewport.width < WIDE_FROM ? 'narrow' : 'wide';
        for (const chart of drawn) {
          const built = chart.build?.(CHART_WIDTHS[layout]);
          const box = `#chart-${chart.key} .chart-${layout}`;
          await page.locator(box).scrollIntoViewIfNeeded({ timeout: 5000 });
          // A mark the pointer can reach: the topmost element at its centre is the mark itself.
          const target = await page.evaluate((selector) => {
            for (const el of document.querySelectorAll(`${selector} [ecmeta_series_index][ecmeta_data_index]`)) {
              const r = el.getBoundingClientRect();
              if (r.width < 2 || r.height < 2) continue;
              const x = r.left + r.width / 2;
              const y = r.top + r.height / 2;
              if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight || document.elementFromPoint(x, y) !== el) continue;
              return { x, y, series: Number(el.getAttribute('ecmeta_series_index')), index: Number(el.getAttribute('ecmeta_data_index')) };
            }
            return null;
          }, box);
          expect(target, `${box}: no mark under the pointer`).not.toBeNull();
          if (!target) continue;
          const expected = built?.tips[target.series]?.[target.index];
          expect(expected, `${box}: no tip for series ${target.series} item ${target.index}`).toBeTruthy();
          await page.mouse.move(target.x, target.y);
          await expect.poll(() => tip.isVisible(), { timeout: 2000 }).toBe(true);
          expect(await tip.textContent()).toBe(expected);
          const tipBox = await tip.boundingBox();
          expect(tipBox?.x).toBeGreaterThanOrEqual(0);
          expect((tipBox?.x ?? 0) + (tipBox?.width ?? 0)).toBeLessThanOrEqual(viewport.width);
          await page.mouse.move(1, 1);
          await expect.poll(() => tip.isVisible(), { timeout: 2000 }).toBe(false);
        }
        expect(watch.consoleErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
