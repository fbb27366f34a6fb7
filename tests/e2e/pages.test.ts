/**
 * Every page type in a real browser: it loads cleanly (no console errors, no failed requests, nothing
 * fetched from outside localhost), fits a phone and a laptop without sideways scrolling (screenshots
 * saved for a person to look at), the keyboard reaches every control with a visible focus ring, and
 * the head and landmarks are complete.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { PAGE_TYPES, stripQuery } from '../page-types.ts';
import { distOf, openPage, resolveSiteFile, SCREENSHOT_DIR, startSiteAndBrowser, VIEWPORTS } from './browser.ts';

const dist = inject('distDir');
const site = startSiteAndBrowser();

beforeAll(() => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

/** Tabs through the page from the top and reports which of its visible controls were reached and which showed no focus ring. */
async function tabThroughPage(page: Page): Promise<{ controls: string[]; reached: Set<string>; unringed: string[] }> {
  const controls = await page.evaluate(() => {
    const selector = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    return [...document.querySelectorAll<HTMLElement>(selector)]
      // checkVisibility: also false inside a closed <details>, whose content keeps its boxes but is skipped by Tab.
      .filter((el) => el.getClientRects().length > 0 && el.checkVisibility({ visibilityProperty: true }) && !(el as HTMLButtonElement).disabled)
      .map((el, i) => {
        el.dataset.kbd = String(i);
        return `${i}:${el.tagName.toLowerCase()} “${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 30)}”`;
      });
  });
  const reached = new Set<string>();
  const unringed: string[] = [];
  for (let step = 0; step < controls.length * 2 + 10 && reached.size < controls.length; step++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return { id: el.dataset.kbd ?? '', ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
    });
    if (!focus?.id) continue;
    reached.add(focus.id);
    if (!focus.ring) unringed.push(controls[Number(focus.id)] ?? focus.id);
  }
  return { controls, reached, unringed };
}

describe.each(PAGE_TYPES)('the $name page ($path)', (type) => {
  it('is in the build', () => {
    expect(resolveSiteFile(distOf(type), stripQuery(type.path)), `${type.path} is declared in tests/page-types.ts but not built`).not.toBeNull();
  });

  for (const viewport of VIEWPORTS) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`loads cleanly and fits ${viewport.width} px (${colorScheme})`, async () => {
        const { page, context, watch } = await openPage(site.browser, site.originOf(type), type.path, { ...viewport, colorScheme, ready: type.ready });
        try {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          await page.screenshot({ path: join(SCREENSHOT_DIR, `${type.name}-${viewport.width}-${colorScheme}.png`), fullPage: true });
          expect(watch.consoleErrors).toEqual([]);
          expect(watch.failedRequests).toEqual([]);
          expect(watch.externalRequests).toEqual([]);
          expect(overflow, 'the page scrolls sideways: something is wider than the screen').toBeLessThanOrEqual(0);
        } finally {
          await context.close();
        }
      });
    }
  }

  it('lets the keyboard reach every control, each with a visible focus ring, with every disclosure closed and then open', async () => {
    const { page, context } = await openPage(site.browser, site.originOf(type), type.path, { ready: type.ready });
    try {
      for (const state of ['closed', 'open'] as const) {
        if (state === 'open') {
          await page.evaluate(() => {
            for (const d of document.querySelectorAll('details')) d.open = true;
            window.scrollTo(0, 0);
          });
          // Start the Tab order from the top again, as a fresh visit would.
          await page.mouse.click(1, 1);
        }
        const { controls, reached, unringed } = await tabThroughPage(page);
        expect(controls.length).toBeGreaterThan(type.bare ? 0 : 3);
        expect(controls.filter((_, i) => !reached.has(String(i))), `not reached with disclosures ${state}`).toEqual([]);
        expect(unringed, `no focus ring with disclosures ${state}`).toEqual([]);
      }
    } finally {
      await context.close();
    }
  });

  it('declares zh-CN, one h1, the landmarks, and complete head tags', async () => {
    const { page, context } = await openPage(site.browser, site.originOf(type), type.path, { ready: type.ready });
    try {
      const head = await page.evaluate(() => {
        const meta = (sel: string): string | null => document.querySelector(sel)?.getAttribute('content') ?? null;
        return {
          lang: document.documentElement.lang,
          title: document.title,
          h1: document.querySelectorAll('h1').length,
          main: document.querySelectorAll('main').length,
          banner: document.querySelectorAll('body > header').length,
          contentinfo: document.querySelectorAll('body > footer').length,
          nav: document.querySelectorAll('nav[aria-label]').length,
          description: meta('meta[name=description]'),
          canonical: document.querySelector('link[rel=canonical]')?.getAttribute('href') ?? null,
          ogTitle: meta('meta[property="og:title"]'),
          ogDescription: meta('meta[property="og:description"]'),
          ogUrl: meta('meta[property="og:url"]'),
          icon: document.querySelector('link[rel=icon]')?.getAttribute('href') ?? null,
          feeds: [...document.querySelectorAll('link[rel=alternate][type="application/atom+xml"]')].map((l) => l.getAttribute('href')),
          tablesWithoutHeaders: [...document.querySelectorAll('table')].filter((t) => !t.querySelector('th')).length,
        };
      });
      expect(head.lang).toBe('zh-CN');
      expect(head.title).toMatch(/\S · 公开$/);
      expect(head.h1).toBe(1);
      expect(head.main).toBe(1);
      if (!type.bare) {
        expect([head.banner, head.contentinfo]).toEqual([1, 1]);
        expect(head.nav).toBeGreaterThan(0);
        expect(head.feeds).toEqual(['/feeds/reports.xml', '/feeds/findings.xml']);
      }
      expect(head.description?.length ?? 0).toBeGreaterThan(10);
      if (type.name === '404') {
        // The error page stands in for any missing address: it declares none of its own.
        expect([head.canonical, head.ogUrl]).toEqual([null, null]);
      } else {
        expect(head.canonical).toMatch(/^https?:\/\/[^/]+\//);
        expect(new URL(head.canonical ?? '').pathname).toBe(stripQuery(type.path));
        expect(head.ogUrl).toBe(head.canonical);
      }
      expect(head.ogTitle).toBeTruthy();
      expect(head.ogDescription).toBe(head.description);
      expect(head.icon).toBe('/favicon.svg');
      expect(head.tablesWithoutHeaders).toBe(0);
    } finally {
      await context.close();
    }
  });
});

describe('a missing page', () => {
  it('gets the 404 page with status 404, links back into the site and offers search', async () => {
    const { status, page, context, watch } = await openPage(site.browser, site.origin, '/reports/999999-2020/');
    try {
      expect(status).toBe(404);
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.locator('h1').textContent()).toContain('找不到');
      expect(await page.locator('main a[href="/"]').count()).toBe(1);
      expect(await page.locator('form[role=search] input[name=q]').count()).toBe(1);
      // The 404 itself is the only failure: the page's own assets all load.
      expect(watch.failedRequests.filter((r) => !r.includes('/reports/999999-2020/'))).toEqual([]);
      expect(watch.externalRequests).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('has the favicon the pages link to, drawn with paths so it does not depend on the visitor’s fonts', () => {
    const icon = readFileSync(join(dist, 'favicon.svg'), 'utf8');
    expect(icon).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 32 32">/);
    expect(icon).toContain('<path');
    expect(icon).not.toContain('<text');
  });
});
