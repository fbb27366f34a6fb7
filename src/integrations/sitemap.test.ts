import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planSitemapFiles } from '../views/sitemap-files.ts';
import { writeSitemapFiles } from './sitemap.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const PATHS = ['/', '/a/', '/b/', '/c/', '/d/'];

describe('writeSitemapFiles', () => {
  it('writes the index and its sitemaps, then removes numbered sitemaps a smaller site no longer has', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitemap-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'sitemap-10.xml'), 'stale');
    writeFileSync(join(dir, 'robots.txt'), 'kept');
    writeSitemapFiles(dir, planSitemapFiles(PATHS, 'https://example.org/', 2));
    expect(readdirSync(dir).sort()).toEqual(['robots.txt', 'sitemap-1.xml', 'sitemap-2.xml', 'sitemap-3.xml', 'sitemap.xml']);
    expect(readFileSync(join(dir, 'sitemap.xml'), 'utf8')).toContain('<sitemapindex');

    writeSitemapFiles(dir, planSitemapFiles(PATHS, 'https://example.org/'));
    expect(readdirSync(dir).sort()).toEqual(['robots.txt', 'sitemap.xml']);
    expect(readFileSync(join(dir, 'sitemap.xml'), 'utf8')).toContain('<urlset');
    expect(readFileSync(join(dir, 'robots.txt'), 'utf8')).toBe('kept');
  });
});
