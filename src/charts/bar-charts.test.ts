import { describe, expect, it } from 'vitest';
import { loadCommittedContent, restateOnF2021 } from '../fixtures/committed-content.ts';
import type { CheckedReport } from '../reports/types.ts';
import { buildActiveOption, deriveActiveData, describeActive, tabulateActive } from './active.ts';
import { buildAppealsOption, deriveAppealsData, describeAppeals, hasAppeals, tabulateAppeals } from './appeals.ts';
import { buildApplicantOption, deriveApplicantData, describeApplicants, tabulateApplicants } from './applicants.ts';
import { buildPriorYearOption, derivePriorYearData, describePriorYear, hasPriorYearItems, tabulatePriorYear } from './prior-year.ts';

const content = loadCommittedContent();
const j = content.jurisdictions;
const report = (id: string): CheckedReport => {
  const r = content.reports.find((x) => x.meta.id === id);
  if (!r) throw new Error(`no committed report ${id}`);
  return r;
};

interface Item {
  value: number | string;
  label: { show?: boolean; formatter: string; color?: string };
  itemStyle?: { opacity?: number };
}
interface Series {
  name: string;
  data: (Item | string | number)[];
  itemStyle: { color: string };
}
const seriesOf = (option: unknown): Series[] => (option as { series: Series[] }).series;

describe('applicants', () => {
  const data = deriveApplicantData(report('230000-2020'), j);
  const built = buildApplicantOption(data, 360);

  it('puts 自然人 and the 法人或其他组织 columns in two series on one stack, values in form order', () => {
    const [people, orgs] = seriesOf(built.option);
    expect([people?.name, orgs?.name]).toEqual(['自然人', '法人或其他组织']);
    expect(people?.data.map((d) => (typeof d === 'object' ? d.value : d))).toEqual([5672, '-', '-', '-', '-', '-']);
    expect(orgs?.data.map((d) => (typeof d === 'object' ? d.label.formatter : d))).toEqual(['-', '174（2.8%）', '12（0.2%）', '23（0.4%）', '29（0.5%）', '207（3.4%）']);
    expect(built.size).toEqual({ width: 360, height: 34 + 6 * 26 });
    expect(built.tips[0]?.[0]).toBe('自然人：5,672 件，占92.7%');
  });

  it('describes and tabulates the mix', () => {
    expect(describeApplicants(deriveApplicantData(report('230881-2020'), j))).toBe('本年新收申请共 25 件，按申请人分：自然人 21 件（84.0%），法律服务机构 4 件（16.0%）。');
    expect(tabulateApplicants(data).rows.at(-1)).toEqual({ header: '总计', cells: ['6,117', ''] });
    expect(tabulateApplicants(data).rows[1]).toEqual({ header: '法人或其他组织 · 商业企业', cells: ['174', '2.8%'] });
  });
});

