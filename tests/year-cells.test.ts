/**
 * The per-year cells files in the built site: `/data/<year>/cells.csv` is the built `/data/cells.csv`
 * cut by year (same BOM and header, the same lines in the same order), it is linked from `/data/`
 * and from its year's data page, and datapackage.json states its true size and hash.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, inject, it } from 'vitest';
import { TIDY_HEADER } from '../src/downloads/tidy-csv.ts';
import { loadContent } from '../src/loaders/load-content.ts';
import { nodeContentFs } from '../src/loaders/node-fs.ts';
import { DATAPACKAGE_PATH, dataYearPath, formatYearCellsDownloadName, siteCsvPath, yearCellsCsvPath } from '../src/site/paths.ts';

const content = loadContent(nodeContentFs, 'content');
const dist = inject('distDir');
const years = [...new Set(content.reports.map((r) => r.meta.year))].sort((a, b) => a - b);

/** Reads a built file's bytes by its URL path. */
function readBuilt(path: string): Buffer {
  return readFileSync(join(dist, path));
}

/** Splits a built tidy CSV into its first line (BOM and header) and its rows. */
function splitTidy(path: string): { head: string; rows: string[][] } {
  const text = readBuilt(path).toString('utf8');
  const head = text.slice(0, text.indexOf('\n') + 1);
  const parsed = Papa.parse<string[]>(text.slice(head.length), { skipEmptyLines: true });
  expect(parsed.errors, path).toEqual([]);
  return { head, rows: parsed.data };
}

describe('per-year cells files in dist/', () => {
  const site = splitTidy(siteCsvPath('cells'));
  const yearColumn = TIDY_HEADER.indexOf('year');

  it('hold the site-wide cells.csv lines of their year, in order, under the same BOM and header', () => {
    expect(years.length).toBeGreaterThan(0);
    const all: string[][] = [];
    for (const year of years) {
      const file = splitTidy(yearCellsCsvPath(year));
      expect(file.head, String(year)).toBe(site.head);
      expect(file.head.startsWith('\uFEFF')).toBe(true);
      expect(file.rows.length).toBeGreaterThan(0);
      expect(file.rows).toEqual(site.rows.filter((r) => r[yearColumn] === String(year)));
      all.push(...file.rows);
    }
    expect(all.length).toBe(site.rows.length);
    expect(all.map((r) => r.join('\u0000')).sort()).toEqual(site.rows.map((r) => r.join('\u0000')).sort());
  });

  it('are linked from /data/ and from the first page of their year, with their real size', () => {
    const dataPage = join(dist, 'data', 'index.html');
    for (const year of years) {
      const link = new RegExp(`<a href="${yearCellsCsvPath(year)}" download="${formatYearCellsDownloadName(year)}"[^>]*>[^<]*</a> <span[^>]*data-bytes="(\\d+)"`);
      for (const page of [dataPage, join(dist, dataYearPath(year), 'index.html')]) {
        const m = link.exec(readFileSync(page, 'utf8'));
        expect(m, `${page} links ${year}`).not.toBeNull();
        expect(Number(m?.[1])).toBe(readBuilt(yearCellsCsvPath(year)).length);
      }
    }
  });

  it('are listed under the cells resource of datapackage.json with their true size and hash', () => {
    const descriptor = JSON.parse(readBuilt(DATAPACKAGE_PATH).toString('utf8')) as { resources: { name: string; byYear?: { year: number; path: string; bytes: number; hash: string }[] }[] };
    const parts = descriptor.resources.find((r) => r.name === 'cells')?.byYear ?? [];
    expect(parts.map((p) => p.year)).toEqual(years);
    for (const p of parts) {
      const bytes = readBuilt(`/data/${p.path}`);
      expect(p.bytes).toBe(bytes.length);
      expect(p.hash).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
    }
  });
});
