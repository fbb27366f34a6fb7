/**
 * Departments in a real browser, on the site built from the synthetic department corpus: a
 * department's page with seven years of trends and one with a single report (key figures, no trend
 * chart), a place page's department list sorted by clicking its headings (and a plain table without
 * JavaScript), a department comparison, and search finding a department by its name. Screenshots at
 * 390 and 1280 px go to the screenshot folder for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDepartmentContent } from '../../src/fixtures/department-corpus.ts';
import { openPage, SCREENSHOT_DIR, startSiteAndBrowser, VIEWPORTS } from './browser.ts';

const site = startSiteAndBrowser();
const ON_DEPARTMENTS = { site: 'departments' } as const;
const content = loadDepartmentContent();

beforeAll(() => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

/** A department report's 本年新收 total, straight from its cells. */
function received(id: string): number {
  const v = content.reports.find((r) => r.meta.id === id)?.tables.requests.received_new?.total?.value;
  if (v === undefined || v === null) throw new Error(`${id} has no received_new total`);
  return v;
}

describe('a department’s page', () => {
  for (const viewport of VIEWPORTS) {
    it(`shows seven years of trends, the form break marked, at ${viewport.width} px`, async () => {
      const { page, context, watch } = await openPage(site.browser, site.originOf(ON_DEPARTMENTS), '/publishers/230100-jiaoyu/', viewport);
      try {
        await page.screenshot({ path: join(SCREENSHOT_DIR, `departments-publisher-${viewport.width}.png`), fullPage: true });
        expect(await page.locator('h1').textContent()).toContain('哈尔滨市教育局');
        // Its latest year's key figures, as on a place's page: 2025's 本年新收 as the report prints it.
        expect(await page.locator('table.key-figures caption').textContent()).toContain('哈尔滨市教育局 2025 年主要数字');
        expect(await page.locator('table.key-figures tbody tr').first().locator('.value').textContent()).toBe(new Intl.NumberFormat('zh-CN').format(received('230100-jiaoyu-2025')));
        const trends = page.locator('figure.chart[id^="chart-trend-"]');
        expect(await trends.count()).toBe(6);
        const svg = trends.first().locator(viewport.width < 600 ? '.chart-narrow svg' : '.chart-wide svg');
        await expect.poll(() => svg.isVisible()).toBe(true);
        expect(await svg.textContent()).toContain('表式变更');
        // The data table of the requests trend holds each year's 本年新收, as the reports print it.
        const cells = await trends.first().locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent?.trim() ?? '')));
        expect(cells.map((c) => [c[0], c[1]])).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025].map((y) => [`${y}年`, String(received(`230100-jiaoyu-${y}`))]));
        expect(watch.consoleErrors).toEqual([]);
        expect(watch.failedRequests).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it('with one report shows key figures against its peers and no trend chart', async () => {
    const { page, context } = await openPage(site.browser, site.originOf(ON_DEPARTMENTS), '/publishers/230300-jiaoyu/', { width: 390 });
    try {
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'departments-one-report-390.png'), fullPage: true });
      expect(await page.locator('figure.chart[id^="chart-trend-"]').count()).toBe(0);
      const rows = page.locator('table.key-figures tbody tr');
      expect(await rows.count()).toBe(6);
      expect(await rows.first().locator('td').first().textContent()).toBe(String(received('230300-jiaoyu-2021')));
      expect(await page.locator('table.key-figures caption').textContent()).toContain('与全省地市级教育局（2021 年共');
    } finally {
      await context.close();
    }
  });
});

describe('a place page’s departments', () => {
  const path = '/jurisdictions/230100/';
  /** The department names in the list, in the order shown. */
  const readNames = (page: import('playwright-core').Page) => page.locator('table.department-list tbody th').allTextContents();

  it('sorts by a column when its heading is clicked, and back the other way', async () => {
    const { page, context, watch } = await openPage(site.browser, site.originOf(ON_DEPARTMENTS), path, { width: 390 });
    try {
      expect(await readNames(page)).toEqual(['哈尔滨市教育局', '哈尔滨市公安局', '哈尔滨市财政局', '哈尔滨市人力资源和社会保障局']);
      const heading = page.locator('table.department-list thead th', { hasText: '申请总量' });
      await heading.locator('button').click();
      expect(await heading.getAttribute('aria-sort')).toBe('descending');
      const values = await page.locator('table.department-list tbody tr td:nth-child(3)').evaluateAll((tds) => tds.map((td) => Number((td as HTMLElement).dataset.sort)));
      expect(values).toEqual([...values].sort((a, b) => b - a));
      await heading.locator('button').click();
      expect(await heading.getAttribute('aria-sort')).toBe('ascending');
      await page.locator('section[aria-labelledby=departments-heading]').screenshot({ path: join(SCREENSHOT_DIR, 'departments-place-list-390.png') });
      expect(watch.consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('is a plain table without JavaScript, every department linked', async () => {
    const { page, context } = await openPage(site.browser, site.originOf(ON_DEPARTMENTS), path, { javaScript: false });
    try {
      expect(await page.locator('table.department-list button').count()).toBe(0);
      expect(await page.locator('table.department-list tbody th a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
        '/publishers/230100-jiaoyu/',
        '/publishers/230100-gongan/',
        '/publishers/230100-caizheng/',
        '/publishers/230100-renshe/',
      ]);
    } finally {
      await context.close();
    }
  });
});

describe('a department comparison', () => {
  it('ranks the 教育局 of each level apart, the failing report flagged in the chart', async () => {
    const { page, context } = await openPage(site.browser, site.originOf(ON_DEPARTMENTS), '/compare/2021/grant_rate/jiaoyu/', { width: 1280 });
    try {
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'departments-comparison-1280.png'), fullPage: true });
      const prefecture = page.locator('#chart-ranking-prefecture .chart-wide svg');
      const text = (await prefecture.textContent()) ?? '';
      expect(text).toContain('齐齐哈尔市教育局（本机关）');
      expect(text).toContain('（未通过 T3-B）');
      expect(text).not.toContain('公安局');
    } finally {
      await context.close();
    }
  });
});

describe('searching a department', () => {
  it.each(['哈尔滨教育局', '哈尔滨 市教育局', '哈尔滨教育'])('%s lists 哈尔滨市教育局’s page first, then its reports', async (query) => {
    const { page, context, watch } = await openPage(site.browser, site.originOf(ON_DEPARTMENTS), `/search/?q=${encodeURIComponent(query)}`, { width: 390 });
    try {
      await page.waitForFunction(() => /找到|无法使用/.test(document.querySelector('#search-status')?.textContent ?? ''));
      const hits = await page.$$eval('#search-results li > a', (links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      expect(hits.slice(0, 2)).toEqual(['/publishers/230100-jiaoyu/', '/reports/230100-jiaoyu-2025/']);
      expect(watch.consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
