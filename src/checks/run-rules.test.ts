import { describe, expect, it } from 'vitest';
import { listTableCells } from '../form/cells.ts';
import { listRules, type RuleId, type SumRule } from '../form/rules.ts';
import type { CellRef } from '../form/types.ts';
import {
  findCommittedReport,
  moveToYear,
  restateOnF2021,
  setCellValue,
} from '../fixtures/committed-content.ts';
import type { ParsedReport, RuleCheck, RuleOutcome } from '../reports/types.ts';
import { runRules } from './run-rules.ts';

type Outcome = Omit<RuleOutcome, 'known'>;

/** The outcome of one rule; fails the test when the rule was not evaluated. */
function outcomeOf(outcomes: readonly Outcome[], rule: RuleId): Outcome {
  const o = outcomes.find((x) => x.rule === rule);
  if (!o) throw new Error(`rule ${rule} was not evaluated`);
  return o;
}

/** The check of a rule at one column or row, reduced to what the tests compare. */
function checkAt(outcomes: readonly Outcome[], rule: RuleId, at: string): Pick<RuleCheck, 'status' | 'left' | 'right'> {
  const c = outcomeOf(outcomes, rule).checks.find((x) => x.at === at);
  if (!c) throw new Error(`rule ${rule} has no check at ${at}`);
  return { status: c.status, left: c.left, right: c.right };
}

/** The places where a rule fails. */
function failingAt(outcomes: readonly Outcome[], rule: RuleId): string[] {
  return outcomeOf(outcomes, rule).checks.filter((c) => c.status === 'fail').map((c) => c.at);
}

/** The rules that fail, in evaluation order. */
function failingRules(outcomes: readonly Outcome[]): RuleId[] {
  return outcomes.filter((o) => o.status === 'fail').map((o) => o.rule);
}

const ref = (table: CellRef['table'], row: CellRef['row'], column: CellRef['column']): CellRef => ({ table, row, column });

const VALID_IDS = ['230000-2020', '230700-2020', '230722-2020', '231000-2020'] as const;
const TABLE_RULES: readonly RuleId[] = ['T3-A', 'T3-B', 'T3-C', 'T4-A'];

describe('runRules on the committed reports', () => {
  it.each(VALID_IDS)('%s passes every rule it can check; X-1 is skipped without a previous year', (id) => {
    const outcomes = runRules(findCommittedReport(id), null);
    expect(failingRules(outcomes)).toEqual([]);
    expect(outcomes.map((o) => [o.rule, o.status])).toEqual([
      ['T3-A', 'pass'],
      ['T3-B', 'pass'],
      ['T3-C', 'pass'],
      ['T4-A', 'pass'],
      ['T2-A', 'pass'],
      ['X-1', 'skipped'],
      ['G-1', 'pass'],
    ]);
    expect(outcomeOf(outcomes, 'X-1').checks).toEqual([]);
  });

  it('同江市 2020 fails exactly T3-A and T3-B, at [legal_services, total], with the printed numbers', () => {
    const outcomes = runRules(findCommittedReport('230881-2020'), null);
    expect(failingRules(outcomes)).toEqual(['T3-A', 'T3-B']);
    expect(failingAt(outcomes, 'T3-A')).toEqual(['legal_services', 'total']);
    expect(failingAt(outcomes, 'T3-B')).toEqual(['legal_services', 'total']);
    // 4 new + 0 carried = 4, but （七）总计 4 + 结转 4 = 8; in 总计 25 ≠ 29 (spec §5).
    expect(checkAt(outcomes, 'T3-A', 'legal_services')).toEqual({ status: 'fail', left: 4, right: 8 });
    expect(checkAt(outcomes, 'T3-A', 'total')).toEqual({ status: 'fail', left: 25, right: 29 });
    // （七）总计 prints 4 and 25; the outcomes add up to 0 and 21.
    expect(checkAt(outcomes, 'T3-B', 'legal_services')).toEqual({ status: 'fail', left: 4, right: 0 });
    expect(checkAt(outcomes, 'T3-B', 'total')).toEqual({ status: 'fail', left: 25, right: 21 });
    expect(checkAt(outcomes, 'T3-A', 'natural_person')).toEqual({ status: 'pass', left: 21, right: 21 });
  });

  it('evaluates T3-A, T3-C and T4-A with the province’s numbers', () => {
    const outcomes = runRules(findCommittedReport('230000-2020'), null);
    // 6117 new + 72 carried = 6051 processed + 138 carried forward.
    expect(checkAt(outcomes, 'T3-A', 'total')).toEqual({ status: 'pass', left: 6189, right: 6189 });
    // 5672 + 174 + 12 + 23 + 29 + 207 = 6117.
    expect(checkAt(outcomes, 'T3-C', 'received_new')).toEqual({ status: 'pass', left: 6117, right: 6117 });
    // 109 + 50 + 33 + 33 = 225.
    expect(checkAt(outcomes, 'T4-A', 'review')).toEqual({ status: 'pass', left: 225, right: 225 });
    expect(outcomeOf(outcomes, 'T3-A').checks).toHaveLength(7);
    expect(outcomeOf(outcomes, 'T3-B').checks).toHaveLength(7);
    expect(outcomeOf(outcomes, 'T3-C').checks).toHaveLength(23);
    expect(outcomeOf(outcomes, 'T4-A').checks).toHaveLength(3);
    expect(outcomeOf(outcomes, 'T2-A').checks.map((c) => c.at)).toEqual(['rules', 'normative_documents']);
  });
});

