/**
 * Ranking on the search page, without the DOM: a query that names a jurisdiction puts that
 * jurisdiction's page and its reports first; full-text results follow, each once.
 */
import type { SearchMetric, SearchName, SearchNameReport } from '../views/search-view.ts';
import type { Jurisdiction } from '../jurisdictions/jurisdictions.ts';
import { compareAgencySlugs, matchAgencyQuery } from '../publishers/agencies.ts';
import { describePublisher, parseReportId } from '../publishers/publisher.ts';
import { comparePath, jurisdictionPath, METHODOLOGY_PATH, metricMethodologyPath, publisherPath, reportPath, SEARCH_PATH } from '../site/paths.ts';

/** The list of one jurisdiction's reports that the search page fetches when a query names it (built by src/pages/search/places/[code].json.ts). */
export function searchPlaceReportsPath(code: string): string {
  return `${SEARCH_PATH}places/${code}.json`;
}

/** One line of the result list. */
export interface SearchHit {
  readonly href: string;
  readonly title: string;
  /** What the page is: 地区 · 县级 · 230881, or 报告 · 同江市 · 2020 年. */
  readonly context: string;
  /** Pagefind's excerpt (HTML with `<mark>`), for full-text hits. */
  readonly excerpt: string | null;
}

/** Suffixes a place name may be typed without: 同江市 → 同江, 大兴安岭地区 → 大兴安岭. */
const NAME_SUFFIX = /(?:自治县|地区|市|县|区|省)$/;

/** How well a query names a jurisdiction: lower is better, null when it does not. */
export function scoreNameMatch(name: string, query: string): number | null {
  const q = query.replace(/\s+/g, '');
  if ([...q].length < 2) return null;
  const stem = name.replace(NAME_SUFFIX, '');
  if (q === name) return 0;
  if (q === stem) return 1;
  if (name.startsWith(q)) return 2;
  if (q.includes(name)) return 3;
  if ([...stem].length >= 2 && q.includes(stem)) return 4;
  return null;
}

const LEVEL_ORDER = { province: 0, prefecture: 1, county: 2 } as const;

/** The jurisdictions a query names, best first (then province before prefecture before county, then by code). */
export function matchJurisdictions(names: readonly SearchName[], query: string, limit = 3): SearchName[] {
  return names
    .map((n) => ({ n, score: scoreNameMatch(n.name, query) }))
    .filter((x): x is { n: SearchName; score: number } => x.score !== null)
    .sort((a, b) => a.score - b.score || LEVEL_ORDER[a.n.level] - LEVEL_ORDER[b.n.level] || (a.n.code < b.n.code ? -1 : 1))
    .slice(0, limit)
    .map((x) => x.n);
}

/** What is left of a query once a jurisdiction's name (or its name without 市/县/区) is taken out: 哈尔滨教育局 → 教育局. */
export function removePlaceName(name: string, query: string): string {
  const q = query.replace(/\s+/g, '');
  const stem = name.replace(NAME_SUFFIX, '');
  if (q.includes(name)) return q.replace(name, '');
  return [...stem].length >= 2 && q.includes(stem) ? q.replace(stem, '') : q;
}

/** A jurisdiction of the name index as a Jurisdiction, for naming its departments. */
function asJurisdiction(j: SearchName): Jurisdiction {
  return { code: j.code, name: j.name, level: j.level, parent: null };
}

/** The hits of one department: its page, then its reports (a year in the query first, then newest). */
function listDepartmentHits(j: SearchName, key: string, reports: readonly SearchNameReport[], years: ReadonlySet<number>): SearchHit[] {
  const slug = key.slice(j.code.length + 1);
  const name = describePublisher(reports[0]?.id ?? key, asJurisdiction(j), '').name || `${j.name}（${slug}）`;
  return [
    { href: publisherPath(key), title: name, context: `部门 · ${j.name} · ${reports.length} 份报告`, excerpt: null },
    ...listReportHits(name, reports, years),
  ];
}

