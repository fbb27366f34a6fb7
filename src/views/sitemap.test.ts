import { describe, expect, it } from 'vitest';
import { listSitemapPaths, renderRobotsTxt, renderSitemap } from './sitemap.ts';

describe('listSitemapPaths', () => {
  it('keeps pages only, drops the error and search pages, sorts and dedupes', () => {
    expect(listSitemapPaths(['reports/230881-2020/', '', '404/', '404.html', 'search/', 'feeds/reports.xml', 'robots.txt', 'jurisdictions/', 'reports/230881-2020/'])).toEqual([
      '/',
      '/jurisdictions/',
      '/reports/230881-2020/',
    ]);
  });
});

describe('renderSitemap', () => {
  it('writes absolute, escaped URLs on the site address', () => {
    expect(renderSitemap(['/', '/a&b/'], 'https://example.org/base/')).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n  <url><loc>https://example.org/</loc></url>\n  <url><loc>https://example.org/a&amp;b/</loc></url>\n</urlset>\n',
    );
  });
});

describe('renderRobotsTxt', () => {
  it('allows everything and points at the sitemap', () => {
    expect(renderRobotsTxt('https://example.org')).toBe('User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n');
  });
});
