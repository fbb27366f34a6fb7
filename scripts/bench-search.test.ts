/**
 * The search benchmark's pages are pages search works on: made from the built site's pages (the
 * global setup's build) for a three-report synthetic corpus, indexed with the site's own
 * `buildSearchIndex`, then searched with the Pagefind bundle it wrote, run in Node, and ordered as
 * the search page orders hits.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildSearchIndex, PAGEFIND_DIR } from '../src/integrations/pagefind.ts';
import { loadContent, type LoadedContent } from '../src/loaders/load-content.ts';
import { nodeContentFs } from '../src/loaders/node-fs.ts';
import { orderByLiteralMatch } from '../src/scripts/search-rank.ts';
import { reportPath } from '../src/views/paths.ts';
import { readPageTemplates, writeSearchSite } from './bench-search.ts';

/** What the Pagefind bundle's search gives for one hit. */
interface Hit {
  readonly url: string;
  readonly content: string;
}

const scratch = mkdtempSync(join(tmpdir(), 'gongkai-bench-search-test-'));
const site = join(scratch, 'site');
let content: LoadedContent;
let written: { pages: number; bytes: number };
let indexed: { pages: number };

/** Searches the written index with its own `pagefind.js`, serving its files from disk; returns every hit, best first. */
async function searchSite(query: string): Promise<Hit[]> {
  const saved = { fetch: globalThis.fetch, window: (globalThis as { window?: unknown }).window };
  (globalThis as { window?: unknown }).window = { location: { origin: 'http://localhost' } };
  globalThis.fetch = async (input: string | URL | Request) => {
    const path = decodeURIComponent(new URL(String(input), 'http://localhost/').pathname);
    return new Response(readFileSync(join(site, path)));
  };
  try {
    const pagefind = (await import(/* @vite-ignore */ pathToFileURL(join(site, PAGEFIND_DIR, 'pagefind.js')).href)) as {
      options(o: object): Promise<void>;
      search(q: string): Promise<{ results: { data(): Promise<Hit> }[] }>;
    };
    await pagefind.options({ basePath: `/${PAGEFIND_DIR}/` });
    const found = await pagefind.search(query);
    return await Promise.all(found.results.map((r) => r.data()));
  } finally {
    globalThis.fetch = saved.fetch;
    (globalThis as { window?: unknown }).window = saved.window;
  }
}

/**
 * The first run of 12 Chinese characters in a report's narrative sections (not its preamble) that
 * names no place: Pagefind segments a place name inside a sentence differently from the same name
 * typed alone, so a phrase with one may miss its own page (place names are found by name on the site).
 */
function pickPhrase(report: LoadedContent['reports'][number]): string {
  const names = content.jurisdictions.all.flatMap((j) => [j.name, j.name.replace(/[省市县区]$/, '')]);
  const runs = [report.narrative.overview, report.narrative.problems, report.narrative.other].join('\n').match(/[\u4e00-\u9fff]{12,}/g) ?? [];
  const phrase = runs.map((run) => run.slice(0, 12)).find((p) => names.every((n) => !p.includes(n)));
  if (!phrase) throw new Error(`no phrase without a place name in ${report.meta.id}`);
  return phrase;
}

beforeAll(async () => {
  const corpus = join(scratch, 'corpus');
  execFileSync(process.execPath, [fileURLToPath(new URL('./synth.ts', import.meta.url)), '--reports', '3', '--out', corpus], { stdio: 'ignore' });
  content = loadContent(nodeContentFs, corpus);
  written = writeSearchSite(content, site, readPageTemplates(inject('distDir')));
  indexed = await buildSearchIndex(site);
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the search benchmark site', () => {
  it('has a page per report and per jurisdiction, and the methodology page, and Pagefind indexes them all', () => {
    expect(content.errors).toEqual([]);
    expect(content.reports).toHaveLength(3);
    expect(written.pages).toBe(3 + content.jurisdictions.all.length + 1);
    expect(indexed.pages).toBe(written.pages);
  });

  it('finds exactly the reports holding a phrase of a report’s text, and indexes the text without its charts and tables', async () => {
    for (const report of content.reports) {
      const phrase = pickPhrase(report);
      const holding = content.reports.filter((r) => Object.values(r.narrative).some((t) => t.includes(phrase))).map((r) => reportPath(r.meta.id));
      const html = readFileSync(join(site, 'reports', report.meta.id, 'index.html'), 'utf8');
      const tableHeading = /<table class="form-table"[\s\S]*?<th scope="col">([^<]+)<\/th>/.exec(html)?.[1] ?? '';
      expect(tableHeading, 'the page has a form table').not.toBe('');
      expect(html).toContain('<figure');
      expect(html).toContain('查看数据表');

      // Ordered as the search page orders them: pages holding the words as typed first.
      const { hits, literal } = orderByLiteralMatch(await searchSite(phrase), phrase);
      expect(hits.slice(0, literal).map((h) => h.url).sort(), `searching “${phrase}”`).toEqual(holding.sort());
      const own = hits.find((h) => h.url === reportPath(report.meta.id));
      expect(own?.content).toContain(report.meta.title);
      expect(own?.content).not.toContain(tableHeading);
      expect(own?.content).not.toContain('查看数据表');
    }
  });
});
