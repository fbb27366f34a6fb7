import { describe, expect, it } from 'vitest';
import { findColumn } from '../form/cells.ts';
import { F2019, F2021 } from '../form/forms.ts';
import type { ColumnSpec } from '../form/types.ts';
import type { Cell } from '../reports/types.ts';
import { formatCellText, makeCell, parseCellText } from './cell-text.ts';

/** A column of the form, by table and code; fails the test when the form has none. */
function columnOf(form: typeof F2019, table: 'active' | 'requests' | 'appeals', code: string): ColumnSpec {
  const col = findColumn(form.tables[table], code);
  if (!col) throw new Error(`${form.id} has no column ${table}.${code}`);
  return col;
}

const count = columnOf(F2019, 'requests', 'total');
const signed = columnOf(F2019, 'active', 'change');
const money = columnOf(F2019, 'active', 'amount');
const fees2021 = columnOf(F2021, 'active', 'amount');

/** Parses and expects success. */
function read(text: string, column: ColumnSpec): Cell {
  const r = parseCellText(text, column);
  if (!r.ok) throw new Error(`“${text}” was refused: ${r.problem}`);
  return r.cell;
}

describe('parseCellText', () => {
  it.each([
    ['0', count, { value: 0, raw: '0', unit: null }],
    ['123', count, { value: 123, raw: '123', unit: null }],
    ['2180117', count, { value: 2180117, raw: '2180117', unit: null }],
    ['+451', signed, { value: 451, raw: '+451', unit: null }],
    ['-35', signed, { value: -35, raw: '-35', unit: null }],
    ['67', signed, { value: 67, raw: '67', unit: null }],
    ['-0', signed, { value: 0, raw: '-0', unit: null }],
    ['21997万元', money, { value: 21997, raw: '21997万元', unit: '万元' }],
    ['3618261.46万元', money, { value: 3618261.46, raw: '3618261.46万元', unit: '万元' }],
    ['500元', money, { value: 500, raw: '500元', unit: '元' }],
    ['387298219.3', money, { value: 387298219.3, raw: '387298219.3', unit: null }],
    ['12.5', fees2021, { value: 12.5, raw: '12.5', unit: '万元' }],
    ['800元', fees2021, { value: 800, raw: '800元', unit: '元' }],
  ] as const)('reads “%s” as a number', (text, column, cell) => {
    expect(read(text, column)).toEqual(cell);
  });

  it('keeps the sign and decimals of a count for G-1 to judge, rather than refusing them', () => {
    expect(read('-3', count)).toEqual({ value: -3, raw: '-3', unit: null });
    expect(read('1.5', count)).toEqual({ value: 1.5, raw: '1.5', unit: null });
  });

  it.each([
    ['~', ''],
    ['~/', '/'],
    ['~—', '—'],
    ['~无', '无'],
    ['~不适用', '不适用'],
    ['~91.928.320', '91.928.320'],
  ])('reads “%s” as no value, keeping the printed text “%s”', (text, raw) => {
    for (const column of [count, signed, money]) expect(read(text, column)).toEqual({ value: null, raw, unit: null });
  });

  it('tells a blank (~), a zero and a slash (~/) apart', () => {
    const cells = ['~', '0', '~/'].map((t) => read(t, count));
    expect(cells.map((c) => [c.value, c.raw])).toEqual([
      [null, ''],
      [0, '0'],
      [null, '/'],
    ]);
  });

  it.each(['abc', '12a', '1,234', ' 12', '12 ', '1e5', '.5', '5.', '+', '万元', '１２', '91.928.320', '减 35', '/', '—', ''])(
    'refuses “%s” with a hint on how to write it',
    (text) => {
      const r = parseCellText(text, money);
      expect(r).toEqual({
        ok: false,
        problem: `“${text}” is not a number`,
        hint: 'write the number as digits (e.g. 12, -3, 21997万元); if the report prints something that is not a number, write ~ followed by the printed text (e.g. ~/ or ~91.928.320), or ~ alone for a blank',
      });
    },
  );

  it('refuses a unit on a column that is not money', () => {
    expect(parseCellText('12万元', count)).toEqual({
      ok: false,
      problem: '“12万元” carries a unit, but total (总计) is not a money column',
      hint: 'write the bare number; only money columns carry 元 or 万元',
    });
    expect(parseCellText('+5元', signed)).toMatchObject({ ok: false, problem: '“+5元” carries a unit, but change (本年增/减) is not a money column' });
  });
});

describe('formatCellText and makeCell', () => {
  it.each([
    [count, 0, '0'],
    [count, 42, '42'],
    [signed, 451, '+451'],
    [signed, -35, '-35'],
    [signed, 0, '0'],
    [money, 3618261.46, '3618261.46'],
    [money, 1e21, '1000000000000000000000'],
    [money, 1e-7, '0.0000001'],
  ] as const)('writes %s value %d as “%s” and reads it back', (column, value, text) => {
    const cell = makeCell(value, column);
    expect(cell.raw).toBe(text);
    expect(formatCellText(cell, column)).toBe(text);
    expect(read(text, column)).toEqual(cell);
  });

  it('writes a money unit unless the form prints it in the heading', () => {
    expect(formatCellText(makeCell(21997, money, { unit: '万元' }), money)).toBe('21997万元');
    expect(formatCellText(makeCell(500, money, { unit: '元' }), money)).toBe('500元');
    expect(makeCell(12.5, fees2021)).toEqual({ value: 12.5, raw: '12.5', unit: '万元' });
    expect(formatCellText(makeCell(800, fees2021, { unit: '元' }), fees2021)).toBe('800元');
  });

  it('writes a cell with no value as ~ and its printed text', () => {
    expect(formatCellText({ value: null, raw: '', unit: null }, count)).toBe('~');
    expect(formatCellText({ value: null, raw: '91.928.320', unit: null }, money)).toBe('~91.928.320');
    expect(makeCell(null, money, { raw: '/' })).toEqual({ value: null, raw: '/', unit: null });
  });

  it('never gives a unit to a non-money cell', () => {
    expect(makeCell(3, count, { unit: '元' })).toEqual({ value: 3, raw: '3', unit: null });
  });
});