/** Report hits, a year in the query first, then newest. */
function listReportHits(name: string, reports: readonly SearchNameReport[], years: ReadonlySet<number>): SearchHit[] {
  return [...reports]
    .sort((a, b) => Number(years.has(b.year)) - Number(years.has(a.year)) || b.year - a.year)
    .map((r) => ({
      href: reportPath(r.id),
      title: r.title,
      context: `报告 · ${name} · ${r.year} 年 · ${r.failing.length ? `未通过 ${r.failing.join('、')}` : '一致性检查通过'}`,
      excerpt: null,
    }));
}

/**
 * The hits for the jurisdictions a query names. A query that also names a kind of department
 * (哈尔滨教育局, 哈尔滨 市教育局, 哈尔滨教育) puts that department's page and reports first. Otherwise
 * each jurisdiction's page comes first, then its government's reports, then one hit per department
 * (its page). `reportsOf` gives the reports fetched for a jurisdiction, departments' included (none
 * when its list could not be fetched).
 */
export function buildNameHits(names: readonly SearchName[], query: string, reportsOf: (code: string) => readonly SearchNameReport[]): SearchHit[] {
  const years = new Set((query.match(/\d{4}/g) ?? []).map(Number));
  return matchJurisdictions(names, query).flatMap((j) => {
    const reports = reportsOf(j.code);
    const own = reports.filter((r) => parseReportId(r.id)?.agency === null);
    const departments = new Map<string, SearchNameReport[]>();
    for (const r of reports) {
      const key = parseReportId(r.id)?.agency ? parseReportId(r.id)?.publisher : undefined;
      if (key) departments.set(key, [...(departments.get(key) ?? []), r]);
    }
    const agency = matchAgencyQuery(removePlaceName(j.name, query));
    const named = agency ? departments.get(`${j.code}-${agency.slug}`) : undefined;
    const place: SearchHit = { href: jurisdictionPath(j.code), title: j.name, context: `地区 · ${j.levelLabel} · ${j.code} · ${j.reports} 份报告`, excerpt: null };
    const others = [...departments]
      .sort(([a], [b]) => compareAgencySlugs(a.slice(j.code.length + 1), b.slice(j.code.length + 1)))
      .filter(([key]) => key !== `${j.code}-${agency?.slug}`).map(([key, list]) => listDepartmentHits(j, key, list, years)[0]!);
    return [...(named && agency ? listDepartmentHits(j, `${j.code}-${agency.slug}`, named, years) : []), place, ...listReportHits(j.name, own, years), ...others];
  });
}

/**
 * The metrics a query names, best first, at most two: a name typed whole (the longer, more specific
 * name first: 不予公开率 before 公开率), then names that hold the query (纠错率 → 复议纠错率, 诉讼纠错率).
 */
export function matchMetrics(metrics: readonly SearchMetric[], query: string): SearchMetric[] {
  const q = query.replace(/\s+/g, '');
  const terms = query.split(/\s+/).filter(Boolean);
  const score = (m: SearchMetric): number | null => (q.includes(m.name) ? 0 : [...q].length >= 2 && terms.some((t) => [...t].length >= 2 && m.name.includes(t)) ? 1 : null);
  return metrics
    .map((m) => ({ m, s: score(m) }))
    .filter((x): x is { m: SearchMetric; s: number } => x.s !== null)
    .sort((a, b) => a.s - b.s || (a.s === 0 ? b.m.name.length - a.m.name.length : a.m.name.length - b.m.name.length))
    .slice(0, 2)
    .map((x) => x.m);
}