describe('each rule on variants of a real report', () => {
  const province = findCommittedReport('230000-2020');

  it('T3-A fails at the column whose balance a changed cell breaks, with the numbers', () => {
    const r = setCellValue(province, ref('requests', 'carried_forward', 'total'), 137);
    const outcomes = runRules(r, null);
    expect(failingAt(outcomes, 'T3-A')).toEqual(['total']);
    expect(checkAt(outcomes, 'T3-A', 'total')).toEqual({ status: 'fail', left: 6189, right: 6188 });
  });

  it('T3-B fails when an outcome row changes; T3-C fails on its row', () => {
    const r = setCellValue(province, ref('requests', 'granted', 'research'), 11);
    const outcomes = runRules(r, null);
    expect(failingRules(outcomes)).toEqual(['T3-B', 'T3-C']);
    expect(checkAt(outcomes, 'T3-B', 'research')).toEqual({ status: 'fail', left: 12, right: 13 });
    expect(checkAt(outcomes, 'T3-C', 'granted')).toEqual({ status: 'fail', left: 2988, right: 2989 });
  });

  it('T4-A fails when a row of table 四 does not add up to its 总计', () => {
    const r = setCellValue(province, ref('appeals', 'litigation_after_review', 'total'), 46);
    const outcomes = runRules(r, null);
    expect(failingRules(outcomes)).toEqual(['T4-A']);
    expect(checkAt(outcomes, 'T4-A', 'litigation_after_review')).toEqual({ status: 'fail', left: 46, right: 45 });
  });

  it('skips a check whose cell has no number, and keeps the rule’s other checks', () => {
    const r = setCellValue(findCommittedReport('230700-2020'), ref('requests', 'carried_over', 'total'), null, '/');
    const outcomes = runRules(r, null);
    expect(checkAt(outcomes, 'T3-A', 'total')).toEqual({ status: 'skipped', left: null, right: null });
    expect(checkAt(outcomes, 'T3-A', 'natural_person')).toEqual({ status: 'pass', left: 29, right: 29 });
    expect(checkAt(outcomes, 'T3-C', 'carried_over')).toEqual({ status: 'skipped', left: null, right: null });
    expect(outcomeOf(outcomes, 'T3-A').status).toBe('pass');
    const skipped = outcomeOf(outcomes, 'T3-A').checks.find((c) => c.at === 'total');
    expect(skipped?.terms.filter((t) => t.value === null).map((t) => t.key)).toEqual(['requests.carried_over.total']);
    expect(skipped?.message).toContain('requests.carried_over.total');
  });

  it('marks a rule skipped when none of its checks could be made', () => {
    let r = findCommittedReport('230722-2020');
    r = setCellValue(r, ref('active', 'rules', 'total_published'), null, '');
    r = setCellValue(r, ref('active', 'normative_documents', 'new_published'), null, '—');
    expect(outcomeOf(runRules(r, null), 'T2-A')).toMatchObject({ status: 'skipped' });
    expect(outcomeOf(runRules(r, null), 'T2-A').checks.map((c) => c.status)).toEqual(['skipped', 'skipped']);
  });

  it('T2-A is a ≥ relation: 9 ≥ 9 and 10 ≥ 9 pass, 8 < 9 fails as a warning', () => {
    const county = findCommittedReport('230722-2020');
    const at = (total: number) => runRules(setCellValue(county, ref('active', 'normative_documents', 'total_published'), total), null);
    expect(checkAt(runRules(county, null), 'T2-A', 'normative_documents')).toEqual({ status: 'pass', left: 9, right: 9 });
    expect(checkAt(at(10), 'T2-A', 'normative_documents')).toEqual({ status: 'pass', left: 10, right: 9 });
    expect(checkAt(at(8), 'T2-A', 'normative_documents')).toEqual({ status: 'fail', left: 8, right: 9 });
    const failing = outcomeOf(at(8), 'T2-A').checks.find((c) => c.status === 'fail');
    expect(failing?.severity).toBe('warning');
    expect(failingRules(at(8))).toEqual(['T2-A']);
  });
});

