/** The sitemap and robots.txt: which pages search engines should find. */
import { escapeXml } from './feeds.ts';
import { EMBED_ROOT, SEARCH_PATH, SITEMAP_PATH } from '../site/paths.ts';

/** Pages that are not content: the error page and the search page (its results are not a page of their own). */
const LEFT_OUT = new Set(['/404/', '/404.html', SEARCH_PATH]);

/** Pages made to be shown inside other sites' pages (chart embeds): each chart is on its report page, which is listed. */
const LEFT_OUT_PREFIXES = [EMBED_ROOT];

/**
 * Lists the pages for the sitemap from the build's page paths (`reports/x/`, `` for the home page):
 * pages only (paths ending in `/`), without the error and search pages and the chart embeds, sorted, each once.
 */
export function listSitemapPaths(pathnames: readonly string[]): string[] {
  const paths = pathnames.map((p) => `/${p.replace(/^\/+/, '')}`).filter((p) => p.endsWith('/') && !LEFT_OUT.has(p) && !LEFT_OUT_PREFIXES.some((prefix) => p.startsWith(prefix)));
  return [...new Set(paths)].sort();
}

/** Serialises a sitemap (sitemaps.org 0.9) of the given site paths, absolute on `site`. */
export function renderSitemap(paths: readonly string[], site: string): string {
  const urls = paths.map((p) => `  <url><loc>${escapeXml(new URL(p, site).href)}</loc></url>`);
  return ['<?xml version="1.0" encoding="utf-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...urls, '</urlset>', ''].join('\n');
}

/** Writes robots.txt: every page may be crawled; points at the sitemap. */
export function renderRobotsTxt(site: string): string {
  return ['User-agent: *', 'Allow: /', '', `Sitemap: ${new URL(SITEMAP_PATH, site).href}`, ''].join('\n');
}
