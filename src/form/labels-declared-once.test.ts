/**
 * The form's labels are written once, in src/form/: a row's, a column's or an outcome group's label
 * (printed or short) typed again as a whole string elsewhere in the site's code would go on saying the
 * old words when the declaration changes. Code takes them from the form (`row.shortLabel`, …).
 * Two-character labels (总计, 合计) are left out: they are ordinary words of the site's prose too.
 * src/ingest/ reads published files, whose printed variants it must recognise, and the tests state
 * expected output; both are left out.
 */
import { globSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORMS, OUTCOME_GROUPS } from './forms.ts';

/** Whole string literals that are labels on purpose, with why: `file\u0000label`. */
const ALLOWED = new Set([
  // A keyword of the Data Package (datapackage.json `keywords`), not a label of the form.
  'src/downloads/data-page-view.ts\u0000行政复议',
]);

/** Every label the forms declare, of three characters or more. */
function listFormLabels(): Set<string> {
  const labels = new Set<string>();
  for (const form of FORMS) {
    for (const table of Object.values(form.tables)) {
      for (const row of table.rows) labels.add(row.label).add(row.shortLabel);
      for (const column of table.columns) labels.add(column.label).add(column.shortLabel);
    }
  }
  for (const group of OUTCOME_GROUPS) labels.add(group.label).add(group.shortLabel);
  return new Set([...labels].filter((l) => [...l].length >= 3));
}

describe('the form labels', () => {
  it('are not typed again as a whole string outside src/form/', () => {
    const labels = listFormLabels();
    expect(labels.has('本年新收')).toBe(true);
    const root = new URL('../../', import.meta.url);
    const files = globSync('src/**/*.{ts,astro}', { cwd: root }).filter((f) => !/^src\/(form|ingest)\//.test(f) && !f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const file of files) {
      const text = readFileSync(new URL(file, root), 'utf8');
      for (const m of text.matchAll(/(['"`])([^'"`\n]+)\1/g)) {
        const label = m[2]!;
        if (!labels.has(label) || ALLOWED.has(`${file}\u0000${label}`)) continue;
        const line = text.slice(0, m.index).split('\n').length;
        found.push(`${file}:${line}: ${label}`);
      }
    }
    expect(found).toEqual([]);
  });
});