describe('cross-year rules', () => {
  const tongjiang = findCommittedReport('230881-2020');

  it('X-1 compares 上年结转 with last year’s 结转下年度, column by column (both F2019)', () => {
    const next = moveToYear(tongjiang, 2021);
    const outcomes = runRules(next, tongjiang);
    // 同江市 2020 carried 4 法律服务机构 requests forward; the variant 2021 report carries over 0.
    expect(failingAt(outcomes, 'X-1')).toEqual(['legal_services', 'total']);
    expect(checkAt(outcomes, 'X-1', 'total')).toEqual({ status: 'fail', left: 0, right: 4 });
    expect(checkAt(outcomes, 'X-1', 'natural_person')).toEqual({ status: 'pass', left: 0, right: 0 });
    const check = outcomeOf(outcomes, 'X-1').checks.find((c) => c.at === 'total');
    expect(check?.severity).toBe('warning');
    expect(check?.terms.map((t) => [t.key, t.reportId, t.value])).toEqual([
      ['requests.carried_over.total', '230881-2021', 0],
      ['requests.carried_forward.total', '230881-2020', 4],
    ]);
  });

  it('X-1 works across the form versions: an F2021 report after an F2019 report', () => {
    let next = restateOnF2021(moveToYear(tongjiang, 2021));
    expect(next.form.id).toBe('F2021');
    expect(checkAt(runRules(next, tongjiang), 'X-1', 'legal_services')).toEqual({ status: 'fail', left: 0, right: 4 });
    next = setCellValue(next, ref('requests', 'carried_over', 'legal_services'), 4);
    next = setCellValue(next, ref('requests', 'carried_over', 'total'), 4);
    const outcomes = runRules(next, tongjiang);
    expect(outcomeOf(outcomes, 'X-1').status).toBe('pass');
    expect(checkAt(outcomes, 'X-1', 'total')).toEqual({ status: 'pass', left: 4, right: 4 });
    expect(outcomeOf(outcomes, 'X-1').checks).toHaveLength(7);
  });

  it('X-2 checks 现行有效件数 = last year’s + 制发 − 废止 on F2021', () => {
    const y2021 = restateOnF2021(moveToYear(tongjiang, 2021));
    const base = restateOnF2021(moveToYear(tongjiang, 2022));
    const inForce = ref('active', 'normative_documents', 'in_force');
    // 119 in force at the end of 2021, 10 issued and 3 repealed in 2022: 126.
    const withRepealed = setCellValue(base, ref('active', 'normative_documents', 'repealed'), 3);
    const ok = runRules(setCellValue(withRepealed, inForce, 126), y2021);
    expect(checkAt(ok, 'X-2', 'normative_documents')).toEqual({ status: 'pass', left: 126, right: 126 });
    expect(checkAt(ok, 'X-2', 'rules')).toEqual({ status: 'pass', left: 0, right: 0 });
    const bad = runRules(setCellValue(withRepealed, inForce, 129), y2021);
    expect(checkAt(bad, 'X-2', 'normative_documents')).toEqual({ status: 'fail', left: 129, right: 126 });
    expect(outcomeOf(bad, 'X-2').checks.find((c) => c.status === 'fail')?.severity).toBe('warning');
    const check = outcomeOf(bad, 'X-2').checks.find((c) => c.at === 'normative_documents');
    expect(check?.terms.map((t) => [t.key, t.reportId, t.sign, t.value])).toEqual([
      ['active.normative_documents.in_force', '230881-2022', 1, 129],
      ['active.normative_documents.in_force', '230881-2021', 1, 119],
      ['active.normative_documents.issued', '230881-2022', 1, 10],
      ['active.normative_documents.repealed', '230881-2022', -1, 3],
    ]);
  });

  it('X-2 is skipped when the previous report is on F2019 (it has no 现行有效件数)', () => {
    const next = restateOnF2021(moveToYear(tongjiang, 2021));
    const outcome = outcomeOf(runRules(next, tongjiang), 'X-2');
    expect(outcome.status).toBe('skipped');
    expect(outcome.checks.map((c) => [c.at, c.status])).toEqual([
      ['rules', 'skipped'],
      ['normative_documents', 'skipped'],
    ]);
  });

  it('X-2 is not a rule of F2019 and T2-A not one of F2021', () => {
    const f2021 = runRules(restateOnF2021(tongjiang), null).map((o) => o.rule);
    expect(f2021).toContain('X-2');
    expect(f2021).not.toContain('T2-A');
    expect(runRules(tongjiang, null).map((o) => o.rule)).not.toContain('X-2');
  });
});

