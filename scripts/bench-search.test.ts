/**
 * The search benchmark's pages are pages search works on: made from the built site's pages (the
 * global setup's build) for a three-report synthetic corpus, indexed with the site's own
 * `buildSearchIndex` (forced into several parts), then searched with the Pagefind bundle it wrote, its
 * parts merged, run in Node, and ordered as the search page orders hits.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildSearchIndex, PAGEFIND_DIR } from '../src/integrations/pagefind.ts';
import { searchWrittenIndex, type IndexHit } from '../src/fixtures/pagefind-node-search.ts';
import { loadContent, type LoadedContent } from '../src/loaders/load-content.ts';
import { nodeContentFs } from '../src/loaders/node-fs.ts';
import { orderByLiteralMatch } from '../src/client/search-rank.ts';
import { measureReaderFetches, readPageTemplates, writeSearchSite } from './bench-search.ts';
import { reportPath } from '../src/site/paths.ts';

const scratch = mkdtempSync(join(tmpdir(), 'gongkai-bench-search-test-'));
const site = join(scratch, 'site');
let content: LoadedContent;
let written: { pages: number; bytes: number };
let indexed: Awaited<ReturnType<typeof buildSearchIndex>>;

/** Searches the written index, all its parts merged, with its own `pagefind.js`, serving its files from disk; returns every hit, best first. */
function searchSite(query: string): Promise<IndexHit[]> {
  return searchWrittenIndex(site, PAGEFIND_DIR, query);
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
  // A part per report at most: the search must find pages of every part.
  indexed = await buildSearchIndex(site, { maxPages: 1 });
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the search benchmark site', () => {
  it('writes each committed report’s title and facts as the site’s report page does (what search skips marked)', () => {
    const committed = loadContent(nodeContentFs, fileURLToPath(new URL('../content', import.meta.url)));
    const out = join(scratch, 'committed');
    writeSearchSite(committed, out, readPageTemplates(inject('distDir')));
    // Astro's scoping attributes and the whitespace between tags are all that may differ.
    const facts = (html: string): string => (html.match(/<h1>[\s\S]*?<\/dl>/)?.[0] ?? '').replace(/ data-astro-cid-[a-z0-9]+/g, '').replace(/>\s+</g, '><').replace(/\s+/g, ' ');
    expect(committed.reports.length).toBeGreaterThan(0);
    for (const r of committed.reports) {
      const page = facts(readFileSync(join(inject('distDir'), 'reports', r.meta.id, 'index.html'), 'utf8'));
      expect(page, r.meta.id).toContain('data-pagefind-ignore');
      expect(facts(readFileSync(join(out, 'reports', r.meta.id, 'index.html'), 'utf8')), r.meta.id).toBe(page);
    }
  });

  it('has a page per report and per jurisdiction, and the methodology page, and Pagefind indexes them all', () => {
    expect(content.errors).toEqual([]);
    expect(content.reports).toHaveLength(3);
    expect(written.pages).toBe(3 + content.jurisdictions.all.length + 1);
    expect(indexed.pages).toBe(written.pages);
    expect(indexed.parts.length).toBeGreaterThan(2);
    expect(indexed.parts.reduce((n, p) => n + p.pages, 0)).toBe(written.pages);
  });

  it('counts what the search page fetches: the first part’s code, worker and wasm, each part’s entry and metadata, then a chunk of each part a word', () => {
    const reader = measureReaderFetches(join(site, PAGEFIND_DIR));
    expect(reader.load_requests).toBe(1 + 3 + 2 * indexed.parts.length);
    expect(reader.word_requests).toBe(indexed.parts.length);
    expect(reader.load_kb).toBeGreaterThan(50);
    expect(reader.word_kb).toBeGreaterThan(0);
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
