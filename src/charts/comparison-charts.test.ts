import { describe, expect, it } from 'vitest';
import { loadCommittedContent, moveToYear, restateOnF2021, setCellValue } from '../fixtures/committed-content.ts';
import type { CheckedReport, ParsedReport } from '../reports/types.ts';
import { buildRankingOption, deriveRankingData, describeRanking, formatRankingFlag, formatRankingValue, hasRanking, listRankingNotes, rankItems, tabulateRanking, type RankingChartData } from './ranking.ts';
import { buildTrendOption, deriveTrendData, describeTrend, formatYearTick, listFormBreaks, planYearTicks, tabulateTrend, type TrendChartData } from './trend.ts';
import { renderChartSvg } from './render-svg.ts';

const content = loadCommittedContent();
const j = content.jurisdictions;
const report = (id: string): CheckedReport => {
  const r = content.reports.find((x) => x.meta.id === id);
  if (!r) throw new Error(`no committed report ${id}`);
  return r;
};
const variant = (r: ParsedReport): CheckedReport => ({ ...r, outcomes: [] });

interface Point {
  value: [number, number | null];
  symbol: string;
  label: { show: boolean; formatter: string };
}
interface LineSeries {
  name: string;
  data: Point[];
  markLine?: { data: { xAxis: number }[]; label: { formatter: string } };
}

describe('trend', () => {
  const base = report('230700-2020');
  const granted = { table: 'requests', row: 'granted', column: 'total' } as const;
  const series = [
    variant(moveToYear(setCellValue(base, granted, 10), 2019)),
    base,
    variant(moveToYear(restateOnF2021(base), 2021)),
    variant(moveToYear(restateOnF2021(setCellValue(base, granted, 20)), 2022)),
  ];
  const data = deriveTrendData(series, 'grant_rate', j);

  it('draws one series per form version and marks the change between 2020 and 2021', () => {
    const built = buildTrendOption(data, 360);
    const lines = built.option.series as LineSeries[];
    expect(lines.map((s) => s.name)).toEqual(['2019 版表式', '2021 版表式']);
    expect(lines.map((s) => s.data.map((p) => p.value))).toEqual([
      [[2019, 40], [2020, (16 / 30) * 100]],
      [[2021, (16 / 30) * 100], [2022, (22 / 30) * 100]],
    ]);
    expect(lines[0]?.markLine?.data).toEqual([{ xAxis: 2020.5 }]);
    expect(lines[0]?.markLine?.label.formatter).toBe('表式变更');
    expect(lines[1]?.markLine).toBeUndefined();
    expect(listFormBreaks(data.points)).toEqual([2021]);
    expect(built.tips[1]?.[1]).toBe('2022年 公开率：73.3%（22 / 30）');
    expect(formatYearTick(2021)).toBe('2021年');
  });

  it('draws a small base hollow and labels it m/n, not as a percentage', () => {
    const d = deriveTrendData([base], 'review_correction_rate', j);
    const [line] = buildTrendOption(d, 720).option.series as LineSeries[];
    expect(line?.data[0]).toMatchObject({ itemStyle: { color: 'rgba(0,114,178,0.2)', borderColor: '#0072B2' }, label: { formatter: '1件中1件' } });
    expect(line).toMatchObject({ symbol: 'circle', itemStyle: { color: '#0072B2' } });
    expect(describeTrend(d)).toBe('只有 2020 年一年的数据：复议纠错率 1件中1件。空心点的基数不足，仅供参考。');
  });

  it('describes and tabulates the years with the form and the comparability note', () => {
    expect(describeTrend(data)).toBe('公开率从 2019 年的 40.0% 到 2022 年的 73.3%。2021 年起报告使用新表式（表三各格两版相同，比例可跨 2020/2021 比较。）');
    const t = tabulateTrend(data);
    expect(t.columns).toEqual(['年度', '公开率', '分子', '分母', '表式']);
    expect(t.rows[2]).toEqual({ header: '2021年', cells: ['53.3%', '16', '30', '2021 版表式'] });
  });
});

