/** The home page stays small at any number of reports; each year's page lists all of that year's reports. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { loadContent } from '../src/loaders/load-content.ts';
import { nodeContentFs } from '../src/loaders/node-fs.ts';
import { buildReportList, HOME_LATEST, summariseYears, type ReportListItem } from '../src/views/site-views.ts';
import { reportPath, yearPath } from '../src/site/paths.ts';

const content = loadContent(nodeContentFs, 'content');
const dist = inject('distDir');

/** The report links of a page's report list. */
function listReportLinks(html: string): string[] {
  const table = /<table class="report-list">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  return [...table.matchAll(/<a href="(\/reports\/[^"]+)"/g)].map((m) => m[1] ?? '');
}

describe('year pages', () => {
  it('list every report of their year, and the home page links each year', () => {
    const home = readFileSync(join(dist, 'index.html'), 'utf8');
    const years = [...new Set(content.reports.map((r) => r.meta.year))];
    expect(years.length).toBeGreaterThan(0);
    for (const year of years) {
      expect(home).toContain(`href="${yearPath(year)}"`);
      const html = readFileSync(join(dist, 'years', String(year), 'index.html'), 'utf8');
      const expected = content.reports.filter((r) => r.meta.year === year).map((r) => reportPath(r.meta.id));
      expect(listReportLinks(html).sort()).toEqual(expected.sort());
    }
  });

  it('leave the home page at most the newest reports', () => {
    const links = listReportLinks(readFileSync(join(dist, 'index.html'), 'utf8'));
    expect(links.length).toBe(Math.min(HOME_LATEST, content.reports.length));
  });
});

describe('summariseYears', () => {
  it('counts each year\'s reports and failing reports, newest year first', () => {
    const items = buildReportList(content.reports, content.jurisdictions);
    const twice: ReportListItem[] = [...items, ...items.map((i) => ({ ...i, year: i.year - 1, failing: false }))];
    const years = summariseYears(twice);
    const year = items[0]!.year;
    expect(years.map((y) => y.year)).toEqual([year, year - 1]);
    expect(years[0]).toMatchObject({ reports: items.length, failing: items.filter((i) => i.failing).length, href: yearPath(year) });
    expect(years[1]).toMatchObject({ reports: items.length, failing: 0 });
  });
});
