import { describe, expect, it } from 'vitest';
import { F2019, F2021 } from '../form/forms.ts';
import { loadCommittedContent, readExpectedReport, restateOnF2021, setCellValue } from '../fixtures/committed-content.ts';
import type { CheckedReport } from '../reports/types.ts';
import { deriveMetric, deriveMetrics, describeMetricCells, formatMetricFormula, listMetricCells } from './derive-metrics.ts';
import { findMetric, METRICS, SMALL_BASE, type MetricSpec } from './metric-specs.ts';

function checked(id: string): CheckedReport {
  const report = loadCommittedContent().reports.find((r) => r.meta.id === id);
  if (!report) throw new Error(`no committed report ${id}`);
  return report;
}

function metric(id: string): MetricSpec {
  const m = findMetric(id);
  if (!m) throw new Error(`no metric ${id}`);
  return m;
}

describe('deriveMetrics on 黑龙江省 2020 (230000-2020)', () => {
  const v = deriveMetrics(checked('230000-2020')).values;

  it('counts the new requests', () => {
    expect(v.requests_received).toMatchObject({ value: 6117, numerator: 6117, denominator: null, caution: false, missing: null });
  });

  it('computes the outcome rates over the printed （七）总计', () => {
    expect(v.grant_rate).toMatchObject({ numerator: 2988 + 328, denominator: 6051, value: 3316 / 6051, caution: false });
    expect(v.denial_rate).toMatchObject({ numerator: 37 + 13 + 4 + 291 + 33 + 54 + 41 + 31, denominator: 6051 });
    expect(v.denial_rate.numerator).toBe(504);
    expect(v.unavailable_rate).toMatchObject({ numerator: 1711, denominator: 6051, value: 1711 / 6051 });
    expect(v.not_held_share).toMatchObject({ numerator: 1655, value: 1655 / 6051 });
    expect(v.not_processed_rate).toMatchObject({ numerator: 126 + 161 + 2 + 35 + 16, value: 340 / 6051 });
    expect(v.other_rate).toMatchObject({ numerator: 180, value: 180 / 6051 });
  });

  it('computes the applicant share and the appeal rates over concluded cases', () => {
    expect(v.natural_person_share).toMatchObject({ numerator: 5672, denominator: 6117, value: 5672 / 6117 });
    expect(v.review_correction_rate).toMatchObject({ numerator: 50, denominator: 109 + 50 + 33, value: 50 / 192 });
    expect(v.litigation_correction_rate).toMatchObject({ numerator: 12 + 1, denominator: 31 + 12 + 107 + 30 + 1 + 14, value: 13 / 195 });
    expect(v.appeals_per_100).toMatchObject({ numerator: 225 + 154 + 45, denominator: 6117, value: (424 / 6117) * 100 });
  });

  it('reads table 二 for the approximately comparable counts', () => {
    expect(v.normative_documents_issued).toMatchObject({ value: 1959, cells: ['active.normative_documents.new_made'] });
    expect(v.licensing_decisions.value).toBe(2180117);
  });

  it('lists the cells used, numerator first, in form order', () => {
    expect(v.grant_rate.cells).toEqual(['requests.granted.total', 'requests.partially_granted.total', 'requests.processed_total.total']);
    expect(v.denial_rate.cells).toHaveLength(9);
  });
});

describe('deriveMetrics against the hand-transcribed expected values', () => {
  for (const id of ['230000-2020', '230700-2020', '230722-2020', '230881-2020', '231000-2020']) {
    it(`${id}: 公开率 and 自然人 share use the transcribed cells`, () => {
      const t = readExpectedReport(id).tables.requests;
      const v = deriveMetrics(checked(id)).values;
      const granted = (t.granted?.total ?? NaN) + (t.partially_granted?.total ?? NaN);
      expect(v.grant_rate.numerator).toBe(granted);
      expect(v.grant_rate.denominator).toBe(t.processed_total?.total);
      expect(v.natural_person_share.numerator).toBe(t.received_new?.natural_person);
    });
  }
});

