import { describe, expect, it } from 'vitest';
import { loadCommittedContent } from '../fixtures/committed-content.ts';
import { buildDataPageView } from '../views/data-page-view.ts';
import { buildDataYearView } from '../views/data-year-view.ts';
import { describeExcelOverflow, EXCEL_MAX_ROWS } from './excel-limit.ts';
import { getSiteDownloads, type SiteDownloads } from './site-downloads.ts';

const SITE = 'https://gongkai.example.org/';

describe('describeExcelOverflow', () => {
  it('is null while the file, header included, fits one worksheet, and says by how much it does not after', () => {
    expect(describeExcelOverflow(0)).toBeNull();
    expect(describeExcelOverflow(EXCEL_MAX_ROWS - 1)).toBeNull();
    const over = describeExcelOverflow(EXCEL_MAX_ROWS);
    expect(over).toContain('共 1,048,577 行');
    expect(over).toContain('其后的 1 行');
    expect(describeExcelOverflow(4_000_000)).toContain('其后的 2,951,425 行');
  });
});

describe('the data pages and Excel', () => {
  const content = loadCommittedContent();
  const downloads = getSiteDownloads(content, SITE);
  const [year] = [...downloads.years.keys()] as [number];

  it('flag nothing for the committed reports, whose yearly files fit', () => {
    expect(buildDataPageView(content, downloads, SITE).years.every((y) => y.excelWarning === null)).toBe(true);
    expect(buildDataYearView(content, downloads, SITE, year, 1).yearCellsExcelWarning).toBeNull();
  });

  it('flag a year whose cells file has more lines than a worksheet, on /data/ and on the year page', () => {
    const years = new Map([...downloads.years].map(([y, f]) => [y, y === year ? { ...f, rows: 1_200_000 } : f]));
    const big: SiteDownloads = { ...downloads, years };
    const dataYear = buildDataPageView(content, big, SITE).years.find((y) => y.year === year);
    expect(dataYear?.excelWarning).toContain('共 1,200,001 行');
    expect(buildDataYearView(content, big, SITE, year, 1).yearCellsExcelWarning).toContain('其后的 151,425 行');
  });
});