describe('trend layout on a long run of years', () => {
  it('labels every year as “2021年” where it fits, else the bare year, thinned back from the latest', () => {
    expect(planYearTicks(2019, 2022, 73)).toEqual({ years: [2019, 2020, 2021, 2022], short: false });
    // 7 years on a 360 chart: 41.7 units a year, too narrow for “2025年” (44 + 6), enough for “2025” (32 + 6).
    expect(planYearTicks(2019, 2025, 292 / 7)).toEqual({ years: [2019, 2020, 2021, 2022, 2023, 2024, 2025], short: true });
    expect(planYearTicks(2016, 2025, 29.2)).toEqual({ years: [2017, 2019, 2021, 2023, 2025], short: true });
  });

  const points = Array.from({ length: 10 }, (_, i) => ({
    year: 2016 + i,
    form: i < 5 ? ('F2019' as const) : ('F2021' as const),
    value: 0.5 + i / 100,
    numerator: 50 + i,
    denominator: 100,
    caution: false,
    missing: null,
    flags: [],
  }));
  const data: TrendChartData = { title: 't', metricName: '公开率', unit: 'share', comparability: 'comparable', comparabilityNote: '', points, formLabels: { F2019: '2019 版表式', F2021: '2021 版表式' } };

  it('labels only the latest point of each form when the values do not fit side by side', () => {
    const narrow = buildTrendOption(data, 360).option.series as LineSeries[];
    expect(narrow.map((l) => l.data.filter((p) => p.label.show).map((p) => p.value[0]))).toEqual([[2020], [2025]]);
    const wide = buildTrendOption(data, 720).option.series as LineSeries[];
    expect(wide.flatMap((l) => l.data.filter((p) => p.label.show)).length).toBe(10);
  });

  it('lifts “表式变更” above a top point’s value label and the plot below the legend', () => {
    const built = buildTrendOption(data, 360).option as { grid: { top: number }; series: { markLine?: { label: { distance: number } } }[] };
    const distance = built.series[0]?.markLine?.label.distance ?? 0;
    // Half the 7-unit symbol, ECharts' 5-unit label distance and a 12-unit line of text lie below it.
    expect(distance).toBeGreaterThanOrEqual(3.5 + 5 + 12);
    expect(built.grid.top).toBeGreaterThanOrEqual(distance + 12 + 14);
  });
});