describe('G-1 cell kinds', () => {
  const tongjiang = findCommittedReport('230881-2020');

  it('fails a negative count, naming the cell', () => {
    const outcomes = runRules(setCellValue(tongjiang, ref('requests', 'denied_state_secret', 'research'), -1), null);
    expect(failingAt(outcomes, 'G-1')).toEqual(['requests.denied_state_secret.research']);
    const check = outcomeOf(outcomes, 'G-1').checks[0];
    expect(check).toMatchObject({ status: 'fail', left: -1, severity: 'error' });
    expect(check?.message).toContain('-1');
  });

  it('fails a decimal count', () => {
    const outcomes = runRules(setCellValue(tongjiang, ref('appeals', 'review', 'pending'), 1.5), null);
    expect(failingAt(outcomes, 'G-1')).toEqual(['appeals.review.pending']);
    expect(outcomeOf(outcomes, 'G-1').checks[0]).toMatchObject({ left: 1.5 });
  });

  it('lets 本年增/减 carry a sign (−2147 is fine) but not a fraction', () => {
    expect(tongjiang.tables.active.licensing?.change?.value).toBe(-2147);
    expect(outcomeOf(runRules(tongjiang, null), 'G-1').status).toBe('pass');
    const outcomes = runRules(setCellValue(tongjiang, ref('active', 'licensing', 'change'), -2.5), null);
    expect(failingAt(outcomes, 'G-1')).toEqual(['active.licensing.change']);
  });

  it('lets a money amount be a decimal (3618261.46万元) but not negative', () => {
    const province = findCommittedReport('230000-2020');
    expect(province.tables.active.procurement?.amount).toMatchObject({ value: 3618261.46, unit: '万元' });
    expect(outcomeOf(runRules(province, null), 'G-1').status).toBe('pass');
    const outcomes = runRules(setCellValue(province, ref('active', 'procurement', 'amount'), -5), null);
    expect(failingAt(outcomes, 'G-1')).toEqual(['active.procurement.amount']);
  });

  it('ignores a cell with no number (嘉荫县 prints 91.928.320) and lists every bad cell', () => {
    const county = findCommittedReport('230722-2020');
    expect(county.tables.active.procurement?.amount).toEqual({ value: null, raw: '91.928.320', unit: null });
    expect(outcomeOf(runRules(county, null), 'G-1').status).toBe('pass');
    let r = setCellValue(county, ref('active', 'fees', 'prev_items'), -3);
    r = setCellValue(r, ref('requests', 'granted', 'natural_person'), 0.5);
    expect(failingAt(runRules(r, null), 'G-1')).toEqual(['active.fees.prev_items', 'requests.granted.natural_person']);
  });
});

