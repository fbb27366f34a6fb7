/**
 * Searching a written index in Node, as the search page does in a browser: the first part's
 * `pagefind.js` with every other part of the manifest merged in, files served from disk. For tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SearchManifest } from './pagefind-parts.ts';
import { SEARCH_MANIFEST } from './pagefind-parts.ts';

/** What the Pagefind bundle's search gives for one hit. */
export interface IndexHit {
  readonly url: string;
  readonly content: string;
  readonly meta: { readonly title?: string; readonly image?: string; readonly image_alt?: string };
  readonly filters: Readonly<Record<string, readonly string[]>>;
}

let loads = 0;

/**
 * Searches the index under `site/<dir>/` (its manifest's parts merged, or only the first part with
 * `merge: false`); returns every hit, best first. Swaps in a `fetch` that reads the site's files for
 * the duration of the search.
 */
export async function searchWrittenIndex(site: string, dir: string, query: string, options: { merge?: boolean } = {}): Promise<IndexHit[]> {
  const manifest = JSON.parse(readFileSync(join(site, dir, SEARCH_MANIFEST), 'utf8')) as SearchManifest;
  const [first, ...rest] = manifest.parts.map((p) => `/${dir}/${p}`);
  if (!first) throw new Error(`${join(site, dir, SEARCH_MANIFEST)}: no part`);
  const saved = { fetch: globalThis.fetch, window: (globalThis as { window?: unknown }).window };
  (globalThis as { window?: unknown }).window = { location: { origin: 'http://localhost' } };
  globalThis.fetch = async (input: string | URL | Request) => {
    const path = decodeURIComponent(new URL(String(input), 'http://localhost/').pathname);
    return new Response(readFileSync(join(site, path)));
  };
  try {
    // A fresh module each time: the bundle keeps its instances, and the files may have changed since.
    const url = `${pathToFileURL(join(site, first, 'pagefind.js')).href}?load=${++loads}`;
    const pagefind = (await import(/* @vite-ignore */ url)) as {
      options(o: object): Promise<void>;
      mergeIndex(path: string): Promise<void>;
      search(q: string): Promise<{ results: { data(): Promise<IndexHit> }[] }>;
    };
    await pagefind.options({ basePath: first });
    if (options.merge ?? true) for (const part of rest) await pagefind.mergeIndex(part);
    const found = await pagefind.search(query);
    return await Promise.all(found.results.map((r) => r.data()));
  } finally {
    globalThis.fetch = saved.fetch;
    (globalThis as { window?: unknown }).window = saved.window;
  }
}
