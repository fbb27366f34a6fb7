/**
 * Splits the sitemap into files the sitemaps.org protocol accepts. A sitemap holds at most 50,000
 * URLs (and 50 MB; at under 200 bytes a line the URL count is the binding limit), so a site with
 * more pages gets numbered sitemaps (/sitemap-1.xml, …) and /sitemap.xml becomes their sitemap index.
 * robots.txt always names /sitemap.xml, which is therefore right in both cases.
 *
 * Assumes the paths come sorted (listSitemapPaths): then the same pages give the same files.
 */
import { escapeXml } from './feeds.ts';
import { renderSitemap } from './sitemap.ts';
import { SITEMAP_PATH } from '../site/paths.ts';

/** The most URLs one sitemap file may list (sitemaps.org protocol 0.9). */
export const SITEMAP_MAX_URLS = 50_000;

/** A numbered sitemap's site path (`/sitemap-1.xml`), used when the pages exceed one file. */
export function sitemapPartPath(n: number): string {
  return `/sitemap-${n}.xml`;
}

/** Matches the file name of a numbered sitemap, to clear those a previous build left behind. */
export const SITEMAP_PART_NAME = /^sitemap-\d+\.xml$/;

/** One sitemap file to write: its site path and its text. */
export interface SitemapFile {
  readonly path: string;
  readonly text: string;
}

/** Serialises a sitemap index (sitemaps.org 0.9) of the given sitemap paths, absolute on `site`. */
export function renderSitemapIndex(paths: readonly string[], site: string): string {
  const entries = paths.map((p) => `  <sitemap><loc>${escapeXml(new URL(p, site).href)}</loc></sitemap>`);
  return ['<?xml version="1.0" encoding="utf-8"?>', '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...entries, '</sitemapindex>', ''].join('\n');
}

/** Plans the sitemap files: one /sitemap.xml while the pages fit, else an index at /sitemap.xml and numbered sitemaps of at most `maxUrls` pages. */
export function planSitemapFiles(paths: readonly string[], site: string, maxUrls = SITEMAP_MAX_URLS): SitemapFile[] {
  if (paths.length <= maxUrls) return [{ path: SITEMAP_PATH, text: renderSitemap(paths, site) }];
  const parts: SitemapFile[] = [];
  for (let from = 0; from < paths.length; from += maxUrls) {
    parts.push({ path: sitemapPartPath(parts.length + 1), text: renderSitemap(paths.slice(from, from + maxUrls), site) });
  }
  return [{ path: SITEMAP_PATH, text: renderSitemapIndex(parts.map((p) => p.path), site) }, ...parts];
}