/** The hits for the metrics a query names: each one's comparison (the year in the query, else the newest), then its definition. */
export function buildMetricHits(metrics: readonly SearchMetric[], query: string): SearchHit[] {
  const asked = (query.match(/\d{4}/g) ?? []).map(Number);
  return matchMetrics(metrics, query).flatMap((m) => {
    const year = m.years.find((y) => asked.includes(y)) ?? m.years[0];
    const compare: SearchHit[] = year === undefined ? [] : [{ href: comparePath(year, m.id), title: `${year} 年各地${m.name}比较`, context: `比较 · ${year} 年 · ${m.name}`, excerpt: null }];
    return [...compare, { href: metricMethodologyPath(m.id), title: `${m.name}：定义和计算方法`, context: '方法说明', excerpt: null }];
  });
}

/** Describes a full-text hit's page from its URL, naming the jurisdiction a report or jurisdiction page belongs to. */
export function describePage(url: string, names: readonly SearchName[]): string {
  const byCode = (code: string | undefined): SearchName | undefined => names.find((n) => n.code === code);
  const report = /^\/reports\/([^/]+)\/$/.exec(url);
  const parts = report ? parseReportId(report[1] ?? '') : null;
  if (parts) {
    const j = byCode(parts.jurisdiction);
    const who = (j && parts.agency ? describePublisher(report![1]!, asJurisdiction(j), '').name : j?.name) || parts.jurisdiction;
    return `报告 · ${who} · ${parts.year} 年`;
  }
  const publisher = /^\/publishers\/((\d{6})-[^/]+)\/$/.exec(url);
  if (publisher) {
    const j = byCode(publisher[2]);
    return j ? `部门 · ${j.name}` : '部门';
  }
  const place = /^\/jurisdictions\/(\d{6})\/$/.exec(url);
  if (place) {
    const j = byCode(place[1]);
    return j ? `地区 · ${j.levelLabel} · ${j.code}` : '地区';
  }
  const compare = /^\/compare\/(\d{4})\/[^/]+\/$/.exec(url);
  if (compare) return `比较 · ${compare[1]} 年`;
  return url === METHODOLOGY_PATH ? '方法说明' : '';
}

/**
 * Puts full-text hits whose text holds every term of the query literally before the others, keeping
 * Pagefind's order within each group. Pagefind matches Chinese word by word (同江 as 同 + 江, which
 * also matches 黑龙江 and 牡丹江); a page with the whole phrase is the better answer, and the search
 * page shows the others only when no page holds the phrase (keepLiteral).
 */
export function orderByLiteralMatch<T extends { readonly content: string }>(hits: readonly T[], query: string): { hits: T[]; literal: number } {
  const terms = query.split(/\s+/).filter(Boolean);
  const isLiteral = (h: T): boolean => terms.every((t) => h.content.includes(t));
  const literal = hits.filter(isLiteral);
  return { hits: [...literal, ...hits.filter((h) => !isLiteral(h))], literal: literal.length };
}

/** The title to show for a full-text hit: a jurisdiction page by its name alone, other pages by their heading. */
export function titlePage(url: string, heading: string, names: readonly SearchName[]): string {
  const place = /^\/jurisdictions\/(\d{6})\/$/.exec(url);
  return (place && names.find((n) => n.code === place[1])?.name) || heading || url;
}

/** Merges name hits and full-text hits: name hits first (with the full-text excerpt when there is one), then the other full-text hits. */
export function mergeHits(nameHits: readonly SearchHit[], textHits: readonly SearchHit[]): SearchHit[] {
  const excerpts = new Map(textHits.map((h) => [h.href, h.excerpt]));
  const seen = new Set(nameHits.map((h) => h.href));
  const rest = textHits.filter((h) => !seen.has(h.href) && seen.add(h.href));
  return [...nameHits.map((h) => ({ ...h, excerpt: h.excerpt ?? excerpts.get(h.href) ?? null })), ...rest];
}

/** The full-text hits to show: those holding the query as typed when there are any, else all (with the status line saying so). */
export function keepLiteral<T>(ordered: { hits: readonly T[]; literal: number }): T[] {
  return ordered.literal > 0 ? ordered.hits.slice(0, ordered.literal) : [...ordered.hits];
}