describe('small bases, zero bases and blank cells', () => {
  it('marks a rate on fewer than SMALL_BASE cases with a caution (嘉荫县: 1 of 1 granted)', () => {
    const v = deriveMetrics(checked('230722-2020')).values;
    expect(SMALL_BASE).toBe(10);
    expect(v.grant_rate).toMatchObject({ numerator: 1, denominator: 1, value: 1, caution: true });
  });

  it('gives no rate over zero concluded cases, with the reason (嘉荫县 had no 复议)', () => {
    const v = deriveMetrics(checked('230722-2020')).values.review_correction_rate;
    expect(v.value).toBeNull();
    expect(v.numerator).toBe(0);
    expect(v.denominator).toBe(0);
    expect(v.missing).toEqual({ reason: 'zero-denominator', message: '复议已审结为 0，无法计算比例', cells: ['appeals.review.upheld', 'appeals.review.corrected', 'appeals.review.other'] });
  });

  it('keeps a rate on exactly SMALL_BASE cases without a caution (伊春市 litigation variant)', () => {
    const report = setCellValue(checked('230700-2020'), { table: 'requests', row: 'received_new', column: 'total' }, 10);
    expect(deriveMetric(metric('natural_person_share'), report)).toMatchObject({ numerator: 28, denominator: 10, caution: false });
  });

  it('gives null with the printed text when a cell is blank, never 0', () => {
    const report = setCellValue(checked('231000-2020'), { table: 'requests', row: 'partially_granted', column: 'total' }, null, '/');
    const v = deriveMetric(metric('grant_rate'), report);
    expect(v.value).toBeNull();
    expect(v.numerator).toBeNull();
    expect(v.denominator).toBe(127);
    expect(v.missing?.reason).toBe('no-number');
    expect(v.missing?.cells).toEqual(['requests.partially_granted.total']);
    expect(v.missing?.message).toContain('（“/”）');
  });
});

describe('rule flags', () => {
  it('flags the 同江市 rates that use the 总计 column T3-A and T3-B fail on, keeping the printed figure', () => {
    const v = deriveMetrics(checked('230881-2020')).values;
    expect(v.grant_rate).toMatchObject({ numerator: 9, denominator: 25, value: 9 / 25, flags: ['T3-A', 'T3-B'] });
    expect(v.requests_received.flags).toEqual(['T3-A']);
    expect(v.natural_person_share.flags).toEqual(['T3-A']);
    expect(v.review_correction_rate.flags).toEqual([]);
  });

  it('has no flags on a report that passes every rule', () => {
    const v = deriveMetrics(checked('231000-2020')).values;
    expect(Object.values(v).flatMap((x) => x.flags)).toEqual([]);
  });
});

describe('form versions', () => {
  const f2019 = deriveMetrics(checked('230000-2020')).values;
  const f2021 = deriveMetrics(restateOnF2021(checked('230000-2020'))).values;

  it('sums the three F2021 （六） rows where F2019 has one', () => {
    expect(f2021.other_rate.cells).toEqual([
      'requests.other_no_correction.total',
      'requests.other_unpaid_fee.total',
      'requests.other_misc.total',
      'requests.processed_total.total',
    ]);
    expect(f2021.other_rate.value).toBe(f2019.other_rate.value);
  });

  it('reads 本年制发件数 on F2021 where F2019 has 本年新制作数量', () => {
    expect(f2021.normative_documents_issued).toMatchObject({ value: 1959, cells: ['active.normative_documents.issued'] });
  });

  it('gives every table 三 and 四 metric the same value on both versions (spec §6)', () => {
    for (const m of METRICS.filter((x) => x.comparability === 'comparable')) {
      expect(f2021[m.id].value, m.id).toBe(f2019[m.id].value);
    }
  });

  it('resolves every metric to cells that exist on both versions', () => {
    for (const m of METRICS) {
      for (const form of [F2019, F2021]) {
        const cells = listMetricCells(m, form);
        expect(cells.numerator.length, `${m.id} ${form.id}`).toBeGreaterThan(0);
        expect(cells.denominator.length > 0, `${m.id} ${form.id}`).toBe(m.denominator !== null);
        for (const ref of [...cells.numerator, ...cells.denominator]) {
          const row = form.tables[ref.table].rows.find((r) => r.code === ref.row);
          expect(row?.columns, `${m.id} ${form.id} ${ref.row}`).toContain(ref.column);
        }
      }
    }
  });
});

describe('declarations', () => {
  it('has unique ids and a caution threshold exactly for rates', () => {
    expect(new Set(METRICS.map((m) => m.id)).size).toBe(METRICS.length);
    for (const m of METRICS) expect(m.cautionBelow === null, m.id).toBe(m.unit === 'count');
  });

  it('states formulas and cells in Chinese from the form', () => {
    expect(formatMetricFormula(metric('grant_rate'))).toBe('予以公开 + 部分公开 ÷ 办理结果总计');
    expect(formatMetricFormula(metric('appeals_per_100'))).toBe('复议与诉讼案件 ÷ 本年新收申请 × 100');
    expect(describeMetricCells(metric('other_rate'), F2021)).toEqual({
      numerator: '表三 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请、2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请、3.其他；总计',
      denominator: '表三 （七）总计；总计',
    });
    expect(describeMetricCells(metric('normative_documents_issued'), F2019).numerator).toBe('表二 规范性文件；本年新制作数量');
  });
});
