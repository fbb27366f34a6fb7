import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic, sortDiagnostics } from '../reports/diagnostic.ts';
import { formatCellKey, listFormCells } from '../form/cells.ts';
import type { TableId } from '../form/types.ts';
import { CONTENT_DIR, EXPECTED_DIR, loadCommittedContent, readExpectedReport } from '../fixtures/committed-content.ts';
import { loadContent, type ContentFs, type LoadedContent } from './load-content.ts';
import { nodeContentFs } from './node-fs.ts';

const content = loadCommittedContent();
const expectedIds = readdirSync(EXPECTED_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();

describe('the committed content', () => {
  it('loads with no errors and no unexplained findings', () => {
    expect(content.errors.map(formatDiagnostic)).toEqual([]);
    expect(content.findings.map(formatDiagnostic)).toEqual([]);
    expect(content.reports.map((r) => r.meta.id)).toEqual(expect.arrayContaining(expectedIds));
    expect(expectedIds).toHaveLength(5);
  });

  it('explains every rule failure by a known-error entry, and uses every entry', () => {
    const failures = content.reports.flatMap((r) => r.outcomes.filter((o) => o.status === 'fail').map((o) => `${r.meta.id} ${o.rule}`));
    const explained = content.reports.flatMap((r) => r.outcomes.filter((o) => o.known).map((o) => `${r.meta.id} ${o.rule}`));
    expect(explained).toEqual(failures);
    expect(content.knownErrors.map((e) => `${e.report} ${e.rule}`)).toEqual(failures);
    expect(content.known).toHaveLength(content.knownErrors.reduce((n, e) => n + e.at.length, 0));
  });

  it.each(expectedIds)('%s equals its hand-checked values, cell by cell', (id) => {
    const report = content.reports.find((r) => r.meta.id === id);
    if (!report) throw new Error(`report ${id} is not in content/`);
    const expected = readExpectedReport(id);
    expect([report.meta.id, report.meta.jurisdiction, report.meta.year, report.meta.form]).toEqual([
      expected.id,
      expected.jurisdiction.code,
      expected.year,
      expected.form,
    ]);
    expect(content.jurisdictions.byCode.get(report.meta.jurisdiction)?.name).toBe(expected.jurisdiction.name);
    const source = readFileSync(join(CONTENT_DIR, report.dir, report.meta.source.file), 'utf8');
    const cells = listFormCells(report.form);
    for (const ref of cells) {
      const key = formatCellKey(ref);
      const want = expected.tables[ref.table][ref.row]?.[ref.column];
      const cell = report.tables[ref.table][ref.row]?.[ref.column];
      expect(want, `${key} in the expected JSON`).not.toBeUndefined();
      expect(cell?.value, key).toBe(want);
      // A cell with no number keeps what the report printed there.
      if (want === null) expect(source, key).toContain(cell?.raw);
    }
    const expectedCount = Object.values(expected.tables).flatMap((t) => Object.values(t).flatMap((row) => Object.keys(row))).length;
    expect(expectedCount).toBe(cells.length);
    for (const [key, unit] of Object.entries(expected.units)) {
      const [table, row, column] = key.split('.') as [TableId, string, string];
      expect(report.tables[table][row]?.[column]?.unit, key).toBe(unit);
    }
  });

  it.each(expectedIds)('%s breaks exactly the rules the published report breaks', (id) => {
    const report = content.reports.find((r) => r.meta.id === id)!;
    const failing = report.outcomes.filter((o) => o.status === 'fail').map((o) => o.rule);
    expect(failing.sort()).toEqual([...readExpectedReport(id).rules_failing].sort());
  });

  it('gives every cell of every report the place in source.txt where its printed text starts', () => {
    for (const report of content.reports.filter((r) => expectedIds.includes(r.meta.id))) {
      const lines = readFileSync(join(CONTENT_DIR, report.dir, report.meta.source.file), 'utf8').replace(/^\uFEFF/, '').split('\n');
      const cells = listFormCells(report.form);
      expect(report.sourceLines.size, report.meta.id).toBe(cells.length);
      for (const ref of cells) {
        const key = formatCellKey(ref);
        const place = report.sourceLines.get(key);
        const cell = report.tables[ref.table][ref.row]?.[ref.column];
        const at = (lines[(place?.line ?? 0) - 1] ?? '').slice((place?.col ?? 1) - 1).normalize('NFKC').replace(/,/g, '');
        const printed = cell?.value === null ? cell.raw : String(Math.abs(cell?.value ?? NaN));
        expect(at.replace(/^[+\-增减]\s*/, ''), `${report.meta.id} ${key}`).toMatch(new RegExp(`^${printed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      }
    }
  });

  it('keeps 嘉荫县’s unreadable 采购总金额 as printed, with no value', () => {
    const county = content.reports.find((r) => r.meta.id === '230722-2020');
    expect(county?.tables.active.procurement?.amount).toEqual({ value: null, raw: '91.928.320', unit: null });
  });

  it('attaches the known-error entries to 同江市’s two failures and points at the first cell', () => {
    const tongjiang = content.reports.find((r) => r.meta.id === '230881-2020')!;
    expect(tongjiang.outcomes.filter((o) => o.known).map((o) => [o.rule, o.known?.at])).toEqual([
      ['T3-A', ['legal_services', 'total']],
      ['T3-B', ['legal_services', 'total']],
    ]);
    expect(content.known.map((d) => `${d.file.replace(CONTENT_DIR, '<content>')}:${d.line}:${d.column} ${d.rule}`)).toEqual([
      '<content>/reports/230881-2020/requests.csv:2:40 T3-A',
      '<content>/reports/230881-2020/requests.csv:2:44 T3-A',
      '<content>/reports/230881-2020/requests.csv:23:42 T3-B',
      '<content>/reports/230881-2020/requests.csv:23:46 T3-B',
    ]);
  });

  it('shares equal cells and passing checks among the reports, frozen, and no unequal ones', () => {
    const cells = content.reports.flatMap((r) => listFormCells(r.form).map((ref) => r.tables[ref.table][ref.row]?.[ref.column]).filter((c) => c !== undefined));
    const byFields = new Map<string, object>();
    for (const cell of cells) {
      expect(Object.isFrozen(cell)).toBe(true);
      const fields = JSON.stringify([cell.value, cell.unit, cell.raw]);
      const first = byFields.get(fields);
      if (first) expect(cell, fields).toBe(first);
      else byFields.set(fields, cell);
    }
    // Distinct objects stand for distinct cells only.
    expect(new Set(cells).size).toBe(byFields.size);
    expect(byFields.size).toBeLessThan(cells.length / 2);
    const passing = content.reports.flatMap((r) => r.outcomes.flatMap((o) => o.checks.filter((c) => c.status === 'pass')));
    const byCheck = new Map<string, object>();
    for (const check of passing) {
      expect(Object.isFrozen(check)).toBe(true);
      expect(check.terms).toEqual([]);
      const fields = JSON.stringify([check.rule, check.severity, check.at, check.left, check.right]);
      const first = byCheck.get(fields);
      if (first) expect(check, fields).toBe(first);
      else byCheck.set(fields, check);
    }
    expect(new Set(passing).size).toBe(byCheck.size);
  });

  it('reads through the ContentFs it is given (no disk): an empty directory is reported, not thrown', () => {
    const empty: ContentFs = { readText: () => undefined, listDirs: () => [], exists: () => false };
    const loaded = loadContent(empty, '/nowhere');
    expect(loaded.reports).toEqual([]);
    expect(loaded.errors.map(formatDiagnostic)).toEqual([
      '/nowhere/jurisdictions.csv:0:0: error [missing-file] the jurisdiction list is missing\n  hint: restore content/jurisdictions.csv',
    ]);
  });
});

// ---- Bad input: one temp copy of content/ per case, one thing broken, every message locked ----

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** Copies content/ to a temp dir, applies the breakage, loads it, and formats what it reports. */
function loadBroken(breakIt: (dir: string) => void): { text: string; loaded: LoadedContent } {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-content-'));
  temps.push(dir);
  cpSync(CONTENT_DIR, dir, { recursive: true });
  breakIt(dir);
  const loaded = loadContent(nodeContentFs, dir);
  const text = sortDiagnostics([...loaded.errors, ...loaded.findings]).map(formatDiagnostic).join('\n').replaceAll(dir, '<content>');
  return { text, loaded };
}

/** Replaces text in a content file; fails the test when the text is not there. */
function edit(dir: string, file: string, from: string | RegExp, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${file}: “${String(from)}” not found`);
  writeFileSync(path, next);
}

describe('bad input', () => {
  it('a source-lines.csv naming an unknown cell or a line beyond source.txt', () => {
    const { text, loaded } = loadBroken((d) => {
      edit(d, 'reports/230881-2020/source-lines.csv', /^active,rules,new_made,\d+,/m, 'active,rules,issued,40,');
      edit(d, 'reports/230881-2020/source-lines.csv', /^appeals,review,total,\d+,/m, 'appeals,review,total,99999,');
    });
    expect(loaded.reports.map((r) => r.meta.id)).not.toContain('230881-2020');
    expect(text).toContain('<content>/reports/230881-2020/source-lines.csv:2:14: error [source-lines] row active.rules of form F2019 has no column “issued”');
    expect(text).toMatch(/source-lines\.csv:\d+:22: error \[source-lines\] line “99999” is not a line of source\.txt/);
  });

  it('a report without source-lines.csv loads, with no places', () => {
    const { loaded } = loadBroken((d) => rmSync(join(d, 'reports/230722-2020/source-lines.csv')));
    expect(loaded.errors).toEqual([]);
    expect(loaded.reports.find((r) => r.meta.id === '230722-2020')?.sourceLines.size).toBe(0);
  });

  it('an unknown row code', () => {
    const { text, loaded } = loadBroken((d) => edit(d, 'reports/230700-2020/requests.csv', /^granted,/m, 'granted_in_full,'));
    expect(loaded.reports.map((r) => r.meta.id)).not.toContain('230700-2020');
    expect(loaded.reports).toHaveLength(4);
    expect(text).toMatchInlineSnapshot(`
      "<content>/reports/230700-2020/requests.csv:4:1: error [unknown-row] unknown row code “granted_in_full” in table 三 (requests) of F2019
        hint: the rows of this table are: received_new, carried_over, granted, partially_granted, denied_state_secret, denied_prohibited_by_law, denied_three_securities, denied_third_party, denied_internal_affairs, denied_deliberative, denied_enforcement_file, denied_query_service, unavailable_not_held, unavailable_needs_compilation, unavailable_unclear, not_processed_petition, not_processed_duplicate, not_processed_publication, not_processed_excessive, not_processed_confirmation, other, processed_total, carried_forward
      <content>/reports/230700-2020/requests.csv:4:1: error [missing-row] row “granted” (三、本年度办理结果 （一）予以公开) is missing
        hint: add a line for it; table 三 of F2019 has 23 rows"
    `);
  });

  it('an unknown column code', () => {
    const { text } = loadBroken((d) => edit(d, 'reports/230700-2020/appeals.csv', ',pending,', ',pendng,'));
    expect(text).toMatchInlineSnapshot(`
      "<content>/reports/230700-2020/appeals.csv:1:34: error [unknown-column] unknown column code “pendng” in table 四 (appeals) of F2019
        hint: the columns of this table are: upheld,corrected,other,pending,total
      <content>/reports/230700-2020/appeals.csv:1:46: error [missing-column] column “pending” (尚未审结) is missing from the header
        hint: the header must be row,label,upheld,corrected,other,pending,total"
    `);
  });

  it('a missing cell', () => {
    const { text } = loadBroken((d) => edit(d, 'reports/230700-2020/requests.csv', '数量,28,0,2,', '数量,28,,2,'));
    expect(text).toMatchInlineSnapshot(`
      "<content>/reports/230700-2020/requests.csv:2:34: error [missing-cell] cell received_new.commercial (本年新收政府信息公开申请数量 × 商业企业) is empty
        hint: write the printed number; write ~ for a cell the report leaves blank, or ~ and the printed text for one that is not a number"
    `);
  });

  it('a line with a field too few', () => {
    const { text } = loadBroken((d) => edit(d, 'reports/230700-2020/appeals.csv', 'review,行政复议,0,1,0,0,1', 'review,行政复议,0,1,0,1'));
    expect(text).toMatchInlineSnapshot(`
      "<content>/reports/230700-2020/appeals.csv:2:20: error [missing-cell] row “review” has 6 fields, but the header has 7
        hint: every line needs one field per header column; leave a field empty only where the form has no such cell"
    `);
  });

  it('text where a number belongs', () => {
    const { text } = loadBroken((d) => {
      edit(d, 'reports/230700-2020/appeals.csv', 'review,行政复议,0,1,0,0,1', 'review,行政复议,0,一,0,0,1');
      edit(d, 'reports/231000-2020/active.csv', '218827.31万元', '218827.31 万元');
    });
    expect(text).toMatchInlineSnapshot(`
      "<content>/reports/230700-2020/appeals.csv:2:15: error [not-a-number] cell review.corrected: “一” is not a number
        hint: write the number as digits (e.g. 12, -3, 21997万元); if the report prints something that is not a number, write ~ followed by the printed text (e.g. ~/ or ~91.928.320), or ~ alone for a blank
      <content>/reports/231000-2020/active.csv:9:31: error [not-a-number] cell procurement.amount: “218827.31 万元” is not a number
        hint: write the number as digits (e.g. 12, -3, 21997万元); if the report prints something that is not a number, write ~ followed by the printed text (e.g. ~/ or ~91.928.320), or ~ alone for a blank"
    `);
  });

  it('a duplicate report id (a folder copied without editing its id)', () => {
    const { text, loaded } = loadBroken((d) => cpSync(join(d, 'reports/230722-2020'), join(d, 'reports/230722-2021'), { recursive: true }));
    expect(loaded.reports.map((r) => r.meta.id)).toContain('230722-2020');
    expect(text).toMatchInlineSnapshot(`
      "<content>/reports/230722-2021/index.md:2:1: error [bad-id] report id “230722-2020” differs from its folder name “230722-2021”
        hint: rename the folder to 230722-2020 or correct the id
      <content>/reports/230722-2021/index.md:2:1: error [duplicate-id] report id “230722-2020” is already used by <content>/reports/230722-2020/index.md
        hint: each report needs its own id; remove the copy or correct the id"
    `);
  });

  it('an unknown jurisdiction', () => {
    const { text } = loadBroken((d) => edit(d, 'reports/230722-2020/index.md', 'jurisdiction: "230722"', 'jurisdiction: "230772"'));
    expect(text).toMatchInlineSnapshot(`
      "<content>/reports/230722-2020/index.md:2:5: error [bad-id] report id “230722-2020” does not start with its jurisdiction code 230772
        hint: rename the report 230772-2020 or correct the jurisdiction
      <content>/reports/230722-2020/index.md:3:15: error [unknown-jurisdiction] jurisdiction “230772” is not in content/jurisdictions.csv
        hint: use the GB/T 2260 six-digit code of the government, e.g. 230881 for 同江市"
    `);
  });

  it('a table with a column of the other form version', () => {
    const { text } = loadBroken((d) => edit(d, 'reports/230722-2020/active.csv', 'row,label,new_made,', 'row,label,issued,'));
    expect(text).toMatchInlineSnapshot(`
      "<content>/reports/230722-2020/active.csv:1:11: error [wrong-form] column “issued” belongs to table 二 of F2021, but this report declares form F2019
        hint: either set form: F2021 in the report's front matter, or use the F2019 columns: new_made,new_published,total_published,prev_items,change,decisions,projects,amount
      <content>/reports/230722-2020/active.csv:1:91: error [missing-column] column “new_made” (本年新制作数量) is missing from the header
        hint: the header must be row,label,new_made,new_published,total_published,prev_items,change,decisions,projects,amount"
    `);
  });

  it('a stale known error: the content no longer fails the rule', () => {
    const { text } = loadBroken((d) =>
      edit(d, 'reports/230881-2020/requests.csv', '四、结转下年度继续办理,0,0,0,0,4,0,4', '四、结转下年度继续办理,0,0,0,0,0,0,0'),
    );
    expect(text).toMatchInlineSnapshot(`
      "<content>/known-errors.yaml:16:3: error [known-error-stale] known error entry no longer matches: T3-A no longer fails for 230881-2020
        hint: if the content was corrected, remove the entry (or set status: corrected-upstream and update at:); otherwise restore the printed numbers"
    `);
  });

  it('a stale known error: the rule fails elsewhere than recorded', () => {
    const { text } = loadBroken((d) => edit(d, 'known-errors.yaml', 'rule: T3-B\n  at: [legal_services, total]', 'rule: T3-B\n  at: [total]'));
    expect(text).toMatchInlineSnapshot(`
      "<content>/known-errors.yaml:25:3: error [known-error-stale] known error entry no longer matches: T3-B now fails at [legal_services, total], not at [total]
        hint: if the content was corrected, remove the entry (or set status: corrected-upstream and update at:); otherwise restore the printed numbers
      <content>/reports/230881-2020/requests.csv:23:42: error [T3-B] 230881-2020 at legal_services: processed_total.legal_services 4, but granted.legal_services + … + other.legal_services = 0 (all 19 cells are 0)
        hint: compare these cells with the published report: if the report prints them so, record the failure in known-errors.yaml; if the content differs from the report, correct the content
      <content>/reports/230881-2020/requests.csv:23:46: error [T3-B] 230881-2020 at total: processed_total.total 25, but granted.total 9 + denied_third_party.total 1 + unavailable_not_held.total 2 + not_processed_petition.total 6 + not_processed_duplicate.total 1 + other.total 2 = 21 (the other 13 cells are 0)
        hint: compare these cells with the published report: if the report prints them so, record the failure in known-errors.yaml; if the content differs from the report, correct the content"
    `);
  });

  it('a known error about a report that is not there, and a malformed entry', () => {
    const { text } = loadBroken((d) =>
      writeFileSync(
        join(d, 'known-errors.yaml'),
        `${readFileSync(join(d, 'known-errors.yaml'), 'utf8')}\n- report: 230881-2019\n  rule: T3-A\n  at: [total]\n  reason: x\n  status: open\n\n- T3-C in 230700-2020\n\n- report: 230700-2020\n  rule: T3A\n  at: total\n  status: fixed\n`,
      ),
    );
    expect(text).toMatchInlineSnapshot(`
      "<content>/known-errors.yaml:34:3: error [known-error-stale] known error entry no longer matches: there is no report 230881-2019
        hint: if the content was corrected, remove the entry (or set status: corrected-upstream and update at:); otherwise restore the printed numbers
      <content>/known-errors.yaml:40:3: error [known-errors] an entry must be a map with report, rule, at, reason, status
        hint: see the comment at the top of the file
      <content>/known-errors.yaml:42:3: error [known-errors] “T3A” is not a rule id
        hint: write one of T3-A, T3-B, T3-C, T4-A, T2-A, G-1, X-1, X-2
      <content>/known-errors.yaml:42:3: error [known-errors] entry has no “at” list
        hint: list the columns or rows where the rule fails, e.g. at: [legal_services, total]
      <content>/known-errors.yaml:42:3: error [known-errors] entry has no reason
        hint: say what the published report prints and why it is kept as printed
      <content>/known-errors.yaml:42:3: error [known-errors] status “fixed” is not one of open, reported, corrected-upstream
        hint: write status: open until the publisher corrects it"
    `);
  });

  it('malformed front matter YAML', () => {
    const { text } = loadBroken((d) => edit(d, 'reports/230722-2020/index.md', 'title: 嘉荫县', 'title: 嘉荫县: '));
    expect(text).toMatchInlineSnapshot(`
      "<content>/reports/230722-2020/index.md:7:8: error [front-matter] the front matter is not valid YAML: Nested mappings are not allowed in compact mappings
        hint: fix the YAML syntax between the --- lines; put a value that contains “: ” or starts with [ { # * & ! | > in double quotes"
    `);
  });

  it('front matter missing its fields or its closing ---', () => {
    const { text } = loadBroken((d) => {
      edit(d, 'reports/230722-2020/index.md', /^year: 2020\n/m, '');
      edit(d, 'reports/230700-2020/index.md', /^---\n\n/m, '\n');
    });
    expect(text).toMatchInlineSnapshot(`
      "<content>/reports/230700-2020/index.md:1:1: error [front-matter] the file does not start with front matter between --- lines
        hint: start the file with ---, the fields id, jurisdiction, year, form, scope, title, publisher, source, then ---
      <content>/reports/230722-2020/index.md:2:1: error [front-matter] year must be a four-digit report year, found “”
        hint: write the year the report covers, e.g. year: 2020"
    `);
  });

  it('a missing table file', () => {
    const { text, loaded } = loadBroken((d) => rmSync(join(d, 'reports/230722-2020/requests.csv')));
    expect(existsSync(join(CONTENT_DIR, 'reports/230722-2020/requests.csv'))).toBe(true);
    expect(loaded.reports).toHaveLength(4);
    expect(text).toMatchInlineSnapshot(`
      "<content>/reports/230722-2020/requests.csv:0:0: error [missing-file] table 三 (requests) is missing
        hint: add requests.csv; every report has all three tables"
    `);
  });

  it('several problems in different files, all listed at once and sorted by file and line', () => {
    const { text, loaded } = loadBroken((d) => {
      rmSync(join(d, 'reports/230000-2020/appeals.csv'));
      edit(d, 'reports/230700-2020/requests.csv', /^carried_over,/m, 'carried_in,');
      edit(d, 'reports/231000-2020/appeals.csv', /^review,行政复议,5,/m, 'review,行政复议,/,');
      edit(d, 'reports/230722-2020/index.md', 'form: F2019', 'form: F2020');
      edit(d, 'known-errors.yaml', 'rule: T3-A', 'rule: T3A');
    });
    expect(loaded.reports.map((r) => r.meta.id)).toEqual(['230881-2020']);
    expect(text).toMatchInlineSnapshot(`
      "<content>/known-errors.yaml:16:3: error [known-errors] “T3A” is not a rule id
        hint: write one of T3-A, T3-B, T3-C, T4-A, T2-A, G-1, X-1, X-2
      <content>/reports/230000-2020/appeals.csv:0:0: error [missing-file] table 四 (appeals) is missing
        hint: add appeals.csv; every report has all three tables
      <content>/reports/230700-2020/requests.csv:3:1: error [unknown-row] unknown row code “carried_in” in table 三 (requests) of F2019
        hint: the rows of this table are: received_new, carried_over, granted, partially_granted, denied_state_secret, denied_prohibited_by_law, denied_three_securities, denied_third_party, denied_internal_affairs, denied_deliberative, denied_enforcement_file, denied_query_service, unavailable_not_held, unavailable_needs_compilation, unavailable_unclear, not_processed_petition, not_processed_duplicate, not_processed_publication, not_processed_excessive, not_processed_confirmation, other, processed_total, carried_forward
      <content>/reports/230700-2020/requests.csv:3:1: error [missing-row] row “carried_over” (二、上年结转政府信息公开申请数量) is missing
        hint: add a line for it; table 三 of F2019 has 23 rows
      <content>/reports/230722-2020/index.md:5:7: error [unknown-form] unknown form “F2020”
        hint: write form: F2019 (report years 2019–2020 format) or form: F2021 (2021 onward)
      <content>/reports/230881-2020/requests.csv:2:40: error [T3-A] 230881-2020 at legal_services: received_new.legal_services 4 + carried_over.legal_services 0 = 4, but processed_total.legal_services 4 + carried_forward.legal_services 4 = 8
        hint: compare these cells with the published report: if the report prints them so, record the failure in known-errors.yaml; if the content differs from the report, correct the content
      <content>/reports/230881-2020/requests.csv:2:44: error [T3-A] 230881-2020 at total: received_new.total 25 + carried_over.total 0 = 25, but processed_total.total 25 + carried_forward.total 4 = 29
        hint: compare these cells with the published report: if the report prints them so, record the failure in known-errors.yaml; if the content differs from the report, correct the content
      <content>/reports/231000-2020/appeals.csv:2:13: error [not-a-number] cell review.upheld: “/” is not a number
        hint: write the number as digits (e.g. 12, -3, 21997万元); if the report prints something that is not a number, write ~ followed by the printed text (e.g. ~/ or ~91.928.320), or ~ alone for a blank"
    `);
  });

  it('a rule failure that is not a known error is a finding with the numbers and what to do', () => {
    const { text, loaded } = loadBroken((d) => edit(d, 'reports/230700-2020/appeals.csv', 'review,行政复议,0,1,0,0,1', 'review,行政复议,0,1,0,0,2'));
    expect(loaded.errors).toEqual([]);
    expect(loaded.reports).toHaveLength(5);
    expect(text).toMatchInlineSnapshot(`
      "<content>/reports/230700-2020/appeals.csv:2:21: error [T4-A] 230700-2020 at review: review.total 2, but review.upheld 0 + review.corrected 1 + review.other 0 + review.pending 0 = 1
        hint: compare these cells with the published report: if the report prints them so, record the failure in known-errors.yaml; if the content differs from the report, correct the content"
    `);
  });
  it('findings of T2-A (a warning) and G-1, with their numbers', () => {
    const { text, loaded } = loadBroken((d) => {
      edit(d, 'reports/230700-2020/active.csv', 'normative_documents,规范性文件,97,97,290', 'normative_documents,规范性文件,97,97,90');
      edit(d, 'reports/230700-2020/active.csv', 'fees,行政事业性收费,,,,81,-31', 'fees,行政事业性收费,,,,81,-31.5');
    });
    expect(loaded.errors).toEqual([]);
    expect(loaded.findings.map((f) => [f.rule, f.severity])).toEqual([
      ['T2-A', 'warning'],
      ['G-1', 'error'],
    ]);
    expect(text).toMatchInlineSnapshot(`
      "<content>/reports/230700-2020/active.csv:3:33: warning [T2-A] 230700-2020 at normative_documents: normative_documents.total_published 90 is less than normative_documents.new_published 97
        hint: compare these cells with the published report: if the report prints them so, record the failure in known-errors.yaml; if the content differs from the report, correct the content
      <content>/reports/230700-2020/active.csv:8:20: error [G-1] 230700-2020 active.fees.change is -31.5, which its column does not allow
        hint: compare these cells with the published report: if the report prints them so, record the failure in known-errors.yaml; if the content differs from the report, correct the content"
    `);
  });

  it('a cross-year finding (X-1) against the previous year’s report of the same government', () => {
    const { text } = loadBroken((d) => {
      const prev = 'reports/230722-2019';
      cpSync(join(d, 'reports/230722-2020'), join(d, prev), { recursive: true });
      edit(d, `${prev}/index.md`, 'id: 230722-2020', 'id: 230722-2019');
      edit(d, `${prev}/index.md`, 'year: 2020', 'year: 2019');
      // 2019: 2 new, 1 processed, 1 carried forward into 2020 (which carries over 0).
      edit(d, `${prev}/requests.csv`, /^(received_new,[^,]*),1,0,0,0,0,0,1$/m, '$1,2,0,0,0,0,0,2');
      edit(d, `${prev}/requests.csv`, /^(carried_forward,[^,]*),0,0,0,0,0,0,0$/m, '$1,1,0,0,0,0,0,1');
    });
    expect(text).toMatchInlineSnapshot(`
      "<content>/reports/230722-2020/requests.csv:3:31: warning [X-1] 230722-2020 at natural_person: carried_over.natural_person 0, but carried_forward.natural_person (230722-2019) 1
        hint: compare these cells with the published report: if the report prints them so, record the failure in known-errors.yaml; if the content differs from the report, correct the content
      <content>/reports/230722-2020/requests.csv:3:43: warning [X-1] 230722-2020 at total: carried_over.total 0, but carried_forward.total (230722-2019) 1
        hint: compare these cells with the published report: if the report prints them so, record the failure in known-errors.yaml; if the content differs from the report, correct the content"
    `);
  });
});
