import { describe, expect, it } from 'vitest';
import { F2019, F2021 } from '../form/forms.ts';
import { loadCommittedContent, moveToYear, restateOnF2021, setCellValue } from '../fixtures/committed-content.ts';
import type { CheckedReport, ParsedReport } from '../reports/types.ts';
import { deriveActiveData } from './active.ts';
import { deriveAppealsData } from './appeals.ts';
import { deriveApplicantData } from './applicants.ts';
import { derivePriorYearData } from './prior-year.ts';
import { deriveRankingData } from './ranking.ts';
import { deriveRequestFlowData } from './request-flow.ts';
import { deriveTrendData } from './trend.ts';
import { labelForm, listChartRuleNotes, readValue } from './read-report.ts';
import { runRules } from '../checks/run-rules.ts';

const content = loadCommittedContent();
const j = content.jurisdictions;

function checked(id: string): CheckedReport {
  const report = content.reports.find((r) => r.meta.id === id);
  if (!report) throw new Error(`no committed report ${id}`);
  return report;
}

/** A variant made from a real report, without rule outcomes (it was never checked). */
function variant(report: ParsedReport): CheckedReport {
  return { ...report, outcomes: [] };
}

describe('readValue', () => {
  it('reads a cell by codes the form declares, and a misspelt code does not compile', () => {
    const report = checked('230700-2020');
    expect(readValue(report, 'requests', 'received_new', 'total')).toBe(report.tables.requests.received_new?.total?.value);
    expect(readValue(report, 'appeals', 'review', 'upheld')).toBe(report.tables.appeals.review?.upheld?.value);
    // Each line below fails tsc without its directive: a misspelt row, a column of another table, a row of another table.
    // @ts-expect-error 'received_nwe' is no row code
    expect(readValue(report, 'requests', 'received_nwe', 'total')).toBeNull();
    // @ts-expect-error 'upheld' is a column of table 四, not 三
    expect(readValue(report, 'requests', 'received_new', 'upheld')).toBeNull();
    // @ts-expect-error 'review' is a row of table 四, not 二
    expect(readValue(report, 'active', 'review', 'decisions')).toBeNull();
  });
});

describe('form labels', () => {
  it('names form versions by the year of their notice', () => {
    expect(labelForm(F2019)).toBe('2019 版表式');
    expect(labelForm(F2021)).toBe('2021 版表式');
  });
});

describe('deriveRequestFlowData', () => {
  it('takes the 总计 column of 黑龙江省 2020 group by group', () => {
    const d = deriveRequestFlowData(checked('230000-2020'), j);
    expect(d.title).toBe('黑龙江省2020年政府信息公开申请的办理结果');
    expect([d.receivedNew, d.carriedOver, d.printedTotal]).toEqual([6117, 72, 6051]);
    expect(d.groups.map((g) => [g.key, g.value])).toEqual([
      ['granted', 2988],
      ['partially_granted', 328],
      ['denied', 504],
      ['unavailable', 1711],
      ['not_processed', 340],
      ['other', 180],
      ['carried_forward', 138],
    ]);
    const denied = d.groups.find((g) => g.key === 'denied');
    expect(denied?.reasons.map((r) => r.value)).toEqual([37, 13, 4, 291, 33, 54, 41, 31]);
    expect(denied?.reasons[2]).toEqual({ code: 'denied_three_securities', label: '危及三安全一稳定', fullLabel: '3.危及“三安全一稳定”', value: 4 });
    expect(d.notes).toEqual([]);
  });

  it('keeps 同江市 as printed and says which rules fail on the 总计 column', () => {
    const d = deriveRequestFlowData(checked('230881-2020'), j);
    expect(d.printedTotal).toBe(25);
    expect(d.groups.filter((g) => g.key !== 'carried_forward').reduce((a, g) => a + (g.value ?? 0), 0)).toBe(21);
    expect(d.notes).toEqual([
      '报告所印数字未通过核对 T3-A（申请数量收支平衡）：25 ≠ 29，已核对原文，照印公布。',
      '报告所印数字未通过核对 T3-B（办理结果合计）：25 ≠ 21，已核对原文，照印公布。',
    ]);
  });

  it('gives a group no value when one of its rows is blank', () => {
    const blank = variant(setCellValue(checked('231000-2020'), { table: 'requests', row: 'denied_deliberative', column: 'total' }, null, ''));
    const denied = deriveRequestFlowData(blank, j).groups.find((g) => g.key === 'denied');
    expect(denied?.value).toBeNull();
    expect(denied?.reasons.find((r) => r.code === 'denied_deliberative')?.value).toBeNull();
  });

  it('splits （六） into its three F2021 reasons', () => {
    const d = deriveRequestFlowData(variant(restateOnF2021(checked('230000-2020'))), j);
    const other = d.groups.find((g) => g.key === 'other');
    expect(other?.value).toBe(180);
    expect(other?.reasons.map((r) => [r.label, r.value])).toEqual([
      ['逾期不补正', 0],
      ['逾期未按收费通知要求缴纳费用', 0],
      ['其他', 180],
    ]);
  });
});

