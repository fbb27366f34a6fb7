/**
 * What a data user reads and downloads, in Chromium at 390 and 1280 px: /data/ documents the
 * outcome_group and scope_label columns (which rows are totals, so a sum never double-counts), and
 * requests.csv as the browser fetches it pivots by outcome_group to exactly the outcome rows the form
 * sums into （七）总计, each report with its scope in Chinese. The column tables far below the first
 * screen are laid out when a reader comes near them, not at load (their layout was the page's long
 * task at load), and then show in full.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { SITE_RESOURCES } from '../../src/downloads/fields.ts';
import { findForm, OUTCOME_GROUPS } from '../../src/form/forms.ts';
import { loadContent } from '../../src/loaders/load-content.ts';
import { nodeContentFs } from '../../src/loaders/node-fs.ts';
import { REPORT_SCOPES } from '../../src/reports/front-matter.ts';
import { openPage, SCREENSHOT_DIR, startSiteAndBrowser, VIEWPORTS } from './browser.ts';

const content = loadContent(nodeContentFs, process.env.GONGKAI_CONTENT ?? 'content');
const site = startSiteAndBrowser();

beforeAll(() => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

describe.each(VIEWPORTS.map((v) => [v.name, v] as const))('the data columns at %s width', (name, viewport) => {
  it('documents outcome_group and scope_label on /data/, and requests.csv pivots by group without double counting', async () => {
    const { page, context, watch } = await openPage(site.browser, site.origin, '/data/', { width: viewport.width, height: viewport.height });
    try {
      const docs = await page.evaluate(() =>
        [...document.querySelectorAll('#file-requests table.fields tbody tr, #file-cells table.fields tbody tr, #file-reports table.fields tbody tr')].map((tr) => {
          const box = tr.getBoundingClientRect();
          return { file: tr.closest('section')?.id ?? '', name: tr.querySelector('th')?.textContent ?? '', text: tr.textContent ?? '', visible: box.height > 0 };
        }),
      );
      for (const file of ['file-requests', 'file-cells']) {
        const row = docs.find((d) => d.file === file && d.name === 'outcome_group');
        expect(row?.visible, `${file} documents outcome_group`).toBe(true);
        for (const g of OUTCOME_GROUPS) expect(row?.text).toContain(`${g.code}：${g.label}`);
        for (const total of ['processed_total', 'received_new']) expect(row?.text).toContain(total);
      }
      for (const file of ['file-requests', 'file-reports']) expect(docs.some((d) => d.file === file && d.name === 'scope_label' && d.visible), file).toBe(true);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'the page does not scroll sideways').toBeLessThanOrEqual(0);
      const section = page.locator('#file-requests');
      await section.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOT_DIR, `data-columns-${name}.png`) });

      const text = await page.evaluate(async () => (await fetch('/data/requests.csv')).text());
      const rows = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
      for (const report of content.reports) {
        const mine = rows.filter((r) => r.report_id === report.meta.id);
        const form = findForm(report.meta.form);
        if (!form) throw new Error(`unknown form ${report.meta.form}`);
        expect(new Set(mine.map((r) => r.scope_label))).toEqual(new Set([REPORT_SCOPES[report.meta.scope]]));
        // A pivot: sum of 总计 by outcome_group, the blank group left out.
        const pivot = new Map<string, number>();
        for (const r of mine) if (r.outcome_group) pivot.set(r.outcome_group, (pivot.get(r.outcome_group) ?? 0) + Number(r.total));
        const outcomeSum = form.tables.requests.rows.filter((r) => r.role === 'outcome').reduce((a, r) => a + (report.tables.requests[r.code]?.total?.value ?? NaN), 0);
        expect([...pivot.values()].reduce((a, b) => a + b, 0), report.meta.id).toBe(outcomeSum);
        expect([...pivot.keys()]).toEqual(form.outcomeGroups.map((g) => g.code));
      }
      expect([watch.consoleErrors, watch.failedRequests, watch.externalRequests]).toEqual([[], [], []]);
    } finally {
      await context.close();
    }
  });
});

describe.each(VIEWPORTS.map((v) => [v.name, v] as const))('the column tables at %s width', (_name, viewport) => {
  // Laying out the column tables' long Chinese text at load was one main-thread task of 60–340 ms
  // (Lighthouse's total blocking time on /data/); they are `content-visibility: auto` (.later).
  it('are skipped at load while far below the screen, and rendered in full once scrolled to', async () => {
    const { page, context, watch } = await openPage(site.browser, site.origin, '/data/', { width: viewport.width, height: viewport.height });
    try {
      const shown = (selector: string): Promise<boolean> => page.locator(selector).evaluate((el) => el.checkVisibility({ contentVisibilityAuto: true }));
      // A section per site file's columns, and the fixed addresses.
      expect(await page.locator('main .later').count(), 'every column table and the fixed addresses are laid out later').toBe(SITE_RESOURCES.length + 1);
      expect(await shown('#file-appeals table'), 'a column table far below the screen is not laid out at load').toBe(false);
      await page.locator('#file-appeals').scrollIntoViewIfNeeded();
      await expect.poll(() => shown('#file-appeals table')).toBe(true);
      const box = await page.locator('#file-appeals table tbody tr').last().boundingBox();
      expect(box?.height ?? 0, 'the table is laid out once on screen').toBeGreaterThan(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 'the page does not scroll sideways').toBeLessThanOrEqual(0);
      expect([watch.consoleErrors, watch.failedRequests, watch.externalRequests]).toEqual([[], [], []]);
    } finally {
      await context.close();
    }
  });
});
