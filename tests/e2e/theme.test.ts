/**
 * Dark mode in a real browser: it follows the system; the header button switches 自动 → 浅色 → 深色,
 * by mouse or keyboard; the choice is kept and applied before the first paint; without JavaScript the
 * button is not shown at all (no dead control).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { THEME_KEY } from '../../src/client/theme-state.ts';
import { openPage, startSiteAndBrowser } from './browser.ts';

const PATH = '/reports/230881-2020/';
const site = startSiteAndBrowser();

/** The relative luminance (0 black … 1 white) of the page background. */
async function readBackgroundLuminance(page: Page): Promise<number> {
  const rgb = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r = 0, g = 0, b = 0] = (rgb.match(/\d+(\.\d+)?/g) ?? []).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('the theme', () => {
  it('follows the system: light when it is light, dark when it is dark', async () => {
    for (const [scheme, dark] of [['light', false], ['dark', true]] as const) {
      const { page, context } = await openPage(site.browser, site.origin, PATH, { colorScheme: scheme });
      try {
        const lum = await readBackgroundLuminance(page);
        expect(dark ? lum < 0.05 : lum > 0.9, `${scheme}: luminance ${lum}`).toBe(true);
        expect(await page.textContent('#theme-toggle')).toBe('外观：自动');
      } finally {
        await context.close();
      }
    }
  });

  it('switches 自动 → 浅色 → 深色 → 自动 with the button, overriding the system, and stores the choice', async () => {
    const { page, context } = await openPage(site.browser, site.origin, PATH, { colorScheme: 'dark' });
    try {
      const state = async (): Promise<[string | null, string | undefined, string | null, boolean]> => [
        await page.textContent('#theme-toggle'),
        await page.evaluate(() => document.documentElement.dataset.theme),
        await page.evaluate((key) => localStorage.getItem(key), THEME_KEY),
        (await readBackgroundLuminance(page)) < 0.05,
      ];
      expect(await state()).toEqual(['外观：自动', undefined, null, true]);
      await page.click('#theme-toggle');
      expect(await state()).toEqual(['外观：浅色', 'light', 'light', false]);
      await page.click('#theme-toggle');
      expect(await state()).toEqual(['外观：深色', 'dark', 'dark', true]);
      await page.click('#theme-toggle');
      expect(await state()).toEqual(['外观：自动', undefined, null, true]);
    } finally {
      await context.close();
    }
  });

  it('is switched from the keyboard too', async () => {
    const { page, context } = await openPage(site.browser, site.origin, PATH, { colorScheme: 'light' });
    try {
      await page.focus('#theme-toggle');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
      await page.keyboard.press('Space');
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      expect(await readBackgroundLuminance(page)).toBeLessThan(0.05);
    } finally {
      await context.close();
    }
  });

  it('applies a stored choice before the page body exists, so the page never flashes the other theme', async () => {
    const { page, context } = await openPage(site.browser, site.origin, PATH, { colorScheme: 'light' });
    try {
      await page.evaluate((key) => localStorage.setItem(key, 'dark'), THEME_KEY);
      // Record the theme at the moment <body> is inserted, before anything below the head has run or painted.
      await page.addInitScript(() => {
        const seen = (window as unknown as { themeAtBody?: string | null }) ;
        new MutationObserver((_, observer) => {
          if (!document.body) return;
          seen.themeAtBody = document.documentElement.dataset.theme ?? null;
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
      });
      await page.reload();
      expect(await page.evaluate(() => (window as unknown as { themeAtBody?: string | null }).themeAtBody)).toBe('dark');
      expect(await page.textContent('#theme-toggle')).toBe('外观：深色');
      expect(await readBackgroundLuminance(page)).toBeLessThan(0.05);
    } finally {
      await context.close();
    }
  });

  it('hides the button when JavaScript does not run, leaving the system theme', async () => {
    const { page, context } = await openPage(site.browser, site.origin, PATH, { colorScheme: 'dark', javaScript: false });
    try {
      expect(await page.isVisible('#theme-toggle')).toBe(false);
      expect(await readBackgroundLuminance(page)).toBeLessThan(0.05);
    } finally {
      await context.close();
    }
  });
});
