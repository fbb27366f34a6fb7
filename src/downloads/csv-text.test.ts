import { execFileSync } from 'node:child_process';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { checkRowLengths, CSV_BOM, formatDataNumber, guardSpreadsheetText, joinCsvText, writeCsvLines, writeCsvText } from './csv-text.ts';

/** Fields that need quoting, or look as if they might. */
const TRICKY = ['plain', '逗号,在中间', '引号"在中间"', '换行\n在中间', ' 前后空格 ', '', '~', '91.928.320', '三、本年度办理结果 （一）予以公开', '"', '\r'];

/** Parses CSV text with Python's csv module, reading it the way the data page tells people to (utf-8-sig). */
function parseWithPython(text: string): string[][] {
  const script = 'import csv,io,json,sys\ndata=sys.stdin.buffer.read().decode("utf-8-sig")\nprint(json.dumps(list(csv.reader(io.StringIO(data, newline="")))))';
  return JSON.parse(execFileSync('python3', ['-c', script], { input: Buffer.from(text, 'utf8'), encoding: 'utf8' })) as string[][];
}

describe('writeCsvText', () => {
  const header = ['a', 'b'];
  const rows = TRICKY.map((t, i) => [String(i), t]);
  const text = writeCsvText(header, rows);

  it('starts with a byte-order mark and ends every line with \\n, never \\r\\n', () => {
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text.endsWith('\n')).toBe(true);
    expect(text.slice(1, 5)).toBe('a,b\n');
    expect(text.replace(/"[^"]*"/g, '')).not.toContain('\r');
  });

  it('quotes only the fields that need it and doubles quotes', () => {
    expect(text).toContain('\n0,plain\n');
    expect(text).toContain('\n1,"逗号,在中间"\n');
    expect(text).toContain('\n2,"引号""在中间"""\n');
    expect(text).toContain('\n4," 前后空格 "\n');
    expect(text).toContain('\n7,91.928.320\n');
  });

  it('reads back field for field with PapaParse', () => {
    const parsed = Papa.parse<string[]>(text.slice(CSV_BOM.length), { header: false, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([header, ...rows]);
  });

  it("reads back field for field with Python's csv module (utf-8-sig)", () => {
    expect(parseWithPython(text)).toEqual([header, ...rows]);
  });

  it('refuses a row whose length differs from the header', () => {
    expect(() => writeCsvText(header, [['1']])).toThrow(/row 1 has 1 fields, the header has 2/);
    expect(checkRowLengths(header, [['1', '2']])).toEqual([['1', '2']]);
  });

  it('joins bodies under one header without repeating it', () => {
    const joined = joinCsvText(header, [writeCsvLines([['1', 'x']]), writeCsvLines([]), writeCsvLines([['2', 'y,z']])]);
    expect(joined).toBe(`${CSV_BOM}a,b\n1,x\n2,"y,z"\n`);
  });
});

describe('formatDataNumber', () => {
  it('writes plain digits with no grouping, exponent or plus sign', () => {
    expect(formatDataNumber(3618261.46)).toBe('3618261.46');
    expect(formatDataNumber(2180117)).toBe('2180117');
    expect(formatDataNumber(-2147)).toBe('-2147');
    expect(formatDataNumber(-0)).toBe('0');
    expect(formatDataNumber(1e21)).toBe('1000000000000000000000');
    expect(formatDataNumber(1e-7)).toBe('0.0000001');
  });
});

describe('guardSpreadsheetText', () => {
  it('defuses formulas but leaves numbers and printed marks alone', () => {
    expect(guardSpreadsheetText('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(guardSpreadsheetText('@cmd')).toBe("'@cmd");
    expect(guardSpreadsheetText('-A1')).toBe("'-A1");
    expect(guardSpreadsheetText('+1+2')).toBe("'+1+2");
    expect(guardSpreadsheetText('-2147')).toBe('-2147');
    expect(guardSpreadsheetText('+451')).toBe('+451');
    expect(guardSpreadsheetText('-')).toBe('-');
    expect(guardSpreadsheetText('/')).toBe('/');
    expect(guardSpreadsheetText('—')).toBe('—');
    expect(guardSpreadsheetText('91.928.320')).toBe('91.928.320');
  });
});
