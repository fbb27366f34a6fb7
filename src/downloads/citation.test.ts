import { describe, expect, it } from 'vitest';
import { findCommittedReport, loadCommittedContent } from '../fixtures/committed-content.ts';
import type { ReportMeta } from '../reports/types.ts';
import { formatCitationText, formatDatasetCitation, formatOriginalCitation, formatReportCitation, formatYearSpan } from './citation.ts';

const tongjiang = findCommittedReport('230881-2020').meta;

describe('GB/T 7714 citations', () => {
  it('cites a report with its publisher as 主要责任者, the site as 整理者, an estimated year and the access date', () => {
    const c = formatReportCitation(tongjiang, 'https://gongkai.example.org/reports/230881-2020/');
    expect(formatCitationText(c)).toBe('同江市人民政府. 同江市2020年政府信息公开工作年度报告[R/OL]. 公开 gongkai, 整理. [2021][引用日期]. https://gongkai.example.org/reports/230881-2020/.');
    expect(formatCitationText(c, '2025-03-01')).toBe('同江市人民政府. 同江市2020年政府信息公开工作年度报告[R/OL]. 公开 gongkai, 整理. [2021][2025-03-01]. https://gongkai.example.org/reports/230881-2020/.');
  });

  it("cites the publisher's own copy only when its address is recorded", () => {
    expect(formatOriginalCitation(tongjiang)).toBeNull();
    const withUrl: ReportMeta = { ...tongjiang, source: { ...tongjiang.source, url: 'http://www.tongjiang.gov.cn/2021/nb.html' } };
    const c = formatOriginalCitation(withUrl);
    expect(c && formatCitationText(c, '2025-03-01')).toBe('同江市人民政府. 同江市2020年政府信息公开工作年度报告[R/OL]. [2021][2025-03-01]. http://www.tongjiang.gov.cn/2021/nb.html.');
  });

  it('cites the dataset with the first three publishers and 等, and the years it covers', () => {
    const metas = loadCommittedContent().reports.map((r) => r.meta);
    const c = formatDatasetCitation(metas, 'https://gongkai.example.org/data/', '黑龙江省政府信息公开工作年度报告数据');
    expect(formatCitationText(c)).toBe('黑龙江省人民政府, 伊春市人民政府, 嘉荫县人民政府, 等. 黑龙江省政府信息公开工作年度报告数据: 2020年度[DS/OL]. 公开 gongkai, 整理. [引用日期]. https://gongkai.example.org/data/.');
    const two = formatDatasetCitation(metas.slice(3), 'https://x/data/', 'T');
    expect(two.before).toBe('同江市人民政府, 牡丹江市人民政府. T: 2020年度[DS/OL]. 公开 gongkai, 整理. ');
  });

  it('writes a span of years with a dash, one year alone', () => {
    expect(formatYearSpan([tongjiang])).toBe('2020');
    expect(formatYearSpan([tongjiang, { ...tongjiang, year: 2023 }, { ...tongjiang, year: 2019 }])).toBe('2019—2023');
    expect(formatYearSpan([])).toBe('');
  });
});
