import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Package, validate } from 'datapackage';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCommittedContent } from '../fixtures/committed-content.ts';
import { loadSynthContent } from '../fixtures/synth-content.ts';
import { formatSourcesTitle } from './datapackage.ts';
import { CSV_BOM } from './csv-text.ts';
import { SITE_RESOURCES } from './fields.ts';
import { buildSiteDownloads, type SiteDownloads } from './site-downloads.ts';

const content = loadCommittedContent();
const downloads = buildSiteDownloads(content, 'https://gongkai.example.org/');
const descriptor = JSON.parse(downloads.datapackage.text) as {
  name: string;
  licenses: { name: string; path: string }[];
  sources: { title: string; path: string }[];
  contributors: { title: string; role: string }[];
  resources: { name: string; path: string; bytes: number; hash: string; encoding: string; schema: { fields: { name: string; type: string; title: string }[]; missingValues: string[]; primaryKey: string[] } }[];
};
const scratch: string[] = [];

afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/**
 * Writes the package into a scratch folder for the Frictionless library, which reads the files
 * itself. The library (datapackage 1.x) does not strip a byte-order mark, so the copies go without
 * it; the BOM itself is tested on its own. `edit` changes a file's text (for the failing variants).
 */
function writePackage(files: SiteDownloads, edit: (name: string, text: string) => string = (_n, t) => t): string {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-dp-'));
  scratch.push(dir);
  writeFileSync(join(dir, 'datapackage.json'), files.datapackage.text);
  for (const f of files.site) {
    const name = f.path.split('/').pop() ?? '';
    writeFileSync(join(dir, name), edit(name, f.text.slice(CSV_BOM.length)));
  }
  return dir;
}

/** Loads a written package and reads every resource with casting and foreign keys; returns the errors. */
async function readPackage(dir: string): Promise<{ counts: Record<string, number>; errors: string[] }> {
  const pkg = await Package.load(join(dir, 'datapackage.json'), { basePath: dir });
  const errors = pkg.errors.map((e) => e.message);
  const counts: Record<string, number> = {};
  for (const resource of pkg.resources) {
    try {
      counts[resource.name] = (await resource.read({ keyed: true, cast: true, relations: true })).length;
    } catch (err) {
      const e = err as Error & { errors?: Error[] };
      errors.push(`${resource.name}: ${e.message} ${(e.errors ?? []).map((x) => x.message).join(' | ')}`);
    }
  }
  return { counts, errors };
}

