/**
 * Embeds carry their caveats, in Chromium at 390 and 1280 px: the 同江市 request flow, whose report
 * fails T3-B (its outcomes do not add up to its printed （七）总计), shows the failure as a visible note
 * on its embed page (light by default, even on a dark system) and has it drawn into its standalone SVG
 * (from which the reader's browser draws the PNG), where the browser finds the note's flag colours
 * under the chart. The expected numbers come
 * from the content's own rule outcomes.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_COLORS } from '../../src/embeds/chart-image.ts';
import { embedPath, listEmbedFiles } from '../../src/embeds/embed-paths.ts';
import { loadContent } from '../../src/loaders/load-content.ts';
import { nodeContentFs } from '../../src/loaders/node-fs.ts';
import { openPage, SCREENSHOT_DIR, startSiteAndBrowser, VIEWPORTS } from './browser.ts';

const content = loadContent(nodeContentFs, process.env.GONGKAI_CONTENT ?? 'content');
const site = startSiteAndBrowser();
const REPORT = '230881-2020';

beforeAll(() => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

/** The T3-B failure of the report on the 总计 column: its two printed sides. */
function findT3B(): { left: number; right: number } {
  const report = content.reports.find((r) => r.meta.id === REPORT);
  const check = report?.outcomes.find((o) => o.rule === 'T3-B')?.checks.find((c) => c.status === 'fail' && c.at === 'total');
  if (!check || check.left === null || check.right === null) throw new Error(`${REPORT} no longer fails T3-B on 总计: pick another flagged report for this test`);
  return { left: check.left, right: check.right };
}

/** Draws an image of the site on a canvas and counts the pixels of a colour (±6 per channel) in rows `from`–`to` (fractions of its height). */
async function countColour(page: Page, src: string, hex: string, from: number, to: number): Promise<{ pixels: number; width: number; height: number }> {
  return page.evaluate(
    async ({ src, hex, from, to }) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      ctx.drawImage(img, 0, 0);
      const y0 = Math.floor(canvas.height * from);
      const data = ctx.getImageData(0, y0, canvas.width, Math.ceil(canvas.height * to) - y0).data;
      const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      let pixels = 0;
      for (let i = 0; i < data.length; i += 4) if (want.every((v, c) => Math.abs((data[i + c] ?? 0) - v) <= 6)) pixels += 1;
      return { pixels, width: canvas.width, height: canvas.height };
    },
    { src, hex, from, to },
  );
}

describe.each(VIEWPORTS.map((v) => [v.name, v] as const))('the caveats of the 同江市 flow embed at %s width', (name, viewport) => {
  const t3b = findT3B();
  const path = embedPath(REPORT, 'flow');

  it('shows the T3-B failure as a visible note on a light page, even on a dark system', async () => {
    const { page, context, watch } = await openPage(site.browser, site.origin, path, { width: viewport.width, height: viewport.height, colorScheme: 'dark' });
    try {
      const state = await page.evaluate(() => {
        const notes = document.querySelector('main .chart-notes');
        const box = notes?.getBoundingClientRect();
        const bg = getComputedStyle(document.body).backgroundColor;
        return { text: notes?.textContent ?? '', box: box ? { left: box.left, right: box.right, height: box.height } : null, bg, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth };
      });
      expect(state.text).toContain('T3-B');
      expect(state.text).toContain(`${t3b.left} ≠ ${t3b.right}`);
      expect(state.box?.height ?? 0, 'the note is drawn, not only read out').toBeGreaterThan(20);
      expect(state.box?.left ?? -1).toBeGreaterThanOrEqual(0);
      expect(state.box?.right ?? Infinity).toBeLessThanOrEqual(viewport.width);
      expect(state.overflow).toBeLessThanOrEqual(0);
      const [r = 0, g = 0, b = 0] = (state.bg.match(/\d+/g) ?? []).map(Number);
      expect((r + g + b) / 3, `default background on a dark system: ${state.bg}`).toBeGreaterThan(200);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `embed-caveat-flow-${name}.png`), fullPage: true });
      expect([watch.consoleErrors, watch.failedRequests, watch.externalRequests]).toEqual([[], [], []]);
    } finally {
      await context.close();
    }
  });

  it('has the note drawn into its SVG under the chart (so the PNG the reader draws from it has it too), and named in the SVG', async () => {
    const files = listEmbedFiles(path);
    const { page, context } = await openPage(site.browser, site.origin, path, { width: viewport.width, height: viewport.height });
    try {
      const svg = await page.evaluate(async (href) => (await fetch(href)).text(), files.svg);
      expect(/<desc>([^<]*)<\/desc>/.exec(svg)?.[1]).toContain(`T3-B（办理结果合计）：${t3b.left} ≠ ${t3b.right}`);
      for (const src of [files.svg]) {
        // The note box sits under the chart and above the source line: in the lower half of the image.
        const background = await countColour(page, src, IMAGE_COLORS.flagBackground, 0.5, 1);
        const ink = await countColour(page, src, IMAGE_COLORS.flagInk, 0.5, 1);
        expect(background.pixels, `${src}: the note's box`).toBeGreaterThan(background.width * 20);
        expect(ink.pixels, `${src}: the note's bar and text`).toBeGreaterThan(background.height * 0.04 * 4);
        const above = await countColour(page, src, IMAGE_COLORS.flagBackground, 0, 0.5);
        // (A few anti-aliased edges of the chart's pale flows come close to the colour.)
        expect(above.pixels, `${src}: the box is not over the chart`).toBeLessThan(background.pixels / 20);
      }
      await page.goto(`${site.origin}${files.svg}`);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `embed-caveat-flow-svg-${name}.png`) });
    } finally {
      await context.close();
    }
  });
});
