/**
 * Every page type of the site, declared once. The browser, accessibility, budget and Lighthouse
 * tests iterate over this list; a page type whose page is missing from the build fails them.
 * When a new page type exists, add it here with one representative path.
 */

/** Size limits of a page type in gzipped kilobytes (1 KB = 1024 bytes): everything, and JavaScript alone. */
export interface PageBudget {
  readonly totalKb: number;
  readonly jsKb?: number;
}

/** One page type and the page that stands for it. */
export interface PageType {
  readonly name: string;
  /** A URL path of the built site (with `?query` where the page needs one). */
  readonly path: string;
  /** Size limits, where the issue sets them; other page types are measured and reported only. */
  readonly budget?: PageBudget;
  /** A selector that appears once the page's own script has finished (tests wait for it). */
  readonly ready?: string;
  /**
   * A page without the site's navigation, search box and feed links (an embed, shown in someone
   * else's page): the tests still want one h1, the main landmark and the head tags.
   */
  readonly bare?: boolean;
  /** How a reader picks the dark theme here: the header button (stored choice, the default) or `?theme=dark` (embeds). */
  readonly pickTheme?: 'button' | 'query';
  /**
   * The site the page is on: the committed content's (the default) or `departments`, built from the
   * synthetic department corpus (src/fixtures/department-corpus.ts) for the pages only departments have.
   */
  readonly site?: 'departments';
}

/** The page types, each with a page that exercises most of what the type can show. */
export const PAGE_TYPES: readonly PageType[] = [
  { name: 'home', path: '/' },
  // 同江市 2020 fails two rules: flagged cells, a failing quality panel, the longest narrative.
  { name: 'report', path: '/reports/230881-2020/', budget: { totalKb: 30, jsKb: 5 } },
  // The other pages with charts (issue #4) have the report page's budget: the charts are SVG, only their hover script is JavaScript.
  // The kept source text a report's cells link to, a line per item (同江市 2020: 424 lines).
  { name: 'source', path: '/reports/230881-2020/source/' },
  { name: 'jurisdiction', path: '/jurisdictions/230881/', budget: { totalKb: 30, jsKb: 5 } },
  // A prefecture with reports of its own and of a county below it.
  { name: 'prefecture', path: '/jurisdictions/230700/', budget: { totalKb: 30, jsKb: 5 } },
  { name: 'jurisdictions', path: '/jurisdictions/' },
  { name: 'year', path: '/years/2020/' },
  { name: 'comparison', path: '/compare/2020/grant_rate/', budget: { totalKb: 30, jsKb: 5 } },
  { name: 'comparisons', path: '/compare/' },
  { name: 'methodology', path: '/methodology/' },
  { name: 'data', path: '/data/' },
  { name: 'data-year', path: '/data/2020/' },
  // A chart made to sit in someone else's page: no site chrome, theme from ?theme=.
  { name: 'embed', path: '/embed/230881-2020/flow/', budget: { totalKb: 20 }, bare: true, pickTheme: 'query' },
  { name: 'search', path: `/search/?q=${encodeURIComponent('同江')}`, ready: '#search-results li' },
  // Departments (synthetic corpus): 哈尔滨市教育局's seven years of trends; 鸡西市教育局's one report as
  // key figures; 哈尔滨's page listing its four departments; every 教育局 on 公开率 in 2021; a trend's embed.
  { name: 'publisher', path: '/publishers/230100-jiaoyu/', budget: { totalKb: 30, jsKb: 5 }, site: 'departments' },
  { name: 'publisher-one-report', path: '/publishers/230300-jiaoyu/', budget: { totalKb: 30, jsKb: 5 }, site: 'departments' },
  { name: 'place-departments', path: '/jurisdictions/230100/', budget: { totalKb: 30, jsKb: 5 }, site: 'departments' },
  { name: 'department-comparison', path: '/compare/2021/grant_rate/jiaoyu/', budget: { totalKb: 30, jsKb: 5 }, site: 'departments' },
  { name: 'publisher-embed', path: '/embed/publishers/230100-jiaoyu/trend-grant_rate/', budget: { totalKb: 20 }, bare: true, pickTheme: 'query', site: 'departments' },
  // The error page as a host serves it for a missing URL is tested in pages.test.ts; here it is fetched by name.
  { name: '404', path: '/404.html' },
];

/** The path of a page type without its query, for reading the built file. */
export function stripQuery(path: string): string {
  return path.replace(/[?#].*$/, '');
}