describe('deriveApplicantData and deriveAppealsData', () => {
  it('reads row 一 of table 三 by applicant column', () => {
    const d = deriveApplicantData(checked('230000-2020'), j);
    expect(d.items.map((i) => [i.label, i.group, i.value])).toEqual([
      ['自然人', null, 5672],
      ['商业企业', '法人或其他组织', 174],
      ['科研机构', '法人或其他组织', 12],
      ['社会公益组织', '法人或其他组织', 23],
      ['法律服务机构', '法人或其他组织', 29],
      ['其他', '法人或其他组织', 207],
    ]);
    expect([d.total, d.rowLabel]).toEqual([6117, '本年新收']);
  });

  it('reads table 四 row by row with the printed totals', () => {
    const d = deriveAppealsData(checked('230000-2020'), j);
    expect(d.results.map((r) => r.label)).toEqual(['维持', '纠正', '其他结果', '尚未审结']);
    expect(d.rows.map((r) => [r.label, ...r.values, r.total])).toEqual([
      ['行政复议', 109, 50, 33, 33, 225],
      ['未经复议直接起诉', 31, 12, 107, 4, 154],
      ['复议后起诉', 30, 1, 14, 0, 45],
    ]);
    expect(d.notes).toEqual([]);
  });

  it('notes a T4-A failure on the row where it occurs, from the cells the check reads', () => {
    const base = checked('231000-2020');
    const total = base.tables.appeals.review?.total?.value ?? 0;
    const edited = setCellValue(base, { table: 'appeals', row: 'review', column: 'total' }, total + 1);
    const broken: CheckedReport = { ...edited, outcomes: runRules(edited, null).map((o) => ({ ...o, known: null })) };
    const d = deriveAppealsData(broken, j);
    expect(d.notes).toEqual([`行政复议：报告所印数字未通过核对 T4-A（复议诉讼结果合计）：${total + 1} ≠ ${total}。`]);
    // The same failure is a note of a chart that draws the cell, and of no chart that does not.
    expect(listChartRuleNotes(broken, 'appeals', (row) => row === 'review')).toEqual(d.notes);
    expect(listChartRuleNotes(broken, 'appeals', (row) => row !== 'review')).toEqual([]);
    expect(listChartRuleNotes(broken, 'requests', () => true)).toEqual([]);
  });
});

describe('deriveActiveData', () => {
  it('splits F2019 table 二 into documents, decisions and the cells not drawn, with units as printed', () => {
    const d = deriveActiveData(checked('230000-2020'), j);
    expect(d.formLabel).toBe('2019 版表式');
    expect(d.documents.columns.map((c) => c.label)).toEqual(['本年新制作数量', '本年新公开数量', '对外公开总数量']);
    expect(d.documents.rows.map((r) => [r.label, ...r.values])).toEqual([
      ['规章', 6, 6, 116],
      ['规范性文件', 1959, 1959, 11293],
    ]);
    expect(d.decisions.columnLabel).toBe('处理决定数量');
    expect(d.decisions.rows.map((r) => r.value)).toEqual([2180117, 8835832, 5330872, 74440]);
    expect(d.others).toContainEqual({ row: '政府集中采购', column: '采购总金额', text: '3,618,261.46万元' });
    expect(d.others).toContainEqual({ row: '行政许可', column: '本年增/减', text: '−38' });
    expect(d.others).toHaveLength(4 * 2 + 2 + 2);
  });

  it('keeps an unreadable amount as printed and a missing unit as missing', () => {
    expect(deriveActiveData(checked('230722-2020'), j).others.at(-1)).toEqual({ row: '政府集中采购', column: '采购总金额', text: '“91.928.320”（无法读取）' });
    expect(deriveActiveData(checked('230700-2020'), j).others.at(-1)?.text).toBe('387,298,219.3（未注明单位）');
  });

  it('uses the F2021 columns and rows on an F2021 report', () => {
    const d = deriveActiveData(variant(restateOnF2021(checked('230000-2020'))), j);
    expect(d.formLabel).toBe('2021 版表式');
    expect(d.documents.columns.map((c) => c.code)).toEqual(['issued', 'repealed', 'in_force']);
    expect(d.documents.rows.map((r) => r.values)).toEqual([
      [6, 0, 116],
      [1959, 0, 11293],
    ]);
    expect(d.decisions).toMatchObject({ columnLabel: '本年处理决定数量' });
    expect(d.decisions.rows.map((r) => r.label)).toEqual(['行政许可', '行政处罚', '行政强制']);
    expect(d.others.map((o) => o.row)).toEqual(['行政事业性收费']);
  });
});

