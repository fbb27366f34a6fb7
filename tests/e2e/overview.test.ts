/**
 * The province overview as a reader sees it in Chromium at 390 and 1280 px, on the home page and the
 * year page: the year's headline figures by level, each the sum of the committed reports' hand-checked
 * cells (read here from src/fixtures/corpus/expected, not from the metric code), each linked to the
 * comparison page behind it, the table's row headings in view.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readExpectedReport } from '../../src/fixtures/committed-content.ts';
import { loadContent } from '../../src/loaders/load-content.ts';
import { nodeContentFs } from '../../src/loaders/node-fs.ts';
import { openPage, SCREENSHOT_DIR, startSiteAndBrowser, VIEWPORTS } from './browser.ts';

const content = loadContent(nodeContentFs, process.env.GONGKAI_CONTENT ?? 'content');
const site = startSiteAndBrowser();

beforeAll(() => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

const LEVEL_NAMES = { province: '省级政府', prefecture: '地市级政府', county: '县级政府' } as const;

/** The expected figures of a level, from the hand-checked cells: received, grant rate as text, reports failing a rule. */
function expectLevel(level: keyof typeof LEVEL_NAMES): { reports: number; received: number; grant: string; failing: number } {
  const reports = content.reports.filter((r) => r.meta.year === 2020 && content.jurisdictions.byCode.get(r.meta.jurisdiction)?.level === level);
  let received = 0;
  let granted = 0;
  let processed = 0;
  let failing = 0;
  for (const r of reports) {
    const e = readExpectedReport(r.meta.id);
    received += e.tables.requests.received_new?.total ?? 0;
    granted += (e.tables.requests.granted?.total ?? 0) + (e.tables.requests.partially_granted?.total ?? 0);
    processed += e.tables.requests.processed_total?.total ?? 0;
    if (e.rules_failing.length) failing += 1;
  }
  const grant = processed < 10 ? `${processed}件中${granted}件` : `${((granted / processed) * 100).toFixed(1)}%`;
  return { reports: reports.length, received, grant, failing };
}

describe.each(VIEWPORTS.map((v) => [v.name, v] as const))('the 2020 overview at %s width', (name, viewport) => {
  for (const path of ['/', '/years/2020/']) {
    it(`shows ${path} the year’s figures by level, equal to the sums of the reports’ cells`, async () => {
      const { page, context, watch } = await openPage(site.browser, site.origin, path, { width: viewport.width, height: viewport.height });
      try {
        const table = await page.evaluate(() => {
          const t = document.querySelector('.overview table');
          if (!t) return null;
          const heads = [...t.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
          const rows = [...t.querySelectorAll('tbody tr')].map((tr) => {
            const th = tr.querySelector('th');
            const box = th?.getBoundingClientRect();
            return { name: th?.querySelector('a')?.textContent ?? '', href: th?.querySelector('a')?.getAttribute('href') ?? '', figs: [...tr.querySelectorAll('td .fig')].map((f) => f.textContent ?? ''), headWidth: box?.width ?? 0, headLeft: box?.left ?? -1 };
          });
          const box = t.closest('section')?.getBoundingClientRect();
          return { heads, rows, top: box?.top ?? Infinity, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth };
        });
        if (!table) throw new Error(`${path}: no overview table`);
        const levels = (Object.keys(LEVEL_NAMES) as (keyof typeof LEVEL_NAMES)[]).filter((l) => expectLevel(l).reports > 0);
        expect(table.heads).toEqual(['指标', ...levels.map((l) => LEVEL_NAMES[l])]);
        const row = (label: string) => table.rows.find((r) => r.name === label);
        levels.forEach((level, i) => {
          const want = expectLevel(level);
          expect(row('报告数')?.figs[i], `${path} ${level} 报告数`).toBe(`${want.reports} 份`);
          expect(row('申请总量')?.figs[i]?.replace(/,/g, ''), `${path} ${level} 申请总量`).toBe(String(want.received));
          expect(row('公开率')?.figs[i], `${path} ${level} 公开率`).toBe(want.grant);
          expect(row('未通过核对的报告')?.figs[i]).toBe(`${want.failing} 份`);
        });
        expect(row('公开率')?.href).toBe('/compare/2020/grant_rate/');
        expect(row('复议纠错率')?.href).toBe('/compare/2020/review_correction_rate/');
        expect(row('报告数')?.href).toBe('/years/2020/');
        expect(table.overflow).toBeLessThanOrEqual(0);
        // On the first screen, before any list of titles.
        if (path === '/') expect(table.top).toBeLessThan(viewport.height);
        for (const r of table.rows) expect(r.headWidth, r.name).toBeGreaterThan(60);
        await page.locator('.overview').screenshot({ path: join(SCREENSHOT_DIR, `overview${path.replace(/\//g, '-')}${name}.png`) });
        expect([watch.consoleErrors, watch.failedRequests, watch.externalRequests]).toEqual([[], [], []]);
      } finally {
        await context.close();
      }
    });
  }
});
