/**
 * The search index in parts, with the real Pagefind on real built pages (the global setup's build):
 * every part written whole with its page count, the search code only in the first, a search over
 * the merged parts finding pages of every part, the per-part memo rebuilding only what changed, and
 * parts written by several Pagefind processes at once being the same bytes as one after another.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadCommittedContent } from '../fixtures/committed-content.ts';
import { orderByLiteralMatch } from '../client/search-rank.ts';
import { buildSearchIndex, PAGEFIND_DIR, pagefindChildren, planPartWork, resolveSearchProcesses, type IndexMemo } from './pagefind.ts';
import { searchWrittenIndex } from '../fixtures/pagefind-node-search.ts';
import { planSearchParts } from './pagefind-parts.ts';
import { jurisdictionPath, reportPath } from '../site/paths.ts';
import { SEARCH_SKIP_START } from '../site/search-skip.ts';

const content = loadCommittedContent();
const scratch = mkdtempSync(join(tmpdir(), 'gongkai-pagefind-test-'));
const site = join(scratch, 'site');
const index = join(site, PAGEFIND_DIR);
/** The jurisdictions whose pages the test site has: those with a committed report. */
const codes = [...new Set(content.reports.map((r) => r.meta.id.slice(0, 6)))];
/** At most two pages a part: the five 2020 reports go in several buckets. */
const MAX_PAGES = 2;

/** The parts named in the manifest. */
function readManifestParts(): string[] {
  return (JSON.parse(readFileSync(join(index, 'parts.json'), 'utf8')) as { parts: string[] }).parts.map((p) => p.replace(/\/$/, ''));
}

/** Each part directory's modification time, by name. */
function readPartTimes(): Record<string, number> {
  return Object.fromEntries(readdirSync(index, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => [e.name, statSync(join(index, e.name, 'pagefind-entry.json')).mtimeMs]));
}

