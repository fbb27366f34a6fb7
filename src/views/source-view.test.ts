import { describe, expect, it } from 'vitest';
import { loadCommittedContent } from '../fixtures/committed-content.ts';
import { findForm } from '../form/forms.ts';
import type { ReportMeta } from '../reports/types.ts';
import { buildReportSourceView, buildSourceTextView, formatCellSourceHref } from './source-view.ts';
import { buildTableView } from './table-view.ts';

const content = loadCommittedContent();
const report = content.reports.find((r) => r.meta.id === '230881-2020');
if (!report) throw new Error('no 230881-2020');

describe('where a report came from', () => {
  it('says plainly that the address is not on file, rather than an empty link', () => {
    const without = content.reports.filter((x) => !x.meta.source.url);
    expect(without.length).toBeGreaterThan(0);
    for (const r of without) {
      const view = buildReportSourceView(r);
      expect(view.originalHref).toBeNull();
      expect(view.originalText).toMatch(/^原文地址未记录/);
      expect(view.textHref).toBe(`/reports/${r.meta.id}/source/`);
    }
  });

  it('links the recorded address, with its retrieval date and note', () => {
    const meta: ReportMeta = { ...report.meta, source: { ...report.meta.source, url: 'https://www.example.gov.cn/a.pdf', retrieved: '2026-12-05T14:30:00Z', note: '附件' } };
    expect(buildReportSourceView({ meta })).toMatchObject({ originalHref: 'https://www.example.gov.cn/a.pdf', originalText: '发布机关公开的原文', retrieved: '2026-12-05', note: '附件' });
  });

  it('says whose SHA-256 it shows: the kept text’s when ingest read the kept text, otherwise the published file’s', () => {
    for (const r of content.reports) {
      const view = buildReportSourceView(r);
      expect(view.sha256).toBe(r.meta.source.sha256 ?? null);
      // The committed reports were ingested again from their source.txt: the hash is the kept text's own.
      if (r.meta.source.sha256) expect(view.sha256Of).toMatch(/本站保存的原文文本/);
    }
    const pdf = { ...report.meta, source: { ...report.meta.source, sha256: 'a'.repeat(64) } };
    expect(buildReportSourceView({ meta: pdf, sourceDigest: report.sourceDigest }).sha256Of).toBe('收录时读取的原文件');
  });
});

describe('the source text page and the cells that link to it', () => {
  it('numbers every line as source-lines.csv counts them (BOM, \\r\\n and a final newline do not count)', () => {
    const view = buildSourceTextView({ ...report, sourceLines: new Map([['requests.granted.total', { line: 2, col: 2 }]]) }, '\uFEFF第一行\r\n\t9\n\t+451\n', content.jurisdictions);
    expect(view.lines.map((l) => [l.id, l.text])).toEqual([
      ['L1', '第一行'],
      ['L2', '\t9'],
      ['L3', '\t+451'],
    ]);
    expect(view.cells).toBe(1);
    expect(view.breadcrumbs.map((b) => b.text)).toEqual(['黑龙江省', '佳木斯市', '同江市', '2020 年报告']);
    expect(view.breadcrumbs.at(-1)?.href).toBe('/reports/230881-2020/');
  });

  it('links each cell of the three tables to the line its place names', () => {
    const form = findForm(report.meta.form);
    if (!form) throw new Error('no form');
    expect(report.sourceLines.size).toBeGreaterThan(150);
    let linked = 0;
    for (const t of ['active', 'requests', 'appeals'] as const) {
      const table = buildTableView(form, t, report.tables[t], new Set(), report.sourceLines);
      for (const cell of table.sections.flatMap((s) => s.rows.flatMap((r) => r.cells))) {
        if (!cell) continue;
        const place = report.sourceLines.get(cell.key);
        expect(cell.source, cell.key).toEqual(place ? { line: place.line, href: formatCellSourceHref(place) } : null);
        if (place) linked += 1;
      }
    }
    expect(linked).toBe(report.sourceLines.size);
    expect(formatCellSourceHref({ line: 129, col: 2 })).toBe('source/#L129');
  });
});
