/**
 * The downloads in the built site: every file is there, opens as UTF-8 with a BOM, parses with
 * PapaParse and Python's csv module, gives back the content's numbers, and the Data Package
 * validates with the Frictionless library; the data page lists every file with its real size.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Package, validate } from 'datapackage';
import Papa from 'papaparse';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { SITE_RESOURCES } from '../src/downloads/fields.ts';
import { TIDY_HEADER } from '../src/downloads/tidy-csv.ts';
import { formatCellKey, listFormCells } from '../src/form/cells.ts';
import { findForm, TABLE_IDS } from '../src/form/forms.ts';
import { loadContent } from '../src/loaders/load-content.ts';
import { nodeContentFs } from '../src/loaders/node-fs.ts';
import { DATAPACKAGE_PATH, reportCellsCsvPath, reportTableCsvPath, siteCsvPath, yearCellsCsvPath } from '../src/site/paths.ts';

const content = loadContent(nodeContentFs, 'content');
const dist = inject('distDir');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const scratch: string[] = [];

afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** Every download URL the site promises, derived from the same path declarations as the site. */
const paths = [
  ...content.reports.flatMap((r) => [...TABLE_IDS.map((t) => reportTableCsvPath(r.meta.id, t)), reportCellsCsvPath(r.meta.id)]),
  ...SITE_RESOURCES.map((r) => siteCsvPath(r.name)),
];

/** Reads a built file's bytes by its URL path. */
function readBuilt(path: string): Buffer {
  return readFileSync(join(dist, path));
}

/** Parses a built CSV with PapaParse into records, after its BOM. */
function parseBuilt(path: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(readBuilt(path).subarray(3).toString('utf8'), { header: true, skipEmptyLines: true });
  expect(parsed.errors, path).toEqual([]);
  return parsed.data;
}

