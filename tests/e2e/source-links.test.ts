/**
 * The source behind every number, in Chromium at 390 and 1280 px: a report page says where the report
 * was published (or plainly that the address is not on file: never an empty link) and links its kept
 * source text; every cell of its three tables links to a line of that text, and on that line, at the
 * column source-lines.csv records, stands the cell's printed number. Following a link shows the line,
 * highlighted, on screen: a reader checks a figure in two clicks.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/loaders/load-content.ts';
import { nodeContentFs } from '../../src/loaders/node-fs.ts';
import { openPage, SCREENSHOT_DIR, startSiteAndBrowser, VIEWPORTS } from './browser.ts';
import { reportPath } from '../../src/site/paths.ts';

const content = loadContent(nodeContentFs, process.env.GONGKAI_CONTENT ?? 'content');
const site = startSiteAndBrowser();

beforeAll(() => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

/** Reads a number as printed at the start of some text: 2,359 / +451 / −31 / 减 35 / 21997万元 → its value; null when none starts there. */
function readPrintedNumber(text: string): number | null {
  const m = /^\s*([+\-−]|[增减]\s*)?([0-9０-９][0-9０-９,，.]*)/.exec(text);
  if (!m) return null;
  const digits = (m[2] ?? '').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[,，]/g, '');
  const value = Number(digits);
  return /^[-−减]/.test(m[1] ?? '') ? -value : value;
}

describe.each(VIEWPORTS.map((v) => [v.name, v] as const))('source links at %s width', (name, viewport) => {
  it('says where each report came from and links its source text, with no empty link', async () => {
    for (const report of content.reports) {
      const { page, context } = await openPage(site.browser, site.origin, reportPath(report.meta.id), { width: viewport.width, height: viewport.height });
      try {
        const facts = await page.evaluate(() => {
          const dts = [...document.querySelectorAll('dl.facts dt')];
          const dd = (term: string) => dts.find((d) => d.textContent === term)?.nextElementSibling;
          const empty = [...document.querySelectorAll('main a')].filter((a) => !(a.getAttribute('href') ?? '').trim()).length;
          return { origin: dd('原文出处')?.textContent ?? '', originLink: dd('原文出处')?.querySelector('a')?.getAttribute('href') ?? null, text: dd('原文文本')?.querySelector('a')?.getAttribute('href') ?? null, sha: dd('SHA-256')?.textContent ?? null, empty };
        });
        expect(facts.sha).toEqual(report.meta.source.sha256 ? expect.stringContaining(report.meta.source.sha256) : null);
        if (report.meta.source.url) expect(facts.originLink).toBe(report.meta.source.url);
        else expect([facts.originLink, facts.origin.startsWith('原文地址未记录')]).toEqual([null, true]);
        expect(facts.text).toBe(`${reportPath(report.meta.id)}source/`);
        expect(facts.empty).toBe(0);
        if (report.meta.id === '230722-2020') {
          await page.locator('dl.facts dt', { hasText: '原文出处' }).scrollIntoViewIfNeeded();
          await page.screenshot({ path: join(SCREENSHOT_DIR, `source-facts-${name}.png`) });
        }
      } finally {
        await context.close();
      }
    }
  });

  it('links every cell of every report to the line of the source text that holds its printed number', async () => {
    for (const report of content.reports) {
      const { page, context, watch } = await openPage(site.browser, site.origin, reportPath(report.meta.id), { width: viewport.width, height: viewport.height });
      try {
        const links = await page.$$eval('table.form-table td[data-cell] a', (as) => as.map((a) => ({ key: a.closest('td')?.getAttribute('data-cell') ?? '', href: (a as HTMLAnchorElement).href })));
        expect(links.length, report.meta.id).toBe(report.sourceLines.size);
        const sourceUrl = new URL(`${reportPath(report.meta.id)}source/`, site.origin).href;
        // The text of each line as the source page shows it: what follows the line's number.
        const lines = await page.evaluate(async (url) => {
          const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html');
          return Object.fromEntries([...doc.querySelectorAll('ol.source-text li')].map((li) => [li.id, [...li.childNodes].slice(1).map((n) => n.textContent).join('')]));
        }, sourceUrl);
        let checked = 0;
        for (const link of links) {
          const place = report.sourceLines.get(link.key);
          if (!place) throw new Error(`${report.meta.id} ${link.key} links to the source without a recorded place`);
          const url = new URL(link.href);
          expect(`${url.origin}${url.pathname}`, link.key).toBe(sourceUrl);
          expect(url.hash, link.key).toBe(`#L${place.line}`);
          const [table, row, column] = link.key.split('.') as ['active' | 'requests' | 'appeals', string, string];
          const cell = report.tables[table][row]?.[column];
          const printed = (lines[`L${place.line}`] ?? '').slice(place.col - 1);
          if (cell?.value !== null && cell?.value !== undefined) {
            expect(readPrintedNumber(printed), `${report.meta.id} ${link.key}: line ${place.line} col ${place.col} reads “${printed.slice(0, 20)}”`).toBe(cell.value);
            checked += 1;
          }
        }
        expect(checked, report.meta.id).toBeGreaterThan(150);
        expect([watch.consoleErrors, watch.failedRequests, watch.externalRequests]).toEqual([[], [], []]);
      } finally {
        await context.close();
      }
    }
  });

  it('goes from a cell to its line in one click, and shows the line on screen, highlighted', async () => {
    const report = content.reports.find((r) => r.meta.id === '230881-2020');
    if (!report) throw new Error('no 230881-2020');
    const { page, context, watch } = await openPage(site.browser, site.origin, reportPath(report.meta.id), { width: viewport.width, height: viewport.height });
    try {
      // Two clicks: the flagged （七）总计 of table 三, then its line is on screen, highlighted.
      const total = page.locator('td[data-cell="requests.processed_total.total"] a');
      await total.scrollIntoViewIfNeeded();
      await Promise.all([page.waitForURL(/\/source\/#L\d+$/), total.click()]);
      const target = await page.evaluate(() => {
        const li = document.querySelector('ol.source-text li:target');
        const box = li?.getBoundingClientRect();
        const other = li?.nextElementSibling;
        return { text: li ? [...li.childNodes].slice(1).map((n) => n.textContent).join('') : '', top: box?.top ?? -1, bottom: box?.bottom ?? -1, bg: li ? getComputedStyle(li).backgroundColor : '', otherBg: other ? getComputedStyle(other).backgroundColor : '' };
      });
      expect(readPrintedNumber(target.text)).toBe(report.tables.requests.processed_total?.total?.value);
      expect(target.top).toBeGreaterThanOrEqual(0);
      expect(target.bottom).toBeLessThanOrEqual(viewport.height);
      expect(target.bg).not.toBe(target.otherBg);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `source-line-${name}.png`) });
      expect([watch.consoleErrors, watch.failedRequests, watch.externalRequests]).toEqual([[], [], []]);
    } finally {
      await context.close();
    }
  });
});

