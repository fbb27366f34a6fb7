/**
 * A cold build's search index begun while its pages wait for their charts (beginEarlySearchIndex),
 * with the real Pagefind on small pages written one at a time: nothing is read or indexed while this
 * thread is not idle, a part is written once its pages are all written, Pagefind runs at the lowest
 * priority meanwhile, and the index after the pages, from the early one's memo, keeps those parts and
 * writes the same bytes as an index of the finished site alone.
 */
import { cpSync, existsSync, globSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { beginEarlySearchIndex, buildSearchIndex, createIdleTurns, mergeIndexMemos, pagefindChildren, PAGEFIND_DIR, SEARCH_GLOB, searchPageOf } from './pagefind.ts';
import { planSearchParts } from './pagefind-parts.ts';

const scratch = mkdtempSync(join(tmpdir(), 'gongkai-pagefind-early-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A page as the site writes one, enough for the trimmer and Pagefind: a language, a `<main>` with a title and a few words. */
function page(title: string, words: string): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body><nav>导航</nav><main><h1>${title}</h1><p>${words}</p></main></body></html>`;
}

/** The paths of a small site, in the order a cold build generates them: reports of two years interleaved (as by id), then the places. */
const PATHNAMES = [
  ...['230100', '230200', '230300', '230400'].flatMap((code) => [`/reports/${code}-2021/`, `/reports/${code}-2021/data.csv`, `/reports/${code}-2022/`]),
  '/jurisdictions/230100/',
  '/compare/2021/requests/',
  '/publishers/230100/',
  '/methodology/',
];

/** Writes the page of a path into `site` (a file for a path with an extension). */
function writePath(site: string, pathname: string): void {
  const rel = pathname.replace(/^\/+|\/+$/g, '');
  if (/\.[a-z]+$/.test(rel)) {
    mkdirSync(join(site, rel, '..'), { recursive: true });
    writeFileSync(join(site, rel), 'a,b\n1,2\n');
    return;
  }
  mkdirSync(join(site, rel), { recursive: true });
  writeFileSync(join(site, rel, 'index.html'), page(rel, `${rel} 政府信息公开 年度报告 依申请公开 ${rel.length}`));
}

/** Every file under `dir`, by relative path, with its bytes. */
function readTreeBytes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out[relative(dir, join(d, e.name))] = readFileSync(join(d, e.name)).toString('base64');
    }
  };
  walk(dir);
  return out;
}

/** Waits until `check` holds, up to `ms`. */
async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('searchPageOf', () => {
  it('maps the paths of search pages to their files, and every other path to null', () => {
    expect(searchPageOf('/reports/230100-2021/')).toBe('reports/230100-2021/index.html');
    expect(searchPageOf('/compare/2021/requests/')).toBe('compare/2021/requests/index.html');
    expect(searchPageOf('/jurisdictions/230100/')).toBe('jurisdictions/230100/index.html');
    expect(searchPageOf('/methodology/')).toBe('methodology/index.html');
    expect(searchPageOf('/reports/230100-2021/data.csv')).toBeNull();
    expect(searchPageOf('/publishers/230100/')).toBeNull();
    expect(searchPageOf('/')).toBeNull();
  });

  it('picks out exactly the pages the whole index globs (SEARCH_GLOB) in a written site', () => {
    const site = join(scratch, 'glob-site');
    const pages = ['reports/230100-2021', 'reports/230100-2021/data', 'jurisdictions/230100', 'jurisdictions/230100/2021', 'compare/2021', 'compare/2021/requests', 'compare/2021/requests/x', 'methodology', 'methodology/more', 'publishers/230100', 'search', ''];
    for (const folder of pages) {
      mkdirSync(join(site, folder), { recursive: true });
      writeFileSync(join(site, folder, 'index.html'), page(folder, '词'));
    }
    const globbed = globSync(SEARCH_GLOB, { cwd: site }).sort();
    const picked = pages.map((folder) => searchPageOf(`/${folder}/`)).filter((p): p is string => p !== null).sort();
    expect(picked).toEqual(['compare/2021/requests/index.html', 'jurisdictions/230100/index.html', 'methodology/index.html', 'reports/230100-2021/index.html']);
    expect(globbed).toEqual(picked);
  });
});

describe('createIdleTurns', () => {
  it('gives no turn until the thread is idle, none after it is busy again, and every turn once freed', async () => {
    const turns = createIdleTurns(1);
    let got = 0;
    const take = (): Promise<void> => turns.turn().then(() => void got++);
    const first = take();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(got).toBe(0);
    turns.idle(true);
    await first;
    expect(got).toBe(1);
    turns.idle(false);
    const second = take();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(got).toBe(1);
    turns.free();
    await second;
    expect(got).toBe(2);
  });
});

describe('an early search index', () => {
  it('indexes a part only while idle and once its pages are written, at the lowest priority, and the index after the pages keeps it and writes the same bytes', async () => {
    const site = join(scratch, 'site');
    const cache = join(scratch, 'trimmed');
    const priorities: number[] = [];
    const early = beginEarlySearchIndex(site, PATHNAMES, {
      maxPages: 3,
      trimmedCache: cache,
      onPart: ({ phase }) => {
        if (phase === 'done') priorities.push(...pagefindChildren().map((pid) => getPriority(pid)));
      },
    })!;
    expect(early).not.toBeNull();
    const parts = planSearchParts(PATHNAMES.map(searchPageOf).filter((p): p is string => p !== null), 3);
    const reportParts = parts.filter((p) => p.pages[0]!.startsWith('reports/'));
    // The reports' pages written (as Astro renders one path after another), the thread busy: nothing is indexed.
    const reports = PATHNAMES.filter((p) => p.startsWith('/reports/'));
    for (const pathname of reports) {
      early.rendering(pathname);
      writePath(site, pathname);
    }
    early.rendering(PATHNAMES[reports.length]!);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(existsSync(join(site, PAGEFIND_DIR)) ? readdirSync(join(site, PAGEFIND_DIR)).filter((n) => !n.startsWith('.')) : []).toEqual([]);
    // Idle: the reports' parts are written; the places' part, whose pages are not all written, is not.
    early.idle(true);
    await until(() => reportParts.every((p) => existsSync(join(site, PAGEFIND_DIR, p.name, 'pagefind-entry.json'))));
    early.idle(false);
    for (const pathname of PATHNAMES.slice(reports.length)) writePath(site, pathname);
    const first = await early.stop();
    expect(first).not.toBeNull();
    expect(priorities.length).toBeGreaterThan(0);
    expect(priorities.every((p) => p === 19)).toBe(true);
    expect(first!.parts.filter((p) => p.built).map((p) => p.name).sort()).toEqual(reportParts.map((p) => p.name).sort());
    expect(existsSync(join(site, PAGEFIND_DIR, parts[0]!.name))).toBe(false);
    // Every search page written before the stop was hashed ahead (the last one rendered is not known to be written).
    expect(Object.keys(first!.memo.files).length).toBeGreaterThanOrEqual(reportParts.reduce((n, p) => n + p.pages.length, 0));

    // A plain index of the finished site, for comparison.
    const plain = join(scratch, 'plain');
    cpSync(site, plain, { recursive: true, filter: (src) => !src.includes(`/${PAGEFIND_DIR}`) });
    await buildSearchIndex(plain, { maxPages: 3 });

    const after = await buildSearchIndex(site, { maxPages: 3, trimmedCache: cache, memo: mergeIndexMemos(null, first!.memo) });
    expect(after.parts.filter((p) => p.built).map((p) => p.name)).toEqual([parts[0]!.name]);
    expect(readTreeBytes(join(site, PAGEFIND_DIR))).toEqual(readTreeBytes(join(plain, PAGEFIND_DIR)));
    expect(pagefindChildren()).toEqual([]);
  }, 60_000);

  it('drops a part under way when stopped, leaving no bundle, and the index after the pages writes it whole', async () => {
    const site = join(scratch, 'stopped');
    const early = beginEarlySearchIndex(site, PATHNAMES, { maxPages: 3 })!;
    for (const pathname of PATHNAMES) {
      early.rendering(pathname);
      writePath(site, pathname);
    }
    early.rendering('/');
    const begun: string[] = [];
    // Stopped at once: at most the part just begun, which is dropped.
    early.idle(true);
    const first = await early.stop();
    expect(first).not.toBeNull();
    for (const part of planSearchParts(Object.keys(first!.memo.files), 3)) if (!first!.parts.some((p) => p.name === part.name)) begun.push(part.name);
    for (const name of begun) expect(existsSync(join(site, PAGEFIND_DIR, name))).toBe(false);
    const after = await buildSearchIndex(site, { maxPages: 3, memo: mergeIndexMemos(null, first!.memo) });
    const plain = join(scratch, 'stopped-plain');
    cpSync(site, plain, { recursive: true, filter: (src) => !src.includes(`/${PAGEFIND_DIR}`) });
    await buildSearchIndex(plain, { maxPages: 3 });
    expect(after.parts.every((p) => statSync(join(site, PAGEFIND_DIR, p.name)).isDirectory())).toBe(true);
    expect(readTreeBytes(join(site, PAGEFIND_DIR))).toEqual(readTreeBytes(join(plain, PAGEFIND_DIR)));
  }, 60_000);
});

describe('mergeIndexMemos', () => {
  const early = { outDir: 'dist', given: 'v1', files: { 'a/index.html': { size: 1, mtimeMs: 1, sha256: 'a', indexed: 'a' } }, parts: { x: 'new' } };
  it('lays the early index’s pages and parts over the last memo of the same output and trimmer', () => {
    const last = { outDir: 'dist', given: 'v1', files: { 'b/index.html': { size: 2, mtimeMs: 2, sha256: 'b', indexed: 'b' } }, parts: { x: 'old', y: 'kept' } };
    expect(mergeIndexMemos(last, early)).toEqual({ outDir: 'dist', given: 'v1', files: { ...last.files, ...early.files }, parts: { x: 'new', y: 'kept' } });
  });
  it('takes the early memo alone over a memo of another output or trimmer, or none', () => {
    expect(mergeIndexMemos({ ...early, outDir: 'other', parts: { y: 'kept' } }, early)).toBe(early);
    expect(mergeIndexMemos({ ...early, given: 'v0', parts: { y: 'kept' } }, early)).toBe(early);
    expect(mergeIndexMemos(null, early)).toBe(early);
  });
});
