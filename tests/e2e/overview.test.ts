/**
 * The province overview as a reader sees it in Chromium at 390 and 1280 px, on the home page and each
 * year's page: the year's headline figures by group (governments of each level, then departments of
 * each level), each the sum of the reports' printed cells (read here from the cells, not through the
 * metric code), each linked to the comparison page behind it, the table's row headings in view.
 * Expectations come from whatever content was built (the committed reports, or GONGKAI_CONTENT).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LEVEL_LABELS, type Level } from '../../src/jurisdictions/jurisdictions.ts';
import { loadContent } from '../../src/loaders/load-content.ts';
import { nodeContentFs } from '../../src/loaders/node-fs.ts';
import type { CheckedReport } from '../../src/reports/types.ts';
import { openPage, SCREENSHOT_DIR, startSiteAndBrowser, VIEWPORTS } from './browser.ts';

const content = loadContent(nodeContentFs, process.env.GONGKAI_CONTENT ?? 'content');
const site = startSiteAndBrowser();

beforeAll(() => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

const LEVELS: readonly Level[] = ['province', 'prefecture', 'county'];
const YEARS = [...new Set(content.reports.map((r) => r.meta.year))].sort((a, b) => a - b);
const NEWEST = YEARS[YEARS.length - 1] as number;

/** A department's report id has a slug after the jurisdiction code (230881-jiaoyu-2020); a government's has not. */
function isDepartment(r: CheckedReport): boolean {
  return /^\d{6}-[a-z]/.test(r.meta.id);
}

/** A 总计 cell of table 三 as printed, or null when it is not read. */
function printed(r: CheckedReport, row: string): number | null {
  return r.tables.requests[row]?.total?.value ?? null;
}

/** The groups of a year's reports in the order the overview shows them: governments then departments, province first. */
function groupsOf(year: number): { label: string; reports: CheckedReport[] }[] {
  return (['政府', '部门'] as const).flatMap((kind) =>
    LEVELS.map((level) => ({
      label: `${LEVEL_LABELS[level]}${kind}`,
      reports: content.reports.filter((r) => r.meta.year === year && content.jurisdictions.byCode.get(r.meta.jurisdiction)?.level === level && isDepartment(r) === (kind === '部门')),
    })).filter((g) => g.reports.length > 0),
  );
}

/** The expected figures of a group, from the printed cells: received, grant rate as text, reports failing a rule. */
function expectGroup(reports: readonly CheckedReport[]): { received: string; grant: string; failing: number } {
  let received = 0;
  let withReceived = 0;
  let granted = 0;
  let processed = 0;
  let withGrant = 0;
  for (const r of reports) {
    const got = printed(r, 'received_new');
    if (got !== null) {
      received += got;
      withReceived += 1;
    }
    const [g, p, t] = [printed(r, 'granted'), printed(r, 'partially_granted'), printed(r, 'processed_total')];
    if (g !== null && p !== null && t !== null) {
      granted += g + p;
      processed += t;
      withGrant += 1;
    }
  }
  const grant = !withGrant || processed === 0 ? '—' : processed < 10 ? `${processed}件中${granted}件` : `${((granted / processed) * 100).toFixed(1)}%`;
  return { received: withReceived ? String(received) : '—', grant, failing: reports.filter((r) => r.outcomes.some((o) => o.status === 'fail')).length };
}

describe.each(VIEWPORTS.map((v) => [v.name, v] as const))('the overview at %s width', (name, viewport) => {
  const pages = [{ path: '/', year: NEWEST }, ...YEARS.map((year) => ({ path: `/years/${year}/`, year }))];
  for (const { path, year } of pages) {
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
            return { name: th?.querySelector('a')?.textContent ?? '', href: th?.querySelector('a')?.getAttribute('href') ?? '', figs: [...tr.querySelectorAll('td .fig')].map((f) => f.textContent ?? ''), notes: [...tr.querySelectorAll('td')].map((td) => td.querySelector('.note-text')?.textContent ?? ''), headWidth: box?.width ?? 0, headLeft: box?.left ?? -1 };
          });
          const box = t.closest('section')?.getBoundingClientRect();
          return { heads, rows, top: box?.top ?? Infinity, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth };
        });
        if (!table) throw new Error(`${path}: no overview table`);
        const groups = groupsOf(year);
        expect(table.heads).toEqual(['指标', ...groups.map((g) => g.label)]);
        const row = (label: string) => table.rows.find((r) => r.name === label);
        groups.forEach((group, i) => {
          const want = expectGroup(group.reports);
          expect(row('报告数')?.figs[i], `${path} ${group.label} 报告数`).toBe(`${group.reports.length} 份`);
          // Of how many places: the sums are of the reports on file, not the province's.
          const places = new Set(group.reports.map((r) => r.meta.jurisdiction)).size;
          const level = content.jurisdictions.byCode.get(group.reports[0]?.meta.jurisdiction ?? '')?.level ?? 'county';
          const all = content.jurisdictions.all.filter((j) => j.level === level).length;
          expect(row('报告数')?.notes[i], `${path} ${group.label} 覆盖面`).toMatch(group.label.endsWith('部门') ? new RegExp(`^${places} 个地区的部门；`) : new RegExp(`^全省 ${all} 个${LEVEL_LABELS[level]}地区中的 ${places} 个；`));
          expect(row('申请总量')?.figs[i]?.replace(/,/g, ''), `${path} ${group.label} 申请总量`).toBe(want.received);
          expect(row('公开率')?.figs[i], `${path} ${group.label} 公开率`).toBe(want.grant);
          expect(row('未通过核对的报告')?.figs[i], `${path} ${group.label}`).toBe(`${want.failing} 份`);
        });
        expect(row('公开率')?.href).toBe(`/compare/${year}/grant_rate/`);
        expect(row('复议纠错率')?.href).toBe(`/compare/${year}/review_correction_rate/`);
        expect(row('报告数')?.href).toBe(`/years/${year}/`);
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
