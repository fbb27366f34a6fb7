/**
 * The embed pages of the jurisdiction and comparison charts in Chromium: a place's and a ranking's
 * page load with no console error, no failed request and nothing fetched from elsewhere; the chart
 * is drawn; the source line leads to the chart on its page; and at desktop width without the resize
 * script the default height of the published snippet shows the whole page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { OembedJson } from '../../src/embeds/embed-view.ts';
import { openPage, SCREENSHOT_DIR, startSiteAndBrowser } from './browser.ts';
import { compareEmbedPath, jurisdictionEmbedPath, listEmbedFiles } from '../../src/site/paths.ts';

const dist = inject('distDir');
const site = startSiteAndBrowser();

/** 同江市's year-before chart (its only chart while one year is on file) and the prefecture ranking of 2020's grant rate (two ranked bars), with the page each is on. */
const SAMPLES = [
  { embed: jurisdictionEmbedPath('230881', 'prior-year'), page: '/jurisdictions/230881/#chart-prior-year' },
  { embed: compareEmbedPath(2020, 'grant_rate', 'ranking-prefecture'), page: '/compare/2020/grant_rate/#chart-ranking-prefecture' },
];

describe('the embed page of a jurisdiction or comparison chart in Chromium', () => {
  it.each(SAMPLES.map((s) => [s.embed, s] as const))('%s loads cleanly, draws its chart, links back and fits its default height', async (_path, sample) => {
    const oembed = JSON.parse(readFileSync(join(dist, listEmbedFiles(sample.embed).oembed), 'utf8')) as OembedJson;
    const { status, page, context, watch } = await openPage(site.browser, site.origin, sample.embed, { width: 760 });
    try {
      expect(status).toBe(200);
      const drawn = await page.evaluate(() => {
        const svg = [...document.querySelectorAll('main .chart-svg svg')].find((el) => el.getClientRects().length > 0);
        const box = svg?.getBoundingClientRect();
        return { width: box?.width ?? 0, height: box?.height ?? 0, marks: svg?.querySelectorAll('path, circle, rect').length ?? 0, labels: svg?.querySelectorAll('text').length ?? 0 };
      });
      expect(drawn.width).toBeGreaterThan(300);
      // A ranking of two prefectures is two bars high.
      expect(drawn.height).toBeGreaterThan(40);
      expect(drawn.marks).toBeGreaterThanOrEqual(2);
      expect(drawn.labels).toBeGreaterThanOrEqual(3);
      const source = await page.locator('body > footer a').first().getAttribute('href');
      expect(new URL(source ?? '').pathname + new URL(source ?? '').hash).toBe(sample.page);
      const height = await page.evaluate(() => document.body.getBoundingClientRect().height);
      expect(height).toBeLessThanOrEqual(oembed.height);
      expect(oembed.height - height).toBeLessThan(60);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `embed${sample.embed.replace(/\/$/, '').replace(/^\/embed/, '').replace(/\//g, '-')}.png`), fullPage: true });
      expect([watch.consoleErrors, watch.failedRequests, watch.externalRequests]).toEqual([[], [], []]);
    } finally {
      await context.close();
    }
  });
});
