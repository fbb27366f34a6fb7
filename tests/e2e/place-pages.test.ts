/**
 * A place's page as a reader sees it in Chromium at 390 and 1280 px: the latest year's key figures
 * with the peers' median and the place's rank, read from the report's cells; with one year on file no
 * trend chart (a one-point chart says nothing) but what the report says of the year before; from two
 * years on a trend per metric, drawn exactly when the metric has a value in two years or more. Runs on
 * whatever content was built (the committed reports have one year per place; GONGKAI_CONTENT with a
 * synthetic corpus gives places with several).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/loaders/load-content.ts';
import { nodeContentFs } from '../../src/loaders/node-fs.ts';
import { deriveMetric } from '../../src/metrics/derive-metrics.ts';
import { findMetric } from '../../src/metrics/metric-specs.ts';
import { TREND_METRIC_IDS } from '../../src/views/compare-view.ts';
import { listGovernmentSeries } from '../../src/views/site-views.ts';
import { openPage, SCREENSHOT_DIR, startSiteAndBrowser, VIEWPORTS } from './browser.ts';
import { jurisdictionPath } from '../../src/site/paths.ts';

const content = loadContent(nodeContentFs, process.env.GONGKAI_CONTENT ?? 'content');
const site = startSiteAndBrowser();

beforeAll(() => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

/** Places with their government's reports on file, and how many. */
const PLACES = content.jurisdictions.all.map((j) => ({ code: j.code, years: listGovernmentSeries(content.reports, j.code).length })).filter((p) => p.years > 0);

/** A 总计 cell of table 三 of the place's latest report, read straight from the report. */
function total(code: string, row: string): number {
  const report = listGovernmentSeries(content.reports, code).at(-1);
  const v = report?.tables.requests[row]?.total?.value;
  if (v === undefined || v === null) throw new Error(`${code}: no number in requests.${row}.total`);
  return v;
}

/** The trend charts a place must draw: the metrics with a value in two of its years or more. */
function drawableTrends(code: string): string[] {
  const series = listGovernmentSeries(content.reports, code);
  return TREND_METRIC_IDS.filter((id) => {
    const metric = findMetric(id);
    if (!metric) throw new Error(`no metric ${id}`);
    return series.filter((r) => deriveMetric(metric, r).value !== null).length >= 2;
  }).map((id) => `chart-trend-${id}`);
}

describe.each(VIEWPORTS.map((v) => [v.name, v] as const))('a place’s page at %s width', (name, viewport) => {
  // Every place is opened: allow each some seconds on a busy machine.
  it('shows key figures against its peers, and no one-point chart', { timeout: 60_000 + PLACES.length * 10_000 }, async () => {
    expect(PLACES.length).toBeGreaterThan(1);
    for (const { code, years } of PLACES) {
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
          const drawn = [...document.querySelectorAll('figure.chart')].filter((f) => [...f.querySelectorAll('.chart-svg svg')].some((s) => s.getClientRects().length > 0)).map((f) => f.id);
          return { rows, charts, drawn, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth };
        });
        if (years === 1) {
          expect(state.charts.filter((id) => id.startsWith('chart-trend-')), `${code}: trend charts of one point`).toEqual([]);
          expect(state.charts, `${code}: what the report says of the year before`).toContain('chart-prior-year');
        } else {
          expect(state.charts.filter((id) => id.startsWith('chart-trend-')), `${code}: a trend per metric`).toEqual(TREND_METRIC_IDS.map((id) => `chart-trend-${id}`));
          expect(state.drawn.filter((id) => id.startsWith('chart-trend-')), `${code}: trends drawn (two values or more)`).toEqual(drawableTrends(code));
        }
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
        for (const r of state.rows) expect(r.cells[2], `${code} ${r.name} rank`).toMatch(/^(第 \d+ 名（共 ([2-9]|\d\d+) 个）|同级仅此一个，不排名|基数小，不排名|不排名|—)$/);
        if (code === '230881') await page.screenshot({ path: join(SCREENSHOT_DIR, `place-${years === 1 ? 'one-year' : 'years'}-${code}-${name}.png`), fullPage: true });
        expect([watch.consoleErrors, watch.failedRequests, watch.externalRequests]).toEqual([[], [], []]);
      } finally {
        await context.close();
      }
    }
  });
});
