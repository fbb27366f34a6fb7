import { describe, expect, it } from 'vitest';
import { METRICS, SMALL_BASE } from '../metrics/metric-specs.ts';
import { buildMethodologyView, buildMetricDocs } from './methodology-view.ts';

const docs = buildMetricDocs();
const doc = (id: string) => {
  const d = docs.find((x) => x.id === id);
  if (!d) throw new Error(`no doc for ${id}`);
  return d;
};

describe('metric docs', () => {
  it('describes every declared metric once, in declared order, with its anchor', () => {
    expect(docs.map((d) => d.id)).toEqual(METRICS.map((m) => m.id));
    expect(docs.map((d) => d.anchor)).toEqual(METRICS.map((m) => `metric-${m.id}`));
    expect(buildMethodologyView([]).metrics).toEqual(docs);
  });

  it('states a rate with its formula, the printed cells on both versions, and the small-base rule', () => {
    const grant = doc('grant_rate');
    expect(grant.formula).toBe('予以公开 + 部分公开 ÷ 办理结果总计');
    expect(grant.unitLabel).toBe('比例（%）');
    expect(grant.cells).toEqual([
      { forms: 'F2019、F2021', numerator: '表三 （一）予以公开、（二）部分公开（区分处理的，只计这一情形，不计其他情形）；总计', denominator: '表三 （七）总计；总计' },
    ]);
    expect(grant.comparabilityLabel).toBe('可比');
    expect(grant.caution).toBe(`办理结果总计不足 ${SMALL_BASE} 件时，以“分子/分母”的件数代替百分比，仅供参考。`);
    expect(doc('appeals_per_100').formula).toBe('复议与诉讼案件 ÷ 本年新收申请 × 100');
    expect(doc('appeals_per_100').caution).toContain('代替每百件数');
  });

  it('lists the cells per version where the versions differ', () => {
    expect(doc('other_rate').cells.map((c) => c.forms)).toEqual(['F2019', 'F2021']);
    expect(doc('other_rate').cells[0]?.numerator).toBe('表三 （六）其他处理；总计');
    expect(doc('other_rate').cells[1]?.numerator).toMatch(/^表三 1\.申请人无正当理由逾期不补正.*、3\.其他；总计$/);
    const documents = doc('normative_documents_issued');
    expect(documents.cells).toEqual([
      { forms: 'F2019', numerator: '表二 规范性文件；本年新制作数量', denominator: null },
      { forms: 'F2021', numerator: '表二 行政规范性文件；本年制发件数', denominator: null },
    ]);
    expect(documents.caution).toBeNull();
    expect(documents.comparabilityLabel).toBe('大体可比（口径略有不同）');
  });

  it('states the small-base threshold from the declaration', () => {
    expect(buildMethodologyView([]).smallBaseRule).toContain(`不足 ${SMALL_BASE} 件`);
  });
});
