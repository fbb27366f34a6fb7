import { describe, expect, it } from 'vitest';
import { loadCommittedContent } from '../fixtures/committed-content.ts';
import type { CheckedReport } from '../reports/types.ts';
import { formatCitationText } from '../downloads/citation.ts';
import { CSV_BOM } from '../downloads/csv-text.ts';
import { buildDataPageView, formatJsonLd } from './data-page-view.ts';
import { SITE_RESOURCES } from '../downloads/fields.ts';
import { buildReportDownloadsView, formatByteSize } from './report-downloads-view.ts';
import { getSiteDownloads } from '../downloads/site-downloads.ts';
import { TIDY_HEADER } from '../downloads/tidy-csv.ts';

const content = loadCommittedContent();
const SITE = 'https://gongkai.example.org/';
const downloads = getSiteDownloads(content, SITE);

describe('getSiteDownloads', () => {
  it('generates once per content and site address', () => {
    expect(getSiteDownloads(content, SITE)).toBe(downloads);
    expect(getSiteDownloads(content, 'https://other.example/')).not.toBe(downloads);
  });

  it("builds the site-wide cells.csv from the reports' own lines, so both say the same", () => {
    const header = `${CSV_BOM}${TIDY_HEADER.join(',')}\n`;
    const bodies = content.reports.map((r) => {
      const text = downloads.reports.get(r.meta.id)?.cells.text ?? '';
      expect(text.startsWith(header)).toBe(true);
      return text.slice(header.length);
    });
    expect(downloads.site[0]?.text).toBe(header + bodies.join(''));
  });

  it('has a file at every URL it lists, four per report plus the site-wide ones and one cells file per year', () => {
    expect(downloads.byPath.size).toBe(content.reports.length * 4 + SITE_RESOURCES.length + 1 + downloads.years.size);
    for (const [path, file] of downloads.byPath) {
      expect(file.path).toBe(path);
      expect(file.bytes).toBe(Buffer.byteLength(file.text, 'utf8'));
    }
  });
});

describe('the data page view', () => {
  const view = buildDataPageView(content, downloads, SITE);

  it('lists every site-wide file with its exact size, and links each year with its report count', () => {
    expect(view.siteFiles.map((f) => f.href)).toEqual(['/data/cells.csv', '/data/reports.csv', '/data/active.csv', '/data/requests.csv', '/data/appeals.csv']);
    for (const link of [...view.siteFiles, view.datapackage]) {
      expect(link.bytes, link.href).toBe(downloads.byPath.get(link.href)?.bytes);
      expect(link.size).toBe(formatByteSize(link.bytes));
    }
    expect(view.siteFiles[0]?.fields.map((f) => f.name)).toEqual(TIDY_HEADER);
    expect(view.years.map((y) => [y.href, y.reports, y.pages])).toEqual([['/data/2020/', 5, 1]]);
    expect(view.reportCount).toBe(5);
  });

  it('describes the dataset in schema.org JSON-LD with every distribution at an absolute URL', () => {
    const ld = JSON.parse(view.jsonLd) as Record<string, unknown> & { distribution: { contentUrl: string; encodingFormat: string }[]; isBasedOn: unknown[] };
    expect(ld['@type']).toBe('Dataset');
    expect(ld.license).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(ld.temporalCoverage).toBe('2020');
    expect(ld.spatialCoverage).toMatchObject({ '@type': 'Place', name: '黑龙江省' });
    expect(ld.distribution.map((d) => d.contentUrl)).toEqual([...view.siteFiles.map((f) => f.href), '/data/datapackage.json'].map((p) => new URL(p, SITE).href));
    expect(ld.distribution.at(-1)?.encodingFormat).toBe('application/json');
    expect(ld.isBasedOn).toEqual([{ '@type': 'Collection', name: '2020年政府信息公开工作年度报告（5 份）', url: 'https://gongkai.example.org/data/2020/', temporalCoverage: '2020' }]);
  });

  it('escapes < in JSON-LD so no text can close the script element', () => {
    expect(formatJsonLd({ a: '</script><b>' })).toBe('{\n  "a": "\\u003c/script>\\u003cb>"\n}');
    expect(JSON.parse(formatJsonLd({ a: '</script>' }))).toEqual({ a: '</script>' });
  });

  it('cites the dataset', () => {
    expect(formatCitationText(view.datasetCitation)).toContain('[DS/OL]. 公开 gongkai, 整理. [引用日期]. https://gongkai.example.org/data/.');
  });
});

describe('the 下载数据 section of a report page', () => {
  it('links the three tables and the tidy file with the names they are saved under', () => {
    const view = buildReportDownloadsView(content.reports.find((r) => r.meta.id === '230881-2020') as CheckedReport, downloads, SITE);
    expect(view.links.map((l) => [l.href, l.download])).toEqual([
      ['/reports/230881-2020/active.csv', '230881-2020-active.csv'],
      ['/reports/230881-2020/requests.csv', '230881-2020-requests.csv'],
      ['/reports/230881-2020/appeals.csv', '230881-2020-appeals.csv'],
      ['/reports/230881-2020/cells.csv', '230881-2020-cells.csv'],
    ]);
    expect(view.links[1]?.text).toBe('表三 收到和处理政府信息公开申请情况');
    expect(view.original).toBeNull();
  });
});

describe('formatByteSize', () => {
  it('uses B below 1 KB, then one decimal in binary units', () => {
    expect([0, 1023, 1024, 1536, 1024 * 1024 - 1, 5 * 1024 * 1024].map(formatByteSize)).toEqual(['0 B', '1023 B', '1.0 KB', '1.5 KB', '1.0 MB', '5.0 MB']);
  });
});
