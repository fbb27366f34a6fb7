/** The built report pages show every number of their three tables, as the content gives it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { listFormCells } from '../src/form/cells.ts';
import { findForm } from '../src/form/forms.ts';
import { loadContent } from '../src/loaders/load-content.ts';
import { nodeContentFs } from '../src/loaders/node-fs.ts';

const content = loadContent(nodeContentFs, 'content');
const dist = inject('distDir');

/** Reads the text of every `<td data-cell=…>` of a page, by cell key. */
function readCellTexts(html: string): Map<string, string> {
  const cells = new Map<string, string>();
  for (const m of html.matchAll(/<td[^>]*data-cell="([^"]+)"[^>]*>(.*?)<\/td>/g)) {
    const text = (m[2] ?? '').replace(/<span class="sr-only">.*?<\/span>/g, '').replace(/<[^>]+>/g, '');
    cells.set(m[1] ?? '', text);
  }
  return cells;
}

describe('report pages in dist/', () => {
  it('builds a page for every committed report', () => {
    expect(content.reports.length).toBe(5);
  });

  for (const report of content.reports) {
    it(`${report.meta.id} shows every cell of tables 二, 三 and 四 as the content gives it`, () => {
      const html = readFileSync(join(dist, 'reports', report.meta.id, 'index.html'), 'utf8');
      const shown = readCellTexts(html);
      const form = findForm(report.meta.form);
      if (!form) throw new Error('unknown form');
      const refs = listFormCells(form);
      expect(shown.size).toBe(refs.length);
      for (const ref of refs) {
        const cell = report.tables[ref.table][ref.row]?.[ref.column];
        const text = shown.get(`${ref.table}.${ref.row}.${ref.column}`);
        expect(text, `${ref.table}.${ref.row}.${ref.column}`).toBeDefined();
        if (!cell || cell.value === null) {
          expect(text).toBe(cell?.raw === '' ? '（空白）' : cell?.raw);
          continue;
        }
        const m = /^([+-]?[\d,]+(?:\.\d+)?)(?: (元|万元))?$/.exec(text ?? '');
        expect(m, `${ref.table}.${ref.row}.${ref.column}: “${text}”`).not.toBeNull();
        expect(Number((m?.[1] ?? '').replace(/,/g, ''))).toBe(cell.value);
        expect(m?.[2] ?? null).toBe(cell.unit);
      }
    });
  }

  it('shows 同江市 2020 failing T3-A and T3-B, with the printed numbers, linked to the methodology', () => {
    const html = readFileSync(join(dist, 'reports', '230881-2020', 'index.html'), 'utf8');
    expect(html).toContain('href="/methodology/#rule-T3-A"');
    expect(html).toMatch(/id="check-T3-A">\s*<span class="status fail">未通过/);
    expect(html).toMatch(/id="check-T3-B">\s*<span class="status fail">未通过/);
    expect(html).toMatch(/id="check-T3-C">\s*<span class="status pass">通过/);
    expect(html).toContain('合计 25 ≠ （七）总计 25 + 四、结转下年度继续办理 4，合计 29');
  });

  it('renders the jurisdiction chain 黑龙江省 → 佳木斯市 → 同江市', () => {
    const html = readFileSync(join(dist, 'reports', '230881-2020', 'index.html'), 'utf8');
    expect(html).toMatch(/黑龙江省<\/a><\/li><li[^>]*><a href="\/jurisdictions\/230800\/"[^>]*>佳木斯市<\/a><\/li><li[^>]*><a href="\/jurisdictions\/230881\/"[^>]*>同江市/);
  });

  it('builds a page for each of the 135 jurisdictions, listing reports and children', () => {
    expect(content.jurisdictions.all.length).toBe(135);
    for (const j of content.jurisdictions.all) {
      const html = readFileSync(join(dist, 'jurisdictions', j.code, 'index.html'), 'utf8');
      expect(html).toContain(`<h1>${j.name}`);
    }
    const yichun = readFileSync(join(dist, 'jurisdictions', '230700', 'index.html'), 'utf8');
    expect(yichun).toContain('href="/reports/230700-2020/"');
    expect(yichun).toContain('href="/jurisdictions/230722/"');
  });

  it('generates the methodology page from the rule declarations', () => {
    const html = readFileSync(join(dist, 'methodology', 'index.html'), 'utf8');
    for (const id of ['T3-A', 'T3-B', 'T3-C', 'T4-A', 'T2-A', 'G-1', 'X-1', 'X-2']) expect(html).toContain(`id="rule-${id}"`);
  });
});