describe('datapackage.json', () => {
  it('validates against the tabular-data-package profile shipped with the Frictionless library', async () => {
    const result = await validate(descriptor);
    expect(result.errors.map((e) => e.message)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('is rejected by the same validator when it breaks the profile (so the check can fail)', async () => {
    const badType = { ...descriptor, resources: descriptor.resources.map((r, i) => (i ? r : { ...r, schema: { ...r.schema, fields: r.schema.fields.map((f, j) => (j ? f : { ...f, type: 'numeric' })) } })) };
    expect((await validate(badType)).valid).toBe(false);
    expect((await validate({ ...descriptor, name: 'Not A Valid Name' })).valid).toBe(false);
    expect((await validate({ ...descriptor, resources: [] })).valid).toBe(false);
  });

  it('lists every site-wide file with its size, SHA-256, UTF-8, the licence, and reports.csv for the reports\' publishers and sources', () => {
    expect(descriptor.resources.map((r) => r.name)).toEqual(SITE_RESOURCES.map((r) => r.name));
    for (const r of descriptor.resources) {
      const file = downloads.site.find((f) => f.path === `/data/${r.path}`);
      expect(file, r.path).toBeDefined();
      expect(r.bytes).toBe(Buffer.byteLength(file?.text ?? '', 'utf8'));
      expect(r.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(r.hash).toBe(`sha256:${file?.sha256}`);
      expect(r.encoding).toBe('utf-8');
      expect(r.schema.missingValues).toEqual(['']);
      for (const f of r.schema.fields) expect(f.title, `${r.name}.${f.name}`).toMatch(/\p{Script=Han}/u);
      for (const k of r.schema.primaryKey) expect(r.schema.fields.map((f) => f.name)).toContain(k);
    }
    expect(descriptor.licenses).toEqual([expect.objectContaining({ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/' })]);
    expect(descriptor.sources).toEqual([{ title: formatSourcesTitle(content.reports.length), path: 'https://gongkai.example.org/data/reports.csv' }]);
    expect(descriptor.contributors.map((c) => c.role)).toEqual(['publisher', 'author']);
    // What the two entries point to is there: reports.csv names each report's publisher and original address.
    const reportsCsv = Papa.parse<Record<string, string>>((downloads.site.find((f) => f.path === '/data/reports.csv')?.text ?? '').slice(CSV_BOM.length), { header: true, skipEmptyLines: true }).data;
    expect(reportsCsv.map((r) => [r.report_id, r.publisher, r.source_url]).sort()).toEqual(content.reports.map((r) => [r.meta.id, r.meta.publisher, r.meta.source.url ?? '']).sort());
  });

  it('does not grow with the number of reports (issue #7): one source and one author entry at 100 and 1,000 synthetic reports', async () => {
    const sizes = [100, 1000].map((n) => {
      const synth = loadSynthContent(n);
      const text = buildSiteDownloads(synth, 'https://gongkai.example.org/').datapackage.text;
      const d = JSON.parse(text) as { sources: unknown[]; contributors: unknown[] };
      expect(d.sources).toHaveLength(1);
      expect(d.contributors).toHaveLength(2);
      return { text, bytes: Buffer.byteLength(text, 'utf8') };
    });
    // Only figures differ (the report count, file sizes; hashes keep their length).
    expect(Math.abs((sizes[1]?.bytes ?? 0) - (sizes[0]?.bytes ?? 0))).toBeLessThan(50);
    // The schemas (constant) document every column, the outcome groups and scopes among them.
    expect(sizes[1]?.bytes).toBeLessThan(50_000);
    const result = await validate(JSON.parse(sizes[1]?.text ?? '{}'));
    expect(result.errors.map((e) => e.message)).toEqual([]);
  });

  it("has each CSV's header equal to its schema's field names", () => {
    for (const r of descriptor.resources) {
      const file = downloads.site.find((f) => f.path === `/data/${r.path}`);
      const header = Papa.parse<string[]>((file?.text ?? '').slice(CSV_BOM.length), { preview: 1 }).data[0];
      expect(header, r.name).toEqual(r.schema.fields.map((f) => f.name));
    }
  });

  it('reads every value of every file under its declared type, constraints, keys and references', async () => {
    const { counts, errors } = await readPackage(writePackage(downloads));
    expect(errors).toEqual([]);
    expect(counts).toEqual({ cells: 990, reports: 5, active: 40, requests: 115, appeals: 15 });
  });

  it('fails to read a file whose values break the schema (so the check can fail)', async () => {
    /** Replaces text in one file of the package, insisting that it was there. */
    const change = (file: string, from: RegExp, to: string) => (n: string, t: string): string => {
      if (n !== file) return t;
      expect(t).toMatch(from);
      return t.replace(from, to);
    };
    const notNumber = await readPackage(writePackage(downloads, change('cells.csv', /(,requests,granted,granted,total,[^,]*,[^,]*,)9,/, '$1nine,')));
    expect(notNumber.errors).toEqual([expect.stringMatching(/^cells: .*"nine" in column "value" is not type "number"/)]);
    const badEnum = await readPackage(writePackage(downloads, change('reports.csv', /,county,/, ',township,')));
    expect(badEnum.errors).toContainEqual(expect.stringMatching(/^reports: .*"township" does not conform to the "enum" constraint for column "level"/));
    const orphan = await readPackage(writePackage(downloads, change('appeals.csv', /^230881-2020,/m, '230882-2020,')));
    expect(orphan.errors).toEqual([expect.stringMatching(/^appeals: Foreign key "report_id" violation/)]);
    const duplicate = await readPackage(writePackage(downloads, change('reports.csv', /^230700-2020,/m, '230000-2020,')));
    expect(duplicate.errors).toContainEqual(expect.stringMatching(/^reports: Row 3 has an unique constraint violation in column "report_id"/));
  });
});
