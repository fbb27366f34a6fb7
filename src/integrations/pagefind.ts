/**
 * Indexes the built site with Pagefind after every `astro build` (into dist/, a scratch dir or a
 * benchmark's dir alike), so search never lags the pages. Chinese is segmented by Pagefind's extended
 * binary, chosen from each page's `<html lang="zh-CN">`.
 */
import { fileURLToPath } from 'node:url';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';

/** The pages search covers: each report, each jurisdiction, the methodology. Lists and tools are left out. */
export const SEARCH_GLOB = '{reports/*/index.html,jurisdictions/*/index.html,methodology/index.html}';

/** Where on the site the Pagefind bundle is written; the search page loads `pagefind.js` from here. */
export const PAGEFIND_DIR = 'pagefind';

/**
 * Pagefind's prebuilt search interfaces, written with every index. The search page uses the JS API
 * (`pagefind.js`, its worker, wasm and index) with its own small script, so these are removed.
 */
const UNUSED_BUNDLE_FILES = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-highlight.js',
];

/**
 * What Pagefind reads of a page: only `<main>`, without tables, charts and the data-quality panel
 * (numbers, row labels and axis labels are noise in full text; they are on the page and in the
 * downloads), or navigation.
 */
const INDEX_CONFIG = {
  rootSelector: 'main',
  excludeSelectors: ['table', 'svg', 'figure', 'nav', '[role=img]', '.chart', '#quality', '[data-pagefind-ignore]'],
} as const;

/** Builds the Pagefind index of the site in `dir`; throws, failing the build, when Pagefind reports an error. */
export async function buildSearchIndex(dir: string): Promise<{ pages: number }> {
  try {
    const { index, errors } = await pagefind.createIndex({ ...INDEX_CONFIG, excludeSelectors: [...INDEX_CONFIG.excludeSelectors] });
    if (!index || errors.length) throw new Error(`pagefind: cannot create the index: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: dir, glob: SEARCH_GLOB });
    if (added.errors.length) throw new Error(`pagefind: cannot index ${dir}: ${added.errors.join('; ')}`);
    if (added.page_count === 0) throw new Error(`pagefind: no page of ${dir} matches ${SEARCH_GLOB}; the search would be empty`);
    const written = await index.writeFiles({ outputPath: join(dir, PAGEFIND_DIR) });
    if (written.errors.length) throw new Error(`pagefind: cannot write the index: ${written.errors.join('; ')}`);
    for (const file of UNUSED_BUNDLE_FILES) rmSync(join(dir, PAGEFIND_DIR, file), { force: true });
    return { pages: added.page_count };
  } finally {
    await pagefind.close();
  }
}

/** The Astro integration: runs `buildSearchIndex` over the output directory when a build is done. */
export function pagefindIntegration(): AstroIntegration {
  return {
    name: 'gongkai-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const { pages } = await buildSearchIndex(fileURLToPath(dir));
        logger.info(`indexed ${pages} pages for search`);
      },
    },
  };
}
