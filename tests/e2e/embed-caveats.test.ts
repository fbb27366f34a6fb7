/**
 * Embeds carry their caveats, in Chromium at 390 and 1280 px: a report's request flow whose report
 * fails a rule on the cells it draws (同江市 2020 in the committed content: its outcomes do not add up
 * to its printed （七）总计, T3-B) shows each failure as a visible note on its embed page (light by
 * default, even on a dark system) and has it drawn into its standalone SVG (from which the reader's
 * browser draws the PNG), where the browser finds the note's flag colours under the chart. The report
 * and the expected numbers come from the content's own rule outcomes, so the test runs on any content
 * built (GONGKAI_CONTENT).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_COLORS } from '../../src/embeds/chart-image.ts';
import { deriveRequestFlowData } from '../../src/charts/request-flow.ts';
import { loadContent } from '../../src/loaders/load-content.ts';
import { nodeContentFs } from '../../src/loaders/node-fs.ts';
import { openPage, SCREENSHOT_DIR, startSiteAndBrowser, VIEWPORTS } from './browser.ts';
import { embedPath, listEmbedFiles } from '../../src/site/paths.ts';

const content = loadContent(nodeContentFs, process.env.GONGKAI_CONTENT ?? 'content');
const site = startSiteAndBrowser();

beforeAll(() => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

/** The first report (by id) whose flow chart has a rule failure on the cells it draws, with its T3-B failure on 总计 when it has one (its two printed sides). */
function findFlaggedFlow(): { id: string; t3b: { left: number; right: number } | null } {
  for (const report of [...content.reports].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))) {
    if (!deriveRequestFlowData(report, content.jurisdictions).notes.length) continue;
    const check = report.outcomes.find((o) => o.rule === 'T3-B')?.checks.find((c) => c.status === 'fail' && c.at === 'total');
    return { id: report.meta.id, t3b: check && check.left !== null && check.right !== null ? { left: check.left, right: check.right } : null };
  }
  throw new Error('no report fails a rule on the cells of its request flow: this test needs one (同江市 2020 in the committed content)');
}

/** The failing checks of a report on table 三's 总计 column, each as its rule and its two printed sides (as the notes print them). */
function listFlowFailures(id: string): string[] {
  const report = content.reports.find((r) => r.meta.id === id);
  return (report?.outcomes ?? []).flatMap((o) =>
    o.checks.filter((c) => c.status === 'fail' && c.terms.some((t) => t.reportId === id && t.key.startsWith('requests.') && t.key.endsWith('.total'))).map(() => o.rule),
  );
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

describe.each(VIEWPORTS.map((v) => [v.name, v] as const))('the caveats of a flagged flow embed at %s width', (name, viewport) => {
  const { id, t3b } = findFlaggedFlow();
  const rules = [...new Set(listFlowFailures(id))];
  const path = embedPath(id, 'flow');

  it('shows each rule failure as a visible note on a light page, even on a dark system', async () => {
    const { page, context, watch } = await openPage(site.browser, site.origin, path, { width: viewport.width, height: viewport.height, colorScheme: 'dark' });
    try {
      const state = await page.evaluate(() => {
        const notes = document.querySelector('main .chart-notes');
        const box = notes?.getBoundingClientRect();
        const bg = getComputedStyle(document.body).backgroundColor;
        return { text: notes?.textContent ?? '', box: box ? { left: box.left, right: box.right, height: box.height } : null, bg, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth };
      });
      expect(rules.length, `${id}: failing rules on the flow's cells`).toBeGreaterThan(0);
      for (const rule of rules) expect(state.text, `${id}: ${rule} in the visible notes`).toContain(` ${rule}（`);
      if (t3b) expect(state.text).toContain(`${t3b.left.toLocaleString('en-US')} ≠ ${t3b.right.toLocaleString('en-US')}`);
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
      const desc = /<desc>([^<]*)<\/desc>/.exec(svg)?.[1] ?? '';
      for (const rule of rules) expect(desc, `${id}: ${rule} named in the SVG`).toContain(` ${rule}（`);
      if (t3b) expect(desc).toContain(`T3-B（办理结果合计）：${t3b.left.toLocaleString('en-US')} ≠ ${t3b.right.toLocaleString('en-US')}`);
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
