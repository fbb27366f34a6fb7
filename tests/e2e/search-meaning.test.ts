/**
 * Search that finds what was meant, in Chromium at 390 and 1280 px: a place name finds the place and
 * not the places that share a character (同江 → 同江市, never 黑龙江省 or 牡丹江市); a metric's Chinese
 * name finds its comparison (indexed too) and its definition; a word every report uses gets snippets
 * from each report's own text, not its download list; the address follows what is typed.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCommittedContent } from '../../src/fixtures/committed-content.ts';
import { openPage, SCREENSHOT_DIR, startSiteAndBrowser, VIEWPORTS } from './browser.ts';
import { comparePath, jurisdictionPath, reportPath } from '../../src/site/paths.ts';

const content = loadCommittedContent();
const site = startSiteAndBrowser();
const NEWEST = Math.max(...content.reports.map((r) => r.meta.year));

beforeAll(() => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

/** Waits until the search page has answered the query in its box, and reads the hits: path, context, excerpt. */
async function readHits(page: Page): Promise<{ path: string; excerpt: string }[]> {
  await page.waitForFunction(() => /找到|无法使用/.test(document.querySelector('#search-status')?.textContent ?? ''));
  return page.$$eval('#search-results li', (items) =>
    items.map((li) => ({ path: new URL((li.querySelector('a') as HTMLAnchorElement).href).pathname, excerpt: li.querySelector('p')?.textContent ?? '' })),
  );
}

describe.each(VIEWPORTS.map((v) => [v.name, v] as const))('search at %s width', (name, viewport) => {
  const open = (path: string) => openPage(site.browser, site.origin, path, { width: viewport.width, height: viewport.height });

  it('finds 同江市 first for 同江, and not the places that only share 江 or 同', async () => {
    const { page, context, watch } = await open(`/search/?q=${encodeURIComponent('同江')}`);
    try {
      const hits = await readHits(page);
      expect(hits.slice(0, 2).map((h) => h.path)).toEqual([jurisdictionPath('230881'), reportPath('230881-2020')]);
      const others = content.reports.filter((r) => r.meta.jurisdiction !== '230881').flatMap((r) => [reportPath(r.meta.id), jurisdictionPath(r.meta.jurisdiction)]);
      expect(hits.map((h) => h.path).filter((p) => others.includes(p))).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `search-tongjiang-${name}.png`), fullPage: true });
      expect([watch.consoleErrors, watch.failedRequests, watch.externalRequests]).toEqual([[], [], []]);
    } finally {
      await context.close();
    }
  });

  it('finds the ranking and the definition for 公开率, and indexes the comparison pages themselves', async () => {
    const { page, context } = await open(`/search/?q=${encodeURIComponent('公开率')}`);
    try {
      const hits = await readHits(page);
      expect(hits.slice(0, 2).map((h) => h.path)).toEqual([comparePath(NEWEST, 'grant_rate'), '/methodology/']);
      // The comparison page is in the full-text index too: its own heading finds it.
      const indexed = (await page.evaluate(`(async () => {
        const parts = (await (await fetch('/pagefind/parts.json')).json()).parts.map((p) => new URL(p, location.origin + '/pagefind/').pathname);
        const pf = await import(parts[0] + 'pagefind.js');
        await pf.init();
        for (const part of parts.slice(1)) await pf.mergeIndex(part);
        const found = await pf.search('各地诉讼纠错率比较');
        return (await Promise.all(found.results.map((r) => r.data()))).map((d) => d.url);
      })()`)) as string[];
      expect(indexed).toContain(comparePath(NEWEST, 'litigation_correction_rate'));
    } finally {
      await context.close();
    }
  });

  it('gives each report’s own text as the snippet for 复议, not its download list', async () => {
    const { page, context } = await open(`/search/?q=${encodeURIComponent('复议')}`);
    try {
      const hits = (await readHits(page)).filter((h) => h.path.startsWith('/reports/'));
      expect(hits.length).toBeGreaterThan(0);
      for (const h of hits) expect(h.excerpt, h.path).not.toMatch(/\.csv|下载|引用本报告/);
      if (hits.length > 1) expect(new Set(hits.map((h) => h.excerpt)).size).toBe(hits.length);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `search-fuyi-${name}.png`), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('keeps the address in step with the query as one types', async () => {
    const { page, context } = await open('/search/');
    try {
      for (const query of ['同江', '嘉荫县']) {
        await page.fill('#search-q', '');
        await page.type('#search-q', query);
        await page.waitForFunction((q) => new URLSearchParams(location.search).get('q') === q, query);
        await readHits(page);
      }
      await page.reload();
      expect(await page.inputValue('#search-q')).toBe('嘉荫县');
    } finally {
      await context.close();
    }
  });
});
