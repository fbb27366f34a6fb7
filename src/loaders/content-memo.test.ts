import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_DIR } from '../fixtures/committed-content.ts';
import { openContentMemo } from '../machinery/content-memo.ts';
import { startContentPrefetch } from '../machinery/content-prefetch.ts';
import { loadContent, type ContentMemo, type ContentPrefetch, type LoadedContent } from './load-content.ts';
import { nodeContentFs } from './node-fs.ts';

const scratch = mkdtempSync(join(tmpdir(), 'gongkai-content-memo-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the committed content to edit, and an in-memory memo that counts its reads and writes. */
function setUp(name: string): { root: string; memo: ContentMemo & { entries: Map<string, string>; hits: () => number; writes: string[] } } {
  const root = join(scratch, name);
  cpSync(CONTENT_DIR, root, { recursive: true });
  const entries = new Map<string, string>();
  const writes: string[] = [];
  let reads = 0;
  return {
    root,
    memo: {
      entries,
      writes,
      hits: () => reads,
      read(dir) {
        const text = entries.get(dir);
        if (text !== undefined) reads += 1;
        return text;
      },
      write(dir, text) {
        entries.set(dir, text);
        writes.push(dir);
      },
    },
  };
}

/** Each report's source lines: their class and entries. */
function listPlaces(content: LoadedContent): unknown[] {
  return content.reports.map((r) => [r.meta.id, r.sourceLines.constructor.name, r.sourceLines.size, [...r.sourceLines]]);
}

const ids = readdirSync(join(CONTENT_DIR, 'reports')).sort();

describe('the content memo', () => {
  it('gives the same content as a fresh load, after writing an entry for every report', () => {
    const { root, memo } = setUp('same');
    const fresh = loadContent(nodeContentFs, root);
    const first = loadContent(nodeContentFs, root, { memo });
    expect(memo.writes.sort()).toEqual(ids);
    memo.writes.length = 0;
    const second = loadContent(nodeContentFs, root, { memo });
    // Every entry was read back and none written again: the second load parsed nothing.
    expect(memo.writes).toEqual([]);
    expect(first).toStrictEqual(fresh);
    expect(second).toStrictEqual(fresh);
    // Source lines are a SourcePlaceMap (its places in private fields, which toStrictEqual does not see): compared by their entries.
    expect(second.reports.some((r) => r.sourceLines.size > 0)).toBe(true);
    expect(listPlaces(second)).toEqual(listPlaces(fresh));
  });

  it('reads an edited report afresh and rewrites its entry, and only its', () => {
    const { root, memo } = setUp('edited');
    loadContent(nodeContentFs, root, { memo });
    memo.writes.length = 0;
    const id = ids[0]!;
    const file = join(root, 'reports', id, 'index.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, (line) => `${line.replace(/\s+$/, '')}（修订）`));
    const after = loadContent(nodeContentFs, root, { memo });
    expect(memo.writes).toEqual([id]);
    expect(after).toStrictEqual(loadContent(nodeContentFs, root));
    expect(after.reports.find((r) => r.meta.id === id)?.meta.title).toMatch(/（修订）$/);
  });

  it('reads a report afresh when a table or its source text changed', () => {
    const { root, memo } = setUp('tables');
    loadContent(nodeContentFs, root, { memo });
    const [a, b] = ids as [string, string];
    const table = join(root, 'reports', a, 'appeals.csv');
    writeFileSync(table, `${readFileSync(table, 'utf8')}\n`);
    const source = join(root, 'reports', b, 'source.txt');
    writeFileSync(source, `${readFileSync(source, 'utf8')} `);
    memo.writes.length = 0;
    const after = loadContent(nodeContentFs, root, { memo });
    expect(memo.writes.sort()).toEqual([a, b].sort());
    const fresh = loadContent(nodeContentFs, root);
    expect(after).toStrictEqual(fresh);
    expect(listPlaces(after)).toEqual(listPlaces(fresh));
    expect(after.reports.find((r) => r.meta.id === b)?.sourceDigest).not.toBe(loadContent(nodeContentFs, CONTENT_DIR).reports.find((r) => r.meta.id === b)?.sourceDigest);
  });

  it('reads every report afresh when the jurisdiction list changed', () => {
    const { root, memo } = setUp('places');
    loadContent(nodeContentFs, root, { memo });
    const file = join(root, 'jurisdictions.csv');
    writeFileSync(file, `${readFileSync(file, 'utf8')}`.replace(/\n$/, '\n\n'));
    memo.writes.length = 0;
    loadContent(nodeContentFs, root, { memo });
    expect(memo.writes.sort()).toEqual(ids);
  });

  it('ignores an entry that is corrupt, for another key or of the wrong shape, and rewrites it', () => {
    const { root, memo } = setUp('corrupt');
    const fresh = loadContent(nodeContentFs, root, { memo });
    const [a, b, c, d] = ids as [string, string, string, string];
    const [header, body] = memo.entries.get(c)!.split('\n') as [string, string];
    const good = JSON.parse(body) as { report: { tables: unknown } };
    memo.entries.set(a, memo.entries.get(a)!.slice(0, 200));
    memo.entries.set(b, memo.entries.get(d)!);
    memo.entries.set(c, `${header}\n${JSON.stringify({ ...good, report: { ...good.report, tables: null } })}`);
    memo.entries.set(d, 'null');
    memo.writes.length = 0;
    const after = loadContent(nodeContentFs, root, { memo });
    expect(after).toStrictEqual(fresh);
    expect(listPlaces(after)).toEqual(listPlaces(fresh));
    expect(memo.writes.sort()).toEqual([a, b, c, d].sort());
    expect(loadContent(nodeContentFs, root, { memo })).toStrictEqual(fresh);
  });

  it('is not used without a file system that reads bytes', () => {
    const { root, memo } = setUp('no-bytes');
    const { readBytes: _readBytes, ...textOnly } = nodeContentFs;
    loadContent(textOnly, root, { memo });
    expect(memo.writes).toEqual([]);
  });
});

describe('the content memo on disk', () => {
  it('keeps an entry per report under its version, and prunes what a load did not use', () => {
    const root = join(scratch, 'disk');
    cpSync(CONTENT_DIR, root, { recursive: true });
    const dir = join(scratch, 'memo');
    const fresh = loadContent(nodeContentFs, root);
    const old = openContentMemo(dir, 'old');
    old.write('gone', '{}');
    const first = openContentMemo(dir, 'v1');
    expect(loadContent(nodeContentFs, root, { memo: first })).toStrictEqual(fresh);
    first.write('gone', '{}');
    expect(readdirSync(join(dir, 'v1')).sort()).toEqual([...ids.map((id) => `${id}.json`), 'gone.json'].sort());
    const second = openContentMemo(dir, 'v1');
    expect(loadContent(nodeContentFs, root, { memo: second })).toStrictEqual(fresh);
    second.prune();
    expect(readdirSync(dir)).toEqual(['v1']);
    expect(readdirSync(join(dir, 'v1')).sort()).toEqual(ids.map((id) => `${id}.json`));
    // A truncated file on disk is a miss, not an error.
    writeFileSync(join(dir, 'v1', `${ids[0]}.json`), '{"key":');
    expect(loadContent(nodeContentFs, root, { memo: openContentMemo(dir, 'v1') })).toStrictEqual(fresh);
  });
});

describe('the content memo read ahead on a worker thread', () => {
  /**
   * A prefetch (content-prefetch.ts) of every report folder of `root`, started and waited for until
   * the worker has read them all; counts the folders it gave the loader.
   */
  async function readAhead(
    root: string,
    start: (root: string, dirs: readonly string[], context: string) => ContentPrefetch & { posted(): number },
    wait = 20_000,
  ): Promise<{ prefetch: (root: string, dirs: readonly string[], context: string) => ContentPrefetch; given: string[] }> {
    const dirs = readdirSync(join(root, 'reports')).sort();
    const context = createHash('sha256').update(readFileSync(join(root, 'jurisdictions.csv'), 'utf8')).digest('hex');
    const ahead = start(root, dirs, context);
    for (let waited = 0; ahead.posted() < dirs.length && waited < wait; waited += 20) await new Promise((done) => setTimeout(done, 20));
    const given: string[] = [];
    return {
      given,
      prefetch(loadRoot, loadDirs, loadContext) {
        expect([loadRoot, loadDirs, loadContext]).toEqual([root, dirs, context]);
        return {
          take(dir) {
            const got = ahead.take(dir);
            if (got) given.push(dir);
            return got;
          },
          close: () => ahead.close(),
        };
      },
    };
  }

  it('gives the same content as a fresh load, with every folder read on the worker, after edits and with a broken folder', async () => {
    const root = join(scratch, 'ahead');
    cpSync(CONTENT_DIR, root, { recursive: true });
    const dir = join(scratch, 'ahead-memo');
    const start = (r: string, d: readonly string[], c: string) => startContentPrefetch(process.cwd(), r, d, join(dir, 'v1'), c);
    // The entries written with the keys the worker made.
    const first = await readAhead(root, start);
    loadContent(nodeContentFs, root, { memo: openContentMemo(dir, 'v1'), prefetch: first.prefetch });
    expect(first.given).toEqual(ids);
    const [a, b, c] = ids as [string, string, string];
    const table = join(root, 'reports', a, 'requests.csv');
    writeFileSync(table, readFileSync(table, 'utf8').replace(/,(\d+)\r?\n/, (_m, n: string) => `,${Number(n) + 1}\n`));
    const source = join(root, 'reports', b, 'source.txt');
    writeFileSync(source, `${readFileSync(source, 'utf8')} `);
    rmSync(join(root, 'reports', c, 'appeals.csv'));
    const fresh = loadContent(nodeContentFs, root);
    expect(fresh.errors.some((e) => e.file.endsWith(`${c}/appeals.csv`))).toBe(true);
    const disk = openContentMemo(dir, 'v1');
    const writes: string[] = [];
    const memo: ContentMemo = { read: (name) => disk.read(name), write: (name, text) => (writes.push(name), disk.write(name, text)) };
    const ahead = await readAhead(root, start);
    const after = loadContent(nodeContentFs, root, { memo, prefetch: ahead.prefetch });
    expect(after).toStrictEqual(fresh);
    expect(listPlaces(after)).toEqual(listPlaces(fresh));
    expect(ahead.given).toEqual(ids);
    // Only the two edited folders were read afresh (the broken one keeps no entry): the rest were hits.
    expect(writes.sort()).toEqual([a, b].sort());
  });

  it('counts the entries it read as used, so pruning keeps them', async () => {
    const root = join(scratch, 'ahead-prune');
    cpSync(CONTENT_DIR, root, { recursive: true });
    const dir = join(scratch, 'ahead-prune-memo');
    loadContent(nodeContentFs, root, { memo: openContentMemo(dir, 'v1') });
    const memo = openContentMemo(dir, 'v1');
    // The memo's own prefetch: the entries it gives count as read, though the memo's `read` is never called.
    const ahead = await readAhead(root, memo.prefetch!);
    loadContent(nodeContentFs, root, { memo, prefetch: ahead.prefetch });
    expect(ahead.given).toEqual(ids);
    memo.prune();
    expect(readdirSync(join(dir, 'v1')).sort()).toEqual(ids.map((id) => `${id}.json`));
  });

  it('leaves the loader to read every folder itself when the worker cannot start', async () => {
    const root = join(scratch, 'ahead-none');
    cpSync(CONTENT_DIR, root, { recursive: true });
    const dir = join(scratch, 'ahead-none-memo');
    loadContent(nodeContentFs, root, { memo: openContentMemo(dir, 'v1') });
    const ahead = await readAhead(root, (r, d, c) => startContentPrefetch(join(scratch, 'no-project'), r, d, join(dir, 'v1'), c), 200);
    expect(loadContent(nodeContentFs, root, { memo: openContentMemo(dir, 'v1'), prefetch: ahead.prefetch })).toStrictEqual(loadContent(nodeContentFs, root));
    expect(ahead.given).toEqual([]);
  });
});
