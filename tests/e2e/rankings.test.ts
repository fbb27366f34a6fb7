/**
 * The rankings as a reader sees them in Chromium, at 390 and 1280 px: a rate on a small base is not
 * among the ranked bars but listed under them as “n件中m件”; every name carries its report's scope in
 * the chart itself; a value whose cells fail a consistency rule carries the rule beside it, inside the
 * chart; and so on each level's embed page, in the chart, in a visible note and in its CSV.
 * Expectations come from the content through the same metric declarations, not from the page.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { deriveRankingData, formatRankingValue, rankItems } from '../../src/charts/ranking.ts';
import { loadContent } from '../../src/loaders/load-content.ts';
import { nodeContentFs } from '../../src/loaders/node-fs.ts';
import { openPage, SCREENSHOT_DIR, startSiteAndBrowser, VIEWPORTS } from './browser.ts';
import { compareEmbedPath, comparePath, listEmbedFiles } from '../../src/site/paths.ts';

const content = loadContent(nodeContentFs, process.env.GONGKAI_CONTENT ?? 'content');
const site = startSiteAndBrowser();

beforeAll(() => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

/** One text of a drawn chart with its box in page px. */
interface DrawnText {
  readonly text: string;
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

describe.each(VIEWPORTS.map((v) => [v.name, v] as const))('the 2020 grant-rate ranking at %s width', (name, viewport) => {
  const levels = deriveRankingData(content.reports, 'grant_rate', 2020, content.jurisdictions);

  it('lists small bases apart, names each scope and shows each failing rule inside the drawn chart', async () => {
    expect(levels.some((l) => l.items.some((i) => i.caution && i.value !== null)), 'this test needs a 2020 公开率 on a small base in the content (嘉荫县 in the committed reports)').toBe(true);
    expect(levels.some((l) => l.items.some((i) => !i.caution && i.flags.length)), 'this test needs a flagged 2020 公开率 in the content (同江市 in the committed reports)').toBe(true);
    const { page, context, watch } = await openPage(site.browser, site.origin, comparePath(2020, 'grant_rate'), { width: viewport.width, height: viewport.height });
    try {
      for (const data of levels) {
        const drawn = await page.evaluate((id) => {
          const svg = [...document.querySelectorAll(`#chart-${id} .chart-svg svg`)].find((s) => s.getClientRects().length > 0);
          if (!svg) return null;
          const box = svg.getBoundingClientRect();
          const texts = [...svg.querySelectorAll('text')].map((t) => {
            const r = t.getBoundingClientRect();
            return { text: t.textContent ?? '', top: r.top, bottom: r.bottom, left: r.left, right: r.right };
          });
          const bars = [...svg.querySelectorAll('path[fill="#0072B2"]')].map((p) => p.getBoundingClientRect()).filter((r) => r.width > 0);
          return { box: { top: box.top, bottom: box.bottom, left: box.left, right: box.right }, texts, barsBottom: Math.max(0, ...bars.map((b) => b.bottom)), bars: bars.map((b) => ({ top: b.top, bottom: b.bottom })) };
        }, data.key);
        if (!drawn) throw new Error(`${data.key}: no chart drawn`);
        const find = (text: string): DrawnText => {
          const t = drawn.texts.find((x) => x.text === text);
          if (!t) throw new Error(`${data.key}: “${text}” is not drawn; texts: ${drawn.texts.map((x) => x.text).join(' | ')}`);
          return t;
        };
        const inside = (t: DrawnText): boolean => t.left >= drawn.box.left - 1 && t.right <= drawn.box.right + 1 && t.top >= drawn.box.top - 1 && t.bottom <= drawn.box.bottom + 1;
        const { ranked, smallBase } = rankItems(data);
        expect(drawn.bars.length, data.key).toBe(ranked.length);
        ranked.forEach(({ item }, n) => {
          const label = find(`${item.name}（${item.scopeShort}）`);
          const bar = drawn.bars[n];
          if (!bar) throw new Error(`${data.key}: no bar ${n}`);
          // The name stands level with its own bar, in rank order.
          expect(Math.abs((label.top + label.bottom) / 2 - (bar.top + bar.bottom) / 2), `${data.key} ${item.name}`).toBeLessThan(3);
          const value = find(`${formatRankingValue(item, data.unit)}${item.flags.length ? `（未通过 ${item.flags.join('、')}）` : ''}`);
          expect(inside(value), `${data.key} ${item.name}: the value and its flag stay inside the chart`).toBe(true);
        });
        if (smallBase.length) {
          const heading = find(`基数不足 ${data.cautionBelow} 件，不参与排名：`);
          expect(heading.top, `${data.key}: the list apart is under every bar`).toBeGreaterThanOrEqual(drawn.barsBottom - 1);
          for (const item of smallBase) {
            const label = find(`${item.name}（${item.scopeShort}）`);
            expect(label.top).toBeGreaterThan(heading.bottom - 1);
            expect(inside(label)).toBe(true);
            const value = find(`${item.denominator}件中${item.numerator}件${item.flags.length ? `（未通过 ${item.flags.join('、')}）` : ''}`);
            expect(Math.abs(value.top - label.top)).toBeLessThan(2);
          }
        }
      }
      await page.screenshot({ path: join(SCREENSHOT_DIR, `ranking-grant_rate-2020-${name}.png`), fullPage: true });
      expect([watch.consoleErrors, watch.failedRequests, watch.externalRequests]).toEqual([[], [], []]);
    } finally {
      await context.close();
    }
  });

  it('carries each flag and each small base onto the embed page: in the drawn chart, a visible note and the CSV', async () => {
    const flaggedLevels = levels.filter((l) => l.items.some((i) => i.flags.length));
    expect(flaggedLevels.length, 'this test needs a flagged 2020 公开率 in the content (同江市 in the committed reports)').toBeGreaterThan(0);
    for (const data of levels) {
      const path = compareEmbedPath(2020, 'grant_rate', data.key);
      const { page, context, watch } = await openPage(site.browser, site.origin, path, { width: viewport.width, height: viewport.height });
      try {
        const state = await page.evaluate(() => {
          const svg = [...document.querySelectorAll('main .chart-svg svg')].find((s) => s.getClientRects().length > 0);
          const notes = document.querySelector('main .chart-notes');
          return { texts: [...(svg?.querySelectorAll('text') ?? [])].map((t) => t.textContent ?? ''), notes: notes?.textContent ?? '', notesHeight: notes?.getBoundingClientRect().height ?? 0 };
        });
        const csvText = await page.evaluate(async (href) => (await fetch(href)).text(), listEmbedFiles(path).csv);
        const csv = Papa.parse<Record<string, string>>(csvText.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
        const { smallBase } = rankItems(data);
        for (const item of data.items.filter((i) => i.value !== null)) {
          const row = csv.find((r) => r[data.itemLabel] === item.name);
          expect(row, `${path}: ${item.name} in the CSV`).toBeDefined();
          expect(row?.['未通过的核对'] ?? '', `${path}: ${item.name}`).toBe(item.flags.join(' '));
          if (item.flags.length) {
            expect(state.texts.some((t) => t.endsWith(`（未通过 ${item.flags.join('、')}）`)), `${path}: ${item.name}'s flag drawn`).toBe(true);
            for (const rule of item.flags) expect(state.notes, `${path}: ${rule} in the visible note`).toContain(rule);
          }
        }
        for (const item of smallBase) {
          expect(state.texts, `${path}: ${item.name} listed apart`).toContain(`${item.denominator}件中${item.numerator}件${item.flags.length ? `（未通过 ${item.flags.join('、')}）` : ''}`);
          expect(csv.find((r) => r[data.itemLabel] === item.name)?.['名次'], `${path}: ${item.name} has no rank`).toBe('');
        }
        if (smallBase.length || data.items.some((i) => i.flags.length)) expect(state.notesHeight, `${path}: the note is drawn, not only read out`).toBeGreaterThan(20);
        if (data.items.some((i) => i.flags.length)) await page.screenshot({ path: join(SCREENSHOT_DIR, `ranking-embed-${data.key}-${name}.png`), fullPage: true });
        expect([watch.consoleErrors, watch.failedRequests, watch.externalRequests]).toEqual([[], [], []]);
      } finally {
        await context.close();
      }
    }
  });
});
