/**
 * The search index's parts: non-report pages together, reports by year, a big year in hash buckets
 * that stay put when a report is added, and the manifest the search page reads.
 */
import { describe, expect, it } from 'vitest';
import { loadCommittedContent } from '../fixtures/committed-content.ts';
import { hashReportId, planSearchParts, readSearchPartMaxPages, renderSearchManifest, SEARCH_PART_MAX_PAGES } from './pagefind-parts.ts';

const content = loadCommittedContent();

/** The page path of a report id. */
function reportPage(id: string): string {
  return `reports/${id}/index.html`;
}

/** The pages of the committed site search covers: its reports, its jurisdictions, the methodology. */
const committedPages = [
  ...content.reports.map((r) => reportPage(r.meta.id)),
  ...content.jurisdictions.all.map((j) => `jurisdictions/${j.code}/index.html`),
  'methodology/index.html',
];

/** Report ids of many years and series, made from the committed jurisdictions and their reports' department ids' shape. */
function makeIds(years: readonly number[], perYear: number): string[] {
  const codes = content.jurisdictions.all.map((j) => j.code);
  return years.flatMap((year) => Array.from({ length: perYear }, (_, i) => (i < codes.length ? `${codes[i]}-${year}` : `${codes[i % codes.length]}-dept${Math.floor(i / codes.length)}-${year}`)));
}

/** The part each page is in. */
function mapPageParts(parts: ReturnType<typeof planSearchParts>): Map<string, string> {
  return new Map(parts.flatMap((p) => p.pages.map((page) => [page, p.name] as const)));
}

describe('planning the search parts', () => {
  it('puts the committed site in two parts: places (jurisdictions and methodology), then 2020', () => {
    const parts = planSearchParts(committedPages);
    expect(parts.map((p) => p.name)).toEqual(['places', '2020']);
    expect(parts[0]?.pages).toHaveLength(content.jurisdictions.all.length + 1);
    expect(parts[0]?.pages).toContain('methodology/index.html');
    expect(parts[1]?.pages).toEqual(content.reports.map((r) => reportPage(r.meta.id)).sort());
  });

  it('groups reports by year, years ascending, whatever the order of the paths, and every page once', () => {
    const ids = makeIds([2022, 2019, 2020], 40);
    const paths = [...ids.map(reportPage), 'methodology/index.html'].reverse();
    const parts = planSearchParts(paths, 100);
    expect(parts.map((p) => [p.name, p.pages.length])).toEqual([['places', 1], ['2019', 40], ['2020', 40], ['2022', 40]]);
    expect(planSearchParts([...paths].sort(), 100)).toEqual(parts);
    expect(parts.flatMap((p) => p.pages).sort()).toEqual([...paths].sort());
    // Department reports (<code>-<slug>-<year>) go by their year too.
    expect(planSearchParts([reportPage('230881-jiaoyu-2019'), reportPage('230881-2020')], 100).map((p) => p.name)).toEqual(['2019', '2020']);
  });

  it('splits a year above the limit into numbered buckets of at most that many pages', () => {
    const ids = makeIds([2021], 1000);
    const parts = planSearchParts(ids.map(reportPage), 300);
    expect(parts.length).toBeGreaterThanOrEqual(4);
    expect(parts.every((p) => /^2021-\d+$/.test(p.name) && p.pages.length > 0 && p.pages.length <= 300)).toBe(true);
    expect(parts.reduce((n, p) => n + p.pages.length, 0)).toBe(1000);
    const numbers = parts.map((p) => Number(p.name.split('-')[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    // A report's bucket is its id's hash modulo a power of two.
    const buckets = 2 ** Math.ceil(Math.log2(Math.max(...numbers)));
    for (const p of parts) for (const page of p.pages) expect(`2021-${(hashReportId(page.split('/')[1]!) % buckets) + 1}`).toBe(p.name);
  });

  it('changes one bucket when a report is added to a split year, and leaves other years alone', () => {
    const ids = makeIds([2020, 2021], 700);
    const before = planSearchParts(ids.map(reportPage), 300);
    const added = `${content.jurisdictions.all[0]!.code}-added-2021`;
    const after = planSearchParts([...ids, added].map(reportPage), 300);
    expect(after.map((p) => p.name)).toEqual(before.map((p) => p.name));
    const changed = after.filter((p, i) => JSON.stringify(p) !== JSON.stringify(before[i]));
    expect(changed.map((p) => p.name)).toEqual([mapPageParts(after).get(reportPage(added))]);
    expect(changed[0]?.pages).toEqual([...before.find((p) => p.name === changed[0]?.name)!.pages, reportPage(added)].sort());
  });

  it('keeps a year whole at the limit and names it by the year alone', () => {
    const ids = makeIds([2023], 50);
    expect(planSearchParts(ids.map(reportPage), 50).map((p) => p.name)).toEqual(['2023']);
    expect(planSearchParts(ids.map(reportPage), 49).every((p) => p.name.startsWith('2023-'))).toBe(true);
  });

  it('gives every report its own part when a part may hold one page', () => {
    const parts = planSearchParts(committedPages, 1);
    expect(parts[0]?.name).toBe('places');
    expect(parts.slice(1).map((p) => p.pages.length)).toEqual(content.reports.map(() => 1));
  });

  it('rejects a report page whose directory is not a report id, and a limit that is not a positive integer', () => {
    expect(() => planSearchParts(['reports/latest/index.html'])).toThrow(/reports\/latest\/index\.html: a report page whose directory is not a report id/);
    expect(() => planSearchParts(committedPages, 0)).toThrow(/expected a positive integer/);
  });
});

describe('the part settings and manifest', () => {
  it('reads GONGKAI_SEARCH_PART_PAGES, defaulting when unset, refusing what is not a positive integer', () => {
    expect(readSearchPartMaxPages({})).toBe(SEARCH_PART_MAX_PAGES);
    expect(readSearchPartMaxPages({ GONGKAI_SEARCH_PART_PAGES: '3' })).toBe(3);
    expect(() => readSearchPartMaxPages({ GONGKAI_SEARCH_PART_PAGES: '0' })).toThrow(/GONGKAI_SEARCH_PART_PAGES=0: expected a positive integer[\s\S]*hint:/);
    expect(() => readSearchPartMaxPages({ GONGKAI_SEARCH_PART_PAGES: 'many' })).toThrow(/GONGKAI_SEARCH_PART_PAGES=many/);
  });

  it('lists the parts in plan order as directories relative to the manifest, one JSON line', () => {
    expect(renderSearchManifest(planSearchParts(committedPages))).toBe('{"parts":["places/","2020/"]}\n');
  });

  it('hashes ids stably (FNV-1a, 32 bits)', () => {
    expect(hashReportId('')).toBe(0x811c9dc5);
    expect(hashReportId('a')).toBe(0xe40c292c);
    expect(hashReportId('230881-2020')).toBe(hashReportId('230881-2020'));
    expect(hashReportId('230881-2020')).not.toBe(hashReportId('230881-2021'));
  });
});
