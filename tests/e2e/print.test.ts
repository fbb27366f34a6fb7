/**
 * Printing: black on white whatever the theme, no site chrome, every table whole within the printed
 * width (nothing clipped by a scroll box), header rows repeated on each page, rows never split across
 * pages. In black and white (a greyscale filter over the print media, as a mono printer or a
 * photocopy would see the page), the entries of every chart legend still look different, judged on
 * the pixels Chromium painted, and chart text stays a legible size. PDFs and print-media screenshots
 * are saved for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FONT_SIZE } from '../../src/charts/chart-theme.ts';
import { THEME_KEY } from '../../src/client/theme-state.ts';
import { PAGE_TYPES } from '../page-types.ts';
import { openPage, SCREENSHOT_DIR, startSiteAndBrowser } from './browser.ts';

const site = startSiteAndBrowser();
const REPORT = PAGE_TYPES.find((t) => t.name === 'report');
const JURISDICTION = PAGE_TYPES.find((t) => t.name === 'jurisdiction');
/** The printable width of A4 with the print stylesheet's 12 mm side margins, in CSS px (96 per inch). */
const A4_CONTENT_PX = Math.floor(((210 - 2 * 12) / 25.4) * 96);
/** The smallest chart text, in CSS px, that still reads on paper (about 7 pt). */
const MIN_PRINTED_FONT_PX = 9;
/**
 * Two legend swatches look different in grey when their mean grey levels differ by this much (of
 * 255; Okabe–Ito vermillion and the neutral grey are 28 apart, blue and vermillion 18) …
 */
const MIN_GREY_GAP = 40;
/** … or when their textures differ by this much: the mean difference of their pixels, each less its swatch's mean. */
const MIN_TEXTURE_GAP = 10;

describe('printing a report page', () => {
  it('prints black on white in the dark theme, without chrome, with whole tables that repeat their heads', async () => {
    if (!REPORT) throw new Error('tests/page-types.ts declares no report page');
    const { page, context } = await openPage(site.browser, site.origin, REPORT.path, { colorScheme: 'dark', width: A4_CONTENT_PX });
    try {
      await page.evaluate((key) => localStorage.setItem(key, 'dark'), THEME_KEY);
      await page.reload();
      await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
      const layout = await page.evaluate(() => {
        const style = (el: Element | null): CSSStyleDeclaration | null => (el ? getComputedStyle(el) : null);
        const main = document.querySelector('main')?.getBoundingClientRect();
        // A hover text left showing when the reader prints.
        const tip = document.querySelector<HTMLElement>('.chart-tip');
        if (tip) tip.hidden = false;
        return {
          tip: tip ? getComputedStyle(tip).display : 'missing',
          background: style(document.body)?.backgroundColor,
          color: style(document.body)?.color,
          hidden: ['header.site nav', 'header.site .tools', 'footer.site'].map((s) => style(document.querySelector(s))?.display),
          // Download links and closed disclosures of charts are for the screen.
          screenOnly: [...document.querySelectorAll('.chart-files, details:not([open])')].filter((el) => getComputedStyle(el).display !== 'none').length,
          charts: document.querySelectorAll('figure.chart').length,
          scrollOverflow: [...document.querySelectorAll('.scroll')].map((el) => getComputedStyle(el).overflowX),
          theadDisplay: [...document.querySelectorAll('table thead')].map((el) => getComputedStyle(el).display),
          rowBreak: style(document.querySelector('table tbody tr'))?.breakInside,
          tooWide: [...document.querySelectorAll('table, .chart-svg svg')].filter((t) => main && t.getBoundingClientRect().right > main.right + 1).map((t) => t.querySelector('caption')?.textContent ?? t.closest('figure')?.id ?? t.tagName),
        };
      });
      expect(layout.background).toBe('rgb(255, 255, 255)');
      expect(layout.color).toBe('rgb(26, 26, 26)');
      expect(layout.hidden).toEqual(['none', 'none', 'none']);
      expect(layout.charts).toBeGreaterThan(0);
      expect(layout.screenOnly).toBe(0);
      expect(layout.tip).toBe('none');
      expect(new Set(layout.scrollOverflow)).toEqual(new Set(['visible']));
      expect(layout.theadDisplay.length).toBeGreaterThan(0);
      expect(new Set(layout.theadDisplay)).toEqual(new Set(['table-header-group']));
      expect(layout.rowBreak).toBe('avoid');
      expect(layout.tooWide).toEqual([]);
      expect(await measureChartFontPx(page)).toBeGreaterThanOrEqual(MIN_PRINTED_FONT_PX);
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'report-print.png'), fullPage: true });
      const pdf = await page.pdf({ path: join(SCREENSHOT_DIR, 'report-print.pdf'), format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await context.close();
    }
  });
});

/** The smallest size, in CSS px, at which a shown chart draws its text (FONT_SIZE scaled by the SVG's width over its viewBox). */
async function measureChartFontPx(page: Page): Promise<number> {
  const scales = await page.evaluate(() =>
    [...document.querySelectorAll<SVGSVGElement>('.chart-svg svg')]
      .filter((svg) => svg.getBoundingClientRect().width > 0)
      .map((svg) => svg.getBoundingClientRect().width / svg.viewBox.baseVal.width),
  );
  expect(scales.length).toBeGreaterThan(0);
  return Math.min(...scales) * FONT_SIZE;
}

