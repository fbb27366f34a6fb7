import Papa from 'papaparse';
import { REPORT_SCOPES } from '../reports/front-matter.ts';
import { describe, expect, it } from 'vitest';
import { formatRowLabel, rowHasColumn } from '../form/cells.ts';
import { F2019, F2021, TABLE_IDS } from '../form/forms.ts';
import { loadCommittedContent } from '../fixtures/committed-content.ts';
import { CSV_BOM, writeCsvText } from './csv-text.ts';
import { formatUnitFieldName, listTableColumnsAcrossForms, listWideFields } from './fields.ts';
import { buildWideRows, writeWideCsv, writeWideCsvPieces } from './wide-csv.ts';

const content = loadCommittedContent();

/** Parses a wide file into records by column name. */
function readWide(text: string): Record<string, string>[] {
  expect(text.startsWith(CSV_BOM)).toBe(true);
  const parsed = Papa.parse<Record<string, string>>(text.slice(CSV_BOM.length), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('the wide CSVs across reports', () => {
  it('has every column code of both form versions once, a money column followed by its unit', () => {
    const names = listWideFields('active').map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of [...F2019.tables.active.columns, ...F2021.tables.active.columns]) expect(names).toContain(c.code);
    expect(names[names.indexOf('amount') + 1]).toBe(formatUnitFieldName('amount'));
    const requests = listWideFields('requests').map((f) => f.name);
    expect(requests.slice(requests.indexOf('row_label') + 1, -1)).toEqual(F2019.tables.requests.columns.map((c) => c.code));
    expect(requests.slice(requests.indexOf('form') + 1, requests.indexOf('row_label'))).toEqual(['scope', 'scope_label', 'row', 'outcome_group']);
    expect(names).not.toContain('outcome_group');
    expect(listTableColumnsAcrossForms('active').find((c) => c.code === 'amount')?.specs.map((s) => s.spec.label)).toEqual(['采购总金额', '本年收费金额（单位：万元）']);
  });

  it('is written a report at a time: the header, then one piece per report, joining to the file written whole', () => {
    for (const table of TABLE_IDS) {
      const pieces = [...writeWideCsvPieces(content.reports, table, content.jurisdictions)];
      expect(pieces).toHaveLength(content.reports.length + 1);
      const whole = writeCsvText(listWideFields(table).map((f) => f.name), content.reports.flatMap((r) => buildWideRows(r, table, content.jurisdictions)));
      expect(pieces.join('')).toBe(whole);
    }
  });

  for (const table of TABLE_IDS) {
    it(`${table}.csv gives back every cell of every report, one line per report and printed row`, () => {
      const text = writeWideCsv(content.reports, table, content.jurisdictions);
      const header = Papa.parse<string[]>(text.slice(1).split('\n')[0] ?? '').data[0];
      expect(header).toEqual(listWideFields(table).map((f) => f.name));
      const records = readWide(text);
      let at = 0;
      for (const report of content.reports) {
        const spec = report.form.tables[table];
        for (const row of spec.rows) {
          const r = records[at++] ?? {};
          expect([r.report_id, r.row, r.row_label, r.form]).toEqual([report.meta.id, row.code, formatRowLabel(row), report.meta.form]);
          expect([r.scope, r.scope_label]).toEqual([report.meta.scope, REPORT_SCOPES[report.meta.scope]]);
          if (table === 'requests') expect(r.outcome_group, `${report.meta.id} ${row.code}`).toBe(row.outcomeGroup ?? '');
          const expectedFlags: string[] = [];
          for (const col of spec.columns) {
            const cell = rowHasColumn(row, col.code) ? report.tables[table][row.code]?.[col.code] : undefined;
            const key = `${report.meta.id} ${row.code}.${col.code}`;
            expect(r[col.code] === '' ? null : Number(r[col.code]), key).toBe(cell ? cell.value : null);
            if (col.kind === 'money') expect(r[formatUnitFieldName(col.code)] || null, key).toBe(cell?.unit ?? null);
            if (cell?.value === null) expectedFlags.push(`${col.code}:${cell.raw === '' ? 'blank' : 'unreadable'}`);
          }
          for (const f of expectedFlags) expect(r.flags?.split(';')).toContain(f);
        }
      }
      expect(records).toHaveLength(at);
    });
  }

  it('flags the failing cells of 同江市 2020 as <column>:<rule> on their line', () => {
    const records = readWide(writeWideCsv(content.reports, 'requests', content.jurisdictions));
    const line = records.find((r) => r.report_id === '230881-2020' && r.row === 'processed_total');
    expect(line?.flags).toBe('legal_services:T3-A;legal_services:T3-B;total:T3-A;total:T3-B');
    expect(records.find((r) => r.report_id === '230881-2020' && r.row === 'granted')?.flags).toBe('legal_services:T3-B;total:T3-B');
    expect(records.find((r) => r.report_id === '230000-2020' && r.row === 'granted')?.flags).toBe('');
    const active = readWide(writeWideCsv(content.reports, 'active', content.jurisdictions));
    expect(active.find((r) => r.report_id === '230700-2020' && r.row === 'procurement')?.flags).toBe('amount:no-unit');
    expect(active.find((r) => r.report_id === '230000-2020' && r.row === 'procurement')?.amount_unit).toBe('万元');
  });
});
