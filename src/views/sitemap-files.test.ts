import { describe, expect, it } from 'vitest';
import { planSitemapFiles, renderSitemapIndex, SITEMAP_MAX_URLS } from './sitemap-files.ts';
import { renderSitemap } from './sitemap.ts';

const SITE = 'https://example.org/';

/** The page paths of a site with `n` report pages, sorted as listSitemapPaths gives them. */
function listReportPaths(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `/reports/${String(230000 + i).padStart(6, '0')}-2020/`).sort();
}

/** The <loc> URLs of a sitemap or sitemap index. */
function listLocs(xml: string): string[] {
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? '');
}

describe('planSitemapFiles', () => {
  it('writes one /sitemap.xml while the pages fit in one file', () => {
    const paths = listReportPaths(3);
    expect(planSitemapFiles(paths, SITE)).toEqual([{ path: '/sitemap.xml', text: renderSitemap(paths, SITE) }]);
    expect(planSitemapFiles(listReportPaths(SITEMAP_MAX_URLS), SITE)).toHaveLength(1);
  });

  it('splits 126,000 pages into numbered sitemaps of at most 50,000 under an index at /sitemap.xml, each page once', () => {
    const paths = listReportPaths(126_000);
    const files = planSitemapFiles(paths, SITE);
    expect(files.map((f) => f.path)).toEqual(['/sitemap.xml', '/sitemap-1.xml', '/sitemap-2.xml', '/sitemap-3.xml']);
    expect(files[0]?.text).toBe(renderSitemapIndex(['/sitemap-1.xml', '/sitemap-2.xml', '/sitemap-3.xml'], SITE));
    expect(listLocs(files[0]?.text ?? '')).toEqual(['https://example.org/sitemap-1.xml', 'https://example.org/sitemap-2.xml', 'https://example.org/sitemap-3.xml']);
    const parts = files.slice(1).map((f) => listLocs(f.text));
    expect(parts.map((p) => p.length)).toEqual([50_000, 50_000, 26_000]);
    expect(parts.flat()).toEqual(paths.map((p) => new URL(p, SITE).href));
    for (const f of files) expect(Buffer.byteLength(f.text)).toBeLessThan(50 * 1024 * 1024);
    expect(planSitemapFiles(paths, SITE)).toEqual(files);
  });

  it('splits at any limit: 5 pages at 2 per file make three sitemaps', () => {
    const files = planSitemapFiles(listReportPaths(5), SITE, 2);
    expect(files.slice(1).map((f) => listLocs(f.text).length)).toEqual([2, 2, 1]);
  });
});

describe('renderSitemapIndex', () => {
  it('writes a sitemapindex with absolute, escaped URLs', () => {
    expect(renderSitemapIndex(['/sitemap-1.xml', '/a&b.xml'], SITE)).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n  <sitemap><loc>https://example.org/sitemap-1.xml</loc></sitemap>\n  <sitemap><loc>https://example.org/a&amp;b.xml</loc></sitemap>\n</sitemapindex>\n',
    );
  });
});
