/**
 * Indexes the built site with Pagefind after every `astro build` (into dist/, a scratch dir or a
 * benchmark's dir alike), so search never lags the pages. Chinese is segmented by Pagefind's extended
 * binary, chosen from each page's `<html lang="zh-CN">`. An index is only rebuilt when a page it
 * covers changed: the integration keeps a fingerprint of the indexed pages' bytes beside Astro's
 * cache, and each page's hash by size and modification time, so an unchanged page is not read again.
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { existsSync, globSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** What the integration remembers of the last index it built. */
interface IndexMemo {
  /** Where the index was written and the fingerprint of the pages it covers. */
  readonly outDir: string;
  readonly fingerprint: string;
  /** Each indexed page's hash, by path, with the size and time it had when hashed. */
  readonly files: Readonly<Record<string, { readonly size: number; readonly mtimeMs: number; readonly sha256: string }>>;
}

/** Reads the memo of the last index; null when there is none or it is unreadable. */
function readIndexMemo(file: string): IndexMemo | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as IndexMemo;
  } catch {
    return null;
  }
}

/**
 * Fingerprints the pages search covers in `dir`: a hash of each page's path and bytes, re-reading
 * only the pages whose size or modification time differ from the memo's.
 */
export function fingerprintSearchPages(dir: string, memo: IndexMemo | null): Pick<IndexMemo, 'fingerprint' | 'files'> {
  const files: Record<string, IndexMemo['files'][string]> = {};
  const all = createHash('sha256');
  for (const path of globSync(SEARCH_GLOB, { cwd: dir }).sort()) {
    const { size, mtimeMs } = statSync(join(dir, path));
    const known = memo?.files[path];
    const sha256 = known && known.size === size && known.mtimeMs === mtimeMs ? known.sha256 : createHash('sha256').update(readFileSync(join(dir, path))).digest('hex');
    files[path] = { size, mtimeMs, sha256 };
    all.update(`${path}\u0000${sha256}\n`);
  }
  return { fingerprint: all.digest('hex'), files };
}

/**
 * The Astro integration: runs `buildSearchIndex` over the output directory when a build is done,
 * unless the index there covers exactly the pages there are now.
 */
export function pagefindIntegration(): AstroIntegration {
  let memoFile = '';
  return {
    name: 'gongkai-pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        memoFile = fileURLToPath(new URL('pagefind-index.json', config.cacheDir));
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const memo = readIndexMemo(memoFile);
        const now = fingerprintSearchPages(out, memo);
        if (memo && memo.outDir === out && memo.fingerprint === now.fingerprint && existsSync(join(out, PAGEFIND_DIR, 'pagefind.js'))) {
          logger.info(`search index unchanged (${Object.keys(now.files).length} pages)`);
          return;
        }
        // A new index replaces the old one whole: its fragment files are named by content.
        rmSync(join(out, PAGEFIND_DIR), { recursive: true, force: true });
        const { pages } = await buildSearchIndex(out);
        mkdirSync(join(memoFile, '..'), { recursive: true });
        writeFileSync(`${memoFile}.tmp`, JSON.stringify({ outDir: out, ...now } satisfies IndexMemo));
        renameSync(`${memoFile}.tmp`, memoFile);
        logger.info(`indexed ${pages} pages for search`);
      },
    },
  };
}
