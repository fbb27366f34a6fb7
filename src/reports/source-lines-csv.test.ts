import { describe, expect, it } from 'vitest';
import { F2019, F2021 } from '../form/forms.ts';
import { formatCellKey, listFormCells } from '../form/cells.ts';
import { readSourceLinesCsv, SourcePlaceMap, writeSourceLinesCsv } from './source-lines-csv.ts';

const source = '\uFEFF标题\r\n本年新收\t21\t0\n第三行 5\n';

describe('source-lines.csv', () => {
  it('round-trips in form order', () => {
    const places = new Map([
      ['requests.received_new.total', { line: 2, col: 6 }],
      ['active.rules.new_made', { line: 3, col: 5 }],
    ]);
    const csv = writeSourceLinesCsv(F2019, places);
    expect(csv).toBe('table,row,column,line,col\nactive,rules,new_made,3,5\nrequests,received_new,total,2,6\n');
    const read = readSourceLinesCsv(csv, 'f.csv', F2019, source, 'source.txt');
    expect(read.diagnostics).toEqual([]);
    expect(new Map(read.places)).toEqual(places);
  });

  it('reports each bad line at its place: unknown cell, other form, twice, beyond source.txt', () => {
    const csv = [
      'table,row,column,line,col',
      'requests,no_such_row,total,1,1',
      'active,rules,new_made,1,1',
      'requests,received_new,total,2,6',
      'requests,received_new,total,2,6',
      'appeals,review,total,9,1',
      'appeals,review,upheld,2,30',
      'appeals,review,other,x,1',
      'appeals,review',
    ].join('\n');
    const read = readSourceLinesCsv(csv, 'f.csv', F2021, source, 'source.txt');
    expect(read.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual([
      '2:10 source-lines table requests of form F2021 has no row “no_such_row”',
      '3:14 source-lines row active.rules of form F2021 has no column “new_made”',
      '5:1 source-lines cell requests.received_new.total is listed twice',
      '6:22 source-lines line “9” is not a line of source.txt (it has 4)',
      '7:25 source-lines column “30” is not in line 2 of source.txt (9 characters long)',
      '8:22 source-lines line “x” is not a line of source.txt (it has 4)',
      '9:1 source-lines expected 5 fields (table,row,column,line,col), found 2',
    ]);
    expect([...read.places.keys()]).toEqual(['requests.received_new.total']);
  });

  it('refuses a file with another header', () => {
    expect(readSourceLinesCsv('cell,line\n', 'f.csv', F2021, source, 'source.txt').diagnostics[0]).toMatchObject({ line: 1, column: 1, rule: 'source-lines' });
  });

  it('holds the places compactly and reads back as the Map it stands for, in form order', () => {
    const cells = listFormCells(F2021).map(formatCellKey);
    // Every third cell, set in reverse order, with lines and columns of every size.
    const entries = cells.filter((_, i) => i % 3 === 0).map((key, i) => [key, { line: 1 + i * 977, col: 1 + ((i * 7919) % 65_000) }] as const);
    const map = new SourcePlaceMap(F2021);
    for (const [key, place] of [...entries].reverse()) map.set(key, place);
    expect(map.size).toBe(entries.length);
    expect([...map]).toEqual(entries);
    expect([...map.keys()]).toEqual(entries.map(([k]) => k));
    expect([...map.values()]).toEqual(entries.map(([, p]) => p));
    for (const [key, place] of entries) expect(map.get(key)).toEqual(place);
    const unset = cells.find((_, i) => i % 3 === 1)!;
    expect(map.get(unset)).toBeUndefined();
    expect(map.has(unset)).toBe(false);
    expect(map.get('no.such.cell')).toBeUndefined();
    const seen: string[] = [];
    map.forEach((place, key, self) => {
      expect(self).toBe(map);
      expect(place).toEqual(map.get(key));
      seen.push(key);
    });
    expect(seen).toEqual(entries.map(([k]) => k));
    expect(JSON.stringify({ m: map })).toBe(JSON.stringify({ m: new Map(entries) }));
    map.set(entries[0]![0], { line: 5, col: 2 });
    expect(map.size).toBe(entries.length);
    expect(map.get(entries[0]![0])).toEqual({ line: 5, col: 2 });
    expect(() => map.set('active.no_such.cell', { line: 1, col: 1 })).toThrow(/not a cell of the form/);
  });
});