describe('derivePriorYearData', () => {
  it('takes 上一年项目数量 and 本年增/减 as 同江市 printed them', () => {
    const d = derivePriorYearData(checked('230881-2020'), j);
    expect(d.items.map((i) => [i.label, i.previous, i.change])).toEqual([
      ['行政许可', 2359, -2147],
      ['其他对外管理服务事项', 6, 451],
      ['行政处罚', 901, 1188],
      ['行政强制', 12, 146],
      ['行政事业性收费', 37, 0],
    ]);
    expect([d.year, d.carriedOver, d.previousLabel, d.changeLabel]).toEqual([2020, 0, '上一年项目数量', '本年增/减']);
  });

  it('has no items on F2021, which prints no previous-year counts', () => {
    const d = derivePriorYearData(variant(restateOnF2021(checked('230000-2020'))), j);
    expect(d.items).toEqual([]);
    expect(d.carriedOver).toBe(72);
  });
});

describe('deriveTrendData', () => {
  const base = checked('230700-2020');
  const granted = { table: 'requests', row: 'granted', column: 'total' } as const;
  const series = [
    variant(moveToYear(restateOnF2021(setCellValue(base, granted, 20)), 2022)),
    variant(moveToYear(setCellValue(base, granted, 10), 2019)),
    base,
    variant(moveToYear(restateOnF2021(base), 2021)),
  ];

  it('sorts the years and computes the metric per report, keeping each form', () => {
    const d = deriveTrendData(series, 'grant_rate', j);
    expect(d.title).toBe('伊春市公开率（2019–2022年）');
    expect(d.points.map((p) => [p.year, p.form, p.numerator, p.denominator])).toEqual([
      [2019, 'F2019', 12, 30],
      [2020, 'F2019', 16, 30],
      [2021, 'F2021', 16, 30],
      [2022, 'F2021', 22, 30],
    ]);
    expect(d.points.map((p) => p.value)).toEqual([12 / 30, 16 / 30, 16 / 30, 22 / 30]);
    expect(d.formLabels).toEqual({ F2019: '2019 版表式', F2021: '2021 版表式' });
  });

  it('carries the caution and the reason a value is missing', () => {
    const d = deriveTrendData([base], 'review_correction_rate', j);
    expect(d.points[0]).toMatchObject({ value: 1, numerator: 1, denominator: 1, caution: true, missing: null });
    const none = deriveTrendData([checked('230722-2020')], 'review_correction_rate', j);
    expect(none.points[0]).toMatchObject({ value: null, missing: '复议已审结为 0，无法计算比例' });
  });

  it('refuses reports of more than one series', () => {
    expect(() => deriveTrendData([base, checked('231000-2020')], 'grant_rate', j)).toThrow(/several series/);
  });
});

describe('deriveRankingData', () => {
  it('ranks each level separately and leaves department reports out', () => {
    const department = variant({ ...checked('230700-2020'), meta: { ...checked('230700-2020').meta, id: '230700-jiaoyu-2020' } });
    const levels = deriveRankingData([...content.reports, department], 'grant_rate', 2020, j);
    expect(levels.map((l) => [l.key, l.groupLabel, l.items.map((i) => i.name)])).toEqual([
      ['ranking-province', '省级', ['黑龙江省']],
      ['ranking-prefecture', '地市级', ['伊春市', '牡丹江市']],
      ['ranking-county', '县级', ['嘉荫县', '同江市']],
    ]);
    const prefecture = levels[1];
    expect(prefecture?.items.map((i) => [i.numerator, i.denominator, i.scopeLabel, i.scopeShort])).toEqual([
      [16, 30, '本级政府及其部门', '本级政府'],
      [117, 127, '全辖区各行政机关（含下级政府）', '全辖区'],
    ]);
    expect(prefecture?.title).toBe('2020年地市级公开率比较');
    expect(prefecture?.scopeNote).toContain('不同层级不可相加');
  });

  it('returns no level for a year without reports', () => {
    expect(deriveRankingData(content.reports, 'grant_rate', 2021, j)).toEqual([]);
  });

  it('derives a list’s rankings once, and a changed list’s afresh', () => {
    const list = [...content.reports];
    const first = deriveRankingData(list, 'grant_rate', 2020, j);
    expect(deriveRankingData(list, 'grant_rate', 2020, j)).toBe(first);
    expect(deriveRankingData(list, 'grant_rate', 2020, { ...j })).not.toBe(first);
    expect(deriveRankingData(list, 'grant_rate', 2020, { ...j })).toEqual(first);
    // The same reports with 伊春市's 2020 requests received changed: a new list, its rankings derived afresh.
    const yichun = list.find((r) => r.meta.id === '230700-2020')!;
    const edited = setCellValue(yichun, { table: 'requests', row: 'received_new', column: 'total' }, 9999) as CheckedReport;
    const received = deriveRankingData(list, 'requests_received', 2020, j);
    const changed = deriveRankingData(list.map((r) => (r === yichun ? edited : r)), 'requests_received', 2020, j);
    const valueOf = (levels: typeof first): number | null | undefined => levels[1]?.items.find((i) => i.name === '伊春市')?.value;
    expect(valueOf(received)).not.toBe(valueOf(changed));
    expect(changed).toEqual(deriveRankingData(list.map((r) => (r === yichun ? edited : r)), 'requests_received', 2020, j));
  });
});
