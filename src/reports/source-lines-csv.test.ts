import { describe, expect, it } from 'vitest';
import { F2019, F2021 } from '../form/forms.ts';
import { readSourceLinesCsv, writeSourceLinesCsv } from './source-lines-csv.ts';

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
    expect(read.places).toEqual(places);
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
});
