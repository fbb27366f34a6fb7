import { describe, expect, it } from 'vitest';
import { loadCommittedContent } from '../fixtures/committed-content.ts';
import { buildRequestFlowOption, deriveRequestFlowData, describeRequestFlow, hasRequestFlow, tabulateRequestFlow } from './request-flow.ts';

const content = loadCommittedContent();
const data = (id: string) => {
  const report = content.reports.find((r) => r.meta.id === id);
  if (!report) throw new Error(`no committed report ${id}`);
  return deriveRequestFlowData(report, content.jurisdictions);
};

interface SankeyNode {
  name: string;
  depth: number;
  label: { formatter: string };
}
interface SankeySeries {
  type: string;
  layoutIterations: number;
  data: SankeyNode[];
  links: { source: string; target: string; value: number }[];
}
const sankey = (b: ReturnType<typeof buildRequestFlowOption>): SankeySeries => (b.option.series as SankeySeries[])[0]!;

describe('buildRequestFlowOption', () => {
  it('draws every positive group and reason of 黑龙江省 2020 in form order, three columns when narrow', () => {
    const s = sankey(buildRequestFlowOption(data('230000-2020'), 360));
    expect(s.type).toBe('sankey');
    expect(s.layoutIterations).toBe(0);
    expect(s.data).toHaveLength(7 + 8 + 3 + 5 + 1);
    expect(s.data.filter((n) => n.depth === 1).map((n) => n.label.formatter)).toEqual([
      '予以公开 2,988',
      '部分公开 328',
      '不予公开 504',
      '无法提供 1,711',
      '不予处理 340',
      '其他处理 180',
      '结转下年度继续办理 138',
    ]);
    expect(s.data.find((n) => n.name === '收到申请')).toMatchObject({ depth: 0, label: { formatter: '收到 6,189' } });
    expect(s.links.filter((l) => l.source === 'denied').map((l) => l.value)).toEqual([37, 13, 4, 291, 33, 54, 41, 31]);
  });

  it('gives new and carried-over requests their own column when wide', () => {
    const s = sankey(buildRequestFlowOption(data('230000-2020'), 720));
    expect(s.data.filter((n) => n.depth === 0).map((n) => n.label.formatter)).toEqual(['本年新收 6,117', '上年结转 72']);
    expect(s.links.filter((l) => l.target === '收到申请').map((l) => l.value).sort((a, b) => a - b)).toEqual([72, 6117]);
  });

  it('lists each link at the index of the node it flows into, so an edge hover finds that node’s tip', () => {
    for (const width of [360, 720]) {
      const built = buildRequestFlowOption(data('230000-2020'), width);
      const s = sankey(built);
      const hub = s.data.findIndex((n) => n.name === '收到申请');
      s.links.slice(0, hub).forEach((l, i) => expect(l.target).toBe(s.data[i]?.name));
      expect(built.tips[0]).toHaveLength(s.data.length);
      expect(built.tips[0]?.[2]).toBe('不予公开 504 件，占收到申请的8.1%');
    }
  });

  it('leaves out zero rows and grows with the number of reason nodes', () => {
    const small = buildRequestFlowOption(data('230881-2020'), 360);
    expect(sankey(small).data.map((n) => n.name)).toEqual(['granted', 'denied', 'denied_third_party', 'unavailable', 'unavailable_not_held', 'not_processed', 'not_processed_petition', 'not_processed_duplicate', 'other', 'carried_forward', '收到申请']);
    expect(small.size).toEqual({ width: 360, height: 24 + 6 * 16 + 160 });
    expect(buildRequestFlowOption(data('230000-2020'), 360).size.height).toBe(24 + 16 * 16 + 160);
  });
});

describe('text and table of the request flow', () => {
  it('describes 同江市 with its numbers (the failing rules are notes of their own)', () => {
    expect(describeRequestFlow(data('230881-2020'))).toBe(
      '本年新收申请 25 件，上年结转 0 件。其中予以公开 9 件（36.0%），不予公开 1 件（4.0%）（最多为“保护第三方合法权益” 1 件），无法提供 2 件（8.0%）（最多为“本机关不掌握相关政府信息” 2 件），不予处理 7 件（28.0%）（最多为“信访举报投诉类申请” 6 件），其他处理 2 件（8.0%），结转下年度继续办理 4 件（16.0%）。',
    );
  });

  it('tabulates every row in full digits, with the printed total last', () => {
    const t = tabulateRequestFlow(data('230000-2020'));
    expect(t.columns).toEqual(['项目', '件数', '占收到申请']);
    expect(t.rows[0]).toEqual({ header: '本年新收', cells: ['6,117', ''] });
    expect(t.rows.find((r) => r.header === '无法提供')).toEqual({ header: '无法提供', cells: ['1,711', '27.6%'] });
    expect(t.rows.at(-1)).toEqual({ header: '办理结果总计（报告所印）', cells: ['6,051', ''] });
    expect(t.rows).toHaveLength(2 + 7 + 8 + 3 + 5 + 1);
  });

  it('knows when there is nothing to draw', () => {
    const d = data('230722-2020');
    expect(hasRequestFlow(d)).toBe(true);
    expect(hasRequestFlow({ ...d, groups: d.groups.map((g) => ({ ...g, value: 0, reasons: g.reasons.map((r) => ({ ...r, value: 0 })) })) })).toBe(false);
  });
});