describe('ranking', () => {
  const [province, prefecture, county] = deriveRankingData(content.reports, 'grant_rate', 2020, j);
  interface Bars { data: { value: number; label: { formatter: string } }[] }
  interface Graphic { style: { text: string } }
  const drawn = (data: RankingChartData, width: number) => {
    const built = buildRankingOption(data, width);
    const option = built.option as { yAxis?: { data: string[] }; series?: Bars[]; graphic?: Graphic[] };
    return { built, names: option.yAxis?.data ?? [], labels: option.series?.[0]?.data.map((d) => d.label.formatter) ?? [], values: option.series?.[0]?.data.map((d) => d.value) ?? [], texts: option.graphic?.map((g) => g.style.text) ?? [] };
  };

  it('does not rank a rate on a small base: it is listed apart under the bars as “n件中m件”', () => {
    if (!county || !prefecture || !province) throw new Error('expected three levels');
    const small = county.items.filter((i) => i.caution);
    expect(small.length).toBeGreaterThan(0);
    for (const width of [360, 720]) {
      const d = drawn(county, width);
      for (const i of small) {
        expect(d.names.some((n) => n.startsWith(i.name))).toBe(false);
        expect(d.texts).toContain(`${i.name}（${i.scopeShort}）`);
        expect(d.texts).toContain(`${i.denominator}件中${i.numerator}件${formatRankingFlag(i)}`);
      }
      expect(d.texts[0]).toBe('基数不足 10 件，不参与排名：');
    }
    expect(tabulateRanking(county).rows.map((r) => [r.header, r.cells[0]])).toEqual([
      ...rankItems(county).ranked.map((r) => [r.item.name, r.rank === null ? '不排名（同级仅此一个）' : String(r.rank)]),
      ...small.map((i) => [i.name, '不排名（基数小）']),
    ]);
  });

  it('writes each name with its report’s scope in the chart itself', () => {
    if (!prefecture) throw new Error('expected a prefecture level');
    const d = drawn(prefecture, 360);
    const order = [...prefecture.items].sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
    expect(d.names).toEqual(order.map((i) => `${i.name}（${i.scopeShort}）`));
    expect(new Set(prefecture.items.map((i) => i.scopeShort)).size).toBe(2);
    expect(d.values).toEqual(order.map((i) => i.value));
  });

  it('draws a failing rule beside the value it touches, in the chart, the table and the notes', () => {
    if (!county) throw new Error('expected a county level');
    const flagged = county.items.find((i) => i.flags.length && !i.caution);
    if (!flagged) throw new Error('expected a county with a failing rule on its grant rate (同江市, T3-B)');
    expect(flagged.flags).toContain('T3-B');
    const d = drawn(county, 720);
    expect(d.labels[d.names.indexOf(`${flagged.name}（${flagged.scopeShort}）`)]).toBe(`${formatRankingValue(flagged, 'share')}（未通过 ${flagged.flags.join('、')}）`);
    expect(tabulateRanking(county).rows.find((r) => r.header === flagged.name)?.cells.at(-1)).toBe(`未通过 ${flagged.flags.join('、')}`);
    expect(listRankingNotes(county).join('')).toContain('T3-B');
    expect(describeRanking(county)).toContain(`${flagged.name}（${flagged.flags.join('、')}）`);
  });

  it('grows by a bar per ranked item and a line per item apart', () => {
    if (!prefecture || !county) throw new Error('expected levels');
    expect(buildRankingOption(prefecture, 720).size).toEqual({ width: 720, height: 8 + 2 * 22 });
    expect(buildRankingOption(county, 720).size.height).toBe(8 + 22 + 10 + 20 * 2 + 6);
  });

  const make = (values: (number | null)[], caution: boolean[] = []): RankingChartData => ({
    key: 'ranking-x', title: 't', metricName: '公开率', unit: 'share', year: 2020, groupLabel: '县级', itemLabel: '地区', cautionBelow: 10, scopeNote: '',
    items: values.map((value, i) => ({ key: `23070${i}`, name: `地区${i}`, value, numerator: value === null ? null : 1, denominator: value === null ? null : caution[i] ? 2 : 20, caution: caution[i] ?? false, missing: value === null ? '无数据' : null, scopeLabel: '本机关', scopeShort: '本机关', flags: [] })),
  });

  it('breaks ties by code, gives ties one rank and leaves out items without a value', () => {
    const r = rankItems(make([0.5, null, 0.7, 0.5]));
    expect(r.ranked.map((x) => [x.item.key, x.rank])).toEqual([['230702', 1], ['230700', 2], ['230703', 2]]);
    expect(r.missing.map((x) => x.key)).toEqual(['230701']);
  });

  it('draws a value alone without a rank, and says so in the chart, its notes, its table and its description', () => {
    for (const data of [make([0.5]), make([0.5, 0.9, null], [false, true, false])]) {
      const d = drawn(data, 360);
      expect(d.names).toEqual(['地区0（本机关）']);
      expect(d.built.tips[0]).toEqual([expect.not.stringMatching(/第 \d+ 名/)]);
      const notes = listRankingNotes(data);
      expect(notes[0]).toBe('县级仅此一个地区有可比的数值，不排名；图中只有一条，不是第 1 名。');
      const table = tabulateRanking(data);
      expect(table.rows[0]).toMatchObject({ header: '地区0', cells: expect.arrayContaining(['不排名（同级仅此一个）']) });
      expect(table.notes).toContain(notes[0]);
      expect(describeRanking(data)).toMatch(/^2020 年县级公开率：仅 1 个地区有可比的数值，不排名：地区0（/);
    }
    const pair = make([0.5, 0.9]);
    expect(listRankingNotes(pair).join('')).not.toContain('不排名');
    expect(tabulateRanking(pair).rows.map((r) => r.cells[0])).toEqual(['1', '2']);
  });

  it('draws only the list apart when every value stands on a small base', () => {
    const data = make([0.5, 1], [true, true]);
    const d = drawn(data, 360);
    expect(d.names).toEqual([]);
    expect(d.texts).toEqual(['基数不足 10 件，不参与排名：', '地区0（本机关）', '2件中1件', '地区1（本机关）', '2件中1件']);
    expect(hasRanking(data)).toBe(true);
    expect(hasRanking(make([null]))).toBe(false);
    expect(renderChartSvg(d.built.option, d.built.size)).toContain('2件中1件');
  });

  it('says the levels are never added together, and lists jurisdictions without a value', () => {
    const [, , countyReview] = deriveRankingData(content.reports, 'review_correction_rate', 2020, j);
    if (!countyReview) throw new Error('expected a county level');
    expect(describeRanking(countyReview)).toBe('2020 年县级复议纠错率：0 个地区参与排名。另有 2 个地区无法计算。各级数字分开比较：统计范围为“全辖区”的数字已含其下级政府的数字，“本级政府”“本机关”的不含；不同层级不可相加。');
    const t = tabulateRanking(countyReview);
    expect(t.rows.map((r) => r.header)).toEqual(['嘉荫县', '同江市']);
    expect(t.rows[0]?.cells.slice(0, 2)).toEqual(['—', '—（复议已审结为 0，无法计算比例）']);
  });
});
