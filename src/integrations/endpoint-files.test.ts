import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EndpointFolder } from './endpoint-list.ts';
import { beginEndpointPass, readEndpointMemo, writeEndpointFolders, type EndpointMemo } from './endpoint-files.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'endpoint-files-'));
  dirs.push(dir);
  return dir;
}

/** A folder whose files' bodies count how often they are made. */
function folder(dir: string, cacheKey: string, texts: Record<string, string>, made: string[]): EndpointFolder {
  return { dir, cacheKey, names: Object.keys(texts), make: () => Object.entries(texts).map(([name, text]) => (made.push(`${dir}${name}`), text)) };
}

describe('writeEndpointFolders', () => {
  it('writes every folder of a first build, at its URL path, with the bytes its bodies make', () => {
    const out = scratch();
    const made: string[] = [];
    const result = writeEndpointFolders(out, [folder('/reports/a/', 'k1', { 'cells.csv': '\uFEFFa,b\n', 'x.csv': '1' }, made), folder('/embed/a/flow/', 'k1', { 'chart.svg': '<svg/>' }, made)], null, 'v1');
    expect(readFileSync(join(out, 'reports/a/cells.csv'), 'utf8')).toBe('\uFEFFa,b\n');
    expect(readFileSync(join(out, 'reports/a/x.csv'), 'utf8')).toBe('1');
    expect(readFileSync(join(out, 'embed/a/flow/chart.svg'), 'utf8')).toBe('<svg/>');
    expect(result).toMatchObject({ written: 2, files: 3, kept: 0, removed: [] });
    expect(Object.keys(result.memo.folders).sort()).toEqual(['/embed/a/flow/', '/reports/a/']);
  });

  it('keeps a folder whose key, version and files are unchanged, without making its bodies; writes one whose key or the version changed', () => {
    const out = scratch();
    const first = writeEndpointFolders(out, [folder('/a/', 'k1', { 'f.csv': 'one' }, []), folder('/b/', 'k1', { 'f.csv': 'one' }, [])], null, 'v1').memo;
    const written = statSync(join(out, 'a/f.csv')).mtimeMs;
    const made: string[] = [];
    const again = writeEndpointFolders(out, [folder('/a/', 'k1', { 'f.csv': 'two' }, made), folder('/b/', 'k2', { 'f.csv': 'two' }, made)], first, 'v1');
    expect(made).toEqual(['/b/f.csv']);
    expect(readFileSync(join(out, 'a/f.csv'), 'utf8')).toBe('one');
    expect(statSync(join(out, 'a/f.csv')).mtimeMs).toBe(written);
    expect(readFileSync(join(out, 'b/f.csv'), 'utf8')).toBe('two');
    expect(again).toMatchObject({ written: 1, kept: 1 });
    const code = writeEndpointFolders(out, [folder('/a/', 'k1', { 'f.csv': 'three' }, made)], again.memo, 'v2');
    expect(readFileSync(join(out, 'a/f.csv'), 'utf8')).toBe('three');
    expect(code.written).toBe(1);
  });

  it('keeps the folders of a project copied elsewhere with its output: the memo names the output from the project root', () => {
    const project = scratch();
    const memo = writeEndpointFolders(join(project, 'dist'), [folder('/a/', 'k', { 'f.csv': 'one' }, [])], null, 'v', undefined, 'dist').memo;
    expect(memo.outDir).toBe('dist');
    const copy = scratch();
    cpSync(project, copy, { recursive: true });
    const made: string[] = [];
    expect(writeEndpointFolders(join(copy, 'dist'), [folder('/a/', 'k', { 'f.csv': 'one' }, made)], memo, 'v', undefined, 'dist')).toMatchObject({ written: 0, kept: 1 });
    expect(made).toEqual([]);
    expect(writeEndpointFolders(join(copy, 'out'), [folder('/a/', 'k', { 'f.csv': 'one' }, made)], memo, 'v', undefined, 'out').written).toBe(1);
  });

  it('writes a folder again when one of its files is missing from the output, or the memo is of another output', () => {
    const out = scratch();
    const memo = writeEndpointFolders(out, [folder('/a/', 'k', { 'f.csv': 'one', 'g.csv': 'two' }, [])], null, 'v').memo;
    rmSync(join(out, 'a/g.csv'));
    const made: string[] = [];
    writeEndpointFolders(out, [folder('/a/', 'k', { 'f.csv': 'one', 'g.csv': 'two' }, made)], memo, 'v');
    expect(made).toEqual(['/a/f.csv', '/a/g.csv']);
    expect(readFileSync(join(out, 'a/g.csv'), 'utf8')).toBe('two');
    const other = scratch();
    const elsewhere = writeEndpointFolders(other, [folder('/a/', 'k', { 'f.csv': 'one', 'g.csv': 'two' }, [])], memo, 'v');
    expect(elsewhere.written).toBe(1);
    expect(existsSync(join(other, 'a/f.csv'))).toBe(true);
  });

  it('trusts no stamp without the code’s version: every folder is written, none recorded', () => {
    const out = scratch();
    const memo = writeEndpointFolders(out, [folder('/a/', 'k', { 'f.csv': 'one' }, [])], null, 'v').memo;
    const made: string[] = [];
    const result = writeEndpointFolders(out, [folder('/a/', 'k', { 'f.csv': 'one' }, made)], memo, null);
    expect(made).toEqual(['/a/f.csv']);
    expect(result.memo.folders).toEqual({});
  });

  it('removes the files of folders no longer listed, and the folder when nothing else is in it', () => {
    const out = scratch();
    const memo = writeEndpointFolders(out, [folder('/a/', 'k', { 'f.csv': '1' }, []), folder('/b/', 'k', { 'f.csv': '1' }, [])], null, 'v').memo;
    writeFileSync(join(out, 'b/index.html'), '<p>');
    const result = writeEndpointFolders(out, [], memo, 'v');
    expect(result.removed.sort()).toEqual(['/a/', '/b/']);
    expect(existsSync(join(out, 'a'))).toBe(false);
    expect(existsSync(join(out, 'b/f.csv'))).toBe(false);
    expect(readFileSync(join(out, 'b/index.html'), 'utf8')).toBe('<p>');
  });

  it('saves, before writing, a memo without the folders it is about to write, so a pass stopped half-way writes them again', () => {
    const out = scratch();
    const memo = writeEndpointFolders(out, [folder('/a/', 'k', { 'f.csv': '1' }, []), folder('/b/', 'k', { 'f.csv': '1' }, [])], null, 'v').memo;
    const saved: EndpointMemo[] = [];
    expect(() =>
      writeEndpointFolders(out, [folder('/a/', 'k', { 'f.csv': '1' }, []), { dir: '/b/', cacheKey: 'k2', names: ['f.csv'], make: () => { throw new Error('stopped'); } }], memo, 'v', (m) => saved.push(m)),
    ).toThrow('stopped');
    expect(Object.keys(saved[0]!.folders)).toEqual(['/a/']);
  });

  it('writes, before the pass is finished, only the folders of the keys said ready, each key’s folders together; finishing writes the rest', async () => {
    const out = scratch();
    const made: string[] = [];
    const folders = [folder('/reports/a/', 'ka', { 'cells.csv': 'a' }, made), folder('/reports/b/', 'kb', { 'cells.csv': 'b' }, made), folder('/embed/a/flow/', 'ka', { 'chart.svg': '<a/>' }, made)];
    const saved: EndpointMemo[] = [];
    const pass = beginEndpointPass(out, folders, null, 'v', (m) => saved.push(m));
    expect(saved).toEqual([{ outDir: out, folders: {} }]);
    expect(made).toEqual([]);
    expect(pass.writeReady((key) => key === 'ka', 1000)).toBe(false);
    expect(made).toEqual(['/reports/a/cells.csv', '/embed/a/flow/chart.svg']);
    expect(pass.writeReady((key) => key === 'ka', 1000)).toBe(false);
    // Out of time after the first key written: more may be left.
    expect(pass.writeReady(() => true, 0)).toBe(true);
    expect(made).toEqual(['/reports/a/cells.csv', '/embed/a/flow/chart.svg', '/reports/b/cells.csv']);
    const result = await pass.finishYielding(0);
    expect(made).toHaveLength(3);
    expect(result).toMatchObject({ written: 3, files: 3, kept: 0, removed: [] });
    expect(Object.keys(result.memo.folders).sort()).toEqual(['/embed/a/flow/', '/reports/a/', '/reports/b/']);
    // The same memo and files as a pass written at once.
    const again = scratch();
    expect(writeEndpointFolders(again, folders, null, 'v').memo.folders).toEqual(result.memo.folders);
    expect(readFileSync(join(out, 'embed/a/flow/chart.svg'), 'utf8')).toBe('<a/>');
  });

  it('writes again a folder written before the pages were done when the incremental build removed one of its files since', async () => {
    const out = scratch();
    const made: string[] = [];
    const pass = beginEndpointPass(out, [folder('/embed/a/flow/', 'ka', { 'chart.svg': '<a/>', 'data.csv': 'a' }, made), folder('/embed/b/flow/', 'kb', { 'chart.svg': '<b/>' }, made)], null, 'v');
    pass.writeReady(() => true, 1000);
    rmSync(join(out, 'embed/a/flow/data.csv'));
    pass.rewriteRemoved(['embed/a/flow/data.csv', 'reports/x/index.html']);
    await pass.finishYielding(5);
    expect(made).toEqual(['/embed/a/flow/chart.svg', '/embed/a/flow/data.csv', '/embed/b/flow/chart.svg', '/embed/a/flow/chart.svg', '/embed/a/flow/data.csv']);
    expect(readFileSync(join(out, 'embed/a/flow/data.csv'), 'utf8')).toBe('a');
  });

  it('refuses a folder outside the output', () => {
    expect(() => writeEndpointFolders(scratch(), [folder('/../x/', 'k', { 'f.csv': '1' }, [])], null, 'v')).toThrow(/not a path inside the output/);
  });

  it('reads a missing or malformed memo as none', () => {
    const dir = scratch();
    expect(readEndpointMemo(join(dir, 'none.json'))).toBeNull();
    writeFileSync(join(dir, 'bad.json'), '[1]');
    expect(readEndpointMemo(join(dir, 'bad.json'))).toBeNull();
  });
});