/** The arithmetic rules of table 三/四 in whose terms a cell takes part (read from the declarations). */
function listRulesOverCell(report: ParsedReport, cell: CellRef): SumRule[] {
  return listRules(report.form).filter((rule): rule is SumRule => {
    if (rule.kind !== 'sum' || !TABLE_RULES.includes(rule.id) || rule.table !== cell.table) return false;
    const [place, addend] = rule.each === 'column' ? [cell.column, cell.row] : [cell.row, cell.column];
    const placed = rule.only ? rule.only.includes(place) : true;
    return placed && [...rule.left, ...rule.right].some((t) => t.year === 0 && t.code === addend);
  });
}

describe('every single-cell change of table 三 or 四 is caught', () => {
  it.each(VALID_IDS)('%s: +1 and −1 on each of its 176 cells fail T3-A/T3-B/T3-C/T4-A where the cell takes part', (id) => {
    const report = findCommittedReport(id);
    const form = report.form;
    const cells = [...listTableCells(form.tables.requests), ...listTableCells(form.tables.appeals)];
    expect(cells).toHaveLength(161 + 15);
    let mutations = 0;
    for (const cell of cells) {
      const value = report.tables[cell.table][cell.row]?.[cell.column]?.value;
      expect(value, `${id} ${cell.table}.${cell.row}.${cell.column}`).toEqual(expect.any(Number));
      const expected = listRulesOverCell(report, cell);
      expect(expected.length).toBeGreaterThan(0);
      for (const delta of [1, -1]) {
        if ((value ?? 0) + delta < 0) continue;
        const outcomes = runRules(setCellValue(report, cell, (value ?? 0) + delta), null);
        const failing = failingRules(outcomes).filter((r) => TABLE_RULES.includes(r));
        const where = `${id} ${cell.table}.${cell.row}.${cell.column} ${delta > 0 ? '+1' : '−1'}`;
        expect(failing.length, where).toBeGreaterThan(0);
        expect(failing, where).toEqual(expected.map((r) => r.id));
        for (const rule of expected) {
          expect(failingAt(outcomes, rule.id), `${where} ${rule.id}`).toEqual([rule.each === 'column' ? cell.column : cell.row]);
        }
        mutations++;
      }
    }
    expect(mutations).toBeGreaterThan(176);
  });
});

it('evaluates the rules of the form the report carries (an unknown form id never gets this far: the loader refuses it)', () => {
  const report = findCommittedReport('230881-2020');
  expect(report.form.id).toBe(report.meta.form);
  expect(runRules(report, null).map((o) => o.rule)).toEqual(listRules(report.form).map((r) => r.id));
  const restated = restateOnF2021(report);
  expect(restated.form.id).toBe('F2021');
  expect(runRules(restated, null).map((o) => o.rule)).toEqual(listRules(restated.form).map((r) => r.id));
});
