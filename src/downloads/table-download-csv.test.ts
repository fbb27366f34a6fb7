import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { runRules } from '../checks/run-rules.ts';
import { formatColumnLabel, formatRowLabel, rowHasColumn } from '../form/cells.ts';
import { TABLE_IDS } from '../form/forms.ts';
import { findCommittedReport, loadCommittedContent, setCellValue } from '../fixtures/committed-content.ts';
import type { CheckedReport, ParsedReport } from '../reports/types.ts';
import { formatCellText } from '../tables/cell-text.ts';
import { CSV_BOM } from './csv-text.ts';
import { BLANK_TEXT, NOTES_HEADING, ROW_HEADING, writeTableDownloadCsv } from './table-download-csv.ts';

const content = loadCommittedContent();

/** Checks a variant as the loader would (no previous year, no known errors). */
function checkVariant(report: ParsedReport): CheckedReport {
  return { ...report, outcomes: runRules(report, null).map((o) => ({ ...o, known: null })) };
}

/** Parses a file for people into rows of fields. */
function readRows(text: string): string[][] {
  expect(text.startsWith(CSV_BOM)).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(CSV_BOM.length), { header: false, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('the table CSVs for people', () => {
  for (const report of content.reports) {
    it(`${report.meta.id}: every table has the printed Chinese labels and every cell as printed`, () => {
      const form = report.form;
      for (const t of TABLE_IDS) {
        const spec = form.tables[t];
        const [header, ...rows] = readRows(writeTableDownloadCsv(report, t));
        expect(header).toEqual([ROW_HEADING, ...spec.columns.map(formatColumnLabel), NOTES_HEADING]);
        expect(rows.map((r) => r[0])).toEqual(spec.rows.map(formatRowLabel));
        spec.rows.forEach((row, i) => {
          spec.columns.forEach((col, j) => {
            const text = rows[i]?.[j + 1];
            const cell = report.tables[t][row.code]?.[col.code];
            if (!rowHasColumn(row, col.code)) return expect(text, `${row.code}.${col.code}`).toBe('');
            if (!cell) throw new Error(`no cell ${t}.${row.code}.${col.code}`);
            expect(text, `${t}.${row.code}.${col.code}`).toBe(cell.value === null ? (cell.raw === '' ? BLANK_TEXT : cell.raw) : formatCellText(cell, col));
          });
        });
      }
    });
  }

  it('writes signs, units and the 说明 of 同江市 2020 as a reader expects', () => {
    const report = content.reports.find((r) => r.meta.id === '230881-2020') as CheckedReport;
    const active = readRows(writeTableDownloadCsv(report, 'active'));
    expect(active.find((r) => r[0] === '行政许可')?.slice(4, 7)).toEqual(['2359', '-2147', '4273']);
    expect(active.find((r) => r[0] === '其他对外管理服务事项')?.[5]).toBe('+451');
    expect(active.find((r) => r[0] === '政府集中采购')?.slice(7)).toEqual(['210', '21997万元', '']);
    const requests = readRows(writeTableDownloadCsv(report, 'requests'));
    expect(requests.find((r) => r[0] === '一、本年新收政府信息公开申请数量')?.at(-1)).toBe('法人或其他组织 法律服务机构、总计：涉及未通过的一致性检查 T3-A');
    expect(requests.find((r) => r[0] === '三、本年度办理结果 （七）总计')?.at(-1)).toBe('法人或其他组织 法律服务机构、总计：涉及未通过的一致性检查 T3-A、T3-B');
    expect(requests.find((r) => r[0] === '三、本年度办理结果 （六）其他处理')?.at(-1)).toBe('法人或其他组织 法律服务机构、总计：涉及未通过的一致性检查 T3-B');
  });

  it('shows an unreadable amount as printed, a missing unit, a blank, and defuses a formula-like text', () => {
    const jiayin = readRows(writeTableDownloadCsv(content.reports.find((r) => r.meta.id === '230722-2020') as CheckedReport, 'active'));
    expect(jiayin.find((r) => r[0] === '政府集中采购')?.slice(8)).toEqual(['91.928.320', '采购总金额：报告印出的不是可读的数字，按原样保留']);
    const yichun = readRows(writeTableDownloadCsv(content.reports.find((r) => r.meta.id === '230700-2020') as CheckedReport, 'active'));
    expect(yichun.find((r) => r[0] === '政府集中采购')?.slice(8)).toEqual(['387298219.3', '采购总金额：报告未印单位']);
    const base = findCommittedReport('230881-2020');
    const variant = checkVariant(setCellValue(setCellValue(base, { table: 'appeals', row: 'review', column: 'upheld' }, null, ''), { table: 'appeals', row: 'review', column: 'other' }, null, '=1+1'));
    const [, review] = readRows(writeTableDownloadCsv(variant, 'appeals'));
    expect(review).toEqual(['行政复议', BLANK_TEXT, '0', "'=1+1", '1', '1', '结果维持：报告此处留空；其他结果：报告印出的不是可读的数字，按原样保留']);
  });
});