/** The number of pages a written part holds, from its entry file. */
function readPartPages(name: string): number {
  const entry = JSON.parse(readFileSync(join(index, name, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  return Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
}

/** A phrase of a report's own text (the first 12 Chinese characters of its problems section that no other report has). */
function pickPhrase(id: string): string {
  const report = content.reports.find((r) => r.meta.id === id)!;
  const others = content.reports.filter((r) => r !== report).map((r) => Object.values(r.narrative).join('\n'));
  const phrase = (Object.values(report.narrative).join('\n').match(/[\u4e00-\u9fff]{12,}/g) ?? []).map((run) => run.slice(0, 12)).find((p) => others.every((t) => !t.includes(p)));
  if (!phrase) throw new Error(`no phrase of ${id}`);
  return phrase;
}

let first: Awaited<ReturnType<typeof buildSearchIndex>>;
/** The Pagefind binaries of this process still running or unreaped when the first build returned. */
let leftBinaries: number[] = [];

beforeAll(async () => {
  const dist = inject('distDir');
  for (const path of ['methodology', ...codes.map((c) => `jurisdictions/${c}`), ...content.reports.map((r) => `reports/${r.meta.id}`)]) {
    mkdirSync(join(site, path), { recursive: true });
    cpSync(join(dist, path, 'index.html'), join(site, path, 'index.html'));
  }
  // What an index from before parts left behind.
  mkdirSync(join(index, 'fragment'), { recursive: true });
  writeFileSync(join(index, 'pagefind.js'), '// old');
  first = await buildSearchIndex(site, { maxPages: MAX_PAGES });
  leftBinaries = pagefindChildren();
}, 120_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('an index in parts', () => {
  it('returns only once every Pagefind binary it started has exited and been reaped (so a build measured by its children counts them)', () => {
    expect(leftBinaries).toEqual([]);
  });

  it('writes every planned part whole, lists them in the manifest, and leaves nothing else', () => {
    const plan = planSearchParts(Object.keys(first.memo.files), MAX_PAGES);
    expect(plan.length).toBeGreaterThanOrEqual(4);
    expect(first.parts.map((p) => [p.name, p.pages, p.built])).toEqual(plan.map((p) => [p.name, p.pages.length, true]));
    expect(readManifestParts()).toEqual(plan.map((p) => p.name));
    expect(readdirSync(index).sort()).toEqual([...plan.map((p) => p.name), 'parts.json'].sort());
    for (const part of plan) expect(readPartPages(part.name), part.name).toBe(part.pages.length);
    expect(first.pages).toBe(1 + codes.length + content.reports.length);
  });

  it('puts the search code in the first part only', () => {
    const [head, ...rest] = readManifestParts();
    expect(readdirSync(join(index, head!))).toEqual(expect.arrayContaining(['pagefind.js', 'pagefind-worker.js', 'pagefind-entry.json']));
    expect(readdirSync(join(index, head!)).some((f) => /^wasm\..*\.pagefind$/.test(f))).toBe(true);
    for (const name of rest) expect(readdirSync(join(index, name)).filter((f) => /^(pagefind.*\.js|wasm\..*)$/.test(f)), name).toEqual([]);
  });

  it('finds a jurisdiction page and every report by searching the merged parts, and only the first part’s pages without merging', async () => {
    const place = content.jurisdictions.all.find((j) => j.code === '230722')!;
    const byName = (await searchWrittenIndex(site, PAGEFIND_DIR, place.name)).map((h) => h.url);
    expect(byName).toContain(jurisdictionPath(place.code));
    expect(byName).toContain(reportPath('230722-2020'));
    for (const report of content.reports) {
      const phrase = pickPhrase(report.meta.id);
      // Ordered as the search page orders hits: pages holding the words as typed first.
      expect(orderByLiteralMatch(await searchWrittenIndex(site, PAGEFIND_DIR, phrase), phrase).hits.map((h) => h.url)[0], phrase).toBe(reportPath(report.meta.id));
      expect((await searchWrittenIndex(site, PAGEFIND_DIR, phrase, { merge: false })).map((h) => h.url)).not.toContain(reportPath(report.meta.id));
    }
  });
});

describe('the per-part memo', () => {
  it('keeps every part when no page changed', async () => {
    const before = readPartTimes();
    const again = await buildSearchIndex(site, { maxPages: MAX_PAGES, memo: first.memo });
    expect(again.parts.filter((p) => p.built)).toEqual([]);
    expect(readPartTimes()).toEqual(before);
    expect(again.memo).toEqual(first.memo);
  });

  it('rebuilds only the part of a changed page, and search finds the new text', async () => {
    const id = content.reports[2]!.meta.id;
    const file = join(site, 'reports', id, 'index.html');
    writeFileSync(file, readFileSync(file, 'utf8').replace('</main>', '<p>量子纠缠观测试验记录</p></main>'));
    const before = readPartTimes();
    const changed = await buildSearchIndex(site, { maxPages: MAX_PAGES, memo: first.memo });
    const part = changed.parts.find((p) => planSearchParts(Object.keys(changed.memo.files), MAX_PAGES).find((q) => q.name === p.name)!.pages.includes(`reports/${id}/index.html`))!;
    expect(changed.parts.filter((p) => p.built).map((p) => p.name)).toEqual([part.name]);
    const after = readPartTimes();
    for (const name of Object.keys(before)) if (name !== part.name) expect(after[name], name).toBe(before[name]);
    first = changed;
    const found = orderByLiteralMatch(await searchWrittenIndex(site, PAGEFIND_DIR, '量子纠缠观测试验记录'), '量子纠缠观测试验记录');
    expect(found.hits.slice(0, found.literal).map((h) => h.url)).toEqual([reportPath(id)]);
  });

  it('keeps every part when a page changed only where search does not read (inside a chart, a table, the quality panel)', async () => {
    const id = content.reports[0]!.meta.id;
    const file = join(site, 'reports', id, 'index.html');
    const html = readFileSync(file, 'utf8');
    const mark = html.indexOf(SEARCH_SKIP_START);
    expect(mark, 'a report page with a search-skip mark').toBeGreaterThan(0);
    const at = mark + SEARCH_SKIP_START.length;
    writeFileSync(file, `${html.slice(0, at)}<p>暗物质晕密度剖面</p>${html.slice(at)}`);
    const before = readPartTimes();
    const again = await buildSearchIndex(site, { maxPages: MAX_PAGES, memo: first.memo });
    expect(again.memo.files[`reports/${id}/index.html`]!.sha256).not.toBe(first.memo.files[`reports/${id}/index.html`]!.sha256);
    expect(again.parts.filter((p) => p.built)).toEqual([]);
    expect(readPartTimes()).toEqual(before);
    expect(await searchWrittenIndex(site, PAGEFIND_DIR, '暗物质晕密度剖面')).toEqual([]);
    // What another trimmer gave Pagefind is not taken on trust: each page is read and hashed again.
    const stale = Object.fromEntries(Object.entries(again.memo.files).map(([path, f]) => [path, { ...f, indexed: 'by an older trimmer' }]));
    const rehashed = await buildSearchIndex(site, { maxPages: MAX_PAGES, memo: { ...again.memo, given: 'an older trimmer', files: stale } });
    expect(rehashed.memo.files).toEqual(again.memo.files);
    expect(rehashed.parts.filter((p) => p.built)).toEqual([]);
    first = again;
  });

  it('adds the part of a new year, then removes it from disk and manifest when its page is gone', async () => {
    mkdirSync(join(site, 'reports', '230881-2021'), { recursive: true });
    cpSync(join(site, 'reports', '230881-2020', 'index.html'), join(site, 'reports', '230881-2021', 'index.html'));
    const added = await buildSearchIndex(site, { maxPages: MAX_PAGES, memo: first.memo });
    expect(added.parts.filter((p) => p.built).map((p) => p.name)).toEqual(['2021']);
    expect(readManifestParts().at(-1)).toBe('2021');
    rmSync(join(site, 'reports', '230881-2021'), { recursive: true });
    writeFileSync(join(index, '.2020-1.tmp'), 'an interrupted run');
    const removed = await buildSearchIndex(site, { maxPages: MAX_PAGES, memo: added.memo });
    expect(removed.parts.filter((p) => p.built)).toEqual([]);
    expect(readManifestParts()).not.toContain('2021');
    expect(existsSync(join(index, '2021'))).toBe(false);
    expect(readdirSync(index).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('rebuilds a part whose bundle is missing, and every part for a memo of another directory', () => {
    const parts = planSearchParts(Object.keys(first.memo.files), MAX_PAGES);
    const memo: IndexMemo = first.memo;
    expect(planPartWork(parts, memo.parts, memo, site, () => true).build).toEqual([]);
    expect(planPartWork(parts, memo.parts, memo, site, (name) => name !== parts[1]!.name).build).toEqual([parts[1]]);
    expect(planPartWork(parts, memo.parts, memo, `${site}-elsewhere`, () => true).build).toEqual(parts);
    // The integration names the output from the project root: the same name at another path keeps every part.
    expect(planPartWork(parts, memo.parts, { ...memo, outDir: 'dist' }, 'dist', () => true).build).toEqual([]);
    expect(planPartWork(parts, memo.parts, { ...memo, outDir: 'dist' }, 'out', () => true).build).toEqual(parts);
    expect(planPartWork(parts, { ...memo.parts, [parts[0]!.name]: 'stale' }, memo, site, () => true).build).toEqual([parts[0]]);
  });
});

/** Every file under `dir`, by relative path, with its bytes. */
function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(join(entry.parentPath, entry.name).slice(dir.length + 1), readFileSync(join(entry.parentPath, entry.name)));
  }
  return files;
}

describe('parts written by several Pagefind processes at once', () => {
  /** A copy of the test site's pages, without an index. */
  const copySite = (name: string): string => {
    const copy = join(scratch, name);
    cpSync(site, copy, { recursive: true, filter: (from) => !from.startsWith(index) });
    return copy;
  };

  it('writes the same index, byte for byte, with one process, two or more processes than parts', async () => {
    const one = copySite('one');
    const several = copySite('several');
    const many = copySite('many');
    const a = await buildSearchIndex(one, { maxPages: MAX_PAGES, processes: 1 });
    const b = await buildSearchIndex(several, { maxPages: MAX_PAGES, processes: 2 });
    const c = await buildSearchIndex(many, { maxPages: MAX_PAGES, processes: 64 });
    expect(a.parts.length).toBeGreaterThanOrEqual(4);
    expect(b.parts).toEqual(a.parts);
    expect(c.parts).toEqual(a.parts);
    const bytes = readTree(join(one, PAGEFIND_DIR));
    expect(bytes.size).toBeGreaterThan(a.parts.length * 3);
    for (const other of [several, many]) {
      const got = readTree(join(other, PAGEFIND_DIR));
      expect([...got.keys()].sort()).toEqual([...bytes.keys()].sort());
      for (const [path, data] of bytes) expect(got.get(path)!.equals(data), `${other}: ${path}`).toBe(true);
    }
  });

  it('writes with one process until `widenAfter` settles, then with the others too', async () => {
    const gated = copySite('gated');
    let open = (): void => {};
    const widenAfter = new Promise<void>((resolve) => (open = resolve));
    let running = 0;
    let mostBefore = 0;
    let most = 0;
    let done = 0;
    const result = await buildSearchIndex(gated, {
      maxPages: MAX_PAGES,
      processes: 2,
      widenAfter,
      onPart: ({ phase }) => {
        running += phase === 'start' ? 1 : -1;
        most = Math.max(most, running);
        if (phase === 'done' && ++done === 2) {
          mostBefore = most;
          open();
        }
      },
    });
    expect(result.parts.length).toBeGreaterThanOrEqual(4);
    expect(result.parts.every((p) => p.built)).toBe(true);
    expect(mostBefore).toBe(1);
    expect(most).toBe(2);
  });

  it('fails the call when one part fails, starts no part after the failure, and leaves the others whole', async () => {
    const broken = copySite('broken');
    const started: string[] = [];
    const run = buildSearchIndex(broken, {
      maxPages: MAX_PAGES,
      processes: 2,
      onPart: ({ part, phase }) => {
        if (phase !== 'start') return;
        started.push(part.name);
        if (started.length === 2) throw new Error(`cannot write ${part.name}`);
      },
    });
    await expect(run).rejects.toThrow(/^cannot write /);
    // The other lane finishes the part it had begun, whole, and takes no other; no manifest is written.
    expect(started.length).toBe(2);
    const out = join(broken, PAGEFIND_DIR);
    expect(readdirSync(out)).toEqual([started[0]]);
    expect(existsSync(join(out, started[0]!, 'pagefind-entry.json'))).toBe(true);
  });
});

describe('resolveSearchProcesses', () => {
  it('takes a positive number from the environment, else one per core up to two', () => {
    expect(resolveSearchProcesses('3', 2)).toBe(3);
    expect(resolveSearchProcesses(' 1 ', 8)).toBe(1);
    expect(resolveSearchProcesses(undefined, 1)).toBe(1);
    expect(resolveSearchProcesses(undefined, 2)).toBe(2);
    expect(resolveSearchProcesses(undefined, 16)).toBe(2);
    for (const bad of ['0', '-1', 'two', '', '1.5']) expect(resolveSearchProcesses(bad, 4), bad).toBe(2);
  });
});

describe('pages kept as trimmed across runs', () => {
  const copySite = (name: string): string => {
    const copy = join(scratch, name);
    cpSync(site, copy, { recursive: true, filter: (from) => !from.startsWith(index) });
    return copy;
  };
  /** The kept trimmed pages: one version directory, one file per page hash. */
  const keptFiles = (cache: string): string[] => readdirSync(cache).flatMap((v) => readdirSync(join(cache, v)).map((f) => `${v}/${f}`));

  it('writes the same index as trimming every page, and a later run reads the kept pages instead of trimming again', async () => {
    const plain = copySite('trim-plain');
    const cachedSite = copySite('trim-cached');
    const cache = join(scratch, 'trimmed-cache');
    const a = await buildSearchIndex(plain, { maxPages: MAX_PAGES });
    const b = await buildSearchIndex(cachedSite, { maxPages: MAX_PAGES, trimmedCache: cache });
    expect(b.parts).toEqual(a.parts);
    const bytes = readTree(join(plain, PAGEFIND_DIR));
    const got = readTree(join(cachedSite, PAGEFIND_DIR));
    expect([...got.keys()].sort()).toEqual([...bytes.keys()].sort());
    for (const [path, data] of bytes) expect(got.get(path)!.equals(data), path).toBe(true);
    expect(readdirSync(cache)).toHaveLength(1);
    expect(keptFiles(cache)).toHaveLength(b.pages);

    // A kept page stands in for its page in a later run (no memo: every part is written again):
    // planting a word in it that the page does not have makes search find the page by that word.
    const id = content.reports[1]!.meta.id;
    const kept = join(cache, readdirSync(cache)[0]!, `${b.memo.files[`reports/${id}/index.html`]!.sha256}.html`);
    writeFileSync(kept, readFileSync(kept, 'utf8').replace('</main>', '<p>银河系外行星巡天</p></main>'));
    await buildSearchIndex(cachedSite, { maxPages: MAX_PAGES, trimmedCache: cache });
    expect((await searchWrittenIndex(cachedSite, PAGEFIND_DIR, '银河系外行星巡天')).map((h) => h.url)).toEqual([reportPath(id)]);
  });

  it('keeps only the current pages’ hashes and the current trimmer’s version', async () => {
    const changing = copySite('trim-changing');
    const cache = join(scratch, 'trimmed-cache-2');
    const first = await buildSearchIndex(changing, { maxPages: MAX_PAGES, trimmedCache: cache });
    mkdirSync(join(cache, 'an-older-trimmer'), { recursive: true });
    writeFileSync(join(cache, 'an-older-trimmer', 'x.html'), '<main></main>');
    const path = `reports/${content.reports[3]!.meta.id}/index.html`;
    writeFileSync(join(changing, path), readFileSync(join(changing, path), 'utf8').replace('</main>', '<p>新的一句</p></main>'));
    const second = await buildSearchIndex(changing, { maxPages: MAX_PAGES, trimmedCache: cache, memo: first.memo });
    expect(second.parts.filter((p) => p.built)).toHaveLength(1);
    const version = readdirSync(cache);
    expect(version).toHaveLength(1);
    const names = keptFiles(cache).map((f) => f.slice(f.indexOf('/') + 1));
    expect(names).toContain(`${second.memo.files[path]!.sha256}.html`);
    expect(names).not.toContain(`${first.memo.files[path]!.sha256}.html`);
    expect(names).toHaveLength(second.pages);
  });
});