describe('download files in dist/', () => {
  it('has every download: four per report and the site-wide files', () => {
    expect(paths).toHaveLength(content.reports.length * 4 + 5);
    for (const p of [...paths, DATAPACKAGE_PATH]) expect(readBuilt(p).length, p).toBeGreaterThan(0);
  });

  it('writes every CSV as valid UTF-8 starting with a byte-order mark, with \\n line endings', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (const p of paths) {
      const bytes = readBuilt(p);
      expect(bytes.subarray(0, 3).equals(BOM), p).toBe(true);
      expect(() => decoder.decode(bytes), p).not.toThrow();
      expect(bytes.includes(0x0d), `${p} has a carriage return`).toBe(false);
      expect(bytes.at(-1), p).toBe(0x0a);
    }
  });

  it('round trip: content → /data/cells.csv → PapaParse gives back every cell of every report', () => {
    const records = parseBuilt(siteCsvPath('cells'));
    const byKey = new Map(records.map((r) => [`${r.report_id} ${r.table}.${r.row}.${r.column}`, r]));
    let cells = 0;
    for (const report of content.reports) {
      const form = findForm(report.meta.form);
      if (!form) throw new Error('unknown form');
      const own = parseBuilt(reportCellsCsvPath(report.meta.id));
      expect(own).toEqual(records.filter((r) => r.report_id === report.meta.id));
      for (const ref of listFormCells(form)) {
        const key = `${report.meta.id} ${formatCellKey(ref)}`;
        const cell = report.tables[ref.table][ref.row]?.[ref.column];
        const r = byKey.get(key);
        expect(r, key).toBeDefined();
        expect(r?.value === '' ? null : Number(r?.value), key).toBe(cell?.value);
        expect(r?.unit || null, key).toBe(cell?.unit);
        expect(r?.raw, key).toBe(cell?.raw);
        cells++;
      }
    }
    expect(records).toHaveLength(cells);
  });

  it("parses every CSV with Python's csv module (utf-8-sig), and its numbers equal the content's", () => {
    const script = [
      'import csv, json, sys',
      'out = {}',
      'for path in sys.argv[2:]:',
      '    with open(sys.argv[1] + path, encoding="utf-8-sig", newline="") as f:',
      '        rows = list(csv.reader(f, strict=True))',
      '    out[path] = {"header": rows[0], "widths": sorted({len(r) for r in rows}), "rows": rows[1:] if path.endswith("/cells.csv") else len(rows) - 1}',
      'print(json.dumps(out))',
    ].join('\n');
    const out = JSON.parse(execFileSync('python3', ['-c', script, dist, ...paths], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as Record<string, { header: string[]; widths: number[]; rows: string[][] | number }>;
    for (const p of paths) {
      const file = out[p];
      expect(file, p).toBeDefined();
      expect(file?.header[0]?.charCodeAt(0), `${p}: the BOM must not reach the first column name`).not.toBe(0xfeff);
      expect(file?.widths, p).toEqual([file?.header.length]);
    }
    const site = out[siteCsvPath('cells')];
    expect(site?.header).toEqual(TIDY_HEADER);
    const at = (name: string): number => TIDY_HEADER.indexOf(name);
    const rows = site?.rows as string[][];
    expect(rows).toHaveLength(content.reports.reduce((n, r) => n + listFormCells(findForm(r.meta.form) ?? (() => { throw new Error('form'); })()).length, 0));
    for (const row of rows) {
      const report = content.reports.find((r) => r.meta.id === row[at('report_id')]);
      const cell = report?.tables[row[at('table')] as (typeof TABLE_IDS)[number]][row[at('row')] ?? '']?.[row[at('column')] ?? ''];
      expect(cell, row.join(',')).toBeDefined();
      expect(row[at('value')] === '' ? null : Number(row[at('value')])).toBe(cell?.value);
      expect(row[at('raw')]).toBe(cell?.raw);
    }
    const tongjiang = (out[reportTableCsvPath('230881-2020', 'requests')]?.header ?? []);
    expect(tongjiang.slice(0, 3)).toEqual(['项目', '自然人', '法人或其他组织 商业企业']);
  });

  it('datapackage.json validates, states the true size and hash of every file, and every file reads under its schema', async () => {
    const text = readBuilt(DATAPACKAGE_PATH).toString('utf8');
    const descriptor = JSON.parse(text) as { resources: { name: string; path: string; bytes: number; hash: string }[] };
    const result = await validate(descriptor);
    expect(result.errors.map((e) => e.message)).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-dist-dp-'));
    scratch.push(dir);
    writeFileSync(join(dir, 'datapackage.json'), text);
    for (const r of descriptor.resources) {
      const bytes = readBuilt(`/data/${r.path}`);
      expect(r.bytes, r.path).toBe(bytes.length);
      expect(r.hash, r.path).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
      // datapackage 1.x does not strip a BOM (Python frictionless does): give it the bytes after it.
      writeFileSync(join(dir, r.path), bytes.subarray(3));
    }
    const pkg = await Package.load(join(dir, 'datapackage.json'), { basePath: dir });
    expect(pkg.errors.map((e) => e.message)).toEqual([]);
    const counts: Record<string, number> = {};
    for (const resource of pkg.resources) counts[resource.name] = (await resource.read({ cast: true, relations: true })).length;
    expect(counts).toEqual(Object.fromEntries(descriptor.resources.map((r) => [r.name, parseBuilt(`/data/${r.path}`).length])));
    expect(counts.reports).toBe(content.reports.length);
  });
});

describe('the data page', () => {
  const html = readFileSync(join(dist, 'data', 'index.html'), 'utf8');
  // Each report's files and citation are on its year's page (/data/<year>/), linked from /data/.
  const yearHtml = [...html.matchAll(/<a href="(\/data\/\d{4}\/)"/g)].map((m) => readFileSync(join(dist, m[1] ?? '', 'index.html'), 'utf8')).join('\n');

  it('lists every download with its real size in bytes', () => {
    const listed = new Map<string, number>();
    for (const m of (html + yearHtml).matchAll(/<a href="(\/[^"]+\.(?:csv|json))"[^>]*>.*?data-bytes="(\d+)"/g)) listed.set(m[1] ?? '', Number(m[2]));
    const yearCells = [...new Set(content.reports.map((r) => r.meta.year))].map(yearCellsCsvPath);
    expect([...listed.keys()].sort()).toEqual([...paths, ...yearCells, DATAPACKAGE_PATH].sort());
    for (const [p, bytes] of listed) expect(bytes, p).toBe(readBuilt(p).length);
  });

  it('carries a schema.org Dataset whose distributions are the built files', () => {
    const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
    const ld = JSON.parse(m?.[1] ?? 'null') as { '@type': string; license: string; spatialCoverage: { name: string }; distribution: { contentUrl: string }[] };
    expect(ld['@type']).toBe('Dataset');
    expect(ld.spatialCoverage.name).toBe('黑龙江省');
    expect(ld.license).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(ld.distribution).toHaveLength(SITE_RESOURCES.length + 1);
    for (const d of ld.distribution) expect(readBuilt(new URL(d.contentUrl).pathname).length, d.contentUrl).toBeGreaterThan(0);
  });

  it('states the licence, documents every column of every file, and gives citations', () => {
    expect(html).toContain('rel="license"');
    expect(html).toContain('CC BY 4.0');
    for (const r of SITE_RESOURCES) {
      const section = new RegExp(`<section[^>]*id="file-${r.name}"[^>]*>([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';
      for (const f of r.fields) expect(section, `${r.name}.${f.name}`).toMatch(new RegExp(`<code[^>]*>${f.name}</code>`));
    }
    expect(html).toContain('[DS/OL]. 公开 gongkai, 整理. [<span data-access-date');
    expect(yearHtml).toContain('同江市人民政府. 同江市2020年政府信息公开工作年度报告[R/OL]. 公开 gongkai, 整理. [2021][<span data-access-date');
  });

  it('is linked from the site navigation', () => {
    expect(readFileSync(join(dist, 'index.html'), 'utf8')).toMatch(/<nav[^>]*>[\s\S]*?<a href="\/data\/"[^>]*>数据下载<\/a>/);
  });
});

describe('the 下载数据 section of each report page', () => {
  for (const report of content.reports) {
    it(`${report.meta.id} links its four downloads and cites the report`, () => {
      const html = readFileSync(join(dist, 'reports', report.meta.id, 'index.html'), 'utf8');
      for (const p of [...TABLE_IDS.map((t) => reportTableCsvPath(report.meta.id, t)), reportCellsCsvPath(report.meta.id)]) {
        expect(html, p).toMatch(new RegExp(`<a href="${p}" download="${report.meta.id}-[a-z]+\\.csv"`));
      }
      expect(html).toContain(`${report.meta.publisher}. ${report.meta.title}[R/OL]. 公开 gongkai, 整理. [${report.meta.year + 1}][<span data-access-date`);
    });
  }
});
