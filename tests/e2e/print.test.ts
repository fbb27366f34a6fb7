/**
 * Printing a report page: black on white whatever the theme, no site chrome, every table whole within
 * the printed width (nothing clipped by a scroll box), header rows repeated on each page, rows never
 * split across pages. A PDF and a print-media screenshot are saved for a person to look at.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { THEME_KEY } from '../../src/scripts/theme-state.ts';
import { PAGE_TYPES } from '../page-types.ts';
import { launchBrowser, openPage, SCREENSHOT_DIR, startSiteServer, type SiteServer } from './browser.ts';

const dist = inject('distDir');
const REPORT = PAGE_TYPES.find((t) => t.name === 'report');
/** The printable width of A4 with the print stylesheet's 12 mm side margins, in CSS px (96 per inch). */
const A4_CONTENT_PX = Math.floor(((210 - 2 * 12) / 25.4) * 96);
let server: SiteServer;
let browser: Browser;

beforeAll(async () => {
  server = await startSiteServer(dist);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('printing a report page', () => {
  it('prints black on white in the dark theme, without chrome, with whole tables that repeat their heads', async () => {
    if (!REPORT) throw new Error('tests/page-types.ts declares no report page');
    const { page, context } = await openPage(browser, server.origin, REPORT.path, { colorScheme: 'dark', width: A4_CONTENT_PX });
    try {
      await page.evaluate((key) => localStorage.setItem(key, 'dark'), THEME_KEY);
      await page.reload();
      await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
      const layout = await page.evaluate(() => {
        const style = (el: Element | null): CSSStyleDeclaration | null => (el ? getComputedStyle(el) : null);
        const main = document.querySelector('main')?.getBoundingClientRect();
        return {
          background: style(document.body)?.backgroundColor,
          color: style(document.body)?.color,
          hidden: ['header.site nav', 'header.site .tools', 'footer.site'].map((s) => style(document.querySelector(s))?.display),
          // Download links and closed disclosures of charts are for the screen.
          screenOnly: [...document.querySelectorAll('.chart-files, details:not([open])')].filter((el) => getComputedStyle(el).display !== 'none').length,
          charts: document.querySelectorAll('figure.chart').length,
          scrollOverflow: [...document.querySelectorAll('.scroll')].map((el) => getComputedStyle(el).overflowX),
          theadDisplay: [...document.querySelectorAll('table thead')].map((el) => getComputedStyle(el).display),
          rowBreak: style(document.querySelector('table tbody tr'))?.breakInside,
          tooWide: [...document.querySelectorAll('table')].filter((t) => main && t.getBoundingClientRect().right > main.right + 1).map((t) => t.querySelector('caption')?.textContent ?? t.id),
        };
      });
      expect(layout.background).toBe('rgb(255, 255, 255)');
      expect(layout.color).toBe('rgb(26, 26, 26)');
      expect(layout.hidden).toEqual(['none', 'none', 'none']);
      expect(layout.charts).toBeGreaterThan(0);
      expect(layout.screenOnly).toBe(0);
      expect(new Set(layout.scrollOverflow)).toEqual(new Set(['visible']));
      expect(layout.theadDisplay.length).toBeGreaterThan(0);
      expect(new Set(layout.theadDisplay)).toEqual(new Set(['table-header-group']));
      expect(layout.rowBreak).toBe('avoid');
      expect(layout.tooWide).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'report-print.png'), fullPage: true });
      const pdf = await page.pdf({ path: join(SCREENSHOT_DIR, 'report-print.pdf'), format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await context.close();
    }
  });
});
