/**
 * Writes /sitemap.xml when a build is done, from the list of pages Astro built, so that every page
 * type (added by anyone, later) is listed without a second list to keep in step. Past 50,000 pages
 * /sitemap.xml is a sitemap index of numbered sitemaps (src/views/sitemap-files.ts).
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { planSitemapFiles, SITEMAP_PART_NAME, type SitemapFile } from '../views/sitemap-files.ts';
import { listSitemapPaths } from '../views/sitemap.ts';
import { SITEMAP_PATH } from '../site/paths.ts';

/**
 * Writes the sitemap files into an output directory and removes numbered sitemaps a previous build
 * left there (the output is not emptied between incremental builds) that this plan does not have.
 */
export function writeSitemapFiles(outDir: string, files: readonly SitemapFile[]): void {
  const names = new Set(files.map((f) => f.path.slice(1)));
  for (const name of readdirSync(outDir)) {
    if (SITEMAP_PART_NAME.test(name) && !names.has(name)) rmSync(join(outDir, name));
  }
  for (const f of files) writeFileSync(join(outDir, f.path.slice(1)), f.text);
}

/** The Astro integration: writes the sitemap of the built pages into the output directory. */
export function sitemapIntegration(): AstroIntegration {
  let site = '';
  return {
    name: 'gongkai-sitemap',
    hooks: {
      'astro:config:done': ({ config }) => {
        if (!config.site) throw new Error('sitemap: astro.config.mjs must set `site`, the public address the sitemap points to');
        site = config.site;
      },
      'astro:build:done': ({ dir, pages, logger }) => {
        const paths = listSitemapPaths(pages.map((p) => p.pathname));
        const files = planSitemapFiles(paths, site);
        writeSitemapFiles(fileURLToPath(dir), files);
        logger.info(files.length > 1 ? `listed ${paths.length} pages in ${files.length - 1} sitemaps under the index ${SITEMAP_PATH}` : `listed ${paths.length} pages in ${SITEMAP_PATH}`);
      },
    },
  };
}
