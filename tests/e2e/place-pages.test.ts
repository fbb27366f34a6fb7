/**
 * A place with one year on file, as a reader sees it in Chromium at 390 and 1280 px: no trend chart
 * (a one-point chart says nothing), but the year's key figures with the peers' median and the place's
 * rank, read from the report's cells; and what the report says of the year before.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/loaders/load-content.ts';
import { nodeContentFs } from '../../src/loaders/node-fs.ts';
import { jurisdictionPath } from '../../src/views/paths.ts';
import { listGovernmentSeries } from '../../src/views/site-views.ts';
import { openPage, SCREENSHOT_DIR, startSiteAndBrowser, VIEWPORTS } from './browser.ts';

const content = loadContent(nodeContentFs, process.env.GONGKAI_CONTENT ?? 'content');
const site = startSiteAndBrowser();

beforeAll(() => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

/** Places whose government has exactly one report on file. */
const ONE_YEAR = content.jurisdictions.all.filter((j) => listGovernmentSeries(content.reports, j.code).length === 1).map((j) => j.code);

/** A 总计 cell of table 三, read straight from the report. */
function total(code: string, row: string): number {
  const report = listGovernmentSeries(content.reports, code)[0];
  const v = report?.tables.requests[row]?.total?.value;
  if (v === undefined || v === null) throw new Error(`${code}: no number in requests.${row}.total`);
  return v;
}

describe.each(VIEWPORTS.map((v) => [v.name, v] as const))('a place with one year on file at %s width', (name, viewport) => {
  it('shows key figures against its peers and no one-point chart', async () => {
    expect(ONE_YEAR.length).toBeGreaterThan(1);
    for (const code of ONE_YEAR) {
      const { page, context, watch } = await openPage(site.browser, site.origin, jurisdictionPath(code), { width: viewport.width, height: viewport.height });
      try {
        const state = await page.evaluate(() => {
          const table = document.querySelector('table.key-figures');
          const rows = [...(table?.querySelectorAll('tbody tr') ?? [])].map((tr) => {
            const th = tr.querySelector('th');
            const box = th?.getBoundingClientRect();
            return { name: th?.textContent ?? '', href: th?.querySelector('a')?.getAttribute('href') ?? '', cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''), width: box?.width ?? 0 };
          });
          const charts = [...document.querySelectorAll('figure.chart')].map((f) => f.id);
          return { rows, charts, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth };
        });
        expect(state.charts.filter((id) => id.startsWith('chart-trend-')), `${code}: trend charts of one point`).toEqual([]);
        expect(state.charts, `${code}: what the report says of the year before`).toContain('chart-prior-year');
        expect(state.rows.map((r) => r.name)).toEqual(['申请总量', '公开率', '不予公开率', '“本机关不掌握”占比', '复议纠错率', '每百件申请的复议诉讼']);
        expect(state.overflow).toBeLessThanOrEqual(0);
        // Row labels are readable words, not a column one character wide.
        for (const r of state.rows) expect(r.width, `${code} ${r.name}`).toBeGreaterThan(60);
        const received = state.rows[0]?.cells[0] ?? '';
        expect(received.replace(/,/g, '')).toMatch(new RegExp(`^${total(code, 'received_new')}(未通过|$)`));
        const grant = state.rows[1]?.cells[0] ?? '';
        const num = total(code, 'granted') + total(code, 'partially_granted');
        const den = total(code, 'processed_total');
        expect(grant.startsWith(den < 10 ? `${den}件中${num}件` : `${((num / den) * 100).toFixed(1)}%`), `${code} 公开率 ${grant}`).toBe(true);
        expect(state.rows[1]?.href).toMatch(/^\/compare\/\d{4}\/grant_rate\/$/);
        for (const r of state.rows) expect(r.cells[2], `${code} ${r.name} rank`).toMatch(/^(第 \d+ 名（共 \d+ 个）|基数小，不排名|不排名|—)$/);
        if (code === '230881') await page.screenshot({ path: join(SCREENSHOT_DIR, `place-one-year-${code}-${name}.png`), fullPage: true });
        expect([watch.consoleErrors, watch.failedRequests, watch.externalRequests]).toEqual([[], [], []]);
      } finally {
        await context.close();
      }
    }
  });
});
