import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readKnownErrors } from '../checks/known-errors.ts';
import { buildIngestJson } from './ingest-json.ts';
import { parseReportLines } from './parse-report.ts';
import { splitTextLines } from './source-lines.ts';
import { CONTENT_DIR, CORPUS_IDS, countCells, listCellMismatches, readCorpusText, readExpected, readJurisdictions } from './fixtures/test-support.ts';

const jurisdictions = readJurisdictions();

/** Parses a text as the CLI would, failing the test when it cannot be parsed. */
function parseText(text: string, file = 'report.txt') {
  const result = parseReportLines(file, splitTextLines(text), jurisdictions);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.rule} ${d.message}`).join('\n'));
  return result.report;
}

describe('the five real reports', () => {
  it.each(CORPUS_IDS)('%s: every cell equals the hand-checked value', (id) => {
    const expected = readExpected(id);
    const json = buildIngestJson(parseText(readCorpusText(id)));
    expect(listCellMismatches(expected, json)).toEqual([]);
    expect(countCells(expected)).toBe(198);
    expect(json.id).toBe(expected.id);
    expect(json.jurisdiction).toEqual(expected.jurisdiction);
    expect(json.year).toBe(expected.year);
    expect(json.form).toBe(expected.form);
    expect(json.units).toEqual(expected.units);
  });

  it.each(CORPUS_IDS)('%s: the rules it breaks are the ones the report breaks as printed', (id) => {
    const expected = readExpected(id);
    const report = parseText(readCorpusText(id));
    const ruleIds = [...new Set(report.diagnostics.filter((d) => /^T\d|^X-|^G-/.test(d.rule) && d.severity === 'error').map((d) => d.rule))].sort();
    expect(ruleIds).toEqual([...expected.rules_failing].sort());
  });

  it('does not flag again a rule failure recorded exactly in known-errors.yaml, and flags one recorded elsewhere', () => {
    const { entries } = readKnownErrors(readFileSync(`${CONTENT_DIR}/known-errors.yaml`, 'utf8'), 'known-errors.yaml');
    const lines = splitTextLines(readCorpusText('230881-2020'));
    const rulesFlagged = (r: ReturnType<typeof parseReportLines>): string[] => (r.ok ? [...new Set(r.report.diagnostics.filter((d) => /^T\d/.test(d.rule)).map((d) => d.rule))].sort() : []);
    const recorded = parseReportLines('230881-2020.txt', lines, jurisdictions, { knownErrors: entries });
    expect(recorded.ok && recorded.report.known.map((e) => e.rule).sort()).toEqual(['T3-A', 'T3-B']);
    expect(rulesFlagged(recorded)).toEqual([]);
    expect(recorded.ok && recorded.report.tables.requests.processed_total?.total?.value).toBe(25);
    // An entry for other places, another rule or another report covers nothing.
    const elsewhere = entries.map((e) => (e.rule === 'T3-A' ? { ...e, at: ['total'] } : e.rule === 'T3-B' ? { ...e, report: '230881-2021' } : e));
    const other = parseReportLines('230881-2020.txt', lines, jurisdictions, { knownErrors: elsewhere });
    expect(other.ok && other.report.known).toEqual([]);
    expect(rulesFlagged(other)).toEqual(['T3-A', 'T3-B']);
  });

  it('finds table 三’s last row when it holds few values and table 四’s heading follows it at once (not taken for that heading wrapped)', () => {
    // As a PDF cut by the page edge prints it: 四、结转下年度继续办理 with two values, then 四、… at once.
    const text = readCorpusText('230000-2020').replace(/^(四、结转下年度继续办理\t\t129\t4)\t.*\n\n/m, '$1\n');
    expect(text).toMatch(/继续办理\t\t129\t4\n四、因政府信息公开工作/);
    const report = parseText(text);
    expect(report.diagnostics.filter((d) => d.rule === 'missing-row')).toEqual([]);
    expect(report.diagnostics.find((d) => d.rule === 'cell-count')?.message).toMatch(/carried_forward.*found 2 \(129 4\)/);
    expect(buildIngestJson(report).tables.appeals).toEqual(readExpected('230000-2020').tables.appeals);
  });

  it('keeps the garbled 采购总金额 of 嘉荫县 as printed, with no value and a warning at its place', () => {
    const report = parseText(readCorpusText('230722-2020'), '230722-2020.txt');
    const cell = report.tables.active.procurement?.amount;
    expect(cell).toEqual({ value: null, raw: '91.928.320', unit: null });
    const d = report.diagnostics.find((x) => x.rule === 'unreadable-cell');
    expect(d).toMatchObject({ file: '230722-2020.txt', line: 239, column: 12, severity: 'warning' });
    expect(d?.message).toContain('91.928.320');
  });

  it('reads 减 35 as −35 and a bare 67 as +67 in 本年增/减', () => {
    const report = parseText(readCorpusText('230722-2020'));
    expect(report.tables.active.licensing?.change).toEqual({ value: -35, raw: '-35', unit: null });
    expect(report.tables.active.other_services?.change).toEqual({ value: 67, raw: '+67', unit: null });
  });

  it('guesses the scope from what the text says it covers', () => {
    const scopes = Object.fromEntries(CORPUS_IDS.map((id) => [id, parseText(readCorpusText(id)).scope]));
    expect(scopes).toEqual({
      '230000-2020': 'jurisdiction',
      '230700-2020': 'government',
      '230722-2020': 'jurisdiction',
      '230881-2020': 'government',
      '231000-2020': 'jurisdiction',
    });
  });

  it('points each value at its line and column in the input', () => {
    const report = parseText(readCorpusText('230000-2020'));
    // 规章⇥6⇥6⇥116 is line 53; 116 starts at column 8.
    expect(report.places.get('active.rules.total_published')).toEqual({ line: 53, col: 8 });
  });
});

describe('refusals', () => {
  const text = readCorpusText('230700-2020');

  it('names the table it cannot find', () => {
    const cut = text.replace(/#### 四、政府信息公开行政复议、行政诉讼情况[\s\S]*?#### 五/, '#### 五');
    const result = parseReportLines('r.txt', splitTextLines(cut), jurisdictions);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', rule: 'missing-table' });
    expect(result.diagnostics[0]?.message).toContain('table 四');
  });

  it('fails loudly on an unknown form instead of taking the nearest version', () => {
    const mixed = text.replace('本年新制作数量', '本年制发件数').replace('对外公开总数量', '现行有效件数');
    const result = parseReportLines('r.txt', splitTextLines(mixed), jurisdictions);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]?.rule).toBe('unknown-form');
  });

  it('refuses a report whose title names no known jurisdiction', () => {
    const result = parseReportLines('r.txt', splitTextLines(text.replace('# 伊春市 2020 年', '# 某某市 2020 年')), jurisdictions);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostics[0]?.rule).toBe('unknown-jurisdiction');
  });

  it('leaves a row with a missing value without values and says so, never shifting the others', () => {
    const broken = text.replace('\t(一) 予以公开\t13\t0\t1\t0\t0\t0\t14', '\t(一) 予以公开\t13\t0\t1\t0\t0\t14');
    expect(broken).not.toBe(text);
    const report = parseText(broken);
    expect(report.tables.requests.granted?.natural_person?.value).toBeNull();
    expect(report.tables.requests.granted?.total?.value).toBeNull();
    expect(report.tables.requests.partially_granted?.natural_person?.value).toBe(2);
    expect(report.diagnostics.find((d) => d.rule === 'cell-count')?.message).toContain('should have 7 values, found 6');
  });
});
