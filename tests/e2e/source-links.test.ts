/**
 * The source behind every number, in Chromium at 390 and 1280 px: a report page says where the report
 * was published (or plainly that the address is not on file: never an empty link) and links its kept
 * source text; every cell of its three tables links to a line of that text, and on that line, at the
 * column source-lines.csv records, stands the cell's printed number. Following a link shows the line,
 * highlighted, on screen: a reader checks a figure in two clicks.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
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
