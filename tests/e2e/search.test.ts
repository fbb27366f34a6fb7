/**
 * Search in a real browser: Chinese place names put their own pages first, a phrase from a report's
 * text finds that report, tables stay out of the index, an index split into a part per report still
 * finds pages of every part, and it all works from the keyboard (and, without JavaScript, the header
 * box still lands on the search page).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findForm } from '../../src/form/forms.ts';
import { loadCommittedContent } from '../../src/fixtures/committed-content.ts';
import { buildSearchIndex, PAGEFIND_DIR } from '../../src/integrations/pagefind.ts';
import { openPage, startSiteAndBrowser, startSiteServer, type OpenedPage, type SiteServer } from './browser.ts';
import { jurisdictionPath, reportPath } from '../../src/site/paths.ts';

const content = loadCommittedContent();
const site = startSiteAndBrowser();

/** The narrative of a report as one string of text. */
function readNarrative(id: string): string {
  const report = content.reports.find((r) => r.meta.id === id);
  if (!report) throw new Error(`no report ${id}`);
  return Object.values(report.narrative).join('\n');
}

/**
 * Picks a phrase of `length` Chinese characters from a report's text that no other report contains:
 * the first such run at the start of a sentence, so it reads like something a person would paste.
 */
function pickUniquePhrase(id: string, length = 12): string {
  const others = content.reports.filter((r) => r.meta.id !== id).map((r) => readNarrative(r.meta.id));
  for (const sentence of readNarrative(id).split(/[。；\n]/)) {
    const run = /[\u4e00-\u9fff]+/.exec(sentence)?.[0] ?? '';
    const phrase = run.slice(0, length);
    if ([...phrase].length === length && others.every((t) => !t.includes(phrase))) return phrase;
  }
  throw new Error(`no unique ${length}-character phrase in ${id}`);
}