describe('appeals', () => {
  it('stacks results per row, drawing no zero segment and labelling only wide ones', () => {
    const built = buildAppealsOption(deriveAppealsData(report('230000-2020'), j), 360);
    const series = seriesOf(built.option);
    expect(series.map((s) => s.name)).toEqual(['维持', '纠正', '其他结果', '尚未审结']);
    const pending = series[3]!.data as Item[];
    expect(pending.map((d) => d.value)).toEqual([33, 4, '-']);
    expect(pending.map((d) => d.label.show)).toEqual([true, false, false]);
    expect((series[2]!.data as Item[])[0]?.label.color).toBe('#000');
    expect((series[0]!.data as Item[])[0]?.label.color).toBe('#fff');
    expect(built.tips[1]?.[0]).toBe('行政复议：纠正 50 件（总计 225 件）');
  });

  it('outlines a label on a patterned segment in the segment’s colour, and labels only a segment the outlined number fits', () => {
    const built = buildAppealsOption(deriveAppealsData(report('230000-2020'), j), 360);
    const [upheld, corrected] = seriesOf(built.option) as unknown as { data: { value: number | string; label: { show: boolean; textBorderColor?: string; textBorderWidth?: number } }[] }[];
    expect(upheld?.data[0]?.label.textBorderColor).toBeUndefined();
    expect(corrected?.data[0]?.label).toMatchObject({ show: true, textBorderColor: '#D55E00', textBorderWidth: 3 });
    // 纠正 12 of 未经复议直接起诉 is 12/225 of the 211-unit plot, about 11 units: too narrow for a label.
    expect(corrected?.data.map((d) => [d.value, d.label.show])).toEqual([[50, true], [12, false], [1, false]]);
  });

  it('says so when there were no cases', () => {
    const none = deriveAppealsData(report('230722-2020'), j);
    expect(hasAppeals(none)).toBe(false);
    expect(describeAppeals(none)).toBe('报告的复议、诉讼各项均为 0 或未填写。');
    expect(describeAppeals(deriveAppealsData(report('230700-2020'), j))).toBe('行政复议 1 件（纠正 1）；未经复议直接起诉 0 件；复议后起诉 0 件。');
    expect(tabulateAppeals(deriveAppealsData(report('231000-2020'), j)).rows[0]).toEqual({ header: '行政复议', cells: ['5', '4', '2', '1', '12'] });
  });
});

describe('active disclosure', () => {
  it('draws F2019 documents by its three columns and decisions below', () => {
    const built = buildActiveOption(deriveActiveData(report('230000-2020'), j), 360);
    const series = seriesOf(built.option);
    expect(series.map((s) => s.name)).toEqual(['本年新制作数量', '本年新公开数量', '对外公开总数量', '处理决定数量']);
    expect((series[2]!.data as Item[]).map((d) => d.label.formatter)).toEqual(['116', '11,293']);
    expect((series[3]!.data as Item[]).map((d) => d.value)).toEqual([2180117, 8835832, 5330872, 74440]);
    expect(built.tips).toHaveLength(4);
  });

  it('draws F2021 documents by its own columns', () => {
    const d = deriveActiveData({ ...restateOnF2021(report('230000-2020')), outcomes: [] }, j);
    const series = seriesOf(buildActiveOption(d, 720).option);
    expect(series.map((s) => s.name)).toEqual(['本年制发件数', '本年废止件数', '现行有效件数', '本年处理决定数量']);
    expect(describeActive(d)).toContain('按2021 版表式：');
  });

  it('lists every cell in its table, the ones not drawn with their units', () => {
    const t = tabulateActive(deriveActiveData(report('230881-2020'), j));
    expect(t.columns).toEqual(['项目', '栏目', '数值']);
    expect(t.rows).toHaveLength(2 * 3 + 4 + (4 * 2 + 2 + 2));
    expect(t.rows.at(-1)).toEqual({ header: '政府集中采购', cells: ['采购总金额', '21,997万元'] });
  });
});

describe('prior year as the report states it', () => {
  const data = derivePriorYearData(report('230881-2020'), j);

  it('draws 上一年项目数量 labelled with 本年增/减', () => {
    const built = buildPriorYearOption(data, 360);
    const [bars] = seriesOf(built.option);
    expect(bars?.name).toBe('上一年项目数量（2019 年，本报告所述；括号内为本年增/减）');
    expect((bars?.data as Item[]).map((d) => d.label.formatter)).toEqual(['2,359（−2,147）', '6（+451）', '901（+1,188）', '12（+146）', '37（0）']);
  });

  it('says whose figures these are', () => {
    expect(hasPriorYearItems(data)).toBe(true);
    expect(describePriorYear(data)).toMatch(/^本报告所述上一年（2019 年）情况：上年结转申请 0 件；行政许可上一年项目数量 2359，本年增\/减 −2,147；/);
    expect(tabulatePriorYear(data).notes).toEqual(['以上数字均为本报告自述的上一年情况，不是上一年报告中的数字。']);
  });
});
