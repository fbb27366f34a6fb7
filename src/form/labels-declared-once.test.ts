/**
 * The form's labels are written once, in src/form/: a row's, a column's or an outcome group's label
 * (printed or short) typed again as a whole string elsewhere in the site's code would go on saying the
 * old words when the declaration changes. Code takes them from the form (`row.shortLabel`, …).
 * Only whole string literals count (found by the TypeScript parser; an .astro file's frontmatter), so
 * prose that contains a label (`本年新收申请 ${n} 件`) is not flagged.
 * src/ingest/ reads published files, whose printed variants it must recognise, and the tests state
 * expected output; both are left out.
 */
import { globSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { FORMS, OUTCOME_GROUPS } from './forms.ts';

/** Whole string literals that are labels on purpose, with why: `file\u0000label`. */
const ALLOWED = new Set([
  // A keyword of the Data Package (datapackage.json `keywords`), not a label of the form.
  'src/views/data-page-view.ts\u0000行政复议',
]);

/** Every string literal of a TypeScript source (an .astro file: its frontmatter), with its line. */
function listStringLiterals(file: string, text: string): { text: string; line: number }[] {
  let code = text;
  if (file.endsWith('.astro')) {
    const fence = /^---\n([\s\S]*?)\n---/.exec(text);
    code = fence ? `\n${fence[1]}` : '';
  }
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: { text: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      found.push({ text: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every label the forms declare, of two characters or more. */
function listFormLabels(): Set<string> {
  const labels = new Set<string>();
  for (const form of FORMS) {
    for (const table of Object.values(form.tables)) {
      for (const row of table.rows) labels.add(row.label).add(row.shortLabel);
      for (const column of table.columns) labels.add(column.label).add(column.shortLabel);
    }
  }
  for (const group of OUTCOME_GROUPS) labels.add(group.label).add(group.shortLabel);
  return new Set([...labels].filter((l) => [...l].length >= 2));
}

describe('the form labels', () => {
  it('are not typed again as a whole string literal outside src/form/', () => {
    const labels = listFormLabels();
    expect(labels.has('本年新收')).toBe(true);
    const root = new URL('../../', import.meta.url);
    const files = globSync('src/**/*.{ts,astro}', { cwd: root }).filter((f) => !/^src\/(form|ingest)\//.test(f) && !f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const file of files) {
      for (const literal of listStringLiterals(file, readFileSync(new URL(file, root), 'utf8'))) {
        if (labels.has(literal.text) && !ALLOWED.has(`${file}\u0000${literal.text}`)) found.push(`${file}:${literal.line}: ${literal.text}`);
      }
    }
    expect(found).toEqual([]);
  });
});
