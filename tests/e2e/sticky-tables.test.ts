/**
 * Tables on a phone, in Chromium at 390 and 1280 px: a report table's row headings stay in view (and
 * on top) while its numbers are scrolled to the far end, whole words and not “…请数量”; the status
 * badges of the report lists are whole and in view without scrolling.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { findForm } from '../../src/form/forms.ts';
import { loadContent } from '../../src/loaders/load-content.ts';
import { nodeContentFs } from '../../src/loaders/node-fs.ts';
import { formatCompactRowLabel } from '../../src/views/table-view.ts';
import { openPage, SCREENSHOT_DIR, startSiteAndBrowser, VIEWPORTS } from './browser.ts';

const content = loadContent(nodeContentFs, process.env.GONGKAI_CONTENT ?? 'content');
const site = startSiteAndBrowser();
/** The report whose tables are scrolled: the first (by id) that fails a rule, so flagged cells are among the numbers (同江市 2020 in the committed content), else the first. */
const byId = [...content.reports].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
const REPORT = (byId.find((r) => r.outcomes.some((o) => o.status === 'fail')) ?? byId[0])?.meta.id ?? '';
const NEWEST = Math.max(...content.reports.map((r) => r.meta.year));
const FLAGGED = content.reports.find((r) => r.meta.id === REPORT);

beforeAll(() => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

/** Scrolls a table's scroller to its far end and reads, row by row, the row heading a reader sees there. */
async function readRowHeadings(page: Page, tableId: string): Promise<{ scrolled: number; rows: { text: string; inView: boolean; onTop: boolean; whole: boolean }[] }> {
  return page.evaluate((id) => {
    const table = document.getElementById(id);
    const scroller = table?.closest('.scroll') as HTMLElement | null;
    if (!table || !scroller) throw new Error(`no table ${id} in a scroller`);
    scroller.scrollIntoView();
    scroller.scrollLeft = scroller.scrollWidth;
    const frame = scroller.getBoundingClientRect();
    const rows = [...table.querySelectorAll('tbody tr:not(.sub)')].map((tr) => {
      const th = [...tr.querySelectorAll('th[scope=row]')].find((h) => h.getClientRects().length > 0) as HTMLElement | undefined;
      if (!th) return { text: '', inView: false, onTop: false, whole: false };
      th.scrollIntoView({ block: 'center', inline: 'nearest' });
      scroller.scrollLeft = scroller.scrollWidth;
      const box = th.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return {
        text: th.textContent ?? '',
        inView: box.left >= frame.left - 1 && box.right <= frame.right + 1 && box.width > 40,
        onTop: !!hit && (hit === th || th.contains(hit)),
        whole: th.scrollWidth <= th.clientWidth + 1,
      };
    });
    return { scrolled: scroller.scrollLeft, rows };
  }, tableId);
}

describe.each(VIEWPORTS.map((v) => [v.name, v] as const))('tables at %s width', (name, viewport) => {
  it('keeps table 三’s row headings in view after scrolling its numbers to the end', async () => {
    const report = content.reports.find((r) => r.meta.id === REPORT);
    const form = report && findForm(report.meta.form);
    if (!report || !form) throw new Error(`no report ${REPORT}`);
    const { page, context, watch } = await openPage(site.browser, site.origin, `/reports/${REPORT}/`, { width: viewport.width, height: viewport.height });
    try {
      for (const table of ['requests', 'appeals', 'active'] as const) {
        const { scrolled, rows } = await readRowHeadings(page, `table-${table}`);
        if (viewport.width < 600 && table === 'requests') expect(scrolled, 'table 三 is wider than a phone').toBeGreaterThan(0);
        const want = form.tables[table].rows.map((r) => (viewport.width < 600 && table !== 'active' ? formatCompactRowLabel(r, form) : null));
        expect(rows.length, table).toBe(form.tables[table].rows.length);
        rows.forEach((row, i) => {
          const label = `${table} row ${i} “${row.text}”`;
          expect([row.inView, row.onTop, row.whole], label).toEqual([true, true, true]);
          if (want[i]) expect(row.text, label).toBe(want[i]);
        });
      }
      const scroller = page.locator('.scroll:has(#table-requests)');
      await scroller.evaluate((el) => {
        el.scrollIntoView();
        el.scrollLeft = el.scrollWidth;
      });
      await scroller.screenshot({ path: join(SCREENSHOT_DIR, `table-requests-scrolled-${name}.png`) });
      expect([watch.consoleErrors, watch.failedRequests, watch.externalRequests]).toEqual([[], [], []]);
    } finally {
      await context.close();
    }
  });

  it('shows every status badge of the report lists whole, without scrolling', async () => {
    // The home page, the newest year, the place of the flagged report and the province (a list of its own reports and of the places below).
    const province = content.jurisdictions.all.find((j) => j.level === 'province')?.code ?? '';
    for (const path of ['/', `/years/${NEWEST}/`, `/jurisdictions/${FLAGGED?.meta.jurisdiction ?? ''}/`, `/jurisdictions/${province}/`]) {
      const { page, context } = await openPage(site.browser, site.origin, path, { width: viewport.width, height: viewport.height });
      try {
        const badges = await page.evaluate(() =>
          [...document.querySelectorAll('.report-list .badge')].map((b) => {
            const scroller = b.closest('.scroll');
            b.scrollIntoView({ block: 'center', inline: 'nearest' });
            if (scroller) scroller.scrollLeft = 0;
            const box = b.getBoundingClientRect();
            const frame = (scroller ?? document.body).getBoundingClientRect();
            const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
            return { text: b.textContent ?? '', inside: box.left >= frame.left && box.right <= frame.right, onTop: !!hit && (hit === b || b.contains(hit)), lines: Math.round(box.height / parseFloat(getComputedStyle(b).lineHeight || '16')) };
          }),
        );
        expect(badges.length, path).toBeGreaterThan(0);
        for (const b of badges) expect([b.inside, b.onTop, b.lines], `${path} “${b.text}”`).toEqual([true, true, 1]);
        if (path === `/years/${NEWEST}/`) await page.locator('.report-list').first().screenshot({ path: join(SCREENSHOT_DIR, `report-list-badges-${name}.png`) });
      } finally {
        await context.close();
      }
    }
  });
});