describe.each(VIEWPORTS.map((v) => [v.name, v] as const))('the long source text at %s width', (_name, viewport) => {
  // Laying out all 424 lines at load was the page's one long main-thread task (Lighthouse's total
  // blocking time): on screens the lines after the 60th are `content-visibility: auto`, laid out when
  // a reader comes near them. What a reader gets must not change: a link to any line, fresh or by a
  // change of hash, still shows it on screen, highlighted; find in page, copy and print see every line.
  const path = '/reports/230881-2020/source/';
  /** Whether a line's number is laid out and painted (false while its line is skipped). */
  const rendered = (id: string) => `document.getElementById(${JSON.stringify(id)}).querySelector('a').checkVisibility({ contentVisibilityAuto: true })`;
  /** Where the line a URL's hash names stands on screen, and whether it is highlighted (its background differs from an other line's). */
  async function targetOnScreen(page: Page): Promise<{ id: string; top: number; bottom: number; highlighted: boolean }> {
    return page.evaluate(() => {
      const li = document.querySelector('ol.source-text li:target');
      const box = li?.getBoundingClientRect();
      const other = li?.previousElementSibling ?? li?.nextElementSibling;
      return { id: li?.id ?? '', top: box?.top ?? -1, bottom: box?.bottom ?? Infinity, highlighted: !!li && !!other && getComputedStyle(li).backgroundColor !== getComputedStyle(other).backgroundColor };
    });
  }

  /** Waits for the line to be the target, on screen and highlighted, and checks it stays there a few frames later (once the lines near it are laid out). */
  async function settled(page: Page, id: string, how: string): Promise<void> {
    const onScreen = async (): Promise<string> => {
      const t = await targetOnScreen(page);
      return t.id === id && t.top >= 0 && t.bottom <= viewport.height && t.highlighted ? 'on screen, highlighted' : `${t.id} top ${t.top} bottom ${t.bottom} highlighted ${t.highlighted}`;
    };
    await expect.poll(onScreen, { message: `${id} after ${how}` }).toBe('on screen, highlighted');
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(resolve)))));
    expect(await onScreen(), `${id} after ${how}, three frames later`).toBe('on screen, highlighted');
  }

  it('skips the lines far below the screen at load, yet a link to any line shows it on screen, highlighted, on first load and on a change of hash', async () => {
    const { page, context, watch } = await openPage(site.browser, site.origin, path, { width: viewport.width, height: viewport.height });
    try {
      const count = await page.locator('ol.source-text li').count();
      expect(count, 'the page stands for a long text').toBeGreaterThan(300);
      expect(await page.evaluate(rendered('L1')), 'the first line is laid out').toBe(true);
      expect(await page.evaluate(rendered(`L${count}`)), 'the last line is not laid out at load').toBe(false);
      // Each in a page of its own: loaded fresh with the hash, as a link from the report page does.
      for (const line of [1, 6, 10, 40, 60, 61, 62, 70, 100, 200, 300, count - 10, count - 1, count]) {
        const fresh = await context.newPage();
        try {
          await fresh.goto(`${site.origin}${path}#L${line}`, { waitUntil: 'load' });
          await settled(fresh, `L${line}`, 'a fresh load');
          // Where the page can scroll far enough, the line stands where its scroll margin puts it (30vh), as when every line was laid out at load.
          if (line <= 300) expect(Math.abs((await targetOnScreen(fresh)).top - 0.3 * viewport.height), `L${line} 30vh from the top`).toBeLessThanOrEqual(2);
        } finally {
          await fresh.close();
        }
      }
      for (const line of [count, 250, 5]) {
        await page.evaluate((l) => {
          location.hash = `#L${l}`;
        }, line);
        await settled(page, `L${line}`, 'a change of hash');
      }
      expect([watch.consoleErrors, watch.failedRequests, watch.externalRequests]).toEqual([[], [], []]);
    } finally {
      await context.close();
    }
  });

  it('lets find in page, a selection of the whole text and print reach every line', async () => {
    const { page, context } = await openPage(site.browser, site.origin, path, { width: viewport.width, height: viewport.height });
    try {
      // Find in page (window.find is Chromium's find in page): a line near the end, by text that appears nowhere else.
      const needle = await page.evaluate(() => {
        const all = document.body.textContent ?? '';
        for (const li of [...document.querySelectorAll('ol.source-text li')].reverse()) {
          const text = [...li.childNodes].slice(1).map((n) => n.textContent).join('').trim().slice(0, 8);
          if (/\p{Script=Han}{4}/u.test(text) && all.indexOf(text) === all.lastIndexOf(text)) return { id: li.id, text };
        }
        return null;
      });
      if (!needle) throw new Error('no line with text of its own near the end');
      expect(Number(needle.id.slice(1)), 'the line found is far below the screen').toBeGreaterThan(300);
      expect(await page.evaluate(rendered(needle.id)), 'not laid out before the search').toBe(false);
      expect(await page.evaluate((t) => (window as unknown as { find(s: string): boolean }).find(t), needle.text), `find “${needle.text}”`).toBe(true);
      await expect.poll(() => page.evaluate(rendered(needle.id)), { message: 'laid out once found' }).toBe(true);
      const box = await page.locator(`#${needle.id}`).boundingBox();
      expect([box && box.y >= 0, box && box.y + box.height <= viewport.height], 'the found line is on screen').toEqual([true, true]);
      // A selection of the whole text holds every line's text, in order (what a reader copies).
      await page.goto(`${site.origin}${path}`, { waitUntil: 'load' });
      const missing = await page.evaluate(() => {
        const ol = document.querySelector('ol.source-text');
        if (!ol) return ['no ol'];
        const selection = getSelection();
        selection?.selectAllChildren(ol);
        const copied = (selection?.toString() ?? '').replace(/\s+/g, '');
        selection?.removeAllRanges();
        const gone: string[] = [];
        let from = 0;
        for (const li of ol.querySelectorAll('li')) {
          const text = [...li.childNodes].slice(1).map((n) => n.textContent).join('').replace(/\s+/g, '');
          const at = copied.indexOf(text, from);
          if (at < 0) gone.push(li.id);
          else from = at + text.length;
        }
        return gone;
      });
      expect(missing, 'lines missing from a selection of the whole text').toEqual([]);
      // Print lays out every line.
      await page.emulateMedia({ media: 'print' });
      const skipped = await page.evaluate(() => [...document.querySelectorAll('ol.source-text li > a')].filter((a) => !a.checkVisibility({ contentVisibilityAuto: true })).length);
      expect(skipped, 'lines skipped in print').toBe(0);
    } finally {
      await context.close();
    }
  });
});
