import { describe, expect, it } from 'vitest';
import { findColumn, findRow, formatColumnLabel, formatRowLabel, hasCell, listFormCells, listOutcomeGroupRows, listOutcomeGroups, listTableCells } from './cells.ts';
import { F2019, F2021, findForm, FORMS, formForYear, TABLE_IDS } from './forms.ts';
import { isRuleId, listAllRules, listRules, RULE_IDS } from './rules.ts';
import type { ColumnSpec, FormSpec, TableSpec } from './types.ts';

/** Every label and alias a form prints (rows, columns, groups), for the marker tests. */
function listPrintedTexts(form: FormSpec): string[] {
  return TABLE_IDS.flatMap((t) => {
    const table = form.tables[t];
    return [
      ...table.columns.flatMap((c) => [c.label, ...c.aliases, ...(c.group ? [c.group] : [])]),
      ...table.rows.flatMap((r) => [r.label, ...r.aliases, ...r.groups]),
    ];
  });
}

const eachTable = FORMS.flatMap((form) => TABLE_IDS.map((t) => [form.id, t, form.tables[t]] as const));

describe('the form declaration', () => {
  it.each([
    ['F2019', 'active', 22],
    ['F2019', 'requests', 161],
    ['F2019', 'appeals', 15],
    ['F2021', 'active', 10],
    ['F2021', 'requests', 175],
    ['F2021', 'appeals', 15],
  ] as const)('%s table %s has the spec’s %i cells', (formId, tableId, count) => {
    const form = findForm(formId);
    expect(form).toBeDefined();
    expect(listTableCells(form!.tables[tableId])).toHaveLength(count);
  });

  it('has the spec’s row counts for table 三 (23 on F2019, 25 on F2021) and 3 × 5 for table 四', () => {
    expect(F2019.tables.requests.rows).toHaveLength(23);
    expect(F2021.tables.requests.rows).toHaveLength(25);
    expect(F2019.tables.requests.columns).toHaveLength(7);
    for (const form of FORMS) {
      expect(form.tables.appeals.rows).toHaveLength(3);
      expect(form.tables.appeals.columns).toHaveLength(5);
    }
  });

  it('lists every cell of a form once: 198 on F2019, 200 on F2021', () => {
    expect(listFormCells(F2019)).toHaveLength(22 + 161 + 15);
    expect(listFormCells(F2021)).toHaveLength(10 + 175 + 15);
    for (const form of FORMS) {
      const keys = listFormCells(form).map((c) => `${c.table}.${c.row}.${c.column}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it.each(eachTable)('%s table %s: row codes and column codes are unique', (_form, _t, table) => {
    const rows = table.rows.map((r) => r.code);
    const columns = table.columns.map((c) => c.code);
    expect(new Set(rows).size).toBe(rows.length);
    expect(new Set(columns).size).toBe(columns.length);
  });

  it.each(eachTable)('%s table %s: every row’s columns exist, in the table’s printed order', (_form, _t, table) => {
    const order = table.columns.map((c) => c.code);
    for (const row of table.rows) {
      expect(row.columns.length).toBeGreaterThan(0);
      for (const code of row.columns) expect(order, `${row.code}.${code}`).toContain(code);
      const positions = row.columns.map((c) => order.indexOf(c));
      expect(positions, row.code).toEqual([...positions].sort((a, b) => a - b));
    }
  });

  it.each(eachTable)('%s table %s: codes are lower snake case and labels are non-empty', (_form, _t, table: TableSpec) => {
    expect(table.title.trim()).not.toBe('');
    expect(table.headingKeywords.length).toBeGreaterThan(0);
    for (const item of [...table.rows, ...table.columns]) {
      expect(item.code).toMatch(/^[a-z][a-z_]*[a-z]$/);
      expect(item.label.trim(), item.code).not.toBe('');
      for (const alias of item.aliases) expect(alias.trim(), item.code).not.toBe('');
    }
    for (const row of table.rows) for (const g of row.groups) expect(g.trim(), row.code).not.toBe('');
  });

  it('F2021 table 三 is F2019’s except （六）: one “other” row becomes three other_* rows', () => {
    const isOther = (code: string): boolean => code === 'other' || code.startsWith('other_');
    const shared = (form: FormSpec) => form.tables.requests.rows.filter((r) => !isOther(r.code));
    expect(shared(F2021)).toEqual(shared(F2019));
    expect(F2021.tables.requests.columns).toEqual(F2019.tables.requests.columns);
    expect(F2019.tables.requests.rows.filter((r) => isOther(r.code)).map((r) => r.code)).toEqual(['other']);
    expect(F2021.tables.requests.rows.filter((r) => isOther(r.code)).map((r) => r.code)).toEqual([
      'other_no_correction',
      'other_unpaid_fee',
      'other_misc',
    ]);
    // （六） stands where it stands on the printed form: after （五）5, before （七）总计.
    for (const form of FORMS) {
      const codes = form.tables.requests.rows.map((r) => r.code);
      expect(codes.indexOf('not_processed_confirmation') + 1).toBe(codes.findIndex(isOther));
      expect(codes.slice(-2)).toEqual(['processed_total', 'carried_forward']);
    }
  });

  it('table 四 is the same in both versions', () => {
    expect(F2021.tables.appeals).toEqual(F2019.tables.appeals);
  });

  it('marks the outcome rows that （七）总计 sums: 19 on F2019, 21 on F2021 (every row but 一 二 （七） 四)', () => {
    for (const [form, count] of [[F2019, 19], [F2021, 21]] as const) {
      const outcomes = form.tables.requests.rows.filter((r) => r.role === 'outcome').map((r) => r.code);
      expect(outcomes).toHaveLength(count);
      expect(outcomes).toContain('granted');
      expect(outcomes).not.toContain('processed_total');
      expect(outcomes).not.toContain('received_new');
    }
  });

  it('puts every outcome row, and only those, in one declared outcome group; a group’s rows stand together in printed order', () => {
    for (const form of FORMS) {
      const rows = form.tables.requests.rows;
      expect(rows.filter((r) => r.outcomeGroup !== undefined)).toEqual(rows.filter((r) => r.role === 'outcome'));
      const groups = listOutcomeGroups(form);
      expect(groups.map((g) => g.group.code)).toEqual(form.outcomeGroups.map((g) => g.code));
      const order = rows.filter((r) => r.outcomeGroup).map((r) => r.code);
      expect(groups.flatMap((g) => g.rows.map((r) => r.code))).toEqual(order);
      for (const { group, rows: members } of groups) {
        expect(members.length, `${form.id} ${group.code}`).toBeGreaterThan(0);
        // A group of several rows is printed as a heading over them; a group of one row is that row.
        if (members.length > 1) for (const r of members) expect(r.groups.at(-1), r.code).toBe(group.label);
        else expect(`${members[0]?.number}${members[0]?.label}`.startsWith(group.label), group.code).toBe(true);
        expect(group.label.endsWith(group.shortLabel)).toBe(true);
      }
    }
    expect(listOutcomeGroups(F2019).map((g) => g.rows.length)).toEqual([1, 1, 8, 3, 5, 1]);
    expect(listOutcomeGroups(F2021).at(-1)?.rows.map((r) => r.code)).toEqual(['other_no_correction', 'other_unpaid_fee', 'other_misc']);
    expect(listOutcomeGroupRows(F2021, ['other', 'granted'])).toEqual(['granted', 'other_no_correction', 'other_unpaid_fee', 'other_misc']);
  });

  it('gives every row and column a short label that is the label or one of its wordings cut down, never longer', () => {
    for (const form of FORMS) {
      for (const t of TABLE_IDS) {
        for (const r of form.tables[t].rows) {
          expect(r.shortLabel.length, r.code).toBeGreaterThan(0);
          expect([r.label, ...r.aliases].some((l) => l.replace(/["“”]/g, '').includes(r.shortLabel.replace(/["“”]/g, ''))), `${form.id} ${r.code}`).toBe(true);
        }
        for (const c of form.tables[t].columns) expect(c.label.includes(c.shortLabel), `${form.id} ${c.code}`).toBe(true);
      }
    }
  });

  it('declares the cell kinds of the spec: 本年增/减 signed, money with a unit only where the form prints one', () => {
    expect(findColumn(F2019.tables.active, 'change')?.kind).toBe('signed');
    expect(findColumn(F2019.tables.active, 'amount')?.kind).toBe('money');
    expect(findColumn(F2019.tables.active, 'amount')?.fixedUnit).toBeUndefined();
    expect(findColumn(F2021.tables.active, 'amount')).toMatchObject({ kind: 'money', fixedUnit: '万元' });
    const others = FORMS.flatMap((f) => TABLE_IDS.flatMap((t): readonly ColumnSpec[] => f.tables[t].columns)).filter((c) => c.code !== 'change' && c.code !== 'amount');
    expect(others.every((c) => c.kind === 'count' && c.fixedUnit === undefined)).toBe(true);
  });

  it('gives each table-二 row its own columns (spec §2)', () => {
    expect(findRow(F2019.tables.active, 'fees')?.columns).toEqual(['prev_items', 'change']);
    expect(findRow(F2019.tables.active, 'procurement')?.columns).toEqual(['projects', 'amount']);
    expect(findRow(F2021.tables.active, 'fees')?.columns).toEqual(['amount']);
    expect(hasCell(F2019, 'active', 'rules', 'total_published')).toBe(true);
    expect(hasCell(F2019, 'active', 'rules', 'decisions')).toBe(false);
    expect(hasCell(F2021, 'active', 'other_services', 'decisions')).toBe(false);
    expect(hasCell(F2021, 'requests', 'other', 'total')).toBe(false);
    expect(hasCell(F2019, 'requests', 'other', 'total')).toBe(true);
  });

  it.each([
    [F2019, F2021],
    [F2021, F2019],
  ])('the markers of %s are printed on it and nowhere on the other version', (own, other) => {
    expect(own.markers.length).toBeGreaterThan(0);
    const ownTexts = listPrintedTexts(own);
    const otherTexts = listPrintedTexts(other);
    for (const marker of own.markers) {
      expect(ownTexts.some((t) => t.includes(marker)), marker).toBe(true);
      expect(otherTexts.filter((t) => t.includes(marker)), marker).toEqual([]);
    }
    expect(own.markers.filter((m) => other.markers.includes(m))).toEqual([]);
  });

  it('formats full printed labels with their groups', () => {
    expect(formatRowLabel(findRow(F2019.tables.requests, 'denied_state_secret')!)).toBe('三、本年度办理结果 （三）不予公开 1.属于国家秘密');
    expect(formatRowLabel(findRow(F2021.tables.requests, 'other_misc')!)).toBe('三、本年度办理结果 （六）其他处理 3.其他');
    expect(formatRowLabel(findRow(F2019.tables.appeals, 'litigation_direct')!)).toBe('行政诉讼 未经复议直接起诉');
    expect(formatColumnLabel(findColumn(F2019.tables.requests, 'commercial')!)).toBe('法人或其他组织 商业企业');
    expect(formatColumnLabel(findColumn(F2019.tables.requests, 'total')!)).toBe('总计');
  });

  it('tells the printed labels of rows apart within a table', () => {
    for (const form of FORMS) {
      for (const t of TABLE_IDS) {
        const labels = form.tables[t].rows.map(formatRowLabel);
        expect(new Set(labels).size).toBe(labels.length);
      }
    }
  });

  it('finds forms by id and the version meant for a year', () => {
    expect(findForm('F2019')).toBe(F2019);
    expect(findForm('F2021')).toBe(F2021);
    expect(findForm('F2020')).toBeUndefined();
    expect([2019, 2020, 2021, 2025].map(formForYear)).toEqual(['F2019', 'F2019', 'F2021', 'F2021']);
    expect(F2019.years).toEqual({ from: 2019, to: 2020 });
    expect(F2021.years).toEqual({ from: 2021, to: null });
  });
});

describe('the rule declarations', () => {
  it('applies T2-A only to F2019 and X-2 only to F2021; the rest to both', () => {
    expect(listRules(F2019).map((r) => r.id)).toEqual(['T3-A', 'T3-B', 'T3-C', 'T4-A', 'T2-A', 'X-1', 'G-1']);
    expect(listRules(F2021).map((r) => r.id)).toEqual(['T3-A', 'T3-B', 'T3-C', 'T4-A', 'X-1', 'X-2', 'G-1']);
  });

  it('lists every published rule once, with its severity (spec §5)', () => {
    const rules = listAllRules();
    expect(rules.map((r) => r.id)).toEqual([...RULE_IDS]);
    expect(Object.fromEntries(rules.map((r) => [r.id, r.severity]))).toEqual({
      'T3-A': 'error',
      'T3-B': 'error',
      'T3-C': 'error',
      'T4-A': 'error',
      'T2-A': 'warning',
      'G-1': 'error',
      'X-1': 'warning',
      'X-2': 'warning',
    });
    for (const r of rules) for (const text of [r.title, r.statement, r.meaning]) expect(text.trim(), r.id).not.toBe('');
  });

  it('names only codes the form declares in every sum rule', () => {
    for (const form of FORMS) {
      for (const rule of listRules(form)) {
        if (rule.kind !== 'sum') continue;
        const table = form.tables[rule.table];
        const places = rule.each === 'column' ? table.columns : table.rows;
        const addends = rule.each === 'column' ? table.rows : table.columns;
        for (const code of rule.only ?? []) expect(places.map((p) => p.code), `${form.id} ${rule.id}`).toContain(code);
        for (const term of [...rule.left, ...rule.right]) expect(addends.map((a) => a.code), `${form.id} ${rule.id}`).toContain(term.code);
      }
    }
  });

  it('sums （六） as the rows of the version: other on F2019, the three other_* on F2021', () => {
    const t3b = (form: FormSpec) => listRules(form).find((r) => r.id === 'T3-B');
    const codes = (form: FormSpec) => {
      const rule = t3b(form);
      return rule?.kind === 'sum' ? rule.right.map((t) => t.code) : [];
    };
    expect(codes(F2019)).toHaveLength(19);
    expect(codes(F2019)).toContain('other');
    expect(codes(F2021)).toHaveLength(21);
    expect(codes(F2021)).toEqual(expect.arrayContaining(['other_no_correction', 'other_unpaid_fee', 'other_misc']));
    expect(codes(F2021)).not.toContain('other');
  });

  it('recognises rule ids', () => {
    expect(RULE_IDS.every(isRuleId)).toBe(true);
    expect(isRuleId('T3-D')).toBe(false);
    expect(isRuleId('t3-a')).toBe(false);
  });
});