/** One legend entry of a shown chart: its name and where its swatch is on the page (CSS px, document coordinates). */
interface LegendSwatch {
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The legends of the charts shown, by chart id: each entry's swatch, found as ECharts writes a legend
 * item (icon paths, then the name as a `<text>` with x and y, all sharing one translate; the icon
 * fills the item's first x − 5 units across and 2y down).
 */
async function findLegendSwatches(page: Page): Promise<Record<string, LegendSwatch[]>> {
  return page.evaluate(() => {
    const legends: Record<string, LegendSwatch[]> = {};
    for (const svg of document.querySelectorAll<SVGSVGElement>('.chart-svg svg')) {
      const ctm = svg.getScreenCTM();
      if (!ctm || svg.getBoundingClientRect().width === 0) continue;
      const swatches: LegendSwatch[] = [];
      for (const text of svg.querySelectorAll('text[x][y][transform]')) {
        const at = text.getAttribute('transform') ?? '';
        const icon = text.previousElementSibling;
        const move = /^translate\((-?[\d.]+)[ ,](-?[\d.]+)\)$/.exec(at);
        if (!move || icon?.tagName !== 'path' || icon.getAttribute('transform') !== at) continue;
        const [tx, ty] = [Number(move[1]), Number(move[2])];
        const topLeft = new DOMPoint(tx, ty).matrixTransform(ctm);
        const bottomRight = new DOMPoint(tx + Number(text.getAttribute('x')) - 5, ty + 2 * Number(text.getAttribute('y'))).matrixTransform(ctm);
        swatches.push({ name: text.textContent ?? '', x: topLeft.x + scrollX, y: topLeft.y + scrollY, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y });
      }
      const id = svg.closest('figure')?.id ?? `chart-${Object.keys(legends).length}`;
      if (swatches.length > 1) legends[id] = swatches;
    }
    return legends;
  });
}

/** How two swatches of one legend compare in a greyscale image: mean grey gap and texture gap (0–255). */
interface SwatchPair {
  readonly chart: string;
  readonly pair: string;
  readonly greyGap: number;
  readonly textureGap: number;
}

/**
 * Compares every two swatches of each legend in a PNG of the page (a screenshot under the greyscale
 * filter), a pixel inset from their edges so that anti-aliasing does not count.
 */
async function compareSwatches(page: Page, png: Buffer, legends: Record<string, LegendSwatch[]>): Promise<SwatchPair[]> {
  return page.evaluate(
    async ({ src, legends }) => {
      const image = new Image();
      image.src = src;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.naturalWidth;
      canvas.height = image.naturalHeight;
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context) throw new Error('no 2d canvas');
      context.drawImage(image, 0, 0);
      const pairs: SwatchPair[] = [];
      for (const [chart, swatches] of Object.entries(legends)) {
        const width = Math.floor(Math.min(...swatches.map((s) => s.width))) - 2;
        const height = Math.floor(Math.min(...swatches.map((s) => s.height))) - 2;
        const greys = swatches.map((s) => {
          const rgba = context.getImageData(Math.ceil(s.x) + 1, Math.ceil(s.y) + 1, width, height).data;
          const grey = Array.from({ length: width * height }, (_, i) => 0.2126 * rgba[4 * i]! + 0.7152 * rgba[4 * i + 1]! + 0.0722 * rgba[4 * i + 2]!);
          const mean = grey.reduce((a, b) => a + b, 0) / grey.length;
          return { name: s.name, mean, texture: grey.map((g) => g - mean) };
        });
        greys.forEach((a, i) =>
          greys.slice(i + 1).forEach((b) => {
            const textureGap = a.texture.reduce((sum, t, k) => sum + Math.abs(t - (b.texture[k] ?? 0)), 0) / a.texture.length;
            pairs.push({ chart, pair: `${a.name} / ${b.name}`, greyGap: Math.round(Math.abs(a.mean - b.mean)), textureGap: Math.round(textureGap) });
          }),
        );
      }
      return pairs;
    },
    { src: `data:image/png;base64,${png.toString('base64')}`, legends },
  );
}

describe('printing in black and white at 1280 px', () => {
  for (const type of [REPORT, JURISDICTION]) {
    it(`keeps every legend entry of the ${type?.name} page apart in grey, and chart text legible`, async () => {
      if (!type) throw new Error('tests/page-types.ts lacks the report or jurisdiction page');
      const { page, context, watch } = await openPage(site.browser, site.origin, type.path, { width: 1280 });
      try {
        await page.emulateMedia({ media: 'print' });
        await page.addStyleTag({ content: 'html { filter: grayscale(1); }' });
        expect(await page.evaluate(() => getComputedStyle(document.documentElement).filter)).toBe('grayscale(1)');
        expect(await measureChartFontPx(page)).toBeGreaterThanOrEqual(MIN_PRINTED_FONT_PX);
        const legends = await findLegendSwatches(page);
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        const png = await page.screenshot({ path: join(SCREENSHOT_DIR, `${type.name}-print-grey-1280.png`), fullPage: true });
        const pairs = await compareSwatches(page, png, legends);
        // The report page has legends of two to four entries (applicants, appeals, active disclosure);
        // the jurisdiction pages of one-year series have none.
        if (type === REPORT) expect(pairs.length).toBeGreaterThanOrEqual(3);
        const alike = pairs.filter((p) => p.greyGap < MIN_GREY_GAP && p.textureGap < MIN_TEXTURE_GAP);
        expect(alike, JSON.stringify(pairs)).toEqual([]);
        expect(watch.consoleErrors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
