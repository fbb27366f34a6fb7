/**
 * Finding and following the site: the two Atom feeds (well-formed to a real browser's XML parser, one
 * entry per report and per failing rule, every link landing on a built page and anchor), the sitemap,
 * robots.txt, and the head tags every built page carries.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { loadCommittedContent } from '../../src/fixtures/committed-content.ts';
import { openPage, resolveSiteFile, startSiteAndBrowser } from './browser.ts';
import { FEED_PATHS, reportPath } from '../../src/site/paths.ts';

const dist = inject('distDir');
const content = loadCommittedContent();
const site = startSiteAndBrowser();

/** An Atom entry as the browser's XML parser reads it. */
interface ParsedEntry {
  readonly id: string;
  readonly title: string;
  readonly link: string;
  readonly updated: string;
  readonly summary: string;
  readonly content: string;
}

/** Fetches a feed through the test server and parses it with Chromium's DOMParser. */
async function readFeed(path: string): Promise<{ contentType: string; error: string | null; root: string; self: string; updated: string; entries: ParsedEntry[] }> {
  const { page, context } = await openPage(site.browser, site.origin, '/404.html');
  try {
    return await page.evaluate(async (url) => {
      const response = await fetch(url);
      const doc = new DOMParser().parseFromString(await response.text(), 'application/xml');
      const ns = 'http://www.w3.org/2005/Atom';
      const text = (el: Element, name: string): string => el.getElementsByTagNameNS(ns, name)[0]?.textContent ?? '';
      const feed = doc.documentElement;
      return {
        contentType: response.headers.get('content-type') ?? '',
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: `${feed.namespaceURI} ${feed.localName}`,
        self: [...feed.children].find((c) => c.localName === 'link' && c.getAttribute('rel') === 'self')?.getAttribute('href') ?? '',
        updated: [...feed.children].find((c) => c.localName === 'updated')?.textContent ?? '',
        entries: [...doc.getElementsByTagNameNS(ns, 'entry')].map((e) => ({
          id: text(e, 'id'),
          title: text(e, 'title'),
          link: e.getElementsByTagNameNS(ns, 'link')[0]?.getAttribute('href') ?? '',
          updated: text(e, 'updated'),
          summary: text(e, 'summary'),
          content: text(e, 'content'),
        })),
      };
    }, path);
  } finally {
    await context.close();
  }
}

/** Checks that an absolute site URL lands on a built page, and on an element with the fragment's id when it has one. */
function expectLandsOnPage(url: string): void {
  const { pathname, hash } = new URL(url);
  const file = resolveSiteFile(dist, pathname);
  expect(file, url).not.toBeNull();
  if (hash && file) expect(readFileSync(file, 'utf8'), url).toContain(`id="${decodeURIComponent(hash.slice(1))}"`);
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})$/;

describe('the reports feed', () => {
  it('is a well-formed Atom feed with one entry per report, newest year first, each linking to its page', async () => {
    const feed = await readFeed(FEED_PATHS.reports);
    expect(feed.error).toBeNull();
    expect(feed.root).toBe('http://www.w3.org/2005/Atom feed');
    expect(feed.contentType).toMatch(/xml/);
    expect(new URL(feed.self).pathname).toBe(FEED_PATHS.reports);
    expect(feed.updated).toMatch(RFC3339);
    expect(feed.entries.map((e) => new URL(e.link).pathname).sort()).toEqual(content.reports.map((r) => reportPath(r.meta.id)).sort());
    const years = feed.entries.map((e) => Number(/^(\d{4})-0[13]-31T/.exec(e.updated)?.[1]) - 1);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    for (const e of feed.entries) {
      expect(e.updated).toMatch(RFC3339);
      expect(e.id).toBe(e.link);
      expectLandsOnPage(e.link);
    }
    expect(new Set(feed.entries.map((e) => e.id)).size).toBe(feed.entries.length);
  });
});

