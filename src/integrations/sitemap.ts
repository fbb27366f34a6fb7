/**
 * Writes /sitemap.xml when a build is done, from the list of pages Astro built, so that every page
 * type (added by anyone, later) is listed without a second list to keep in step.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { listSitemapPaths, renderSitemap, SITEMAP_PATH } from '../views/sitemap.ts';

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
        writeFileSync(join(fileURLToPath(dir), SITEMAP_PATH.slice(1)), renderSitemap(paths, site));
        logger.info(`listed ${paths.length} pages in ${SITEMAP_PATH}`);
      },
    },
  };
}
