import { describe, expect, it } from 'vitest';
import { renderReport } from './fixtures/render-report.ts';
import { drawF2021Values } from './fixtures/report-values.ts';
import { parseReportLines } from './parse-report.ts';
import { splitTextLines } from './source-lines.ts';
import { readJurisdictions } from './fixtures/test-support.ts';

const jurisdictions = readJurisdictions();

/** Parses a generated F2021 report whose title names `publisher` (a place name and maybe a department). */
function parseTitled(code: string, publisher: string, seed: number, agencySlug?: string) {
  const values = { ...drawF2021Values(seed, code, publisher, 2021), name: publisher };
  const text = renderReport(values, { layout: 'tab-grid', seed, fullWidth: false, wording: false, signs: 'ascii', units: 'attached', halfWidthBrackets: false });
  // The renderer may print the title over two lines as “<name>人民政府” / “2021 年…”: keep the name as given.
  return parseReportLines('r.txt', splitTextLines(text.replace(`${publisher}人民政府\n`, `${publisher}\n`)), jurisdictions, agencySlug ? { agencySlug } : {});
}

describe('department reports', () => {
  it.each([
    ['230000', '黑龙江省财政厅', '230000-caizheng-2021'],
    ['230881', '同江市人民政府办公室', '230881-zhengfuban-2021'],
    ['231000', '牡丹江市卫健委', '231000-weijian-2021'],
    ['230100', '哈尔滨市教育局', '230100-jiaoyu-2021'],
  ])('%s %s: a declared department of the jurisdiction', (code, publisher, id) => {
    for (const seed of [1, 2, 3]) {
      const result = parseTitled(code, publisher, seed);
      if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
      expect(result.report.id).toBe(id);
      expect(result.report.publisher).toBe(publisher);
      expect(result.report.scope).toBe('self');
      expect(result.report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    }
  });

  it.each([['同江市人民政府'], ['同江市']])('%s: the government itself', (publisher) => {
    const result = parseTitled('230881', publisher, 4);
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
    expect(result.report.id).toBe('230881-2021');
    expect(result.report.publisher).toBe('同江市人民政府');
  });

  it('refuses to guess an undeclared department, and says what to do', () => {
    const result = parseTitled('230881', '同江市档案局', 5);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', rule: 'unknown-department' });
    expect(result.diagnostics[0]?.message).toContain('档案局');
    expect(result.diagnostics[0]?.hint).toContain('--agency');
  });

  it('accepts an undeclared department with the slug given, with a warning', () => {
    const result = parseTitled('230881', '同江市档案局', 5, 'dangan');
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
    expect(result.report.id).toBe('230881-dangan-2021');
    expect(result.report.publisher).toBe('同江市档案局');
    expect(result.report.diagnostics.find((d) => d.rule === 'undeclared-department')?.severity).toBe('warning');
  });
});