describe('the data-quality findings feed', () => {
  it('has one entry per failing rule of each report, with the printed numbers, linking to that rule on the report page', async () => {
    const feed = await readFeed(FEED_PATHS.findings);
    expect(feed.error).toBeNull();
    expect(feed.root).toBe('http://www.w3.org/2005/Atom feed');
    const failing = content.reports.flatMap((r) => r.outcomes.filter((o) => o.status === 'fail').map((o) => `${reportPath(r.meta.id)}#check-${o.rule}`));
    expect(failing.length).toBeGreaterThan(0);
    expect(feed.entries.map((e) => { const u = new URL(e.link); return `${u.pathname}${u.hash}`; }).sort()).toEqual(failing.sort());
    for (const e of feed.entries) expectLandsOnPage(e.link);
    const t3a = feed.entries.find((e) => e.link.endsWith('/reports/230881-2020/#check-T3-A'));
    expect(t3a?.title).toBe('同江市 2020 年报告未通过 T3-A 申请数量收支平衡');
    expect(t3a?.summary).toContain('合计 25 ≠ （七）总计 25 + 四、结转下年度继续办理 4，合计 29');
    expect(t3a?.content).toContain('<li>总计：一、本年新收政府信息公开申请数量 25');
  });
});

describe('the sitemap and robots.txt', () => {
  const sitemap = readFileSync(join(dist, 'sitemap.xml'), 'utf8');
  const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? '');

  it('lists every report and jurisdiction page, the home and methodology pages, each a built page, once', () => {
    const paths = locs.map((l) => new URL(l).pathname);
    for (const r of content.reports) expect(paths).toContain(reportPath(r.meta.id));
    expect(paths.filter((p) => /^\/jurisdictions\/\d{6}\/$/.test(p))).toHaveLength(content.jurisdictions.all.length);
    expect(paths).toEqual(expect.arrayContaining(['/', '/methodology/', '/jurisdictions/']));
    expect(paths.filter((p) => p.startsWith('/search/') || p.startsWith('/404'))).toEqual([]);
    expect(new Set(paths).size).toBe(paths.length);
    for (const l of locs) expectLandsOnPage(l);
  });

  it('is announced by robots.txt on the same site address', async () => {
    const robots = readFileSync(join(dist, 'robots.txt'), 'utf8');
    const site = new URL(locs[0] ?? '').origin;
    expect(robots).toContain(`Sitemap: ${site}/sitemap.xml`);
    expect(robots).toMatch(/^User-agent: \*$/m);
    expect(robots).not.toMatch(/^Disallow: \/\s*$/m);
  });
});

describe('every built page', () => {
  /** Lists every HTML file of the build, outside the search bundle. */
  function listPages(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
      const path = join(dir, d.name);
      if (d.isDirectory()) return d.name === 'pagefind' ? [] : listPages(path);
      return d.name.endsWith('.html') ? [path] : [];
    });
  }

  it('has a description, Open Graph tags, a canonical URL of its own address, zh-CN and the feed links', () => {
    const pages = listPages(dist);
    expect(pages.length).toBeGreaterThan(content.jurisdictions.all.length + content.reports.length);
    const problems: string[] = [];
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      const rel = relative(dist, file).split(sep).join('/');
      const attr = (re: RegExp): string | null => re.exec(html)?.[1] ?? null;
      const description = attr(/<meta name="description" content="([^"]+)"/);
      const canonical = attr(/<link rel="canonical" href="([^"]+)"/);
      const ownPath = `/${rel.replace(/index\.html$/, '')}`;
      if (!/<html lang="zh-CN"/.test(html)) problems.push(`${rel}: lang`);
      if (!description || description.length < 10) problems.push(`${rel}: description`);
      if (attr(/<meta property="og:description" content="([^"]+)"/) !== description) problems.push(`${rel}: og:description`);
      if (!attr(/<meta property="og:title" content="([^"]+)"/)) problems.push(`${rel}: og:title`);
      if (rel === '404.html') {
        if (canonical) problems.push(`${rel}: the error page declares a canonical URL`);
      } else if (!canonical || new URL(canonical).pathname !== ownPath || attr(/<meta property="og:url" content="([^"]+)"/) !== canonical) problems.push(`${rel}: canonical ${canonical}`);
      if (!html.includes(`href="${FEED_PATHS.reports}"`) || !html.includes(`href="${FEED_PATHS.findings}"`)) problems.push(`${rel}: feed links`);
    }
    expect(problems).toEqual([]);
  });
});
