import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFileCache, readFileIfAny, writeFileWhole } from './file-cache.ts';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-file-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Every file under `root`, relative, sorted. */
function listAll(root: string): string[] {
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as { isFile(): boolean; parentPath: string; name: string }[])
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort();
}

describe('writeFileWhole', () => {
  it('writes the bytes, creating missing folders, replacing an older file, and leaves no temporary file', () => {
    const path = join(dir, 'a', 'b', 'memo.json');
    writeFileWhole(path, 'first');
    writeFileWhole(path, new Uint8Array([0xe5, 0x85, 0xac]));
    expect(readFileSync(path, 'utf8')).toBe('公');
    expect(listAll(dir)).toEqual([join('a', 'b', 'memo.json')]);
  });

  it('throws when the file cannot be written, leaving the old file as it was and no temporary file', () => {
    const path = join(dir, 'taken');
    mkdirSync(path);
    writeFileSync(join(path, 'inside'), 'kept');
    expect(() => writeFileWhole(path, 'new')).toThrow();
    expect(readFileSync(join(path, 'inside'), 'utf8')).toBe('kept');
    expect(listAll(dir)).toEqual([join('taken', 'inside')]);
  });
});

describe('readFileIfAny', () => {
  it('gives the bytes of a file, and undefined for a missing file or a folder', () => {
    writeFileSync(join(dir, 'f'), 'x');
    expect(readFileIfAny(join(dir, 'f'))?.toString()).toBe('x');
    expect(readFileIfAny(join(dir, 'missing'))).toBeUndefined();
    expect(readFileIfAny(dir)).toBeUndefined();
  });
});

describe('openFileCache', () => {
  it('reads what it wrote by name, names with a folder too, and nothing it did not write', () => {
    const cache = openFileCache(join(dir, 'cache'));
    cache.write('ab/abc.svg', '<svg/>');
    expect(cache.read('ab/abc.svg')?.toString()).toBe('<svg/>');
    expect(cache.read('ab/abd.svg')).toBeUndefined();
    expect(cache.dir).toBe(join(dir, 'cache'));
  });

  it('prunes the entries its test does not keep, and nothing when the folder was never made', () => {
    const cache = openFileCache(join(dir, 'cache'));
    cache.prune(() => false);
    for (const name of ['a', 'b', 'c']) cache.write(name, name);
    cache.prune((name) => name !== 'b');
    expect(listAll(join(dir, 'cache'))).toEqual(['a', 'c']);
  });

  it('keeps a version in its own folder and prunes the other versions with it', () => {
    const old = openFileCache(join(dir, 'cache'), { version: 'v1' });
    old.write('page.html', 'old');
    const cache = openFileCache(join(dir, 'cache'), { version: 'v2' });
    expect(cache.dir).toBe(join(dir, 'cache', 'v2'));
    expect(cache.read('page.html')).toBeUndefined();
    cache.write('page.html', 'new');
    cache.write('gone.html', 'gone');
    expect(listAll(join(dir, 'cache'))).toEqual([join('v1', 'page.html'), join('v2', 'gone.html'), join('v2', 'page.html')]);
    cache.prune((name) => name === 'page.html');
    expect(listAll(join(dir, 'cache'))).toEqual([join('v2', 'page.html')]);
    expect(cache.read('page.html')?.toString()).toBe('new');
  });
});