/** Opens the search page for a query, waits until it has answered, and returns the page with its hits' paths in order. */
async function openSearch(query: string, origin = site.origin): Promise<OpenedPage & { hits: string[] }> {
  const opened = await openPage(site.browser, origin, `/search/?q=${encodeURIComponent(query)}`);
  await opened.page.waitForFunction(() => /找到|无法使用/.test(document.querySelector('#search-status')?.textContent ?? ''));
  const hits = await opened.page.$$eval('#search-results li > a', (links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  return { ...opened, hits };
}

describe('searching a place name', () => {
  it.each([
    ['同江', '230881', '230881-2020'],
    ['同江市', '230881', '230881-2020'],
    ['嘉荫县', '230722', '230722-2020'],
    ['嘉荫', '230722', '230722-2020'],
    ['伊春', '230700', '230700-2020'],
  ])('%s lists its jurisdiction page, then its report, first', async (query, code, reportId) => {
    const { context, watch, hits } = await openSearch(query);
    try {
      expect(hits.slice(0, 2)).toEqual([jurisdictionPath(code), reportPath(reportId)]);
      expect(new Set(hits).size).toBe(hits.length);
      expect([...watch.consoleErrors, ...watch.failedRequests, ...watch.externalRequests]).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('puts the year asked for first among a jurisdiction’s reports and says how many pages it found', async () => {
    const { page, context, hits } = await openSearch('同江市 2020');
    try {
      expect(hits.slice(0, 2)).toEqual([jurisdictionPath('230881'), reportPath('230881-2020')]);
      expect(await page.textContent('#search-status')).toBe(`“同江市 2020”：找到 ${hits.length} 个页面。`);
    } finally {
      await context.close();
    }
  });
});

describe('searching report text', () => {
  for (const report of content.reports) {
    it(`a phrase from ${report.meta.id}'s text finds that report first`, async () => {
      const phrase = pickUniquePhrase(report.meta.id);
      const { page, context, hits } = await openSearch(phrase);
      try {
        expect(hits[0], `searching “${phrase}”`).toBe(reportPath(report.meta.id));
        expect(await page.locator('#search-results li').first().locator('mark').count()).toBeGreaterThan(0);
      } finally {
        await context.close();
      }
    });
  }

  it('says so when no page holds the words as typed', async () => {
    const { page, context } = await openSearch('量子纠缠');
    try {
      expect(await page.textContent('#search-status')).toMatch(/^没有找到(与|完整包含)“量子纠缠”/);
    } finally {
      await context.close();
    }
  });
});

describe('the search index', () => {
  it('holds report text but not table labels (tables and charts stay out)', async () => {
    const report = content.reports.find((r) => r.meta.id === '230881-2020');
    const form = report && findForm(report.meta.form);
    if (!report || !form) throw new Error('no 230881-2020');
    const narrative = readNarrative(report.meta.id);
    // Row labels of the three tables that the report's own text never uses: they can only come from a table.
    const tableOnly = Object.values(form.tables).flatMap((t) => t.rows.map((r) => r.label)).filter((l) => l.length >= 8 && !narrative.includes(l));
    expect(tableOnly.length).toBeGreaterThan(5);
    const { page, context } = await openPage(site.browser, site.origin, '/search/');
    try {
      // As a string: the test runner rewrites import() in test code, and this must run in the page as written.
      const indexed = (await page.evaluate(`(async () => {
        // As the search page loads it: the manifest's first part, the others merged in.
        const parts = (await (await fetch('/pagefind/parts.json')).json()).parts.map((p) => new URL(p, location.origin + '/pagefind/').pathname);
        const pf = await import(parts[0] + 'pagefind.js');
        await pf.init();
        for (const part of parts.slice(1)) await pf.mergeIndex(part);
        const found = await pf.search('同江市');
        const pages = await Promise.all(found.results.map((r) => r.data()));
        return pages.find((p) => p.url === ${JSON.stringify(reportPath(report.meta.id))})?.content ?? null;
      })()`)) as string | null;
      expect(indexed).not.toBeNull();
      expect(indexed).toContain(pickUniquePhrase(report.meta.id));
      expect(tableOnly.filter((label) => indexed?.includes(label))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('an index split into a part per report', () => {
  // The built site copied and re-indexed at one page a part: places, then one part per 2020 report.
  const scratch = mkdtempSync(join(tmpdir(), 'gongkai-search-parts-'));
  let split: SiteServer | undefined;
  let parts: string[] = [];
  beforeAll(async () => {
    cpSync(inject('distDir'), scratch, { recursive: true });
    await buildSearchIndex(scratch, { maxPages: 1 });
    parts = (JSON.parse(readFileSync(join(scratch, PAGEFIND_DIR, 'parts.json'), 'utf8')) as { parts: string[] }).parts;
    split = await startSiteServer(scratch);
  }, 120_000);
  afterAll(async () => {
    await split?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('has a part per report besides the places part', () => {
    expect(parts[0]).toBe('places/');
    expect(parts).toHaveLength(1 + content.reports.length);
  });

  it('finds a jurisdiction page (first part) and its report (a merged part) by name, and every report by a phrase of its text', async () => {
    const byName = await openSearch('嘉荫县', split!.origin);
    try {
      expect(byName.hits.slice(0, 2)).toEqual([jurisdictionPath('230722'), reportPath('230722-2020')]);
      // Pagefind's own hits, not only the name list: each excerpt comes from the page's part.
      for (const i of [0, 1]) expect(await byName.page.locator('#search-results li').nth(i).locator('p mark').count(), byName.hits[i]).toBeGreaterThan(0);
      expect([...byName.watch.consoleErrors, ...byName.watch.failedRequests, ...byName.watch.externalRequests]).toEqual([]);
    } finally {
      await byName.context.close();
    }
    for (const report of content.reports) {
      const phrase = pickUniquePhrase(report.meta.id);
      const { context, hits } = await openSearch(phrase, split!.origin);
      try {
        expect(hits[0], `searching “${phrase}”`).toBe(reportPath(report.meta.id));
      } finally {
        await context.close();
      }
    }
  });
});

describe('search by keyboard', () => {
  it('goes from the header box on a report page to a result and into it, keys only', async () => {
    const { page, context } = await openPage(site.browser, site.origin, reportPath('230881-2020'));
    try {
      for (let i = 0; i < 20 && !(await page.evaluate(() => document.activeElement?.id === 'site-q')); i++) await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-q');
      await page.keyboard.type('嘉荫县');
      await Promise.all([page.waitForURL(/\/search\/\?q=/), page.keyboard.press('Enter')]);
      await page.waitForSelector('#search-results li');
      expect(await page.inputValue('#search-q')).toBe('嘉荫县');
      // From the query box, Tab moves to the button, then to the first result.
      await page.focus('#search-q');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.pathname)).toBe(jurisdictionPath('230722'));
      await Promise.all([page.waitForURL(`**${jurisdictionPath('230722')}`), page.keyboard.press('Enter')]);
    } finally {
      await context.close();
    }
  });

  it('searches as one types on the search page, and Enter keeps the query in the address', async () => {
    const { page, context } = await openPage(site.browser, site.origin, '/search/');
    try {
      await page.focus('#search-q');
      await page.keyboard.type('同江');
      await page.waitForFunction(() => document.querySelector('#search-results li a')?.getAttribute('href') === '/jurisdictions/230881/');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === '同江');
    } finally {
      await context.close();
    }
  });
});

describe('search without JavaScript', () => {
  it('the header box is a plain form that lands on the search page, which says what to do instead', async () => {
    const { page, context } = await openPage(site.browser, site.origin, '/methodology/', { javaScript: false });
    try {
      await page.fill('#site-q', '同江');
      await Promise.all([page.waitForURL(/\/search\/\?q=/), page.press('#site-q', 'Enter')]);
      expect(new URL(page.url()).searchParams.get('q')).toBe('同江');
      expect(await page.locator('noscript').count()).toBe(1);
      expect(await page.locator('main').textContent()).toContain('按地区浏览');
    } finally {
      await context.close();
    }
  });
});
